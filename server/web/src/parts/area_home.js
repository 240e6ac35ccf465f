// area_home: the start page of a staff area (the office, the director, the admin) — the area's
// sections as a list of links with one line each on what is done there, so the common task is one
// click from signing in.
import { html } from "../html.js";
import { t } from "../i18n.js";
import { me } from "../session.js";

// sections: [{href, title, text}] in the order the area's work is done most often.
export function AreaHome({ title, sections }) {
  return html`<section class="area-home">
    <h1>${title}</h1>
    <p class="lead">${t("home.title", { name: me.value.name })}</p>
    <ul class="area-sections">
      ${sections.map((s) => html`<li><a href=${s.href}><span class="area-title">${s.title}</span>
        <span class="area-text">${s.text}</span></a></li>`)}
    </ul>
  </section>`;
}
