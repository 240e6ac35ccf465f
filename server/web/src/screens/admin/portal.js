// portal: the box's sync with the city portal (GET /api/v1/sync, issue 13) in plain words — when it
// last succeeded, what waits to be sent and what the portal has confirmed, the last error and since
// when, how far the portal holds the school's audit trail, what it refused and when the next run is —
// and "Sync now" (POST), after which the page follows the status until the run ends.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt, plural, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { syncStatus } from "../../parts/sync_status.js";
import { Ago } from "./words.js";

export const SYNC_POLL_MS = 1000;  // while a run goes on, the status is read again this often

export function Portal() {
  const read = useApi("/api/v1/sync");
  const [asked, setAsked] = useState(null);  // the answer to "Sync now": {started} or an ApiError
  const [posting, setPosting] = useState(false);
  const s = read.data;
  // what this page reads, the line at the foot of every page shows too
  useEffect(() => {
    if (s) syncStatus.value = s;
  }, [s]);
  const following = !!(s && s.running) || (asked && asked.started && !s);
  useEffect(() => {
    if (!following) return undefined;
    const timer = setTimeout(read.reload, SYNC_POLL_MS);
    return () => clearTimeout(timer);
  }, [following, s]);
  async function syncNow() {
    setPosting(true);
    setAsked(null);
    try {
      await api("POST", "/api/v1/sync");
      setAsked({ started: true });
    } catch (e) {
      setAsked({ error: e });
    } finally {
      setPosting(false);
      read.reload();
    }
  }
  const running = !!(s && s.running);
  // no [portal] in the configuration: said once, whether the box answers configured: false or refuses
  // with sync.not_configured (a server started without its sync runner)
  const unconfigured = (s && !s.configured) || (!s && read.error && read.error.code === "sync.not_configured");
  const error = asked && asked.error;
  return html`<section class="admin-portal" aria-labelledby="portal-title">
    <div class="title-row">
      <h1 id="portal-title">${t("admin.portal.title")}</h1>
      <button type="button" onClick=${read.reload}>${t("admin.box.refresh")}</button>
    </div>
    ${read.loading && html`<${Loading} />`}
    ${unconfigured ? html`<p class="note warn-note" role="status" data-fact="not-configured"><strong>${t("admin.warning")}:</strong> ${t("admin.portal.not_configured")}</p>`
      : html`<${ErrorNote} error=${read.error} retry=${read.reload} />`}
    ${s && s.configured && html`<${LastRun} s=${s} />
    <div class="card admin-part sync-now">
      <button type="button" class="primary" id="sync-now" disabled=${posting || running} aria-describedby="sync-now-state"
        onClick=${syncNow}>${t("admin.portal.sync_now")}</button>
      <p id="sync-now-state" role="status" class=${running ? "busy" : ""}>${running ? t("admin.portal.running")
        : asked && asked.started ? finishedWords(s) : ""}</p>
      ${error && html`<p class="field-error" role="alert">${error.code === "sync.running" ? t("admin.portal.already_running")
        : error.code === "sync.not_configured" ? `${t("admin.portal.cannot")} ${error.message}` : say(error)}</p>`}
      ${s.next_run_at && !running && html`<p data-fact="next-run">${t("admin.portal.next_run", { time: fmt.moment(s.next_run_at) })}</p>`}
    </div>
    <div class="admin-columns">
      <div class="card admin-part" aria-labelledby="portal-queue-title">
        <h2 id="portal-queue-title">${t("admin.portal.queue")}</h2>
        <p data-fact="waiting">${s.items_waiting ? plural("admin.portal.items_waiting", s.items_waiting) : t("admin.portal.nothing_waiting")}</p>
        ${s.acknowledged_through != null && html`<p data-fact="acknowledged">${t("admin.portal.acknowledged", { n: String(s.acknowledged_through) })}</p>`}
      </div>
      <div class="card admin-part" aria-labelledby="portal-anchor-title">
        <h2 id="portal-anchor-title">${t("admin.portal.anchor")}</h2>
        <p data-fact="anchor">${s.anchor ? t("admin.portal.anchor_at", { seq: String(s.anchor.seq), time: fmt.moment(s.anchor.at) }) : t("admin.portal.anchor_none")}</p>
        <p class="hint">${t("admin.portal.anchor_hint")}</p>
      </div>
    </div>
    <${Refused} refused=${s.refused || []} />`}
  </section>`;
}

// After "Sync now", once the run is over: done, or ended with the error shown above (a newer error
// than the last success).
function finishedWords(s) {
  const failed = s.last_error && (!s.last_success_at || (s.last_error.at && s.last_error.at > s.last_success_at));
  return failed ? t("admin.portal.finished_error") : t("admin.portal.finished");
}

// The last success (or none yet), the last attempt, and the last error with its time: a warning
// said in words, which the colour only repeats.
function LastRun({ s }) {
  const failing = !!s.last_error;
  return html`<div class=${failing ? "note warn-note" : "note ok-note"} data-fact="last-run">
    <p>${s.last_success_at ? html`${t("admin.portal.last_success")} <${Ago} at=${s.last_success_at} /> (${fmt.moment(s.last_success_at)}).`
      : t("admin.portal.never")}</p>
    ${s.last_attempt_at && s.last_attempt_at !== s.last_success_at && html`<p class="muted">${t("admin.portal.last_attempt", { time: fmt.moment(s.last_attempt_at) })}</p>`}
    ${failing && html`<p class="warn" data-fact="last-error"><strong>${t("admin.warning")}:</strong> ${t("admin.portal.last_error", { time: s.last_error.at ? fmt.moment(s.last_error.at) : "" })}
      ${" "}${s.last_error.message}</p>`}
  </div>`;
}

// What the portal refused, item by item with its reason: the office must put these right by hand.
function Refused({ refused }) {
  return html`<h2>${t("admin.portal.refused")}</h2>
    ${!refused.length ? html`<p class="empty">${t("admin.portal.refused_none")}</p>`
      : html`<p class="hint">${t("admin.portal.refused_hint")}</p>
      <table class="list stack refused-list">
        <thead><tr><th scope="col">${t("admin.portal.item")}</th><th scope="col">${t("admin.portal.reason")}</th><th scope="col">${t("admin.portal.when")}</th></tr></thead>
        <tbody>${refused.map((r) => html`<tr data-seq=${r.seq}>
          <td><span class="cell-label">${t("admin.portal.item")}: </span>${t("admin.portal.item_no", { n: String(r.seq) })}</td>
          <td><span class="cell-label">${t("admin.portal.reason")}: </span>${r.reason}</td>
          <td><span class="cell-label">${t("admin.portal.when")}: </span>${fmt.moment(r.at)}</td>
        </tr>`)}</tbody>
      </table>`}`;
}
