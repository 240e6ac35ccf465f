// pupil: one pupil for the office — the particulars, the ID card, the guardians, and leaving the
// school. A pupil who left is shown as such (the history of marks stays; the journals no longer list
// them), and nothing about them is changed any more.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { cleaned, changed } from "./person.js";
import { PupilCard } from "./pupil_card.js";
import { PupilGuardians } from "./pupil_guardians.js";
import { Leave } from "./pupil_leave.js";

export function Pupil() {
  const { params } = useRoute();
  const id = params.id;
  const got = useApi(`/api/v1/students/${encodeURIComponent(id)}`);
  if (got.loading) return html`<${Loading} />`;
  if (got.error) return html`<${ErrorNote} error=${got.error} retry=${got.reload} />`;
  const p = got.data.student;
  return html`<section aria-labelledby="pupil-title" class="office-pupil">
    <p class="back"><a href=${`/office/pupils${p.class ? `?class=${p.class.id}` : ""}`}>${t("office.back_to_pupils")}</a></p>
    <h1 id="pupil-title">${p.full_name}
      <span class="pupil-name">${p.class ? p.class.name : ""}${p.account ? ` · ${t("office.login")}: ${p.account.login}` : ""}</span></h1>
    ${p.left_on && html`<p class="note left-note" role="status">${t("office.has_left", { date: fmt.day(new Date(p.left_on), true) })}
      ${p.left_reason ? ` — ${p.left_reason}` : ""}</p>`}
    <div class="office-columns">
      <${Particulars} key=${`${p.id}`} pupil=${p} onSaved=${got.reload} />
      <div>
        <${PupilCard} pupil=${p} onChanged=${got.reload} />
        <${PupilGuardians} pupil=${p} guardians=${got.data.guardians} onChanged=${got.reload} />
        ${!p.left_on && html`<${Leave} pupil=${p} onLeft=${got.reload} />`}
      </div>
    </div>
  </section>`;
}

const OPTIONAL = ["middle_name", "birth_date"];

function valuesOf(p) {
  return { last_name: p.last_name, first_name: p.first_name, middle_name: p.middle_name || "", birth_date: p.birth_date || "",
    class_id: p.class ? p.class.id : "", group_no: String(p.group_no || 1) };
}

// The particulars: names, birth date, class and group. Only what changed is sent.
function Particulars({ pupil, onSaved }) {
  const f = useForm(valuesOf(pupil));
  const classes = useApi("/api/v1/classes");
  const [done, setDone] = useState(false);  // "saved" beside the button until the next change
  async function submit(e) {
    e.preventDefault();
    const now = cleaned({ ...f.values, group_no: Number(f.values.group_no) }, OPTIONAL);
    const was = cleaned({ ...valuesOf(pupil), group_no: Number(pupil.group_no || 1) }, OPTIONAL);
    const body = changed(now, was);
    setDone(false);
    const r = await f.send(() => (Object.keys(body).length ? api("PATCH", `/api/v1/students/${pupil.id}`, body) : Promise.resolve(pupil)));
    if (r) {
      setDone(true);
      onSaved();
    }
  }
  const off = !!pupil.left_on;
  return html`<form class="card office-form" onSubmit=${submit} aria-labelledby="particulars-title">
    <h2 id="particulars-title">${t("office.particulars")}</h2>
    <fieldset disabled=${off}>
      <${Field} form=${f} name="last_name" label=${t("office.last_name")} required autocomplete="off" />
      <${Field} form=${f} name="first_name" label=${t("office.first_name")} required autocomplete="off" />
      <${Field} form=${f} name="middle_name" label=${t("office.middle_name")} autocomplete="off" />
      <${Field} form=${f} name="birth_date" type="date" label=${t("office.birth_date")} />
      <${Field} form=${f} name="class_id" label=${t("office.class")}>
        ${classes.data && classes.data.classes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      </${Field}>
      <${Field} form=${f} name="group_no" type="number" min="1" max="9" label=${t("office.group_no")} hint=${t("office.group_hint")} />
      <${FormError} form=${f} fields=${Object.keys(f.values)} />
      <div class="buttons"><button class="primary" disabled=${f.busy}>${t("office.save")}</button>
        ${done && html`<span class="ok" role="status">${t("office.saved")}</span>`}</div>
    </fieldset>
  </form>`;
}
