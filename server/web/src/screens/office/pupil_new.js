// pupil_new: enrolling one pupil — names, birth date, class (the list's class when coming from it),
// group, card. The pupil's account is made at once; its one-time password is shown once, and the
// printed slip comes from the desk. "Another" clears the form for the next child of a queue.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { cleaned, NewAccount } from "./person.js";

const OPTIONAL = ["middle_name", "birth_date", "card"];

export function PupilNew() {
  const loc = useLocation();
  const classes = useApi("/api/v1/classes");
  const blank = { last_name: "", first_name: "", middle_name: "", birth_date: "", class_id: loc.query.class || "", group_no: "1", card: "" };
  const f = useForm(blank);
  const [made, setMade] = useState(null);
  const list = classes.data ? classes.data.classes : [];
  const classId = f.values.class_id || (list[0] && list[0].id) || "";
  async function submit(e) {
    e.preventDefault();
    const body = cleaned({ ...f.values, class_id: classId, group_no: Number(f.values.group_no) }, OPTIONAL);
    for (const k of OPTIONAL) if (body[k] === null) delete body[k];
    const r = await f.send(() => api("POST", "/api/v1/students", body));
    if (r) setMade(r);
  }
  function another() {
    setMade(null);
    f.setValues({ ...blank, class_id: classId });
    setTimeout(() => document.getElementById("f-last_name")?.focus(), 0);
  }
  if (made) return html`<section aria-labelledby="new-title" class="narrow">
    <h1 id="new-title">${t("office.pupil_made", { name: made.student.full_name })}</h1>
    <${NewAccount} account=${made.account} />
    <div class="buttons">
      <a class="button-link" href=${`/office/pupils/${made.student.id}`}>${t("office.pupil_open")}</a>
      <button type="button" class="primary" onClick=${another}>${t("office.pupil_another")}</button>
    </div>
  </section>`;
  return html`<section aria-labelledby="new-title" class="narrow">
    <p class="back"><a href="/office/pupils">${t("office.back_to_pupils")}</a></p>
    <h1 id="new-title">${t("office.pupil_new")}</h1>
    <form class="card office-form" onSubmit=${submit}>
      <${Field} form=${f} name="last_name" label=${t("office.last_name")} required autocomplete="off" autofocus />
      <${Field} form=${f} name="first_name" label=${t("office.first_name")} required autocomplete="off" />
      <${Field} form=${f} name="middle_name" label=${t("office.middle_name")} autocomplete="off" />
      <${Field} form=${f} name="birth_date" type="date" label=${t("office.birth_date")} />
      <${Field} form=${f} name="class_id" label=${t("office.class")} value=${classId}>
        ${list.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </${Field}>
      <${Field} form=${f} name="group_no" type="number" min="1" max="9" label=${t("office.group_no")} hint=${t("office.group_hint")} />
      <${Field} form=${f} name="card" label=${t("office.card")} hint=${t("office.card_hint")} autocomplete="off" spellcheck="false" />
      <${FormError} form=${f} fields=${Object.keys(blank)} />
      <button class="primary" disabled=${f.busy}>${t("office.pupil_enrol")}</button>
    </form>
  </section>`;
}
