// choices: the lists a director picks from in filters — classes (GET /api/v1/classes), a class's
// pupils, teachers and subjects — each a labelled select whose first option is "any".
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { school } from "../../session.js";

function Choice({ id, label, value, onChange, options, anyText, disabled }) {
  return html`<div class="field"><label for=${id}>${label}</label>
    <select id=${id} value=${value || ""} disabled=${disabled} onChange=${(e) => onChange(e.currentTarget.value)}>
      <option value="">${anyText}</option>
      ${options.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
    </select></div>`;
}

export function ClassChoice({ id, value, onChange, anyText }) {
  const read = useApi("/api/v1/classes");
  const list = (read.data && read.data.classes) || [];
  return html`<${Choice} id=${id} label=${t("director.choice.class")} value=${value} onChange=${onChange} options=${list}
    anyText=${anyText || t("director.choice.pick_class")} />`;
}

export function PupilChoice({ id, klass, value, onChange }) {
  const read = useApi(klass ? `/api/v1/classes/${encodeURIComponent(klass)}/students?include_left=true` : null);
  const list = ((read.data && read.data.students) || []).map((p) => ({ id: p.id, name: p.full_name || p.name }));
  return html`<${Choice} id=${id} label=${t("director.choice.pupil")} value=${value} onChange=${onChange} options=${list}
    anyText=${klass ? t("director.choice.any_pupil") : t("director.choice.class_first")} disabled=${!klass} />`;
}

export function TeacherChoice({ id, value, onChange }) {
  const read = useApi("/api/v1/teachers");
  const list = ((read.data && read.data.teachers) || []).map((x) => ({ id: x.id, name: x.full_name || x.name }));
  return html`<${Choice} id=${id} label=${t("director.choice.teacher")} value=${value} onChange=${onChange} options=${list} anyText=${t("director.choice.anyone")} />`;
}

export function SubjectChoice({ id, value, onChange }) {
  const list = (school.value && school.value.subjects) || [];
  return html`<${Choice} id=${id} label=${t("director.choice.subject")} value=${value} onChange=${onChange} options=${list} anyText=${t("director.choice.any_subject")} />`;
}
