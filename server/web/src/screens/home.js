// home: where "/" leads — a pupil or guardian to the (first) child's diary, a teacher to the journal,
// the secretary, the director and the admin to their area's start page.
import { html } from "../html.js";
import { t } from "../i18n.js";
import { me, pupilsOf } from "../session.js";
import { Redirect } from "../parts/redirect.js";
import { areaOf } from "../areas.js";

export function Home() {
  const pupils = pupilsOf(me.value);
  if (pupils.length) return html`<${Redirect} to=${`/pupils/${pupils[0].id}/diary`} />`;
  if (me.value.teaches && me.value.teaches.length) return html`<${Redirect} to="/journal" />`;
  const area = areaOf(me.value);  // issue 12: the office, the director, the admin
  if (area) return html`<${Redirect} to=${area.home} />`;
  return html`<section class="note"><h1>${t("home.title", { name: me.value.name })}</h1><p>${t("home.nothing_yet")}</p></section>`;
}
