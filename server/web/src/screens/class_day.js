// class_day: the class teacher's day for the own class — entrance taps beside lesson attendance with
// the disagreements (both ways) named above them, the entrance's card anomalies about the class's
// pupils, absence notices, the term's class averages, and per pupil the week's behaviour note, the
// guardians' contacts and a message to them; an announcement to the class. Every read is the class
// overview's (the class teacher's and the director's).
import { useRoute, useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { me, school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading, NotAllowed } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { classDayFindings } from "../parts/class_day_rules.js";
import { PupilPanel } from "../parts/class_pupil.js";
import { ClassNotices, TermOverview, ClassAnnouncement } from "../parts/class_side.js";
import { CardAnomalies } from "../parts/class_anomalies.js";
import { DayPupils } from "../parts/class_day_pupils.js";
import { addDays, formatDate, parseDate, termOn } from "../week.js";

export function ClassDay() {
  const { params } = useRoute();
  const { route } = useLocation();
  const mine = (me.value.class_teacher_of || []);
  const klass = mine.find((c) => c.class_id === params.klass);
  const date = parseDate(params.date) ? params.date : null;
  const day = useApi(klass && date && `/api/v1/classes/${encodeURIComponent(klass.class_id)}/attendance?date=${date}`);
  const [pupil, setPupil] = useState(null);
  if (!mine.length) return html`<${NotAllowed} />`;
  if (!klass || !date) return html`<${Redirect} to=${`/class/${klass ? klass.class_id : mine[0].class_id}/day/${formatDate(new Date())}`} />`;
  const go = (d) => route(`/class/${klass.class_id}/day/${d}`);
  const when = parseDate(date);
  const term = termOn(school.value && school.value.terms, when);
  const findings = day.data && classDayFindings(day.data, new Date());
  const choose = (s) => {
    setPupil(s);
    requestAnimationFrame(() => document.getElementById("pupil-panel")?.focus());
  };

  return html`<section aria-labelledby="day-title" class="class-day">
    <div class="week-bar">
      <h1 id="day-title">${t("classday.title", { class: klass.class })}
        <span class="week-range">${fmt.weekday(when)}, ${fmt.day(when, true)}</span></h1>
      <div class="week-tools">
        <button type="button" onClick=${() => go(formatDate(addDays(when, -1)))} aria-label=${t("classday.previous_day")}>◀</button>
        <button type="button" onClick=${() => go(formatDate(new Date()))} disabled=${date === formatDate(new Date())}>${t("classday.today")}</button>
        <button type="button" onClick=${() => go(formatDate(addDays(when, 1)))} aria-label=${t("classday.next_day")}>▶</button>
        <label class="jump"><span>${t("diary.jump")}</span>
          <input type="date" value=${date} onChange=${(e) => parseDate(e.currentTarget.value) && go(e.currentTarget.value)} /></label>
      </div>
    </div>
    ${mine.length > 1 && html`<ul class="teaches">${mine.map((c) => html`<li>
      <a href=${`/class/${c.class_id}/day/${date}`} aria-current=${c.class_id === klass.class_id ? "page" : undefined}>${c.class}</a></li>`)}</ul>`}
    <div class="day-columns">
      <div class="day-main">
        <h2>${t("classday.attendance")}</h2>
        ${day.loading && !day.data && html`<${Loading} />`}
        <${ErrorNote} error=${day.error} retry=${day.reload} />
        ${findings && html`<${Findings} f=${findings} />`}
        <${CardAnomalies} classId=${klass.class_id} date=${date} choose=${choose} />
        ${findings && html`<${DayPupils} day=${day.data} rows=${findings.rows} choose=${choose} chosen=${pupil} />`}
        ${pupil && html`<${PupilPanel} key=${pupil.id} pupil=${pupil} date=${date} close=${() => setPupil(null)} />`}
      </div>
      <div class="day-side">
        <${ClassNotices} classId=${klass.class_id} date=${date} />
        ${term && html`<${TermOverview} classId=${klass.class_id} term=${term} />`}
        <${ClassAnnouncement} klass=${klass} />
      </div>
    </div>
  </section>`;
}

function Findings({ f }) {
  const line = (x) => html`<li>${x.student.name} — ${x.lesson.period}. ${x.lesson.subject}</li>`;
  if (!f.absent_inside.length && !f.present_outside.length)
    return html`<p class="ok" role="status">${f.entranceInUse ? t("classday.all_agree") : t("classday.no_taps")}</p>`;
  return html`<div class="findings" role="status">
    ${f.absent_inside.length > 0 && html`<div><h3>${t("classday.absent_inside")} (${f.absent_inside.length})</h3><ul>${f.absent_inside.map(line)}</ul></div>`}
    ${f.present_outside.length > 0 && html`<div><h3>${t("classday.present_outside")} (${f.present_outside.length})</h3><ul>${f.present_outside.map(line)}</ul></div>`}
  </div>`;
}
