// pupil_guardians: a pupil's guardians — each linked one with a way to unlink, finding a registered
// guardian by name or phone to link (a family with a second child is already known), and adding a new
// guardian (with an account) who is linked at once.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say, plural } from "../../i18n.js";
import { api } from "../../api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { RelationSelect } from "./relation.js";
import { cleaned, NewAccount, PERSON_OPTIONAL } from "./person.js";

export function PupilGuardians({ pupil, guardians, onChanged }) {
  const [error, setError] = useState(null);
  const [account, setAccount] = useState(null);
  const linked = new Set(guardians.map((g) => g.id));
  async function unlink(g) {
    setError(null);
    try {
      await api("DELETE", `/api/v1/students/${pupil.id}/guardians/${g.id}`);
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  const off = !!pupil.left_on;
  return html`<section class="card guardians" aria-labelledby="guardians-title">
    <h2 id="guardians-title">${t("office.guardians")}</h2>
    ${guardians.length === 0 && html`<p class="empty">${t("office.guardians_none")}</p>`}
    <ul class="guardian-list">${guardians.map((g) => html`<li>
      <span><strong>${g.full_name}</strong> · ${t(`office.relation_${g.relation}`)}
        ${g.phone && html`<br /><span class="muted">${g.phone}</span>`}${g.email && html` <span class="muted">${g.email}</span>`}</span>
      ${!off && html`<button type="button" onClick=${() => unlink(g)} aria-label=${t("office.unlink_who", { name: g.full_name })}>${t("office.unlink")}</button>`}
    </li>`)}</ul>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    ${!off && html`<${LinkGuardian} pupil=${pupil} linked=${linked} onLinked=${onChanged} />
      <${NewGuardian} pupil=${pupil} onMade=${(a) => { setAccount(a); onChanged(); }} />`}
    <${NewAccount} account=${account} />
  </section>`;
}

// Finding needs two letters at least (the box's rule); the search runs on Enter, not on each key.
function LinkGuardian({ pupil, linked, onLinked }) {
  const [q, setQ] = useState("");
  const [found, setFound] = useState(null);
  const [relation, setRelation] = useState("parent");
  const [error, setError] = useState(null);
  async function find(e) {
    e.preventDefault();
    setError(null);
    try {
      setFound((await api("GET", `/api/v1/guardians?q=${encodeURIComponent(q.trim())}`)).guardians);
    } catch (err) {
      setError(err);
    }
  }
  async function link(g) {
    setError(null);
    try {
      await api("PUT", `/api/v1/students/${pupil.id}/guardians/${g.id}`, { relation });
      setFound(null);
      setQ("");
      onLinked();
    } catch (err) {
      setError(err);
    }
  }
  return html`<form class="link-guardian" onSubmit=${find} role="search">
    <h3>${t("office.guardian_link")}</h3>
    <div class="inline-field">
      <label for="guardian-q">${t("office.guardian_find")}</label>
      <div class="row"><input id="guardian-q" type="search" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} minlength="2" autocomplete="off" />
        <button>${t("office.find")}</button></div>
    </div>
    <div class="inline-field">
      <label for="guardian-relation">${t("office.relation")}</label>
      <${RelationSelect} id="guardian-relation" value=${relation} onChange=${setRelation} />
    </div>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    ${found && found.length === 0 && html`<p class="empty" role="status">${t("office.guardians_not_found")}</p>`}
    ${found && found.length > 0 && html`<ul class="guardian-list found">${found.map((g) => html`<li>
      <span>${g.full_name}${g.phone ? ` · ${g.phone}` : ""}${g.children ? html`<br /><span class="muted">${plural("office.children_n", g.children)}</span>` : ""}</span>
      ${linked.has(g.id) ? html`<span class="badge">${t("office.linked")}</span>`
        : html`<button type="button" onClick=${() => link(g)} aria-label=${t("office.link_who", { name: g.full_name })}>${t("office.link")}</button>`}
    </li>`)}</ul>`}
  </form>`;
}

const EMPTY = { last_name: "", first_name: "", middle_name: "", phone: "", email: "" };

function NewGuardian({ pupil, onMade }) {
  const f = useForm(EMPTY);
  const [relation, setRelation] = useState("parent");
  async function submit(e) {
    e.preventDefault();
    const made = await f.send(async (v) => {
      const r = await api("POST", "/api/v1/guardians", cleaned(v, PERSON_OPTIONAL));
      await api("PUT", `/api/v1/students/${pupil.id}/guardians/${r.guardian.id}`, { relation });
      return r;
    });
    if (made) {
      f.reset();
      onMade(made.account);
    }
  }
  return html`<details class="new-guardian">
    <summary>${t("office.guardian_new")}</summary>
    <form onSubmit=${submit}>
      <${Field} form=${f} id="ng-last" name="last_name" label=${t("office.last_name")} required autocomplete="off" />
      <${Field} form=${f} id="ng-first" name="first_name" label=${t("office.first_name")} required autocomplete="off" />
      <${Field} form=${f} id="ng-middle" name="middle_name" label=${t("office.middle_name")} autocomplete="off" />
      <${Field} form=${f} id="ng-phone" name="phone" type="tel" label=${t("office.phone")} autocomplete="off" />
      <${Field} form=${f} id="ng-email" name="email" type="email" label=${t("office.email")} autocomplete="off" />
      <div class="field"><label for="ng-relation">${t("office.relation")}</label>
        <${RelationSelect} id="ng-relation" value=${relation} onChange=${setRelation} /></div>
      <${FormError} form=${f} fields=${Object.keys(EMPTY)} />
      <button class="primary" disabled=${f.busy}>${t("office.guardian_add")}</button>
    </form>
  </details>`;
}
