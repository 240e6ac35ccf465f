// applications: the office's register of access applications (the city's regulation: registered within
// 15 minutes of arrival, answered within 3 working days) — the form for the applicant at the desk on
// top, the register below with the due dates, the overdue first and marked; a row opens its answer.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { parseDate } from "../../week.js";
import { ApplicationForm } from "./application_form.js";
import { DecidePanel } from "./application_decide.js";

const STATUSES = ["", "registered", "approved", "denied"];

export function Applications() {
  const [status, setStatus] = useState("");
  const list = useApi(`/api/v1/access-applications${status ? `?status=${status}` : ""}`);
  const [open, setOpen] = useState(null);  // the id of the application being answered
  const [fresh, setFresh] = useState(null);  // the one just registered, marked in the list
  const apps = (list.data && list.data.applications) || [];
  const current = open && apps.find((a) => a.id === open);
  const close = () => {
    const back = document.getElementById(`decide-${open}`);
    setOpen(null);
    if (back) back.focus();
  };
  const waiting = apps.filter((a) => a.status === "registered").length;
  const overdue = apps.filter((a) => a.overdue).length;

  return html`<section class="desk applications" aria-labelledby="apps-title">
    <h1 id="apps-title">${t("desk.app.title")}</h1>
    <p class="lead">${t("desk.app.lead")}</p>
    <${ApplicationForm} onRegistered=${(a) => { setFresh(a.id); list.reload(); }} />
    <h2 class="register-head">${t("desk.app.register_list")}</h2>
    <div class="toolbar">
      <div class="field">
        <label for="apps-status">${t("desk.app.show")}</label>
        <select id="apps-status" value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
          ${STATUSES.map((s) => html`<option value=${s}>${t(s ? `desk.status.${s}_many` : "desk.status.all")}</option>`)}
        </select>
      </div>
      ${list.data && html`<p class="counts">${t("desk.app.counts", { waiting, overdue })}</p>`}
    </div>
    ${list.error && html`<${ErrorNote} error=${list.error} retry=${list.reload} />`}
    ${list.loading && html`<${Loading} />`}
    ${current && html`<${DecidePanel} key=${current.id} app=${current} onDecided=${list.reload} onClose=${close} />`}
    ${list.data && (apps.length === 0
      ? html`<p class="hint">${t("desk.app.none")}</p>`
      : html`<table class="list stack apps">
          <thead><tr><th scope="col">${t("desk.app.number")}</th><th scope="col">${t("desk.app.applicant")}</th>
            <th scope="col">${t("desk.app.pupil")}</th><th scope="col">${t("desk.app.due")}</th>
            <th scope="col">${t("desk.app.status")}</th><th scope="col"><span class="sr">${t("desk.app.action")}</span></th></tr></thead>
          <tbody>${apps.map((a) => html`<${Row} a=${a} fresh=${a.id === fresh} open=${a.id === open} onOpen=${() => setOpen(a.id)} />`)}</tbody>
        </table>`)}
  </section>`;
}

function Row({ a, fresh, open, onOpen }) {
  const pupil = a.student ? `${a.student.name}, ${a.student.class}` : a.pupil_name || "—";
  return html`<tr class=${[a.overdue ? "overdue" : "", fresh ? "fresh" : "", open ? "open" : ""].join(" ").trim() || undefined} data-id=${a.id}>
    <td>${a.number}</td>
    <td>${a.applicant_name}<br /><span class="hint">${t(`desk.kind.${a.applicant_kind}`)}</span></td>
    <td>${pupil}</td>
    <td>${fmt.day(parseDate(a.due_on))}${a.overdue ? html` <span class="badge overdue">${t("desk.app.overdue")}</span>` : null}
      ${a.registered_late ? html` <span class="badge warn">${t("desk.app.late")}</span>` : null}</td>
    <td><span class=${`badge status-${a.status}`}>${t(`desk.status.${a.status}`)}</span>${a.reason ? html`<br /><span class="hint">${t(`desk.ground.${a.reason}`)}</span>` : null}</td>
    <td><button type="button" id=${`decide-${a.id}`} onClick=${onOpen} aria-expanded=${open ? "true" : "false"}>
      ${a.status === "registered" ? t("desk.app.answer") : t("desk.app.view")}<span class="sr"> ${a.number}</span></button></td>
  </tr>`;
}
