// diary: a pupil's week like the paper diary — days, lessons with times and rooms, topic,
// homework, marks (details on tap, focus or hover), dots owed, absences; previous/next week, a
// date to jump to, today marked. A guardian acknowledges the week here.
import { useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { me } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { useLive } from "../live.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { isoWeek, isWeek, mondayOf, shiftWeek, addDays, parseDate, formatDate } from "../week.js";

const DIARY_NEWS = ["mark", "attendance", "lesson", "dot", "absence_notice", "acknowledgement", "behaviour"];

export function Diary() {
  const { params } = useRoute();
  const { route } = useLocation();
  const pupil = params.pupil;
  const thisWeek = isoWeek(new Date());
  const week = isWeek(params.week) ? params.week : null;
  // Hooks first, in the same order on every render; a page without a valid week is sent to this week.
  const diary = useApi(week && `/api/v1/students/${encodeURIComponent(pupil)}/diary?week=${week}`);
  // A mark, an absence, a topic or homework saved anywhere shows here without a reload. News of a
  // pupil names the pupil: another child's does not make this one's diary read again.
  useLive(DIARY_NEWS, (kind, d) => {
    if (!d.student_id || d.student_id === pupil) diary.reload();
  });
  if (!week) return html`<${Redirect} to=${`/pupils/${pupil}/diary/${thisWeek}`} />`;
  const go = (w) => route(`/pupils/${pupil}/diary/${w}`);
  const monday = mondayOf(week);

  return html`<section aria-labelledby="diary-title">
    <div class="week-bar">
      <h1 id="diary-title">
        ${diary.data ? html`<span class="pupil-name">${diary.data.student.name}, ${diary.data.student.class}</span>` : null}
        <span class="week-range">${fmt.day(monday)} – ${fmt.day(addDays(monday, 6), true)}</span>
      </h1>
      <div class="week-tools">
        <button type="button" onClick=${() => go(shiftWeek(week, -1))} aria-label=${t("diary.previous_week")}>◀ <span class="wide-only">${t("diary.previous")}</span></button>
        <button type="button" onClick=${() => go(thisWeek)} disabled=${week === thisWeek}>${t("diary.this_week")}</button>
        <button type="button" onClick=${() => go(shiftWeek(week, 1))} aria-label=${t("diary.next_week")}><span class="wide-only">${t("diary.next")}</span> ▶</button>
        <label class="jump">
          <span>${t("diary.jump")}</span>
          <input type="date" value=${formatDate(monday)} onChange=${(e) => { const d = parseDate(e.currentTarget.value); if (d) go(isoWeek(d)); }} />
        </label>
      </div>
    </div>
    ${diary.loading && !diary.data && html`<${Loading} />`}
    <${ErrorNote} error=${diary.error} retry=${diary.reload} />
    ${diary.data && html`<${Week} data=${diary.data} pupil=${pupil} week=${week} reload=${diary.reload} />`}
  </section>`;
}

function Week({ data, pupil, week, reload }) {
  const today = formatDate(new Date());
  return html`
    <ol class="days">
      ${data.days.map((day) => html`<${Day} day=${day} today=${day.date === today} />`)}
    </ol>
    <${Acknowledge} data=${data} pupil=${pupil} week=${week} reload=${reload} />
    <${Extract} pupil=${pupil} week=${week} />`;
}

// The week as the school's printed extract (a PDF with a verification code), opened in the browser's
// own viewer to print or keep; the box registers each one it makes.
function Extract({ pupil, week }) {
  const monday = mondayOf(week);
  const href = `/api/v1/students/${encodeURIComponent(pupil)}/diary-extract.pdf?from=${formatDate(monday)}&to=${formatDate(addDays(monday, 6))}`;
  return html`<p class="extract">
    <a href=${href} target="_blank" rel="noopener">${t("diary.extract")}</a>
    <span class="hint"> ${t("diary.extract_hint")}</span>
  </p>`;
}

function Day({ day, today }) {
  const date = parseDate(day.date);
  return html`<li class=${today ? "day today" : "day"} aria-current=${today ? "date" : undefined}>
    <h2><span class="weekday">${fmt.weekday(date)}</span> <span class="date">${fmt.day(date)}</span>
      ${today && html`<span class="badge">${t("diary.today")}</span>`}</h2>
    ${day.lessons.length === 0
      ? html`<p class="empty">${t("diary.no_lessons")}</p>`
      : html`<ol class="lessons">${day.lessons.map((l) => html`<${Lesson} lesson=${l} />`)}</ol>`}
  </li>`;
}

function Lesson({ lesson: l }) {
  return html`<li class=${l.cancelled ? "lesson cancelled" : "lesson"}>
    <div class="when"><span class="period">${l.period}</span> <span class="time">${l.starts}–${l.ends}</span></div>
    <div class="what">
      <p class="subject">${l.subject}${l.cancelled ? html` <span class="badge">${t("diary.cancelled")}</span>` : null}</p>
      <p class="meta">${l.teacher}${l.room ? html` · ${t("diary.room")} ${l.room}` : null}</p>
      ${l.topic && html`<p class="topic">${l.topic}</p>`}
      ${l.homework.map((h) => html`<p class="homework">
        <span class="label">${t("diary.homework")}:</span> ${h.text}
        ${!h.mandatory && html` <span class="badge">${t("diary.optional")}</span>`}
        ${h.revised_at && h.revised_at !== h.created_at && html` <span class="revised">(${t("diary.revised", { at: fmt.moment(h.revised_at) })})</span>`}
      </p>`)}
    </div>
    <div class="own">
      ${l.marks.map((m) => html`<${Mark} mark=${m} />`)}
      ${l.dots.map((d) => html`<span class="dot" title=${t("diary.dot_until", { date: fmt.day(parseDate(d.expires_on)) })}>
        •<span class="sr">${t("diary.dot_until", { date: fmt.day(parseDate(d.expires_on)) })}</span></span>`)}
      ${l.attendance && l.attendance.status !== "present" && html`<${Attendance} a=${l.attendance} />`}
    </div>
  </li>`;
}

const ABSENCE = { absent_unexcused: "diary.absent", absent_excused: "diary.absent_excused", absent_illness: "diary.absent_ill" };

function Attendance({ a }) {
  if (a.status === "late") return html`<span class="absence late">${t("diary.late", { minutes: a.late_minutes || 0 })}</span>`;
  const key = ABSENCE[a.status] || "diary.absent";
  return html`<span class="absence" title=${t(key + "_long")}>${t(key)}<span class="sr"> — ${t(key + "_long")}</span></span>`;
}

// A mark: its value; its work type, weight, teacher, time and comment on click, focus or hover.
function Mark({ mark: m }) {
  const [open, setOpen] = useState(false);
  const id = `mark-${m.id}`;
  const details = `${m.work_type_name}, ${t("diary.weight", { weight: m.weight })} · ${m.teacher} · ${fmt.moment(m.updated_at || m.created_at)}${m.comment ? " · " + m.comment : ""}`;
  return html`<span class="mark-wrap">
    <button type="button" class=${`mark m${m.value}`} aria-expanded=${open ? "true" : "false"} aria-controls=${id}
      title=${details} onClick=${() => setOpen(!open)} onKeyDown=${(e) => e.key === "Escape" && setOpen(false)}>
      ${m.value}<span class="sr">, ${m.work_type_name}</span>
    </button>
    <span id=${id} class="mark-details" hidden=${!open} role="note">${details}</span>
  </span>`;
}

function Acknowledge({ data, pupil, week, reload }) {
  const [error, setError] = useState(null);
  const signed = data.acknowledged_at.length ? data.acknowledged_at[data.acknowledged_at.length - 1] : null;
  if (!me.value || me.value.role !== "guardian") {
    return signed ? html`<p class="acknowledged">${t("diary.acknowledged", { at: fmt.moment(signed) })}</p>` : null;
  }
  async function acknowledge() {
    setError(null);
    try {
      await api("PUT", `/api/v1/students/${encodeURIComponent(pupil)}/weeks/${week}/acknowledgement`);
      reload();
    } catch (e) {
      setError(e);
    }
  }
  return html`<div class="acknowledge">
    ${signed && html`<p class="acknowledged">${t("diary.acknowledged", { at: fmt.moment(signed) })}</p>`}
    <button type="button" class="primary" onClick=${acknowledge}>${signed ? t("diary.acknowledge_again") : t("diary.acknowledge")}</button>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
  </div>`;
}
