// user: one account (/admin/user?login=…) for the administrator — disabled or enabled again (with the reason, kept in the
// audit trail), its open sessions ended everywhere at once, and a new one-time password on a slip.
// The account is read through the search (GET /api/v1/users?q=login): the box has no other read of
// one account, and the search shows no marks.
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t, fmt, say } from "../../i18n.js";
import { api } from "../../api.js";
import { me } from "../../session.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { postPdf, PdfLink } from "../desk/pdf.js";
import { AccountState } from "./users.js";
import { Ago } from "./words.js";

const STAFF = new Set(["teacher", "secretary", "director", "admin"]);

export function User() {
  // The login is in the query, not the path: a login like "ivanova.m" would look like a file to the
  // box, which answers 404 for a missing file rather than the app's page.
  const login = useLocation().query.login || "";
  const found = useApi(`/api/v1/users?q=${encodeURIComponent(login)}&limit=500`);
  if (found.loading) return html`<${Loading} />`;
  if (found.error) return html`<${ErrorNote} error=${found.error} retry=${found.reload} />`;
  const u = found.data.users.find((x) => x.login === login);
  if (!u) return html`<section aria-labelledby="user-title"><h1 id="user-title">${login}</h1>
    <p class="note error" role="alert">${t("admin.user.not_found")}</p>
    <p><a href="/admin/users">${t("admin.user.back")}</a></p></section>`;
  return html`<section class="admin-user" aria-labelledby="user-title">
    <p class="back"><a href=${`/admin/users?q=${encodeURIComponent(u.login)}`}>${t("admin.user.back")}</a></p>
    <h1 id="user-title">${u.name}<span class="pupil-name">${u.login} · ${t(`admin.role.${u.role}`)}</span></h1>
    <p class="user-state"><${AccountState} u=${u} /></p>
    <div class="admin-columns">
      <${Access} u=${u} changed=${found.reload} />
      <${Sessions} u=${u} changed=${found.reload} />
      <${Slip} u=${u} changed=${found.reload} />
    </div>
  </section>`;
}

// Disable (the sessions end at once, signing in is refused) with a reason, or enable again.
function Access({ u, changed }) {
  const f = useForm({ reason: "" });
  const self = me.value && me.value.login === u.login;
  async function disable(e) {
    e.preventDefault();
    const done = await f.send((v) => api("POST", `/api/v1/users/${encodeURIComponent(u.login)}/disable`, { reason: v.reason.trim() }));
    if (done !== undefined) {
      f.reset();
      changed();
    }
  }
  async function enable() {
    const done = await f.send(() => api("POST", `/api/v1/users/${encodeURIComponent(u.login)}/enable`));
    if (done !== undefined) changed();
  }
  if (u.disabled)
    return html`<div class="card admin-part" aria-labelledby="access-title">
      <h2 id="access-title">${t("admin.user.access")}</h2>
      <p>${t("admin.user.is_disabled")}</p>
      <${FormError} form=${f} />
      <button type="button" class="primary" id="enable" disabled=${f.busy} onClick=${enable}>${t("admin.user.enable")}</button>
    </div>`;
  return html`<form class="card admin-part" aria-labelledby="access-title" onSubmit=${disable}>
    <h2 id="access-title">${t("admin.user.access")}</h2>
    <p>${t("admin.user.disable_text")}</p>
    ${self ? html`<p class="hint">${t("admin.user.self")}</p>` : html`
      <${Field} form=${f} name="reason" id="disable-reason" label=${t("admin.user.reason")} hint=${t("admin.user.reason_hint")}
        maxlength="200" autocomplete="off" />
      <${FormError} form=${f} fields=${["reason"]} />
      <button type="submit" class="danger" disabled=${f.busy}>${t("admin.user.disable")}</button>`}
  </form>`;
}

// The open sessions, and "sign out everywhere".
function Sessions({ u, changed }) {
  const list = useApi(`/api/v1/users/${encodeURIComponent(u.login)}/sessions`);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  const sessions = (list.data && list.data.sessions) || [];
  async function endAll() {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", `/api/v1/users/${encodeURIComponent(u.login)}/sessions`);
      setEnded(true);
      list.reload();
      changed();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="card admin-part" aria-labelledby="sessions-title">
    <h2 id="sessions-title">${t("admin.user.sessions")}</h2>
    ${list.loading && html`<${Loading} />`}
    ${list.error && html`<p class="field-error" role="alert">${say(list.error)}</p>`}
    ${list.data && !sessions.length && html`<p class="empty">${t("admin.user.no_sessions")}</p>`}
    ${sessions.length > 0 && html`<ul class="sessions">${sessions.map((s) => html`<li>
      <span>${t("admin.user.session_since", { time: fmt.moment(s.created_at) })}</span>
      ${s.last_seen_at && html`<span class="muted"> · ${t("admin.user.seen")} <${Ago} at=${s.last_seen_at} /></span>`}
      ${(s.address || s.user_agent) && html`<br /><span class="muted small">${[s.address, s.user_agent].filter(Boolean).join(" · ")}</span>`}
    </li>`)}</ul>`}
    ${ended && html`<p class="ok" role="status">${t("admin.user.signed_out")}</p>`}
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    ${sessions.length > 0 && html`<button type="button" id="sign-out-everywhere" disabled=${busy} onClick=${endAll}>${t("admin.user.sign_out_everywhere")}</button>`}
  </div>`;
}

// A new one-time password on a slip: the old one stops working and the sessions end, so it is asked
// first. The PDF is made for this answer alone (it holds the password): opened from the page.
function Slip({ u, changed }) {
  const [asking, setAsking] = useState(false);
  const [slip, setSlip] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (asking) document.getElementById("reset-yes")?.focus();
  }, [asking]);
  async function reset() {
    setBusy(true);
    setError(null);
    try {
      setSlip(await postPdf(`/api/v1/users/${encodeURIComponent(u.login)}/login-slip`));
      setAsking(false);
      changed();
      setTimeout(() => document.querySelector(".admin-part .pdf-link")?.focus(), 0);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const office = !STAFF.has(u.role);
  return html`<div class="card admin-part" aria-labelledby="slip-title">
    <h2 id="slip-title">${t("admin.user.password")}</h2>
    ${office ? html`<p class="hint">${t("admin.user.password_office")}</p>` : html`
      <p>${t("admin.user.password_text")}</p>
      ${!asking && html`<button type="button" id="reset-password" disabled=${u.disabled} onClick=${() => { setAsking(true); setSlip(null); }}>${t("admin.user.reset")}</button>`}
      ${u.disabled && html`<p class="hint">${t("admin.user.enable_first")}</p>`}
      ${asking && html`<div class="confirm" role="group" aria-labelledby="reset-q" onKeyDown=${(e) => e.key === "Escape" && setAsking(false)}>
        <p id="reset-q">${t("admin.user.reset_q", { login: u.login })}</p>
        <div class="buttons">
          <button type="button" class="primary" id="reset-yes" disabled=${busy} onClick=${reset}>${t("admin.user.reset_yes")}</button>
          <button type="button" onClick=${() => setAsking(false)}>${t("admin.cancel")}</button>
        </div>
      </div>`}
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      ${slip && html`<p class="ok" role="status">${t("admin.user.slip_made")}</p>
        <${PdfLink} blob=${slip} name=${`login-slip-${u.login}.pdf`} label=${t("admin.user.open_slip")} />`}`}
  </div>`;
}
