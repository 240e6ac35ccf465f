// term_grade_panel: one pupil's term grade in this subject, opened from the grid's last column —
// the proposed grade (from the weighted average) confirmed with one button, or another grade of the
// school's scale set instead (PUT /api/v1/term-grades; the server keeps the proposal beside it, so
// an override stays visible).
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useResetOn } from "./reset_on.js";

export function TermGradePanel({ row, subjectId, term, scale, close, reload }) {
  const proposed = row.proposed ? row.proposed.grade : null;
  const [grade, setGrade] = useState(String(row.final ?? proposed ?? ""));
  const [state, setState] = useState({ saving: false, error: null, saved: false });
  const first = useRef(null);
  useResetOn(row.student.id, () => {
    setGrade(String(row.final ?? proposed ?? ""));
    setState({ saving: false, error: null, saved: false });
  });
  useLayoutEffect(() => {
    if (first.current) first.current.focus();
  }, [row.student.id]);

  async function put(value) {
    if (state.saving) return;  // buttons stay enabled (and focused) while saving
    setState({ saving: true, error: null, saved: false });
    try {
      await api("PUT", "/api/v1/term-grades", { student_id: row.student.id, subject_id: subjectId, term, grade: value });
      setState({ saving: false, error: null, saved: true });
      reload();
    } catch (error) {
      setState({ saving: false, error, saved: false });
    }
  }
  const grades = [];
  for (let g = scale ? scale.max : 5; g >= (scale ? scale.min : 1); g--) grades.push(g);
  const onKey = (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  };
  return html`<section id="term-grade-panel" class="lesson-panel card" aria-labelledby="term-grade-title" onKeyDown=${onKey}>
    <h3 id="term-grade-title">${t("journal.final_of", { pupil: row.student.name })}</h3>
    <p>${proposed === null ? t("journal.final_no_proposal")
      : t("journal.final_proposed", { grade: proposed, average: row.average === null || row.average === undefined ? "—" : fmt.number(row.average, 2) })}
      ${" "}${row.final === null || row.final === undefined ? t("journal.final_unset") : t("journal.final_set", { grade: row.final })}
      ${row.final !== null && row.final !== undefined && proposed !== null && row.final !== proposed ? html` ${t("journal.final_overridden", { proposed })}` : null}</p>
    ${proposed !== null && html`<button type="button" class="primary" ref=${first}
      onClick=${() => put(proposed)}>${t("journal.final_confirm", { grade: proposed })}</button>`}
    <form class="inline-form" onSubmit=${(e) => { e.preventDefault(); if (grade) put(Number(grade)); }}>
      <label for="term-grade-value">${t("journal.final_grade")}</label>
      <select id="term-grade-value" ref=${proposed === null ? first : undefined} value=${grade} onChange=${(e) => setGrade(e.currentTarget.value)}>
        ${grade === "" && html`<option value="">—</option>`}
        ${grades.map((g) => html`<option value=${String(g)}>${g}</option>`)}
      </select>
      <div class="buttons">
        <button type="submit" disabled=${!grade}>${t("journal.final_save")}</button>
        <button type="button" onClick=${close}>${t("journal.close")}</button>
      </div>
    </form>
    ${state.error && html`<p class="field-error" role="alert">${say(state.error)}</p>`}
    ${state.saved && html`<p class="ok" role="status">${t("journal.final_saved")}</p>`}
  </section>`;
}
