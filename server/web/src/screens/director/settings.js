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
      <${TermsForm} terms=${school.data.terms} onSaved=${school.reload} />
      <${ScaleForm} scale=${school.data.scale} onSaved=${school.reload} />`}
  </section>`;
}

// The school's name and the year its academic year starts in: PATCH /api/v1/school.
function NameForm({ data, onSaved }) {
  const form = useForm({ name: data.name, academic_year: String(data.academic_year) });
  const [saved, markSaved] = useSaved();
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("PATCH", "/api/v1/school", { name: v.name.trim(), academic_year: Number(v.academic_year) }));
    if (r !== undefined) {
      markSaved();
      onSaved();
    }
  }
  return html`<form class="card settings-part" onSubmit=${submit} aria-labelledby="school-title">
    <h2 id="school-title">${t("director.settings.school")}</h2>
    <div class="two">
      <${Field} form=${form} name="name" label=${t("director.settings.name")} required maxlength="200" />
      <${Field} form=${form} name="academic_year" label=${t("director.settings.year")} type="number" min="2000" max="2100" required
        hint=${t("director.settings.year_hint")} />
    </div>
    <${FormError} form=${form} fields=${["name", "academic_year"]} />
    <button type="submit" class="primary" disabled=${form.busy}>${t("director.settings.save")}</button>
    <${Saved} shown=${saved} />
  </form>`;
}

// The grade scale: every whole mark from min to max (PUT /api/v1/school/grade-scale).
function ScaleForm({ scale, onSaved }) {
  const form = useForm({ min: String(scale.min), max: String(scale.max) });
  const [saved, markSaved] = useSaved();
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("PUT", "/api/v1/school/grade-scale", { min: Number(v.min), max: Number(v.max) }));
    if (r !== undefined) {
      markSaved();
      onSaved();
    }
  }
  return html`<form class="card settings-part" onSubmit=${submit} aria-labelledby="scale-title">
    <h2 id="scale-title">${t("director.settings.scale")}</h2>
    <p class="hint">${t("director.settings.scale_hint", { values: scale.values.join(", ") })}</p>
    <div class="two">
      <${Field} form=${form} name="min" label=${t("director.settings.scale_min")} type="number" required />
      <${Field} form=${form} name="max" label=${t("director.settings.scale_max")} type="number" required />
    </div>
    <${FormError} form=${form} fields=${["min", "max"]} />
    <button type="submit" class="primary" disabled=${form.busy}>${t("director.settings.save")}</button>
    <${Saved} shown=${saved} />
  </form>`;
}
