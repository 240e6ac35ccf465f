// class_day_pupils: the class's pupils on the day — entrance taps beside each lesson's attendance,
// with the disagreements flagged. Two views of the same rows: a table where the screen is wide, a
// card per pupil on a phone (style.css shows one of them), so nothing scrolls sideways at 360 px.
import { html } from "../html.js";
import { t } from "../i18n.js";

const SHORT = { late: "classday.late", absent_unexcused: "diary.absent", absent_excused: "diary.absent_excused", absent_illness: "diary.absent_ill" };

export function DayPupils({ day, rows, choose, chosen }) {
  if (!day.lessons.length) return html`<p class="empty">${t("diary.no_lessons")}</p>`;
  return html`<${DayTable} day=${day} rows=${rows} choose=${choose} chosen=${chosen} />
    <${DayCards} day=${day} rows=${rows} choose=${choose} chosen=${chosen} />
    <p class="hint">${t("classday.pick_pupil")}</p>`;
}

function PupilButton({ student, choose, chosen }) {
  return html`<button type="button" class="link" aria-pressed=${chosen && chosen.id === student.id ? "true" : "false"}
    onClick=${() => choose(student)}>${student.name}</button>`;
}

function Taps({ taps }) {
  return taps.length ? taps.map((tp) => html`<span class=${`tap ${tp.direction}`}>${tp.direction === "in" ? "→" : "←"} ${tp.at}</span> `)
    : html`<span class="meta">${t("classday.no_tap")}</span>`;
}

// One pupil's attendance of one lesson, and the disagreement with the entrance if there is one.
function Attendance({ cell }) {
  return html`${SHORT[cell.status] ? html`<span class="absence">${t(SHORT[cell.status])}</span>`
      : html`<span aria-hidden="true">✓</span><span class="sr">${t("classday.present")}</span>`}
    ${cell.kind && html` <strong class="flag">⚠ ${t("classday.flag_" + cell.kind)}</strong>`}`;
}

const flagged = (cell) => (cell.kind ? `cell-${cell.kind}` : undefined);

function DayTable({ day, rows, choose, chosen }) {
  return html`<div class="scroll-x day-table" tabindex="0" role="region" aria-label=${t("classday.attendance")}>
    <table class="journal class-day-table">
      <caption class="sr">${t("classday.table_caption")}</caption>
      <thead><tr><th scope="col">${t("journal.pupil")}</th><th scope="col">${t("classday.taps")}</th>
        ${day.lessons.map((l) => html`<th scope="col"><span class="period">${l.period}</span> ${l.subject}<br /><span class="meta">${l.starts}–${l.ends}</span></th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>
        <th scope="row"><${PupilButton} student=${r.student} choose=${choose} chosen=${chosen} /></th>
        <td class="taps"><${Taps} taps=${r.taps} /></td>
        ${r.lessons.map((c) => html`<td class=${flagged(c)}><${Attendance} cell=${c} /></td>`)}
      </tr>`)}</tbody>
    </table>
  </div>`;
}

function DayCards({ day, rows, choose, chosen }) {
  const lessonById = new Map(day.lessons.map((l) => [l.id, l]));
  return html`<ul class="day-cards" aria-label=${t("classday.table_caption")}>${rows.map((r) => html`<li
      class=${`pupil-card${r.lessons.some((c) => c.kind) ? " disagrees" : ""}`}>
    <h3><${PupilButton} student=${r.student} choose=${choose} chosen=${chosen} /></h3>
    <p class="taps"><span class="meta">${t("classday.taps")}:</span> <${Taps} taps=${r.taps} /></p>
    <ol class="day-lessons">${r.lessons.map((c) => {
      const l = lessonById.get(c.lesson_id);
      return html`<li class=${flagged(c)}><span class="lesson-name"><span class="period">${l.period}.</span> ${l.subject}${" "}
        <span class="meta">${l.starts}–${l.ends}</span></span> <span class="lesson-mark"><${Attendance} cell=${c} /></span></li>`;
    })}</ol>
  </li>`)}</ul>`;
}
