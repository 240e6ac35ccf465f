// backups: the box's backups (GET /api/v1/backups) newest first, how old the last one is (a warning
// past a day: a box that loses its disk loses what came after), "make one now" (POST, then followed
// until it is listed or its failure is said), and each file to download.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { Ago, size } from "./words.js";

export const STALE_SECONDS = 24 * 3600;  // a school day's marks are what one backup a day keeps safe
const POLL_MS = 1000;  // while a backup is being made, the list is read again this often

export function Backups() {
  const list = useApi("/api/v1/backups");
  const [started, setStarted] = useState(null);  // the name POST said the new backup will have
  const [error, setError] = useState(null);
  const [posting, setPosting] = useState(false);
  const d = list.data;
  const running = !!(d && d.running) || (started && d && !d.backups.some((b) => b.name === started) && !d.last_failure);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(list.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, d]);
  const made = started && d && d.backups.some((b) => b.name === started);
  async function makeNow() {
    setPosting(true);
    setError(null);
    try {
      const r = await api("POST", "/api/v1/backups");
      setStarted(r.backup.name);
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setPosting(false);
    }
  }
  return html`<section class="admin-backups" aria-labelledby="backups-title">
    <h1 id="backups-title">${t("admin.backups.title")}</h1>
    ${list.loading && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${d && html`<${LastBackup} d=${d} />`}
    ${d && html`<div class="card admin-part">
      <button type="button" class="primary" id="backup-now" disabled=${posting || running} aria-describedby="backup-now-state"
        onClick=${makeNow}>${t("admin.backups.make_now")}</button>
      <p id="backup-now-state" role="status" class=${running ? "busy" : made ? "ok" : ""}>
        ${running ? t("admin.backups.running") : made ? t("admin.backups.made", { name: started }) : ""}</p>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      ${d.last_failure && !running && html`<p class="field-error" role="alert">${t("admin.backups.failed", { time: fmt.moment(d.last_failure.at) })} ${d.last_failure.message}</p>`}
    </div>`}
    ${d && html`<h2>${t("admin.backups.list")}</h2>
      <p class="hint">${t("admin.backups.keep_safe")}</p>`}
    ${d && !d.backups.length && html`<p class="empty">${t("admin.backups.none")}</p>`}
    ${d && d.backups.length > 0 && html`<table class="list stack backup-list">
      <thead><tr><th scope="col">${t("admin.backups.made_at")}</th><th scope="col">${t("admin.backups.size")}</th>
        <th scope="col">${t("admin.backups.kind")}</th><th scope="col"><span class="sr">${t("admin.actions")}</span></th></tr></thead>
      <tbody>${d.backups.map((b) => html`<tr class=${b.name === started ? "new" : ""} data-backup=${b.name}>
        <td>${fmt.moment(b.made_at)} <span class="muted">(<${Ago} at=${b.made_at} />)</span><br /><span class="muted small file-name">${b.name}</span></td>
        <td><span class="cell-label">${t("admin.backups.size")}: </span>${size(b.bytes)}</td>
        <td><span class="cell-label">${t("admin.backups.kind")}: </span>${t(`admin.backups.kind_${b.kind}`)}</td>
        <td><a class="download" href=${`/api/v1/backups/${encodeURIComponent(b.name)}`} download=${b.name}
          aria-label=${t("admin.backups.download_which", { time: fmt.moment(b.made_at) })}>${t("admin.backups.download")}</a></td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}

// "The last backup: 3 hours ago", or a warning when there is none or it is over a day old.
export function LastBackup({ d }) {
  const age = d.last_backup_age_seconds;
  if (!d.last_backup_at) return html`<p class="note warn-note" role="status"><strong>${t("admin.warning")}:</strong> ${t("admin.backups.never")}</p>`;
  const stale = age !== null && age > STALE_SECONDS;
  return html`<p class=${stale ? "note warn-note" : "note ok-note"} role="status">
    ${stale && html`<strong>${t("admin.warning")}: </strong>`}
    ${t("admin.backups.last")} <${Ago} at=${d.last_backup_at} />${stale ? `. ${t("admin.backups.stale")}` : "."}</p>`;
}
