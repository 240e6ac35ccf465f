// users: finding an account (GET /api/v1/users?q=&role=) by login or name as one types, narrowed by
// role — staff, pupils and guardians alike — with whether it is disabled, still on its one-time
// password, and signed in now. A row opens the account's page (user.js).
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { Ago } from "./words.js";

export const ROLES = ["teacher", "secretary", "director", "admin", "student", "guardian"];
const TYPING_MS = 250;  // the search waits this long after the last key: one request per pause, not per key

export function Users() {
  const loc = useLocation();
  const [query, setQuery] = useState(loc.query.q || "");
  const [role, setRole] = useState(loc.query.role || "");
  const [asked, setAsked] = useState({ q: query, role });
  useEffect(() => {
    const timer = setTimeout(() => setAsked({ q: query.trim(), role }), TYPING_MS);
    return () => clearTimeout(timer);
  }, [query, role]);
  // The search is kept in the address, so "back" from an account returns to the same list.
  useEffect(() => {
    const p = new URLSearchParams();
    if (asked.q) p.set("q", asked.q);
    if (asked.role) p.set("role", asked.role);
    const url = `/admin/users${p.toString() ? `?${p}` : ""}`;
    if (url !== loc.url) loc.route(url, true);
  }, [asked]);
  useEffect(() => document.getElementById("user-q")?.focus(), []);
  const params = new URLSearchParams({ limit: "50" });
  if (asked.q) params.set("q", asked.q);
  if (asked.role) params.set("role", asked.role);
  const found = useApi(`/api/v1/users?${params}`);
  const users = (found.data && found.data.users) || [];
  return html`<section class="admin-users" aria-labelledby="users-title">
    <h1 id="users-title">${t("admin.users.title")}</h1>
    <form class="toolbar" role="search" onSubmit=${(e) => { e.preventDefault(); setAsked({ q: query.trim(), role }); }}>
      <div class="field"><label for="user-q">${t("admin.users.find")}</label>
        <input id="user-q" type="search" value=${query} maxlength="64" autocomplete="off"
          onInput=${(e) => setQuery(e.currentTarget.value)} /></div>
      <div class="field role-field"><label for="user-role">${t("admin.users.role")}</label>
        <select id="user-role" value=${role} onChange=${(e) => setRole(e.currentTarget.value)}>
          <option value="">${t("admin.users.any_role")}</option>
          ${ROLES.map((r) => html`<option value=${r}>${t(`admin.role.${r}`)}</option>`)}
        </select></div>
    </form>
    ${found.loading && html`<${Loading} />`}
    <${ErrorNote} error=${found.error} retry=${found.reload} />
    ${found.data && html`<p class="found-count" role="status">${users.length
      ? (found.data.truncated ? t("admin.users.first", { n: users.length }) : t("admin.users.found", { n: users.length }))
      : t("admin.users.none")}</p>`}
    ${users.length > 0 && html`<table class="list stack user-list">
      <thead><tr><th scope="col">${t("admin.users.account")}</th><th scope="col">${t("admin.users.role")}</th>
        <th scope="col">${t("admin.users.state")}</th><th scope="col">${t("admin.users.signed_in")}</th></tr></thead>
      <tbody>${users.map((u) => html`<tr class=${u.disabled ? "disabled" : ""}>
        <td><a href=${`/admin/user?login=${encodeURIComponent(u.login)}`} class="user-link">${u.login}</a>
          <br /><span class="muted">${u.name}</span></td>
        <td>${t(`admin.role.${u.role}`)}</td>
        <td><${AccountState} u=${u} /></td>
        <td>${u.open_sessions ? html`${t("admin.users.sessions_open", { n: u.open_sessions })}${u.last_sign_in_at && html`, <${Ago} at=${u.last_sign_in_at} />`}`
          : html`<span class="muted">${t("admin.users.not_signed_in")}</span>`}</td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}

// Disabled / on a one-time password / in use — in words.
export function AccountState({ u }) {
  if (u.disabled) return html`<span class="badge state-revoked">${t("admin.users.disabled")}</span>`;
  if (u.must_change_password) return html`<span class="badge">${t("admin.users.one_time")}</span>`;
  return html`<span class="badge state-ok">${t("admin.users.active")}</span>`;
}
