// api_clients: the other systems allowed to read and write the school's data through OneRoster
// (GET/POST /api/v1/api-clients, POST …/{client_id}/revoke; issue 13, docs/api-clients.md) — the
// list with what each may do and when it was last used, registering one (its secret shown this once,
// with a copy button and the token URL) and revoking one after a confirmation.
import { useEffect, useRef, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { Ago } from "./words.js";

// The scopes the box offers, by their short names (the API takes them so), in the order of the form.
export const SCOPES = ["roster.readonly", "gradebook.readonly", "gradebook.createput", "gradebook.delete"];
const shortName = (uri) => uri.split("/").pop();

export function ApiClients() {
  const list = useApi("/api/v1/api-clients");
  const [made, setMade] = useState(null);  // the answer to a registration: the secret, this once
  const [asking, setAsking] = useState(null);  // the client whose revocation waits for "yes"
  const clients = (list.data && list.data.api_clients) || [];
  const closeSecret = () => {
    setMade(null);
    setTimeout(() => document.getElementById("client-name")?.focus(), 0);
  };
  return html`<section class="admin-clients" aria-labelledby="clients-title">
    <h1 id="clients-title">${t("admin.clients.title")}</h1>
    <p class="hint">${t("admin.clients.intro")}</p>
    ${made ? html`<${Secret} made=${made} onClose=${closeSecret} />`
      : html`<${RegisterForm} done=${(r) => { setMade(r); list.reload(); }} />`}
    <h2>${t("admin.clients.list")}</h2>
    ${list.loading && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && !clients.length && html`<p class="empty">${t("admin.clients.none")}</p>`}
    ${clients.length > 0 && html`<table class="list stack client-list">
      <thead><tr><th scope="col">${t("admin.clients.name")}</th><th scope="col">${t("admin.clients.may")}</th>
        <th scope="col">${t("admin.clients.state")}</th><th scope="col">${t("admin.clients.last_used")}</th>
        <th scope="col"><span class="sr">${t("admin.actions")}</span></th></tr></thead>
      <tbody>${clients.map((c) => html`<tr class=${c.revoked_at ? "revoked" : ""} data-client=${c.client_id}>
        <td><span class="client-name">${c.name}</span><br /><span class="muted small mono" title=${t("admin.clients.client_id")}>${c.client_id}</span></td>
        <td><span class="cell-label">${t("admin.clients.may")}: </span><ul class="scope-words">${c.scopes.map((u) => html`<li>${scopeWords(shortName(u))}</li>`)}</ul></td>
        <td>${c.revoked_at ? html`<span class="badge state-revoked">${t("admin.clients.revoked", { time: fmt.moment(c.revoked_at) })}</span>`
          : html`<span class="badge state-ok">${t("admin.clients.active")}</span>`}
          <br /><span class="muted small">${t("admin.clients.created", { time: fmt.moment(c.created_at) })}</span></td>
        <td><span class="cell-label">${t("admin.clients.last_used")}: </span>${c.last_used_at ? html`<${Ago} at=${c.last_used_at} />` : t("admin.clients.never_used")}</td>
        <td>${!c.revoked_at && html`<button type="button" id=${`revoke-${c.client_id}`} onClick=${() => setAsking(c)}
          aria-label=${t("admin.clients.revoke_who", { name: c.name })}>${t("admin.clients.revoke")}</button>`}</td>
      </tr>${asking && asking.client_id === c.client_id && html`<tr class="confirm-row"><td colspan="5">
        <${RevokeConfirm} c=${c} done=${() => { setAsking(null); list.reload(); }} onCancel=${() => {
          setAsking(null);
          setTimeout(() => document.getElementById(`revoke-${c.client_id}`)?.focus(), 0);
        }} /></td></tr>`}`)}</tbody>
    </table>`}
  </section>`;
}

// A scope in the school's words; an unknown one (a newer box) as its technical name.
function scopeWords(name) {
  const key = `admin.clients.scope.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

function RegisterForm({ done }) {
  const form = useForm({ name: "", scopes: ["roster.readonly"] });
  const scopes = form.values.scopes;
  const toggle = (s) => (e) => {
    const on = e.currentTarget.checked;
    form.setValues((v) => ({ ...v, scopes: on ? SCOPES.filter((x) => x === s || v.scopes.includes(x)) : v.scopes.filter((x) => x !== s) }));
  };
  async function submit(e) {
    e.preventDefault();
    const r = await form.send((v) => api("POST", "/api/v1/api-clients", { name: v.name.trim(), scopes: v.scopes }));
    if (r) done(r);
    else setTimeout(() => document.querySelector(".register-form [aria-invalid='true']")?.focus(), 0);
  }
  const scopeError = form.error && form.error.field === "scopes";
  return html`<form class="card admin-part register-form" onSubmit=${submit} aria-labelledby="register-title">
    <h2 id="register-title">${t("admin.clients.register")}</h2>
    <${Field} form=${form} name="name" id="client-name" label=${t("admin.clients.name")} hint=${t("admin.clients.name_hint")} maxLength="100" autocomplete="off" />
    <fieldset aria-describedby=${scopeError ? "client-scopes-error" : undefined}>
      <legend>${t("admin.clients.may")}</legend>
      ${SCOPES.map((s, i) => html`<div class="check">
        <input type="checkbox" id=${`scope-${i}`} value=${s} checked=${scopes.includes(s)} onChange=${toggle(s)}
          aria-invalid=${scopeError ? "true" : undefined} />
        <label for=${`scope-${i}`}>${scopeWords(s)} <span class="muted small mono">${s}</span></label>
      </div>`)}
      ${scopeError && html`<p id="client-scopes-error" class="field-error" role="alert">${say(form.error)}</p>`}
    </fieldset>
    <${FormError} form=${form} fields=${["name", "scopes"]} />
    <button type="submit" class="primary" disabled=${form.busy}>${t("admin.clients.register_button")}</button>
  </form>`;
}

// The new client's id, its secret (this once: the box keeps only its hash) and where it asks for
// tokens. The focus goes to the heading; Escape or "Done" closes it.
function Secret({ made, onClose }) {
  const title = useRef(null);
  const [copied, setCopied] = useState(null);
  useEffect(() => {
    title.current?.focus();
    const esc = (e) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", esc);
    return () => document.removeEventListener("keydown", esc);
  }, []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(made.client_secret);
      setCopied("ok");
    } catch {
      // no clipboard here (an old browser, or refused): the secret selected, for Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(document.getElementById("client-secret"));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      setCopied("selected");
    }
  }
  return html`<div class="card admin-part client-secret" role="region" aria-labelledby="secret-title">
    <h2 id="secret-title" tabindex="-1" ref=${title}>${t("admin.clients.registered", { name: made.client.name })}</h2>
    <p class="warn"><strong>${t("admin.warning")}:</strong> ${t("admin.clients.secret_once")}</p>
    <dl class="secret-facts">
      <dt>${t("admin.clients.client_id")}</dt><dd class="mono" id="client-id">${made.client.client_id}</dd>
      <dt>${t("admin.clients.secret")}</dt><dd class="mono" id="client-secret">${made.client_secret}</dd>
      <dt>${t("admin.clients.token_url")}</dt><dd class="mono" id="token-url">${made.token_url}</dd>
    </dl>
    <div class="buttons">
      <button type="button" class="primary" id="copy-secret" onClick=${copy}>${t("admin.clients.copy")}</button>
      <button type="button" onClick=${onClose}>${t("admin.clients.done")}</button>
    </div>
    <p role="status" class=${copied === "ok" ? "ok" : ""}>${copied === "ok" ? t("admin.clients.copied") : copied === "selected" ? t("admin.clients.selected") : ""}</p>
  </div>`;
}

function RevokeConfirm({ c, done, onCancel }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    document.getElementById("revoke-yes")?.focus();
    const esc = (e) => e.key === "Escape" && onCancel();
    document.addEventListener("keydown", esc);
    return () => document.removeEventListener("keydown", esc);
  }, []);
  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/v1/api-clients/${encodeURIComponent(c.client_id)}/revoke`);
      done();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return html`<div class="confirm" role="group" aria-labelledby="revoke-q">
    <p id="revoke-q">${t("admin.clients.revoke_q", { name: c.name })}</p>
    <div class="buttons">
      <button type="button" id="revoke-yes" class="danger" disabled=${busy} onClick=${revoke}>${t("admin.clients.revoke_yes")}</button>
      <button type="button" onClick=${onCancel}>${t("admin.cancel")}</button>
    </div>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
  </div>`;
}
