// password_change: a one-time password is replaced before anything else; also reachable later.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, say } from "../i18n.js";
import { api } from "../api.js";
import { loadMe } from "../session.js";

export function PasswordChange() {
  const [oldPassword, setOld] = useState("");
  const [newPassword, setNew] = useState("");
  const [error, setError] = useState(null);

  async function submit(ev) {
    ev.preventDefault();
    setError(null);
    try {
      await api("POST", "/api/v1/me/password", { old_password: oldPassword, new_password: newPassword });
      await loadMe();
    } catch (e) {
      setError(e);
    }
  }

  return html`<main id="main" class="page narrow">
    <h1>${t("password.title")}</h1>
    <p class="hint">${t("password.why")}</p>
    <form class="card" onSubmit=${submit}>
      <label for="old-password">${t("password.old")}</label>
      <input id="old-password" type="password" autocomplete="current-password" required value=${oldPassword}
        onInput=${(e) => setOld(e.currentTarget.value)} />
      <label for="new-password">${t("password.new")}</label>
      <input id="new-password" type="password" autocomplete="new-password" minlength="10" required value=${newPassword}
        onInput=${(e) => setNew(e.currentTarget.value)} aria-describedby="new-password-rule" />
      <p id="new-password-rule" class="hint">${t("password.rule")}</p>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      <button type="submit" class="primary">${t("password.submit")}</button>
    </form>
  </main>`;
}
