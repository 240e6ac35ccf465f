// settings: the school's settings for the director — the name and the year, the terms with their
// dates, the grade scale and the work types with their weights. Each part is saved on its own, so a
// refusal in one (overlapping terms, say) keeps what was typed there and leaves the others alone.
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { useSchool } from "./school_data.js";
import { TermsForm } from "./terms_form.js";
import { WorkTypes } from "./work_types.js";
import { useSaved, Saved } from "./saved.js";

export function Settings() {
  const school = useSchool();
  // The parts are not keyed by the data: after a save each keeps what was typed (now the school's)
  // and its "Saved" while the school is read again.
  return html`<section aria-labelledby="settings-title" class="director-settings">
    <h1 id="settings-title">${t("director.settings.title")}</h1>
    ${school.loading && !school.data && html`<${Loading} />`}
    <${ErrorNote} error=${school.error} retry=${school.reload} />
    ${school.data && html`
      <${NameForm} data=${school.data} onSaved=${school.reload} />
      <${WorkTypes} types=${school.data.work_types} onSaved=${school.reload} />
      <${TermsForm} year=${school.data.year || `${school.data.academic_year}/${school.data.academic_year + 1}`}
        terms=${school.data.terms} onSaved=${school.reload} />
      <${ScaleForm} scale=${school.data.scale} onSaved=${school.reload} />`}
  </section>`;
}

// The school's name: PATCH /api/v1/school. (The year is saved with the terms, which must fit it.)
function NameForm({ data, onSaved }) {
  const form = useForm({ name: data.name });
  const [saved, markSaved] = useSaved();
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("PATCH", "/api/v1/school", { name: v.name.trim() }));
    if (r !== undefined) {
      markSaved();
      onSaved();
    }
  }
  return html`<form class="card settings-part" onSubmit=${submit} aria-labelledby="school-title">
    <h2 id="school-title">${t("director.settings.school")}</h2>
    <${Field} form=${form} name="name" label=${t("director.settings.name")} required maxlength="200" />
    <${FormError} form=${form} fields=${["name"]} />
    <button type="submit" class="primary" disabled=${form.busy}>${t("director.settings.save")}</button>
    <${Saved} shown=${saved} />
  </form>`;
}

// The grade scale: five-point or ten-point, every whole mark from 1 to the highest (PUT
// /api/v1/school/grade-scale {max}); the box refuses a scale that would leave marks outside it.
const SCALES = [5, 10];
function ScaleForm({ scale, onSaved }) {
  const form = useForm({ max: String(scale.max) });
  const [saved, markSaved] = useSaved();
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("PUT", "/api/v1/school/grade-scale", { max: Number(v.max) }));
    if (r !== undefined) {
      markSaved();
      onSaved();
    }
  }
  return html`<form class="card settings-part" onSubmit=${submit} aria-labelledby="scale-title">
    <h2 id="scale-title">${t("director.settings.scale")}</h2>
    <p class="hint">${t("director.settings.scale_hint", { values: scale.values.join(", ") })}</p>
    <${Field} form=${form} name="max" label=${t("director.settings.scale_max")}>
      ${SCALES.map((m) => html`<option value=${String(m)}>${t("director.settings.scale_n", { max: m })}</option>`)}
    </${Field}>
    <${FormError} form=${form} fields=${["max"]} />
    <button type="submit" class="primary" disabled=${form.busy}>${t("director.settings.save")}</button>
    <${Saved} shown=${saved} />
  </form>`;
}
