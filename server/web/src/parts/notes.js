// notes: what a screen says when it cannot show its data — a refusal in plain words next to what
// failed, or the page a user meets when a pupil's data is not theirs to see.
import { html } from "../html.js";
import { t, say } from "../i18n.js";

const NOT_ALLOWED = new Set(["pupil.not_visible", "pupil.not_found", "journal.not_your_class", "class.not_found", "session.forbidden"]);

export function ErrorNote({ error, retry }) {
  if (!error) return null;
  if (error.status === 403 || (error.status === 404 && NOT_ALLOWED.has(error.code))) return html`<${NotAllowed} />`;
  return html`<div class="note error" role="alert">
    <p>${say(error)}</p>
    ${retry && html`<button type="button" onClick=${retry}>${t("action.retry")}</button>`}
  </div>`;
}

export function NotAllowed() {
  return html`<section class="note refused" aria-labelledby="refused-title">
    <h1 id="refused-title">${t("refused.title")}</h1>
    <p>${t("refused.text")}</p>
    <p><a href="/">${t("refused.home")}</a></p>
  </section>`;
}

export function Loading() {
  return html`<p class="loading" role="status">${t("loading")}</p>`;
}
