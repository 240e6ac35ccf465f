// sign_in: login and password; a refusal is said under the form and what was typed stays. After
// signing in the user lands where they were going (?next=), never on another site. A login slip's QR
// code opens it with ?login= filled in, so only the password is left to type.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../html.js";
import { t, say, lang, setLang } from "../i18n.js";
import { signIn } from "../session.js";

function safeNext(next) {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

export function SignIn() {
  const { route, query } = useLocation();
  const [login, setLogin] = useState(query.login || "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const other = lang.value === "ru" ? "en" : "ru";

  async function submit(ev) {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
      route(safeNext(query.next), true);
    } catch (e) {
      setError(e);
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return html`<main id="main" class="page narrow">
    <div class="sign-in-top">
      <span class="brand">Classbook</span>
      <button type="button" class="lang" lang=${other} onClick=${() => setLang(other)}>${t("nav.other_language")}</button>
    </div>
    <h1>${t("signin.title")}</h1>
    ${query.next && query.next !== "/" && html`<p class="hint">${t("signin.to_continue")}</p>`}
    <form class="card" onSubmit=${submit} aria-describedby=${error ? "signin-error" : undefined}>
      <label for="login">${t("signin.login")}</label>
      <input id="login" name="login" autocomplete="username" required value=${login}
        onInput=${(e) => setLogin(e.currentTarget.value)} aria-invalid=${error ? "true" : undefined} />
      <label for="password">${t("signin.password")}</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required value=${password}
        autofocus=${Boolean(query.login)}
        onInput=${(e) => setPassword(e.currentTarget.value)} aria-invalid=${error ? "true" : undefined} />
      ${error && html`<p id="signin-error" class="field-error" role="alert">${say(error)}</p>`}
      <button type="submit" class="primary" disabled=${busy}>${busy ? t("signin.busy") : t("signin.submit")}</button>
    </form>
    <p class="hint">${t("signin.forgot")}</p>
  </main>`;
}
