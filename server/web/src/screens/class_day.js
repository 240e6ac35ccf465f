// class_day: the class teacher's day for the own class — entrance taps beside lesson attendance with
// the disagreements (both ways) named above the table, absence notices, the box's card alerts, the
// term's class averages, and per pupil the week's behaviour note, the guardians' contacts and a
// message to them; an announcement to the class. Every read is one the class teacher already has.
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
import { ClassNotices, CardAlerts, TermOverview, ClassAnnouncement } from "../parts/class_side.js";
import { addDays, formatDate, parseDate, termOn } from "../week.js";

const SHORT = { late: "classday.late", absent_unexcused: "diary.absent", absent_excused: "diary.absent_excused", absent_illness: "diary.absent_ill" };

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
        ${findings && html`<${Findings} f=${findings} />
          <${DayTable} day=${day.data} rows=${findings.rows} choose=${choose} chosen=${pupil} />`}
        ${pupil && html`<${PupilPanel} key=${pupil.id} pupil=${pupil} date=${date} close=${() => setPupil(null)} />`}
      </div>
      <div class="day-side">
        <${ClassNotices} classId=${klass.class_id} date=${date} />
        <${CardAlerts} />
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

function DayTable({ day, rows, choose, chosen }) {
  if (!day.lessons.length) return html`<p class="empty">${t("diary.no_lessons")}</p>`;
  return html`<div class="scroll-x" tabindex="0" role="region" aria-label=${t("classday.attendance")}>
    <table class="journal class-day-table">
      <caption class="sr">${t("classday.table_caption")}</caption>
      <thead><tr><th scope="col">${t("journal.pupil")}</th><th scope="col">${t("classday.taps")}</th>
        ${day.lessons.map((l) => html`<th scope="col"><span class="period">${l.period}</span> ${l.subject}<br /><span class="meta">${l.starts}–${l.ends}</span></th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <th scope="row"><button type="button" class="link" aria-pressed=${chosen && chosen.id === r.student.id ? "true" : "false"}
          onClick=${() => choose(r.student)}>${r.student.name}</button></th>
        <td class="taps">${r.taps.length ? r.taps.map((tp) => html`<span class=${`tap ${tp.direction}`}>${tp.direction === "in" ? "→" : "←"} ${tp.at}</span> `)
          : html`<span class="meta">${t("classday.no_tap")}</span>`}</td>
        ${r.lessons.map((c) => html`<td class=${c.kind ? `cell-${c.kind}` : undefined}>
          ${SHORT[c.status] ? html`<span class="absence">${t(SHORT[c.status])}</span>` : html`<span aria-hidden="true">✓</span><span class="sr">${t("classday.present")}</span>`}
          ${c.kind && html` <strong class="flag">⚠ ${t("classday.flag_" + c.kind)}</strong>`}
        </td>`)}
      </tr>`)}</tbody>
    </table>
  </div>
  <p class="hint">${t("classday.pick_pupil")}</p>`;
}
