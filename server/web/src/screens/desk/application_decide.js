// application_decide: the answer to one access application — approve (the login slip comes back at
// once, to open and print for the applicant) or deny on one of the regulation's five grounds; either
// way the printed decision follows (to a school printer, or opened to print here). An approval the box
// refuses says why and opens the refusal with the ground it names. Escape closes the panel.
import { useEffect, useRef, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { PrintTo } from "../../parts/print_to.js";
import { parseDate } from "../../week.js";
import { GROUNDS, GROUND_FOR_REFUSAL } from "./application_words.js";
import { postPdf, PdfLink } from "./pdf.js";

export function DecidePanel({ app, onDecided, onClose }) {
  const [mode, setMode] = useState(app.status === "registered" ? "choose" : "decided");
  const [ground, setGround] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [slip, setSlip] = useState(null);
  const [outcome, setOutcome] = useState(null);  // "approved" | "denied" when decided here
  const panel = useRef(null);
  useEffect(() => {
    const h = panel.current && panel.current.querySelector("h2");
    if (h) h.focus();
  }, [app.id]);
  useEffect(() => {
    if (mode === "deny") {
      const el = document.getElementById(`ground-${ground || GROUNDS[0]}`);
      if (el) el.focus();
    }
  }, [mode]);
  const keys = (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
    }
  };

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      const pdf = await postPdf(`/api/v1/access-applications/${app.id}/approve`, comment ? { comment } : {});
      setSlip(pdf);
      setOutcome("approved");
      setMode("decided");
      onDecided();
    } catch (e) {
      setError(e);
      if (GROUND_FOR_REFUSAL[e.code]) setGround(GROUND_FOR_REFUSAL[e.code]);
    } finally {
      setBusy(false);
    }
  }
  async function deny(e) {
    e.preventDefault();
    if (!ground) {
      setError({ status: 400, code: "desk.ground_missing", message: t("desk.app.ground_missing") });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/v1/access-applications/${app.id}/deny`, comment ? { reason: ground, comment } : { reason: ground });
      setOutcome("denied");
      setMode("decided");
      onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const decision = `/api/v1/access-applications/${app.id}/decision.pdf`;
  return html`<section class="card decide" ref=${panel} onKeyDown=${keys} aria-labelledby="decide-title">
    <div class="decide-head">
      <h2 id="decide-title" tabindex="-1">${t("desk.app.decide_title", { number: app.number })}</h2>
      <button type="button" onClick=${onClose}>${t("desk.close")}</button>
    </div>
    <${Facts} app=${app} />
    ${mode === "choose" && html`<div class="field">
        <label for="decide-comment">${t("desk.app.comment")}</label>
        <input id="decide-comment" maxlength="1000" value=${comment} onInput=${(e) => setComment(e.currentTarget.value)} />
      </div>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      <div class="buttons">
        <button type="button" class="primary" disabled=${busy} onClick=${approve}>${t("desk.app.approve")}</button>
        <button type="button" disabled=${busy} onClick=${() => { setMode("deny"); }}>${t("desk.app.deny")}</button>
      </div>`}
    ${mode === "deny" && html`<form onSubmit=${deny}>
      <fieldset class="grounds">
        <legend>${t("desk.app.ground")}</legend>
        ${GROUNDS.map((g) => html`<label class="check"><input type="radio" name="ground" id=${`ground-${g}`} value=${g}
          checked=${ground === g} onChange=${() => setGround(g)} /> ${t(`desk.ground.${g}`)}</label>`)}
      </fieldset>
      <div class="field">
        <label for="deny-comment">${t("desk.app.comment")}</label>
        <input id="deny-comment" maxlength="1000" value=${comment} onInput=${(e) => setComment(e.currentTarget.value)} />
      </div>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      <div class="buttons">
        <button type="submit" class="danger" disabled=${busy}>${t("desk.app.deny_confirm")}</button>
        <button type="button" onClick=${() => { setMode("choose"); setError(null); }}>${t("desk.back")}</button>
      </div>
    </form>`}
    ${mode === "decided" && html`<div class="decided" role="status">
      ${slip && html`<p class="ok">${t("desk.app.approved_now")}</p>
        <p><${PdfLink} blob=${slip} name=${`login-slip-${app.number}.pdf`} label=${t("desk.app.open_slip")} />
          <span class="hint"> ${t("desk.app.slip_hint")}</span></p>`}
      ${outcome === "denied" && html`<p class="ok">${t("desk.app.denied_now")}</p>`}
      <h3>${t("desk.app.decision")}</h3>
      <p><a href=${decision} target="_blank" rel="noopener">${t("desk.app.open_decision")}</a></p>
      <${PrintTo} document=${decision} id="decision-printer" label=${t("desk.app.print_decision")} />
    </div>`}
  </section>`;
}

// What the application says, as the secretary checks it before answering.
function Facts({ app }) {
  const pupil = app.student ? `${app.student.name}, ${app.student.class}` : `${app.pupil_name || "—"}${app.pupil_birth_date ? `, ${app.pupil_birth_date.split("-").reverse().join(".")}` : ""}`;
  return html`<dl class="facts-list">
    <dt>${t("desk.app.applicant")}</dt><dd>${app.applicant_name} (${t(`desk.kind.${app.applicant_kind}`)}), ${app.contact}</dd>
    <dt>${t("desk.app.pupil")}</dt><dd>${pupil}${!app.student ? html` <span class="badge warn">${t("desk.app.no_match")}</span>` : null}</dd>
    <dt>${t("desk.app.documents")}</dt><dd>${app.documents.map((d) => t(`desk.doc.${d}`)).join(", ") || "—"}
      ${app.missing_documents && app.missing_documents.length ? html`<br /><span class="field-error">${t("desk.app.missing", { list: app.missing_documents.map((d) => t(`desk.doc.${d}`)).join(", ") })}</span>` : null}</dd>
    <dt>${t("desk.app.due")}</dt><dd>${fmt.day(parseDate(app.due_on), true)}${app.overdue ? html` <span class="badge overdue">${t("desk.app.overdue")}</span>` : null}</dd>
    ${app.status !== "registered" && html`<dt>${t("desk.app.status")}</dt><dd>${t(`desk.status.${app.status}`)}${app.reason ? ` — ${t(`desk.ground.${app.reason}`)}` : ""}${app.decided_by ? `, ${app.decided_by}` : ""}</dd>`}
  </dl>`;
}
