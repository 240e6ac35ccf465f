// kiosks: the school's kiosks (GET /api/v1/kiosks) — each one's mode, whether it works, when it was
// last heard from, and the taps its spool still holds (what an entrance kiosk has not yet been able
// to hand to the box); enrolling a new one (kiosk_enrol.js) and revoking one, after a confirmation,
// from its next request on.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, plural, fmt, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { EnrolForm, EnrolCode } from "./kiosk_enrol.js";
import { Ago } from "./words.js";

export function Kiosks() {
  const list = useApi("/api/v1/kiosks");
  const [answer, setAnswer] = useState(null);
  const [asking, setAsking] = useState(null);  // the kiosk whose revocation waits for "yes"
  const kiosks = (list.data && list.data.kiosks) || [];
  const closeCode = () => {
    setAnswer(null);
    setTimeout(() => document.getElementById("kiosk-name")?.focus(), 0);
  };
  return html`<section class="admin-kiosks" aria-labelledby="kiosks-title">
    <h1 id="kiosks-title">${t("admin.kiosks.title")}</h1>
    ${answer ? html`<${EnrolCode} answer=${answer} onClose=${closeCode} />`
      : html`<${EnrolForm} done=${(r) => { setAnswer(r); list.reload(); }} />`}
    <h2>${t("admin.kiosks.list")}</h2>
    ${list.loading && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && !kiosks.length && html`<p class="empty">${t("admin.kiosks.none")}</p>`}
    ${kiosks.length > 0 && html`<table class="list stack kiosk-list">
      <thead><tr><th scope="col">${t("admin.kiosks.name")}</th><th scope="col">${t("admin.kiosks.mode")}</th>
        <th scope="col">${t("admin.kiosks.state")}</th><th scope="col">${t("admin.kiosks.last_contact")}</th>
        <th scope="col">${t("admin.kiosks.spool")}</th><th scope="col"><span class="sr">${t("admin.actions")}</span></th></tr></thead>
      <tbody>${kiosks.map((k) => html`<tr class=${k.revoked ? "revoked" : ""} data-kiosk=${k.name}>
        <td class="kiosk-name">${k.name}</td>
        <td><span class="sr">${t("admin.kiosks.mode")}: </span>${t(`admin.kiosks.mode_${k.mode}`)}</td>
        <td class="kiosk-state"><${KioskState} k=${k} /></td>
        <td><span class="cell-label">${t("admin.kiosks.last_contact")}: </span>${k.last_seen_at ? html`<${Ago} at=${k.last_seen_at} />` : t("admin.kiosks.never")}</td>
        <td><${Spool} k=${k} /></td>
        <td>${!k.revoked && html`<button type="button" id=${`revoke-${k.id}`} onClick=${() => setAsking(k)}
          aria-label=${t("admin.kiosks.revoke_who", { name: k.name })}>${t("admin.kiosks.revoke")}</button>`}</td>
      </tr>${asking && asking.id === k.id && html`<tr class="confirm-row"><td colspan="6">
        <${RevokeConfirm} k=${k} done=${() => { setAsking(null); list.reload(); }} onCancel=${() => {
          setAsking(null);
          setTimeout(() => document.getElementById(`revoke-${k.id}`)?.focus(), 0);
        }} /></td></tr>`}`)}</tbody>
    </table>`}
  </section>`;
}

// Works / waits for its code (until when) / its code ran out / revoked — in words, never colour alone.
function KioskState({ k }) {
  if (k.revoked) return html`<span class="badge state-revoked">${t("admin.kiosks.revoked")}</span>`;
  if (k.enrolled_at) return html`<span class="badge state-ok">${t("admin.kiosks.enrolled")}</span>${" "}
    <span class="muted small">${t("admin.kiosks.enrolled_at", { time: fmt.moment(k.enrolled_at) })}</span>`;
  if (k.code_expires_at && new Date(k.code_expires_at) > new Date())
    return html`<span class="badge">${t("admin.kiosks.waiting", { time: fmt.moment(k.code_expires_at) })}</span>`;
  return html`<span class="badge state-warn">${t("admin.kiosks.code_expired")}</span>`;
}

// The taps the kiosk said it still holds: none is the normal state; some mean its link to the box
// is (or was) down, and they are not yet in the security log.
function Spool({ k }) {
  const label = html`<span class="cell-label">${t("admin.kiosks.spool")}: </span>`;
  if (k.spool_depth === null || k.spool_depth === undefined) return html`${label}<span class="muted">${t("admin.kiosks.spool_unknown")}</span>`;
  if (k.spool_depth === 0) return html`${label}${t("admin.kiosks.spool_empty")}`;
  return html`${label}<span class="warn">${t("admin.warning")}: ${plural("admin.kiosks.taps_waiting", k.spool_depth)}</span>
    ${k.spool_reported_at && html` <span class="muted small">(<${Ago} at=${k.spool_reported_at} />)</span>`}`;
}

function RevokeConfirm({ k, done, onCancel }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    document.getElementById("revoke-yes")?.focus();
    const esc = (e) => e.key === "Escape" && onCancel();
    document.addEventListener("keydown", esc);
    return () => document.removeEventListener("keydown", esc);
  }, []);
  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", `/api/v1/kiosks/${encodeURIComponent(k.id)}`);
      done();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return html`<div class="confirm" role="group" aria-labelledby="revoke-q">
    <p id="revoke-q">${t("admin.kiosks.revoke_q", { name: k.name })}</p>
    <div class="buttons">
      <button type="button" id="revoke-yes" class="danger" disabled=${busy} onClick=${revoke}>${t("admin.kiosks.revoke_yes")}</button>
      <button type="button" onClick=${onCancel}>${t("admin.cancel")}</button>
    </div>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
  </div>`;
}
