// teachers: the school's teachers — found by name, contact or class as one types; a new teacher (with
// an account, its one-time password shown once); a teacher's names and contacts changed in place.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useFound, FoundCount } from "./find.js";
import { PersonForm } from "./person_form.js";
import { NewAccount } from "./person.js";

const haystack = (x) => `${x.full_name} ${x.phone || ""} ${x.email || ""} ${(x.class_teacher_of || []).join(" ")} ${x.account ? x.account.login : ""}`;

export function Teachers() {
  const teachers = useApi("/api/v1/teachers");
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState(null);
  const [account, setAccount] = useState(null);
  const found = useFound(teachers.data && teachers.data.teachers, query, haystack);
  const close = () => {
    const id = editing && editing.id;
    setEditing(null);
    setTimeout(() => document.getElementById(`edit-${id}`)?.focus(), 0);
  };
  return html`<section aria-labelledby="teachers-title" class="office-list">
    <h1 id="teachers-title">${t("office.teachers")}</h1>
    <div class="toolbar" role="search">
      <div class="field"><label for="teacher-q">${t("office.teacher_find")}</label>
        <input id="teacher-q" type="search" value=${query} onInput=${(e) => setQuery(e.currentTarget.value)} autocomplete="off" /></div>
    </div>
    <details class="card"><summary>${t("office.teacher_new")}</summary>
      <${PersonForm} idPrefix="nt" button=${t("office.teacher_add")} send=${(b) => api("POST", "/api/v1/teachers", b)}
        done=${(r) => { setAccount(r.account); teachers.reload(); }} />
    </details>
    <${NewAccount} account=${account} />
    ${editing && html`<div class="card edit-person"><${PersonForm} key=${editing.id} idPrefix="et" person=${editing}
      title=${t("office.edit_who", { name: editing.full_name })} button=${t("office.save")}
      send=${(b) => api("PATCH", `/api/v1/teachers/${editing.id}`, b)} done=${() => teachers.reload()} onClose=${close} /></div>`}
    <${ErrorNote} error=${teachers.error} retry=${teachers.reload} />
    ${teachers.loading && html`<${Loading} />`}
    ${teachers.data && html`<${FoundCount} found=${found} of=${teachers.data.teachers.length} />
      <table class="list stack">
        <thead><tr><th scope="col">${t("office.teacher")}</th><th scope="col">${t("office.contacts")}</th>
          <th scope="col">${t("office.class_teacher_of")}</th><th scope="col"><span class="sr">${t("office.actions")}</span></th></tr></thead>
        <tbody>${found.shown.map((x) => html`<tr>
          <td>${x.full_name}${x.account && html`<br /><span class="muted">${x.account.login}</span>`}</td>
          <td>${[x.phone, x.email].filter(Boolean).join(", ")}</td>
          <td>${(x.class_teacher_of || []).join(", ")}</td>
          <td><button type="button" id=${`edit-${x.id}`} onClick=${() => setEditing(x)}
            aria-label=${t("office.edit_who", { name: x.full_name })}>${t("office.edit")}</button></td>
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}
