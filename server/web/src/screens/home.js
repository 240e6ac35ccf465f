// home: where "/" leads — a pupil or guardian to the (first) child's diary, a teacher to the journal.
import { html } from "../html.js";
import { t } from "../i18n.js";
import { me, pupilsOf } from "../session.js";
import { Redirect } from "../parts/redirect.js";

export function Home() {
  const pupils = pupilsOf(me.value);
  if (pupils.length) return html`<${Redirect} to=${`/pupils/${pupils[0].id}/diary`} />`;
  if (me.value.teaches && me.value.teaches.length) return html`<${Redirect} to="/journal" />`;
  return html`<section class="note"><h1>${t("home.title", { name: me.value.name })}</h1><p>${t("home.nothing_yet")}</p></section>`;
}
