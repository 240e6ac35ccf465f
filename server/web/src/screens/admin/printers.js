// printers: the school's printers as the print server sees them (GET /api/v1/printers: ready, off,
// out of paper, jammed… with the server's own words) and every recent job (GET /api/v1/print-jobs:
// the administrator sees all), a stopped one sent again from here — the administrator looks after
// the printers, and prints nothing. Read again every few seconds while the page is open.
import { useEffect } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { JobState } from "../../parts/print_to.js";

export const PRINTERS_POLL_MS = 5000;  // a jammed printer or a stopped job shows within seconds

export function Printers() {
  const printers = useApi("/api/v1/printers");
  const jobs = useApi("/api/v1/print-jobs");
  useEffect(() => {
    const timer = setInterval(() => {
      printers.reload();
      jobs.reload();
    }, PRINTERS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const list = (printers.data && printers.data.printers) || [];
  return html`<section class="admin-printers" aria-labelledby="printers-title">
    <h1 id="printers-title">${t("admin.printers.title")}</h1>
    ${printers.loading && html`<${Loading} />`}
    <${ErrorNote} error=${printers.error} retry=${printers.reload} />
    ${printers.data && html`<table class="list stack printer-list">
      <thead><tr><th scope="col">${t("admin.printers.printer")}</th><th scope="col">${t("admin.printers.state")}</th></tr></thead>
      <tbody>${list.map((p) => html`<tr data-printer=${p.name}>
        <td>${p.label || p.name}${p.default ? html` <span class="badge">${t("admin.printers.default")}</span>` : null}
          <br /><span class="muted small">${p.name}</span></td>
        <td class=${p.state === "ready" || p.state === "busy" ? "" : "warn"}>
          <span class="cell-label">${t("admin.printers.state")}: </span>
          ${p.state === "ready" || p.state === "busy" ? null : html`<strong>${t("admin.warning")}: </strong>`}${p.message}</td>
      </tr>`)}</tbody>
    </table>`}
    <h2>${t("admin.printers.jobs")}</h2>
    <${ErrorNote} error=${jobs.error} retry=${jobs.reload} />
    ${jobs.data && !jobs.data.jobs.length && html`<p class="empty">${t("admin.printers.no_jobs")}</p>`}
    ${jobs.data && jobs.data.jobs.length > 0 && html`<table class="list stack job-list">
      <thead><tr><th scope="col">${t("admin.printers.when")}</th><th scope="col">${t("admin.printers.document")}</th>
        <th scope="col">${t("admin.printers.job_state")}</th></tr></thead>
      <tbody>${jobs.data.jobs.map((j) => html`<tr data-job=${j.id}>
        <td>${j.created_at}</td>
        <td>${j.title}${j.copies > 1 ? ` × ${j.copies}` : ""}</td>
        <td><${JobState} job=${j} onJob=${() => jobs.reload()} /></td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}
