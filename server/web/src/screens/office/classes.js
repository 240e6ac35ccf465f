// classes: the school's classes — found by name or class teacher, a new one made in place; each
// opens to its name, profile and class teacher, and who teaches what in it.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { useFound, FoundCount } from "./find.js";

const haystack = (c) => `${c.name} ${c.profile || ""} ${c.class_teacher ? c.class_teacher.name : ""}`;

export function Classes() {
  const classes = useApi("/api/v1/classes");
  const [query, setQuery] = useState("");
  const found = useFound(classes.data && classes.data.classes, query, haystack);
  return html`<section aria-labelledby="classes-title" class="office-list">
    <h1 id="classes-title">${t("office.classes")}</h1>
    <div class="toolbar" role="search">
      <div class="field"><label for="class-q">${t("office.class_find")}</label>
        <input id="class-q" type="search" value=${query} onInput=${(e) => setQuery(e.currentTarget.value)} autocomplete="off" /></div>
    </div>
    <${NewClass} />
    <${ErrorNote} error=${classes.error} retry=${classes.reload} />
    ${classes.loading && html`<${Loading} />`}
    ${classes.data && html`<${FoundCount} found=${found} of=${classes.data.classes.length} />
      <table class="list stack">
        <thead><tr><th scope="col">${t("office.class")}</th><th scope="col">${t("office.profile")}</th>
          <th scope="col">${t("office.class_teacher")}</th><th scope="col">${t("office.pupils")}</th></tr></thead>
        <tbody>${found.shown.map((c) => html`<tr>
          <td><a href=${`/office/classes/${c.id}`}>${c.name}</a></td><td>${c.profile || ""}</td>
          <td>${c.class_teacher ? c.class_teacher.name : html`<span class="muted">${t("office.none")}</span>`}</td>
          <td><a href=${`/office/pupils?class=${c.id}`} aria-label=${t("office.pupils_of", { name: c.name })}>${c.pupil_count}</a></td>
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}

// A class's teacher is chosen from the school's teachers; "none" leaves the class without one.
export function TeacherOptions({ teachers }) {
  return html`<option value="">${t("office.none")}</option>
    ${(teachers || []).map((x) => html`<option value=${x.id}>${x.full_name}</option>`)}`;
}

function NewClass() {
  const loc = useLocation();
  const teachers = useApi("/api/v1/teachers");
  const f = useForm({ name: "", profile: "", class_teacher_id: "" });
  async function submit(e) {
    e.preventDefault();
    const v = f.values;
    const body = { name: v.name.trim(), ...(v.profile.trim() ? { profile: v.profile.trim() } : {}),
      ...(v.class_teacher_id ? { class_teacher_id: v.class_teacher_id } : {}) };
    const made = await f.send(() => api("POST", "/api/v1/classes", body));
    if (made) loc.route(`/office/classes/${made.id}`);
  }
  return html`<details class="new-class card">
    <summary>${t("office.class_new")}</summary>
    <form onSubmit=${submit}>
      <${Field} form=${f} id="nc-name" name="name" label=${t("office.class_name")} hint=${t("office.class_name_hint")} required autocomplete="off" />
      <${Field} form=${f} id="nc-profile" name="profile" label=${t("office.profile")} autocomplete="off" />
      <${Field} form=${f} id="nc-teacher" name="class_teacher_id" label=${t("office.class_teacher")}>
        <${TeacherOptions} teachers=${teachers.data && teachers.data.teachers} />
      </${Field}>
      <${FormError} form=${f} fields=${["name", "profile", "class_teacher_id"]} />
      <button class="primary" disabled=${f.busy}>${t("office.class_create")}</button>
    </form>
  </details>`;
}
