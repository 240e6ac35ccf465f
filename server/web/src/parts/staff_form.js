// staff_form: the forms of the staff's screens (issue 12) — one way to keep what was typed, send it,
// and show a refusal in plain words beside the field it names (the server's `field`), or under the
// form when it names none. Nothing typed is lost when the box refuses.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { say } from "../i18n.js";

// const f = useForm({name: ""}); f.set("name") is an onInput handler; f.send(async (values) => …)
// runs the request with the form busy, keeps the values on a refusal and returns the answer (or
// undefined when refused, the error then in f.error).
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => {
    const el = e.currentTarget;
    setValues((v) => ({ ...v, [key]: el.type === "checkbox" ? el.checked : el.value }));
  };
  async function send(request) {
    setBusy(true);
    setError(null);
    try {
      return await request(values);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { values, setValues, set, error, setError, busy, send, reset: () => setValues(initial) };
}

// A labelled input. `form`: a useForm(); `name`: its value's key (and the server's field name, so a
// refusal naming that field is said here, and the input is marked invalid for screen readers).
export function Field({ form, name, label, id, type = "text", hint, field, children, ...rest }) {
  const inputId = id || `f-${name}`;
  const e = form.error;
  const mine = e && (e.field === (field || name));
  const described = [hint ? `${inputId}-hint` : null, mine ? `${inputId}-error` : null].filter(Boolean).join(" ") || undefined;
  return html`<div class="field">
    <label for=${inputId}>${label}</label>
    ${hint && html`<p class="hint" id=${`${inputId}-hint`}>${hint}</p>`}
    ${children
      ? html`<select id=${inputId} value=${form.values[name] ?? ""} onChange=${form.set(name)}
          aria-invalid=${mine ? "true" : undefined} aria-describedby=${described} ...${rest}>${children}</select>`
      : html`<input id=${inputId} type=${type} value=${type === "checkbox" ? undefined : form.values[name] ?? ""}
          checked=${type === "checkbox" ? !!form.values[name] : undefined}
          onInput=${form.set(name)} aria-invalid=${mine ? "true" : undefined} aria-describedby=${described} ...${rest} />`}
    ${mine && html`<p id=${`${inputId}-error`} class="field-error" role="alert">${say(e)}</p>`}
  </div>`;
}

// The refusal that names no field of this form, said under it.
export function FormError({ form, fields = [] }) {
  const e = form.error;
  if (!e || fields.includes(e.field)) return null;
  return html`<p class="field-error" role="alert">${say(e)}</p>`;
}
