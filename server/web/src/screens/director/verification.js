// verification: whether the audit trail's chain is intact — the box's own check, the same as
// `classbookctl verify-audit` (GET /api/v1/audit/verification): "intact, N entries checked at …" or
// each finding in words, with a button to check again. A check that cannot run says why.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt, plural, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";

export function Verification() {
  const first = useApi("/api/v1/audit/verification");
  const [again, setAgain] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const result = again || first.data;
  async function check() {
    setBusy(true);
    setError(null);
    try {
      setAgain(await api("GET", "/api/v1/audit/verification"));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const failed = error || (!result && first.error);
  const intact = result && (result.intact ?? result.ok ?? !(result.findings || []).length);
  return html`<section class=${`verification card ${result ? (intact ? "intact" : "broken") : ""}`} aria-labelledby="verify-title" aria-live="polite">
    <h2 id="verify-title">${t("director.verify.title")}</h2>
    ${!result && !failed && html`<p class="loading">${t("director.verify.checking")}</p>`}
    ${failed && html`<p class="field-error" role="alert">${say(failed)}</p>`}
    ${result && intact && html`<p class="ok">${t("director.verify.intact", { entries: plural("director_audit_entries", result.checked_entries ?? 0),
      at: fmt.moment(result.checked_at || result.at || new Date().toISOString()) })}</p>`}
    ${result && !intact && html`<p class="field-error">${t("director.verify.broken")}</p>
      <ul class="findings">${(result.findings || []).map((f) => html`<li>${findingText(f)}</li>`)}</ul>`}
    <button type="button" onClick=${check} disabled=${busy}>${busy ? t("director.verify.checking") : t("director.verify.again")}</button>
  </section>`;
}

function findingText(f) {
  if (typeof f === "string") return f;
  return f.text || f.problem || [f.seq ? t("director.verify.entry", { seq: f.seq }) : "", f.kind || f.problem || ""].filter(Boolean).join(": ");
}
