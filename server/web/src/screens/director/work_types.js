// work_types: the kinds of work a mark is for and their weights in the averages. A weight changes
// every average that has such marks, so the change is confirmed first, in words saying so (and
// that it is written in the audit trail); the confirmation opens in place, its button focused, and
// Escape closes it. A new kind of work is added below the list.
import { useState, useRef, useEffect } from "preact/hooks";
import { html } from "../../html.js";
import { t, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { useSaved, Saved } from "./saved.js";

export function WorkTypes({ types, onSaved }) {
  return html`<section class="card settings-part" aria-labelledby="work-types-title">
    <h2 id="work-types-title">${t("director.settings.work_types")}</h2>
    <p class="hint">${t("director.settings.work_types_hint")}</p>
    <ul class="work-types">${types.map((w) => html`<${WorkType} key=${w.code} type=${w} onSaved=${onSaved} />`)}</ul>
    <${NewWorkType} onSaved=${onSaved} />
  </section>`;
}

function WorkType({ type, onSaved }) {
  const [weight, setWeight] = useState(String(type.weight));
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, markSaved] = useSaved();
  const confirmRef = useRef(null);
  const inputId = `weight-${type.code}`;
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  function ask(e) {
    e.preventDefault();
    setError(null);
    if (Number(weight) === type.weight) return;
    setAsking(true);
  }
  function cancel() {
    setAsking(false);
    document.getElementById(inputId)?.focus();
  }
  async function change() {
    setBusy(true);
    setError(null);
    try {
      await api("PUT", `/api/v1/work-types/${encodeURIComponent(type.code)}`, { weight: Number(weight) });
      setAsking(false);
      markSaved();
      onSaved();
      setTimeout(() => document.getElementById(inputId)?.focus(), 0);  // back where the director was
    } catch (err) {
      setError(err);
      setAsking(false);
    } finally {
      setBusy(false);
    }
  }
  const errorId = `${inputId}-error`;
  return html`<li class="work-type">
    <form onSubmit=${ask} class="work-type-row">
      <label for=${inputId}><span class="work-type-name">${type.name}</span> <span class="badge">${type.code}</span>
        <span class="visually-hidden">${t("director.settings.weight")}</span></label>
      <input id=${inputId} type="number" min="1" max="10" required value=${weight} class="weight"
        onInput=${(e) => setWeight(e.currentTarget.value)} aria-invalid=${error ? "true" : undefined}
        aria-describedby=${error ? errorId : undefined} disabled=${asking} />
      <button type="submit" disabled=${asking || Number(weight) === type.weight}>${t("director.settings.weight_change")}</button>
      <${Saved} shown=${saved} text=${t("director.settings.weight_saved")} />
    </form>
    ${error && html`<p id=${errorId} class="field-error" role="alert">${say(error)}</p>`}
    ${asking && html`<div class="confirm" role="alertdialog" aria-labelledby=${`${inputId}-ask`}
        onKeyDown=${(e) => e.key === "Escape" && cancel()}>
      <p id=${`${inputId}-ask`}>${t("director.settings.weight_confirm", { name: type.name, from: type.weight, to: weight })}</p>
      <div class="actions">
        <button type="button" class="primary" ref=${confirmRef} disabled=${busy} onClick=${change}>${t("director.settings.weight_confirm_yes")}</button>
        <button type="button" onClick=${cancel}>${t("director.settings.cancel")}</button>
      </div>
    </div>`}
  </li>`;
}

// A new kind of work: POST /api/v1/work-types {code, name, weight}.
function NewWorkType({ onSaved }) {
  const form = useForm({ name: "", code: "", weight: "1" });
  const [saved, markSaved] = useSaved();
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("POST", "/api/v1/work-types", { code: v.code.trim(), name: v.name.trim(), weight: Number(v.weight) }));
    if (r !== undefined) {
      form.reset();
      markSaved();
      onSaved();
      document.getElementById("f-new-wt-name")?.focus();
    }
  }
  return html`<form class="new-work-type" onSubmit=${submit} aria-labelledby="new-wt-title">
    <h3 id="new-wt-title">${t("director.settings.work_type_new")}</h3>
    <div class="three">
      <${Field} form=${form} name="name" id="f-new-wt-name" label=${t("director.settings.work_type_name")} required maxlength="60" />
      <${Field} form=${form} name="code" id="f-new-wt-code" label=${t("director.settings.work_type_code")} required maxlength="30"
        pattern="[a-z_]+" hint=${t("director.settings.work_type_code_hint")} />
      <${Field} form=${form} name="weight" id="f-new-wt-weight" label=${t("director.settings.weight")} type="number" min="1" max="10" required />
    </div>
    <${FormError} form=${form} fields=${["name", "code", "weight"]} />
    <button type="submit" disabled=${form.busy}>${t("director.settings.work_type_add")}</button>
    <${Saved} shown=${saved} text=${t("director.settings.work_type_added")} />
  </form>`;
}
