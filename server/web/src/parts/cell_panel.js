// cell_panel: the focused journal cell in full — the lesson, the pupil's marks there with work type,
// weight, teacher and time, a comment on the latest mark, and its history (who changed it, when,
// from what) one click away; the pupil's dots (work owed) on the lesson, set with an expiry or
// taken off.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { parseDate, formatDate } from "../week.js";
import { useResetOn } from "./reset_on.js";

function addDays(iso, n) {
  const d = parseDate(iso);
  if (!d) return iso;
  d.setDate(d.getDate() + n);
  return formatDate(d);
}

const DOT_DAYS = 7;  // a new dot's expiry offered: a week after the lesson

// A mark a OneRoster client's result made: where it came from and the raw score (docs/sync.md § Writes).
function sourceLine(s) {
  const score = s.score === null || s.score === undefined ? "—" : fmt.number(s.score);
  return t(s.overridden ? "journal.source_overridden" : "journal.source", { client: s.client, title: s.title, score, max: fmt.number(s.max) });
}

export function CellPanel({ pupil, lesson, marks, absence, dots, excused = [], reload }) {
  const last = marks.length ? marks[marks.length - 1] : null;
  const [expires, setExpires] = useState(() => addDays(lesson.date, DOT_DAYS));
  const [dotError, setDotError] = useState(null);
  useResetOn(`${lesson.id}/${pupil.id}`, () => {
    setExpires(addDays(lesson.date, DOT_DAYS));
    setDotError(null);
  });
  async function dotCall(method, path, body) {
    setDotError(null);
    try {
      await api(method, path, body);
      reload();
    } catch (err) {
      setDotError(err);
    }
  }
  const [comment, setComment] = useState(last ? last.comment : "");
  const [history, setHistory] = useState(null);
  const [error, setError] = useState(null);
  useResetOn(last ? `${last.id}/${last.comment}` : "", () => {
    setComment(last ? last.comment : "");
    setHistory(null);
    setError(null);
  });

  async function saveComment(e) {
    e.preventDefault();
    setError(null);
    try {
      await api("PATCH", `/api/v1/marks/${encodeURIComponent(last.id)}`, { comment, reason: t("journal.grid_reason") });
      reload();
    } catch (err) {
      setError(err);
    }
  }
  async function showHistory() {
    setError(null);
    try {
      setHistory(await api("GET", `/api/v1/marks/${encodeURIComponent(last.id)}/history`));
    } catch (err) {
      setError(err);
    }
  }

  return html`<section class="cell-panel card" aria-labelledby="cell-panel-title" aria-live="polite">
    <h3 id="cell-panel-title">${pupil.name} · ${fmt.day(parseDate(lesson.date))}, ${t("journal.lesson_n", { n: lesson.period })}</h3>
    ${lesson.topic && html`<p class="hint">${lesson.topic}</p>`}
    ${absence && html`<p>${t("journal.absence_" + absence.status)}</p>`}
    ${excused.map((e) => html`<p class="source">${t("journal.excused_by", { client: e.client, title: e.title })}</p>`)}
    ${marks.length === 0 && !absence && excused.length === 0 && html`<p class="hint">${t("journal.cell_empty")}</p>`}
    <ul class="cell-marks">${marks.map((m) => html`<li><span class=${`mark m${m.value}`}>${m.value}</span>
      ${m.work_type_name}, ${t("diary.weight", { weight: m.weight })} · ${m.teacher} · ${fmt.moment(m.updated_at || m.created_at)}
      ${m.source && html`<br /><span class="source">${sourceLine(m.source)}</span>`}</li>`)}</ul>
    ${last && html`<form class="comment" onSubmit=${saveComment}>
      <label for="mark-comment">${t("journal.comment")}</label>
      <input id="mark-comment" value=${comment} maxlength="500" onInput=${(e) => setComment(e.currentTarget.value)} />
      <div class="buttons">
        <button type="submit">${t("journal.save_comment")}</button>
        <button type="button" onClick=${showHistory}>${t("journal.history")}</button>
      </div>
    </form>`}
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    <h4>${t("journal.dots")}</h4>
    ${dots.length === 0 && html`<p class="hint">${t("journal.dots_none")}</p>`}
    <ul class="cell-dots">${dots.map((d) => html`<li>${`• ${t("journal.dot_until", { date: fmt.day(parseDate(d.expires_on)) })}, ${t("journal.dot_state_" + d.state)}`}
      ${d.state === "open" && html` <button type="button" onClick=${() => dotCall("DELETE", `/api/v1/dots/${encodeURIComponent(d.id)}`)}>${t("journal.dot_cancel", { date: fmt.day(parseDate(d.expires_on)) })}</button>`}</li>`)}</ul>
    <form class="dot-form" onSubmit=${(e) => { e.preventDefault(); dotCall("POST", "/api/v1/dots", { student_id: pupil.id, lesson_id: lesson.id, expires_on: expires }); }}>
      <label for="dot-expires">${t("journal.dot_expires")}</label>
      <input id="dot-expires" type="date" value=${expires} min=${lesson.date} onInput=${(e) => setExpires(e.currentTarget.value)} />
      <button type="submit">${t("journal.dot_add")}</button>
    </form>
    ${dotError && html`<p class="field-error" role="alert">${say(dotError)}</p>`}
    ${history && html`<ol class="history">
      ${history.history.length === 0 && html`<li>${t("journal.history_none")}</li>`}
      ${history.history.map((h) => html`<li>${h.op === "delete"
        ? t("journal.history_deleted", { value: h.value, at: fmt.moment(h.replaced_at), who: h.replaced_by })
        : t("journal.history_changed", { value: h.value, at: fmt.moment(h.replaced_at), who: h.replaced_by })}${h.reason ? ` — ${h.reason}` : ""}</li>`)}
    </ol>`}
  </section>`;
}
