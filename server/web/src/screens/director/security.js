// security: the entrances' security log for a range of days (GET /api/v1/security-events) — each
// event's kind in words, when, where and whose card — and the card anomalies of one class (GET
// /api/v1/classes/{id}/card-anomalies), as the class teacher sees them.
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useQuery, RangeFields, defaultRange } from "./range.js";
import { ClassChoice } from "./choices.js";

const LOG_DAYS = 7;  // the log opens on the last week: what a director looks at on Monday

export function Security() {
  const q = useQuery({ ...defaultRange(LOG_DAYS), class_id: "" });
  const { from, to, class_id } = q.values;
  const events = useApi(`/api/v1/security-events?from=${from}&to=${to}`);
  const list = (events.data && events.data.events) || [];
  return html`<section aria-labelledby="security-title">
    <h1 id="security-title">${t("director.security.title")}</h1>
    <form class="toolbar" onSubmit=${(e) => e.preventDefault()}>
      <${RangeFields} from=${from} to=${to} onChange=${q.set} idPrefix="security" />
    </form>
    <h2>${t("director.security.log")}</h2>
    ${events.loading && html`<${Loading} />`}
    <${ErrorNote} error=${events.error} retry=${events.reload} />
    ${events.data && !list.length && html`<p class="empty">${t("director.security.none")}</p>`}
    ${list.length > 0 && html`<table class="list stack security-log">
      <thead><tr><th scope="col">${t("director.security.when")}</th><th scope="col">${t("director.security.kind")}</th>
        <th scope="col">${t("director.security.who")}</th><th scope="col">${t("director.security.where")}</th><th scope="col">${t("director.security.detail")}</th></tr></thead>
      <tbody>${list.map((e) => html`<tr>
        <td>${fmt.moment(e.at)}</td>
        <td><span class=${`badge kind-${e.kind}`}>${kindText(e.kind)}</span></td>
        <td>${e.student && e.student.name ? `${e.student.name}${e.student.class ? `, ${e.student.class}` : ""}` : e.card ? t("director.security.card", { card: e.card }) : "—"}</td>
        <td>${e.kiosk || "—"}</td>
        <td>${e.detail || ""}</td>
      </tr>`)}</tbody>
    </table>`}
    <h2 id="anomalies-title">${t("director.security.anomalies")}</h2>
    <form class="toolbar" onSubmit=${(e) => e.preventDefault()}>
      <${ClassChoice} id="security-class" value=${class_id} onChange=${(v) => q.set({ class_id: v })} />
    </form>
    ${class_id ? html`<${Anomalies} klass=${class_id} from=${from} to=${to} />` : html`<p class="hint">${t("director.security.pick_class")}</p>`}
  </section>`;
}

export function kindText(kind) {
  const key = `director.security.kind_${kind}`;
  const text = t(key);
  return text === key ? kind : text;
}

function Anomalies({ klass, from, to }) {
  const read = useApi(`/api/v1/classes/${encodeURIComponent(klass)}/card-anomalies?from=${from}&to=${to}`);
  if (read.loading) return html`<${Loading} />`;
  if (read.error) return html`<${ErrorNote} error=${read.error} retry=${read.reload} />`;
  const list = read.data.anomalies;
  if (!list.length) return html`<p class="empty">${t("director.security.no_anomalies", { klass: read.data.class })}</p>`;
  return html`<ul class="anomaly-list">${list.map((a) => html`<li class="card-anomalies">
      <h3>${a.student.name} · ${kindText(a.kind)}</h3>
      <p>${fmt.day(new Date(a.date + "T12:00"), true)}, ${a.time} · ${a.kiosk}</p>
      <p>${a.message}</p></li>`)}</ul>
    ${read.data.truncated && html`<p class="hint">${t("director.security.truncated")}</p>`}`;
}
