// guardians: the school's guardians — found by name or phone (the box searches: two letters at least,
// on Enter), a new one registered (with an account), names and contacts changed in place. Linking to a
// child is done on the child's page.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say } from "../../i18n.js";
import { api } from "../../api.js";
import { PersonForm } from "./person_form.js";
import { NewAccount } from "./person.js";

export function Guardians() {
  const [q, setQ] = useState("");
  const [found, setFound] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(null);
  const [account, setAccount] = useState(null);
  async function find(e) {
    if (e) e.preventDefault();
    setError(null);
    try {
      setFound((await api("GET", `/api/v1/guardians?q=${encodeURIComponent(q.trim())}`)).guardians);
    } catch (err) {
      setError(err);
    }
  }
  return html`<section aria-labelledby="guardians-page-title" class="office-list">
    <h1 id="guardians-page-title">${t("office.guardians")}</h1>
    <form class="toolbar" role="search" onSubmit=${find}>
      <div class="field"><label for="gq">${t("office.guardian_find")}</label>
        <input id="gq" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} autocomplete="off" autofocus /></div>
      <button class="primary">${t("office.find")}</button>
    </form>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    <details class="card"><summary>${t("office.guardian_new")}</summary>
      <${PersonForm} idPrefix="ng" button=${t("office.guardian_register")} send=${(b) => api("POST", "/api/v1/guardians", b)}
        done=${(r) => setAccount(r.account)} />
    </details>
    <${NewAccount} account=${account} />
    ${editing && html`<div class="card edit-person"><${PersonForm} key=${editing.id} idPrefix="eg" person=${editing}
      title=${t("office.edit_who", { name: editing.full_name })} button=${t("office.save")}
      send=${(b) => api("PATCH", `/api/v1/guardians/${editing.id}`, b)} done=${() => find()} onClose=${() => setEditing(null)} /></div>`}
    ${found && found.length === 0 && html`<p class="empty" role="status">${t("office.guardians_not_found")}</p>`}
    ${found && found.length > 0 && html`<p class="found-count" role="status">${t("office.found", { n: found.length, total: found.length })}</p>
      <table class="list stack">
        <thead><tr><th scope="col">${t("office.guardian")}</th><th scope="col">${t("office.contacts")}</th>
          <th scope="col">${t("office.children_col")}</th><th scope="col"><span class="sr">${t("office.actions")}</span></th></tr></thead>
        <tbody>${found.map((g) => html`<tr>
          <td>${g.full_name}${g.account && html`<br /><span class="muted">${g.account.login}</span>`}</td>
          <td>${[g.phone, g.email].filter(Boolean).join(", ")}</td><td>${g.children}</td>
          <td><button type="button" onClick=${() => setEditing(g)} aria-label=${t("office.edit_who", { name: g.full_name })}>${t("office.edit")}</button></td>
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}
