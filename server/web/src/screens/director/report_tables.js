// report_tables: the reports' tables — one row per class (per class × subject for grades), never one
// per pupil, so a year of a large school is a table a person reads and the browser draws at once.
// The pupils at risk are the exception: only those at risk, each linked to their grades.
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { school } from "../../session.js";

const nameOf = (x) => (x && typeof x === "object" ? x.name : x) || "";
const idOf = (x) => (x && typeof x === "object" ? x.id : "") || "";
const num = (x, digits) => (x === null || x === undefined || x === "" ? "—" : fmt.number(Number(x), digits));

function ClassCell({ row, onClass }) {
  const id = idOf(row.class) || row.class_id;
  const name = nameOf(row.class) || row.class_name;
  return id && onClass ? html`<button type="button" class="link" onClick=${() => onClass(id)}>${name}</button>` : name;
}

// Attendance: per class the lessons held and what the register says of them (the class's total
// over the days), then the school per day. {classes: [{class_id, class, total, days}], school_days, school}
export function AttendanceTable({ data, onClass }) {
  const classes = data.classes || [];
  const days = data.school_days || [];
  if (!classes.length) return html`<p class="empty">${t("director.reports.empty")}</p>`;
  const head = html`<th scope="col">${t("director.reports.pupils")}</th><th scope="col">${t("director.reports.lessons")}</th>
    <th scope="col">${t("director.reports.unexcused")}</th><th scope="col">${t("director.reports.excused")}</th>
    <th scope="col">${t("director.reports.illness")}</th><th scope="col">${t("director.reports.late")}</th>`;
  const cells = (f) => html`<td data-label=${t("director.reports.pupils")}>${num(f.pupils)}</td>
    <td data-label=${t("director.reports.lessons")}>${num(f.lessons)}</td>
    <td data-label=${t("director.reports.unexcused")}>${num(f.unexcused)}</td><td data-label=${t("director.reports.excused")}>${num(f.excused)}</td>
    <td data-label=${t("director.reports.illness")}>${num(f.illness)}</td><td data-label=${t("director.reports.late")}>${num(f.late)}</td>`;
  return html`<div class="table-wrap"><table class="list stack report by-class">
      <caption>${t("director.reports.by_class")}</caption>
      <thead><tr><th scope="col">${t("director.reports.class")}</th>${head}</tr></thead>
      <tbody>${classes.map((r) => html`<tr><th scope="row"><${ClassCell} row=${r} onClass=${onClass} /></th>${cells(r.total || r)}</tr>`)}</tbody>
      ${data.school && classes.length > 1 && html`<tfoot><tr><th scope="row">${t("director.reports.school")}</th>${cells(data.school)}</tr></tfoot>`}
    </table></div>
    ${days.length > 0 && html`<div class="table-wrap"><table class="list stack report by-day">
      <caption>${t("director.reports.by_day")}</caption>
      <thead><tr><th scope="col">${t("director.reports.day")}</th>${head}</tr></thead>
      <tbody>${days.map((r) => html`<tr><th scope="row">${fmt.day(new Date(r.date + "T12:00"), true)}</th>${cells(r)}</tr>`)}</tbody>
    </table></div>`}`;
}

// Grades: per class × subject the average, the distribution of marks and the term grades.
export function GradesTable({ data, onClass }) {
  const rows = data.rows || [];
  if (!rows.length) return html`<p class="empty">${t("director.reports.empty")}</p>`;
  const values = (school.value && school.value.scale && school.value.scale.values) || [1, 2, 3, 4, 5];
  const count = (d, v) => (Array.isArray(d) ? (d.find((x) => x.value === v) || {}).count : d && d[v]) || 0;
  return html`<div class="table-wrap"><table class="list stack report grades-report">
    <thead><tr><th scope="col">${t("director.reports.class")}</th><th scope="col">${t("director.reports.subject")}</th>
      <th scope="col">${t("director.reports.average")}</th><th scope="col">${t("director.reports.distribution")}</th>
      <th scope="col">${t("director.reports.term_grades")}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr>
      <th scope="row"><${ClassCell} row=${r} onClass=${onClass} /></th>
      <td data-label=${t("director.reports.subject")}>${nameOf(r.subject)}</td>
      <td data-label=${t("director.reports.average")}>${num(r.average, 2)}</td>
      <td data-label=${t("director.reports.distribution")}><${Distribution} values=${values} count=${(v) => count(r.marks_by_value, v)} /></td>
      <td data-label=${t("director.reports.term_grades")}>${r.term_grades
        ? html`<${Distribution} values=${values} count=${(v) => count(r.term_grades_by_value, v)} />` : "—"}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

// "5: 12 · 4: 30 · 3: 8": how many of each mark, highest first, with a bar for the eye.
function Distribution({ values, count }) {
  const counts = [...values].reverse().map((v) => [v, count(v)]);
  const total = counts.reduce((a, [, n]) => a + n, 0);
  if (!total) return "—";
  return html`<span class="distribution">${counts.map(([v, n]) => html`<span class=${`dist m${v}`}
    style=${`--share:${(100 * n) / total}%`}><b>${v}</b>: ${n}</span>`)}</span>`;
}

// At risk: only the pupils below the average or over the unexcused absences, each with why.
// {below, absences, pupils: [{student_id, name, class_id, class, unexcused, excused, illness, reasons}]}
export function AtRiskTable({ data }) {
  const pupils = data.pupils || [];
  if (!pupils.length) return html`<p class="empty">${t("director.reports.no_risk")}</p>`;
  return html`<div class="table-wrap"><table class="list stack report">
    <thead><tr><th scope="col">${t("director.reports.pupil")}</th><th scope="col">${t("director.reports.class")}</th>
      <th scope="col">${t("director.reports.absences")}</th><th scope="col">${t("director.reports.why")}</th></tr></thead>
    <tbody>${pupils.map((p) => html`<tr>
      <th scope="row"><a href=${`/pupils/${p.student_id}/grades`}>${p.name}</a></th>
      <td data-label=${t("director.reports.class")}>${p.class}</td>
      <td data-label=${t("director.reports.absences")}>${t("director.reports.absences_value", { unexcused: p.unexcused, excused: p.excused, illness: p.illness })}</td>
      <td data-label=${t("director.reports.why")}><ul class="reasons">${(p.reasons || []).map((r) => html`<li>${reasonText(r)}</li>`)}</ul></td>
    </tr>`)}</tbody>
  </table></div>`;
}

function reasonText(r) {
  if (r.kind === "low_average") return t("director.reports.low_average", { subject: r.subject, average: num(r.average, 2) });
  if (r.kind === "unexcused_absences") return t("director.reports.many_absences", { n: r.unexcused });
  return r.kind;
}
