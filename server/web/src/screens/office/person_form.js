// person_form: the form of a grown-up the school knows (a teacher, a guardian) — names and contacts.
// New: everything sent; an edit: only what changed, an emptied field cleared. Escape closes an edit.
import { useState, useEffect, useRef } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { cleaned, changed, PERSON_OPTIONAL } from "./person.js";

const FIELDS = ["last_name", "first_name", "middle_name", "phone", "email"];
const valuesOf = (p) => Object.fromEntries(FIELDS.map((k) => [k, (p && p[k]) || ""]));

// send(body) → a promise of the answer; done(answer) runs after it. `person`: the one edited, or none.
export function PersonForm({ idPrefix, person, title, button, send, done, onClose }) {
  const f = useForm(valuesOf(person));
  const [saved, setSaved] = useState(false);
  const first = useRef(null);
  useEffect(() => {
    if (person && first.current) first.current.querySelector("input").focus();
  }, [person && person.id]);
  async function submit(e) {
    e.preventDefault();
    setSaved(false);
    const now = cleaned(f.values, PERSON_OPTIONAL);
    const body = person ? changed(now, cleaned(valuesOf(person), PERSON_OPTIONAL)) : Object.fromEntries(Object.entries(now).filter(([, v]) => v !== null));
    const r = await f.send(() => send(body));
    if (r) {
      if (!person) f.reset();
      setSaved(true);
      done(r);
    }
  }
  const esc = (e) => e.key === "Escape" && onClose && onClose();
  const id = (k) => `${idPrefix}-${k}`;
  return html`<form class="office-form" onSubmit=${submit} onKeyDown=${esc} ref=${first}>
    ${title && html`<h2>${title}</h2>`}
    <${Field} form=${f} id=${id("last")} name="last_name" label=${t("office.last_name")} required autocomplete="off" />
    <${Field} form=${f} id=${id("first")} name="first_name" label=${t("office.first_name")} required autocomplete="off" />
    <${Field} form=${f} id=${id("middle")} name="middle_name" label=${t("office.middle_name")} autocomplete="off" />
    <${Field} form=${f} id=${id("phone")} name="phone" type="tel" label=${t("office.phone")} autocomplete="off" />
    <${Field} form=${f} id=${id("email")} name="email" type="email" label=${t("office.email")} autocomplete="off" />
    <${FormError} form=${f} fields=${FIELDS} />
    <div class="buttons"><button class="primary" disabled=${f.busy}>${button}</button>
      ${onClose && html`<button type="button" onClick=${onClose}>${t("staff.cancel")}</button>`}
      ${saved && person && html`<span class="ok" role="status">${t("office.saved")}</span>`}</div>
  </form>`;
}
