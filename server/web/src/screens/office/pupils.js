// pupils: the office's list of the school's pupils — found by name or card as one types, narrowed to
// a class, those who left shown on request. Enter opens the first match: a name said at the desk is a
// few letters and Enter away from the pupil's page.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useSchoolPupils } from "./school_pupils.js";
import { useFound, FoundCount } from "./find.js";

const haystack = (p) => `${p.full_name} ${p.class ? p.class.name : ""} ${p.card || ""}`;

export function Pupils() {
  const loc = useLocation();
  const [query, setQuery] = useState("");
  const [klass, setKlass] = useState(loc.query.class || "");
  const [withLeft, setWithLeft] = useState(false);
  const pupils = useSchoolPupils(withLeft);
  const classes = useApi("/api/v1/classes");
  const inClass = pupils.data && klass ? pupils.data.filter((p) => p.class && p.class.id === klass) : pupils.data;
  const found = useFound(inClass, query, haystack);
  const open = (e) => {
    if (e.key === "Enter" && found.first) loc.route(`/office/pupils/${found.first.id}`);
  };
  return html`<section aria-labelledby="pupils-title" class="office-list">
    <div class="title-row">
      <h1 id="pupils-title">${t("office.pupils")}</h1>
      <a class="button-link" href=${`/office/pupils/new${klass ? `?class=${klass}` : ""}`}>${t("office.pupil_new")}</a>
    </div>
    <div class="toolbar" role="search">
      <div class="field">
        <label for="pupil-q">${t("office.pupil_find")}</label>
        <input id="pupil-q" type="search" value=${query} onInput=${(e) => setQuery(e.currentTarget.value)} onKeyDown=${open}
          autocomplete="off" autofocus aria-describedby="pupil-q-hint" />
        <p class="hint" id="pupil-q-hint">${t("office.pupil_find_hint")}</p>
      </div>
      <div class="field">
        <label for="pupil-class">${t("office.class")}</label>
        <select id="pupil-class" value=${klass} onChange=${(e) => setKlass(e.currentTarget.value)}>
          <option value="">${t("office.all_classes")}</option>
          ${classes.data && classes.data.classes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
        </select>
      </div>
      <label class="check"><input type="checkbox" checked=${withLeft} onChange=${(e) => setWithLeft(e.currentTarget.checked)} />
        ${t("office.with_left")}</label>
    </div>
    <${ErrorNote} error=${pupils.error} retry=${pupils.reload} />
    ${pupils.loading && html`<${Loading} />`}
    ${inClass && html`<${FoundCount} found=${found} of=${inClass.length} />
      <table class="list stack pupils">
        <thead><tr><th scope="col">${t("office.pupil")}</th><th scope="col">${t("office.class")}</th>
          <th scope="col">${t("office.card")}</th><th scope="col">${t("office.account")}</th></tr></thead>
        <tbody>${found.shown.map((p) => html`<tr class=${p.left_on ? "left" : undefined}>
          <td><a href=${`/office/pupils/${p.id}`}>${p.full_name}</a>
            ${p.left_on && html` <span class="badge">${t("office.left_on", { date: p.left_on })}</span>`}</td>
          <td>${p.class ? p.class.name : ""}</td>
          <td>${p.card ? html`<code>${p.card}</code>` : html`<span class="muted">${t("office.no_card")}</span>`}</td>
          <td>${p.account ? p.account.login : ""}</td>
        </tr>`)}</tbody>
      </table>`}
  </section>`;
}
