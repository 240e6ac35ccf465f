// box: the box itself (GET /api/v1/box) — version and uptime, the database and its WAL, free disk
// (a warning when little is left), the server certificate's expiry (a warning a month ahead: kiosks
// and browsers refuse an expired one), the health checks in words, and the last backup's age.
import { html } from "../../html.js";
import { t, fmt, plural } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { Ago, duration, size } from "./words.js";
import { STALE_SECONDS } from "./backups.js";

export const CERT_WARN_DAYS = 30;
export const DISK_WARN_BYTES = 2 * 1024 ** 3;  // a year of a school's journal is well under this; backups are not
export const DISK_WARN_SHARE = 0.1;

export function Box() {
  const read = useApi("/api/v1/box");
  const b = read.data;
  return html`<section class="admin-box" aria-labelledby="box-title">
    <div class="title-row">
      <h1 id="box-title">${t("admin.box.title")}</h1>
      <button type="button" onClick=${read.reload}>${t("admin.box.refresh")}</button>
    </div>
    ${read.loading && html`<${Loading} />`}
    <${ErrorNote} error=${read.error} retry=${read.reload} />
    ${b && html`<div class="admin-columns">
      <div class="card admin-part" aria-labelledby="health-title">
        <h2 id="health-title">${t("admin.box.health")}</h2>
        <ul class="health">${b.health.map((h) => html`<li class=${h.ok ? "ok-item" : "bad-item"} data-check=${h.name}>
          <span class="check-mark" aria-hidden="true">${h.ok ? "✓" : "✗"}</span>
          <strong>${checkName(h.name)}:</strong> ${h.ok ? t("admin.box.check_ok") : t("admin.box.check_failed")}
          ${h.detail && html` <span class="muted">— ${h.detail}</span>`}</li>`)}</ul>
      </div>
      <div class="card admin-part" aria-labelledby="cert-title">
        <h2 id="cert-title">${t("admin.box.certificate")}</h2>
        <${Certificate} c=${b.certificate} />
      </div>
      <div class="card admin-part" aria-labelledby="figures-title">
        <h2 id="figures-title">${t("admin.box.figures")}</h2>
        <dl class="facts box-facts">
          <dt>${t("admin.box.version")}</dt><dd data-fact="version">${b.version}</dd>
          <dt>${t("admin.box.uptime")}</dt><dd data-fact="uptime" title=${fmt.moment(b.started_at)}>${duration(b.uptime_seconds)}</dd>
          <dt>${t("admin.box.database")}</dt><dd data-fact="database" data-bytes=${b.database_bytes}>${size(b.database_bytes)}</dd>
          <dt>${t("admin.box.wal")}</dt><dd data-fact="wal" data-bytes=${b.wal_bytes}>${size(b.wal_bytes)}</dd>
          <dt>${t("admin.box.schema")}</dt><dd data-fact="schema">${b.schema_version}</dd>
        </dl>
        <p class="hint">${t("admin.box.wal_hint")}</p>
      </div>
      <div class="card admin-part" aria-labelledby="disk-title">
        <h2 id="disk-title">${t("admin.box.disk")}</h2>
        <${Disk} free=${b.free_disk_bytes} total=${b.disk_total_bytes} />
      </div>
      <div class="card admin-part" aria-labelledby="box-backup-title">
        <h2 id="box-backup-title">${t("admin.box.backup")}</h2>
        <${BackupAge} at=${b.last_backup_at} />
        <p><a href="/admin/backups">${t("admin.box.to_backups")}</a></p>
      </div>
    </div>`}
  </section>`;
}

function checkName(name) {
  const key = `admin.box.check_${name}`;
  const text = t(key);
  return text === key ? name : text;
}

function Certificate({ c }) {
  if (!c || c.days_left === null || c.days_left === undefined)
    return html`<p class="warn"><strong>${t("admin.warning")}:</strong> ${t("admin.box.cert_unreadable")} ${c && c.problem ? c.problem : ""}</p>`;
  const days = c.days_left;
  const state = days < 0 ? "expired" : days < CERT_WARN_DAYS ? "soon" : "fine";
  return html`<p>${c.subject && html`<span class="muted">${t("admin.box.cert_subject", { name: c.subject })}</span><br />`}
      ${t("admin.box.cert_until", { date: fmt.day(new Date(c.not_after), true) })}</p>
    <p class=${state === "fine" ? "" : "warn"} data-fact="cert-days" data-days=${days}>
      ${state !== "fine" && html`<strong>${t("admin.warning")}: </strong>`}
      ${state === "expired" ? t("admin.box.cert_expired", { n: plural("admin.days", -days) })
        : t("admin.box.cert_days_left", { n: plural("admin.days", days) })}
      ${state === "soon" && html` ${t("admin.box.cert_renew")}`}</p>`;
}

function Disk({ free, total }) {
  const share = total ? free / total : 1;
  const low = free < DISK_WARN_BYTES || share < DISK_WARN_SHARE;
  return html`<p class=${low ? "warn" : ""} data-fact="disk">
    ${low && html`<strong>${t("admin.warning")}: </strong>`}
    ${t("admin.box.disk_free", { free: size(free), total: size(total), share: fmt.number(Math.round(share * 100)) })}
    ${low && html` ${t("admin.box.disk_low")}`}</p>
    <div class="meter" aria-hidden="true"><span style=${`width: ${Math.round((1 - share) * 100)}%`}></span></div>`;
}

function BackupAge({ at }) {
  if (!at) return html`<p class="warn"><strong>${t("admin.warning")}:</strong> ${t("admin.backups.never")}</p>`;
  const stale = Date.now() - new Date(at).getTime() > STALE_SECONDS * 1000;
  return html`<p class=${stale ? "warn" : ""}>${stale && html`<strong>${t("admin.warning")}: </strong>`}
    ${t("admin.backups.last")} <${Ago} at=${at} />${stale ? `. ${t("admin.backups.stale")}` : "."}</p>`;
}
