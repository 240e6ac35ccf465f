// mail: the sender of guardians' e-mail notices as the administrator sees it (GET /api/v1/mail,
// issue 13; docs/mail.md) — the relay and the sender address, or that none is configured and how to
// set one; what waits and for how long; the last mail that went; the last error (a warning, since
// when); the notices that failed for good with the last reason.
import { html } from "../../html.js";
import { t, fmt, plural } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { Ago, duration } from "./words.js";

export function Mail() {
  const read = useApi("/api/v1/mail");
  const m = read.data;
  return html`<section class="admin-mail" aria-labelledby="mail-title">
    <div class="title-row">
      <h1 id="mail-title">${t("admin.mail.title")}</h1>
      <button type="button" onClick=${read.reload}>${t("admin.box.refresh")}</button>
    </div>
    ${read.loading && html`<${Loading} />`}
    <${ErrorNote} error=${read.error} retry=${read.reload} />
    ${m && html`<${Relay} m=${m} />
    <div class="admin-columns">
      <div class="card admin-part" aria-labelledby="mail-queue-title">
        <h2 id="mail-queue-title">${t("admin.mail.queue")}</h2>
        <p data-fact="queued">${m.queued ? plural("admin.mail.queued", m.queued) : t("admin.mail.nothing_queued")}
          ${m.queued > 0 && m.oldest_queued_age_seconds != null && html` ${t("admin.mail.oldest", { age: duration(m.oldest_queued_age_seconds) })}`}</p>
        <p data-fact="last-success">${m.last_success_at ? html`${t("admin.mail.last_success")} <${Ago} at=${m.last_success_at} /> (${fmt.moment(m.last_success_at)}).`
          : t("admin.mail.never_sent")}</p>
        <p class="hint">${t("admin.mail.digest", { time: m.digest_at })}</p>
      </div>
      <div class="card admin-part" aria-labelledby="mail-failed-title">
        <h2 id="mail-failed-title">${t("admin.mail.failed_title")}</h2>
        ${m.failed ? html`<p class="warn" data-fact="failed"><strong>${t("admin.warning")}:</strong> ${plural("admin.mail.failed", m.failed)}</p>
          ${m.last_failure && html`<p>${t("admin.mail.last_failure", { time: m.last_failure.at ? fmt.moment(m.last_failure.at) : "" })} ${m.last_failure.message}</p>`}
          <p class="hint">${t("admin.mail.failed_hint")}</p>`
          : html`<p data-fact="failed">${t("admin.mail.none_failed")}</p>`}
      </div>
    </div>`}
  </section>`;
}

// "Relay smtp.example.ru:587, from journal@…" and whether it answers; or no relay at all, and how.
function Relay({ m }) {
  if (!m.relay_configured)
    // (the box's own last_error then says the same, in English: not repeated)
    return html`<div class="note warn-note" role="status" data-fact="relay"><p><strong>${t("admin.warning")}:</strong> ${t("admin.mail.no_relay")}</p></div>`;
  return html`<div class=${m.last_error ? "note warn-note" : "note ok-note"} data-fact="relay">
    <p>${t("admin.mail.relay", { relay: m.relay || "", from: m.from || "" })}</p>
    ${m.last_error ? html`<p class="warn" data-fact="last-error"><strong>${t("admin.warning")}:</strong>${" "}${t("admin.mail.last_error", { time: m.last_error.at ? fmt.moment(m.last_error.at) : "" })} ${m.last_error.message}</p>`
      : html`<p>${t("admin.mail.relay_ok")}</p>`}
  </div>`;
}
