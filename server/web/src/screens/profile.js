// profile: the signed-in person's own account — who they are to the school and the contacts it holds
// (with a request to the office to correct them), where they are signed in (ending any other
// session), and a voluntary password change.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { me } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";

export function Profile() {
  const sessions = useApi("/api/v1/sessions");
  const [error, setError] = useState(null);
  async function end(id) {
    setError(null);
    try {
      await api("DELETE", `/api/v1/sessions/${id}`);
      sessions.reload();
    } catch (e) {
      setError(e);
    }
  }
  const m = me.value;
  return html`<section aria-labelledby="profile-title" class="narrow-wide">
    <h1 id="profile-title">${t("profile.title")}</h1>
    <dl class="facts card">
      <div><dt>${t("profile.name")}</dt><dd>${m.name}</dd></div>
      <div><dt>${t("profile.login")}</dt><dd>${m.login}</dd></div>
      <div><dt>${t("profile.role")}</dt><dd>${t("role." + m.role)}</dd></div>
    </dl>
    ${m.contacts ? html`<${Contacts} contacts=${m.contacts} />` : html`<p class="hint">${t("profile.contacts")}</p>`}
    ${m.role === "guardian" && html`<p class="card notices-link"><a href="/profile/notices">${t("notices.title")}</a><br />
      <span class="hint">${t("notices.link_text")}</span></p>`}
    <h2>${t("profile.sessions")}</h2>
    ${sessions.loading && html`<${Loading} />`}
    <${ErrorNote} error=${sessions.error} retry=${sessions.reload} />
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    ${sessions.data && html`<ul class="cards">${sessions.data.sessions.map((s) => html`<li class="card session">
      <p><strong>${s.current ? t("profile.this_device") : s.user_agent || t("profile.unknown_device")}</strong></p>
      <p class="meta">${t("profile.session_meta", { address: s.address, created: fmt.moment(s.created_at), seen: fmt.moment(s.last_seen_at) })}</p>
      ${!s.current && html`<button type="button" onClick=${() => end(s.id)}>${t("profile.end_session")}</button>`}
    </li>`)}</ul>`}
    <h2>${t("profile.password")}</h2>
    <${PasswordForm} />
  </section>`;
}

// The phone and e-mail the school holds; a wrong one is corrected by the office, asked for here as a
// support appeal (the office reads every appeal and answers in "Support").
function Contacts({ contacts }) {
  const [text, setText] = useState("");
  const [result, setResult] = useState(null);
  async function ask(e) {
    e.preventDefault();
    setResult(null);
    try {
      const r = await api("POST", "/api/v1/appeals", { topic: t("profile.fix_topic"), body: text });
      setText("");
      setResult({ sent: r.number });
    } catch (error) {
      setResult({ error });
    }
  }
  return html`<h2>${t("profile.contacts_title")}</h2>
    <dl class="facts card">
      <div><dt>${t("profile.phone")}</dt><dd>${contacts.phone || t("profile.not_given")}</dd></div>
      <div><dt>${t("profile.email")}</dt><dd>${contacts.email || t("profile.not_given")}</dd></div>
    </dl>
    <form class="card" onSubmit=${ask}>
      <label for="contacts-fix">${t("profile.fix_label")}</label>
      <textarea id="contacts-fix" rows="3" value=${text} onInput=${(e) => setText(e.currentTarget.value)}
        aria-describedby=${result && result.error ? "contacts-fix-error" : undefined}></textarea>
      ${result && result.error && html`<p id="contacts-fix-error" class="field-error" role="alert">${say(result.error)}</p>`}
      ${result && result.sent && html`<p class="ok" role="status">${t("profile.fix_sent", { number: result.sent })}</p>`}
      <button type="submit">${t("profile.fix_send")}</button>
    </form>`;
}

function PasswordForm() {
  const [form, setForm] = useState({ old_password: "", new_password: "" });
  const [result, setResult] = useState(null);
  async function submit(e) {
    e.preventDefault();
    setResult(null);
    try {
      await api("POST", "/api/v1/me/password", form);
      setForm({ old_password: "", new_password: "" });
      setResult({ ok: true });
    } catch (error) {
      setResult({ error });
    }
  }
  return html`<form class="card" onSubmit=${submit}>
    <label for="current-password">${t("profile.current_password")}</label>
    <input id="current-password" type="password" autocomplete="current-password" required value=${form.old_password}
      onInput=${(e) => setForm({ ...form, old_password: e.currentTarget.value })} />
    <label for="next-password">${t("password.new")}</label>
    <input id="next-password" type="password" autocomplete="new-password" minlength="10" required value=${form.new_password}
      onInput=${(e) => setForm({ ...form, new_password: e.currentTarget.value })} aria-describedby="next-password-rule" />
    <p id="next-password-rule" class="hint">${t("password.rule")}</p>
    ${result && result.error && html`<p class="field-error" role="alert">${say(result.error)}</p>`}
    ${result && result.ok && html`<p class="ok" role="status">${t("profile.password_changed")}</p>`}
    <button type="submit" class="primary">${t("password.submit")}</button>
  </form>`;
}
