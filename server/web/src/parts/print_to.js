// print_to: "print this on a school printer" for any document the box makes (issue 12) — the printer
// chosen from GET /api/v1/printers (the default first), the job sent by POST /api/v1/print-jobs, and
// then followed until the print server says it is done, stopped (with its reason and a retry) or
// cancelled. `document`: the document's GET path, as the print desk takes it.
import { useEffect, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "./use_api.js";

export const JOB_POLL_MS = 1500;  // how often a followed job is read again
const FINAL = new Set(["completed", "cancelled"]);

// Follows a job (as a POST answered it) until it is final; returns the latest state.
export function useJob(first) {
  const [job, setJob] = useState(first);
  useEffect(() => setJob(first), [first]);
  useEffect(() => {
    if (!job || FINAL.has(job.state) || job.state === "stopped") return undefined;
    const timer = setTimeout(() => api("GET", `/api/v1/print-jobs/${job.id}`).then(setJob, () => setJob({ ...job })), JOB_POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
  return [job, setJob];
}

// A job's state in words, with a retry for a stopped one.
export function JobState({ job, onJob }) {
  const [error, setError] = useState(null);
  if (!job) return null;
  const retry = async () => {
    setError(null);
    try {
      onJob(await api("POST", `/api/v1/print-jobs/${job.id}/retry`));
    } catch (e) {
      setError(e);
    }
  };
  return html`<div class=${`job job-${job.state}`} role="status">
    <span>${t(`print.state_${job.state}`, { printer: job.printer_label || job.printer })}</span>
    ${job.state === "stopped" && html` <span class="reason">${job.reason}</span>
      <button type="button" onClick=${retry}>${t("print.retry")}</button>`}
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
  </div>`;
}

// The printer choice and the Print button; `send(printer)` may replace the POST (slips are made by
// their own route and answer with the job).
export function PrintTo({ document, send, label, id = "print-to" }) {
  const printers = useApi("/api/v1/printers");
  const list = (printers.data && printers.data.printers) || [];
  const [printer, setPrinter] = useState("");
  const [first, setFirst] = useState(null);
  const [job, setJob] = useJob(first);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const chosen = printer || (list.find((p) => p.default) || list[0] || {}).name || "";
  async function print() {
    setBusy(true);
    setError(null);
    try {
      setFirst(await (send ? send(chosen) : api("POST", "/api/v1/print-jobs", { document, printer: chosen })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  if (printers.error) return html`<p class="field-error" role="alert">${say(printers.error)}</p>`;
  return html`<div class="print-to">
    <label for=${id}>${t("print.printer")}</label>
    <div class="print-row">
      <select id=${id} value=${chosen} onChange=${(e) => setPrinter(e.currentTarget.value)} disabled=${!list.length}>
        ${list.map((p) => html`<option value=${p.name}>${p.label || p.name}</option>`)}
      </select>
      <button type="button" class="primary" disabled=${busy || !list.length} onClick=${print}>${label || t("print.print")}</button>
    </div>
    ${printers.data && !list.length && html`<p class="hint">${t("print.no_printers")}</p>`}
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    <${JobState} job=${job} onJob=${setFirst} />
  </div>`;
}
