// application_form: registering an access application at the desk while the applicant waits — the
// regulation allows 15 minutes, the queue allows one. In the order the applicant answers: name, who
// they are, phone or e-mail, the pupil (class, then name; or typed with the birth date when the pupil
// is not on the list), the documents on the counter (what the kind needs is ticked already), the time
// they came. Enter registers; the form empties for the next applicant and the focus goes back to the
// first field. A refusal keeps everything typed, said beside the field it names.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { parseDate } from "../../week.js";
import { KINDS, DOCUMENTS, REQUIRED } from "./application_words.js";
import { useClasses, usePupils, ClassSelect } from "./class_pick.js";
import { useFocus } from "./focus.js";

const pad = (n) => String(n).padStart(2, "0");
const nowHHMM = () => {
  const d = new Date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
// Today at HH:MM on this computer's clock, as an instant the box reads.
function arrivedAt(hhmm) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm || "");
  if (!m) return undefined;
  const d = new Date();
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  return d.toISOString();
}

const blank = () => ({ applicant_name: "", applicant_kind: "parent", contact: "", class_id: "", student_id: "", typed: false,
  pupil_name: "", pupil_birth_date: "", documents: [...REQUIRED.parent], arrived: nowHHMM() });

export function ApplicationForm({ onRegistered }) {
  const form = useForm(blank());
  const [done, setDone] = useState(null);
  useFocus("f-applicant_name");
  const { classes } = useClasses();
  const { pupils } = usePupils(form.values.typed ? null : form.values.class_id);
  const v = form.values;
  const put = (patch) => form.setValues((old) => ({ ...old, ...patch }));
  const setKind = (e) => put({ applicant_kind: e.currentTarget.value, documents: [...REQUIRED[e.currentTarget.value]] });
  const toggleDocument = (d) => (e) => {
    const on = e.currentTarget.checked;
    form.setValues((old) => ({ ...old, documents: DOCUMENTS.filter((x) => (x === d ? on : old.documents.includes(x))) }));
  };

  async function submit(e) {
    e.preventDefault();
    setDone(null);
    const body = { applicant_name: v.applicant_name.trim(), applicant_kind: v.applicant_kind, contact: v.contact.trim(), documents: v.documents };
    if (v.typed) {
      body.pupil_name = v.pupil_name.trim();
      if (v.pupil_birth_date) body.pupil_birth_date = v.pupil_birth_date;
    } else if (v.student_id) body.student_id = v.student_id;
    const at = arrivedAt(v.arrived);
    if (at) body.arrived_at = at;
    const made = await form.send(() => api("POST", "/api/v1/access-applications", body));
    if (!made) return;
    setDone(made);
    form.setValues({ ...blank(), class_id: v.class_id });
    onRegistered(made);
    const first = document.getElementById("f-applicant_name");
    if (first) first.focus();
  }

  return html`<form class="card application-form" onSubmit=${submit} aria-labelledby="register-title" noValidate>
    <h2 id="register-title">${t("desk.app.register")}</h2>
    <div class="form-grid">
      <${Field} form=${form} name="applicant_name" label=${t("desk.app.applicant")} hint=${t("desk.app.applicant_hint")}
        autocomplete="off" required />
      <${Field} form=${form} name="applicant_kind" label=${t("desk.app.kind")} onChange=${setKind}>
        ${KINDS.map((k) => html`<option value=${k}>${t(`desk.kind.${k}`)}</option>`)}
      <//>
      <${Field} form=${form} name="contact" label=${t("desk.app.contact")} hint=${t("desk.app.contact_hint")} autocomplete="off" required />
    </div>
    <fieldset class="pupil-pick">
      <legend>${t("desk.app.pupil")}</legend>
      ${v.typed
        ? html`<div class="form-grid">
            <${Field} form=${form} name="pupil_name" label=${t("desk.app.pupil_name")} autocomplete="off" />
            <${Field} form=${form} name="pupil_birth_date" type="date" label=${t("desk.app.pupil_birth_date")} />
          </div>`
        : html`<div class="form-grid">
            <${ClassSelect} id="app-class" value=${v.class_id} classes=${classes} blank=${t("desk.choose")}
              onChange=${(id) => put({ class_id: id, student_id: "" })} />
            <${Field} form=${form} name="student_id" label=${t("desk.app.pupil_pick")} disabled=${!v.class_id}>
              <option value="">${v.class_id ? t("desk.choose") : t("desk.app.class_first")}</option>
              ${pupils.map((p) => html`<option value=${p.id}>${p.full_name || p.name}${p.birth_date ? ` (${p.birth_date.split("-").reverse().join(".")})` : ""}</option>`)}
            <//>
          </div>`}
      <label class="check"><input type="checkbox" checked=${v.typed} onChange=${form.set("typed")} /> ${t("desk.app.typed")}</label>
    </fieldset>
    <fieldset class="documents">
      <legend>${t("desk.app.documents")}</legend>
      ${DOCUMENTS.map((d) => html`<label class="check"><input type="checkbox" checked=${v.documents.includes(d)} onChange=${toggleDocument(d)} />
        ${t(`desk.doc.${d}`)}${REQUIRED[v.applicant_kind].includes(d) ? html` <span class="hint">${t("desk.app.needed")}</span>` : null}</label>`)}
    </fieldset>
    <div class="form-grid">
      <${Field} form=${form} name="arrived" field="arrived_at" type="time" label=${t("desk.app.arrived")} hint=${t("desk.app.arrived_hint")} />
    </div>
    <${FormError} form=${form} fields=${["applicant_name", "applicant_kind", "contact", "arrived_at", ...(v.typed ? ["pupil_name", "pupil_birth_date"] : ["student_id"])]} />
    ${done && html`<p class="ok" role="status">${t("desk.app.registered", { number: done.number, due: fmt.day(parseDate(done.due_on)) })}</p>`}
    <button type="submit" class="primary" disabled=${form.busy}>${t("desk.app.register_button")}</button>
  </form>`;
}
