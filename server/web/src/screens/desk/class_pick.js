// class_pick: the class and its pupils, as the desk's forms choose them — every class from GET
// /api/v1/classes, and the chosen class's pupils at school from GET /api/v1/classes/{id}/students.
import { html } from "../../html.js";
import { t, say } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";

export function useClasses() {
  const r = useApi("/api/v1/classes");
  return { ...r, classes: (r.data && r.data.classes) || [] };
}

export function usePupils(classId) {
  const r = useApi(classId ? `/api/v1/classes/${encodeURIComponent(classId)}/students` : null);
  return { ...r, pupils: ((r.data && r.data.students) || []).filter((p) => !p.left_on) };
}

// A labelled class choice; `value` the class id ("" none chosen yet, with `blank` as its words).
export function ClassSelect({ id, value, onChange, classes, blank, label, error }) {
  return html`<div class="field">
    <label for=${id}>${label || t("desk.class")}</label>
    <select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${blank !== undefined && html`<option value="">${blank}</option>`}
      ${classes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
    </select>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
  </div>`;
}
