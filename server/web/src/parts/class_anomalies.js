// class_anomalies: the entrance's card anomalies about the class's pupils on the day
// (GET /api/v1/classes/{id}/card-anomalies) — who, when, at which entrance, what it may mean and
// what the class teacher can do; a pupil's name opens the pupil (guardians, a message to them). A new
// one appears while the day is open.
import { html } from "../html.js";
import { t } from "../i18n.js";
import { useApi } from "./use_api.js";
import { useLive } from "../live.js";
import { ErrorNote, Loading } from "./notes.js";

// Kinds the catalogues explain; another kind (a newer box) is shown in the box's own words.
const EXPLAINED = new Set(["two_entrances", "already_inside"]);

export function CardAnomalies({ classId, date, choose }) {
  const list = useApi(`/api/v1/classes/${encodeURIComponent(classId)}/card-anomalies?from=${date}&to=${date}`);
  // live: a tap just raised one about a pupil of this class on this day (told to the class teacher).
  useLive(["card_anomaly"], (kind, d) => (kind === "reload" || (d && d.class_id === classId && d.date === date)) && list.reload());
  const found = list.data ? list.data.anomalies : [];
  return html`<section class=${`card-anomalies${found.length ? " alarm" : ""}`} aria-labelledby="anomalies-title">
    <h3 id="anomalies-title">${t("classday.anomalies")}${found.length > 0 && ` (${found.length})`}</h3>
    ${list.loading && !list.data && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && !found.length && html`<p class="meta">${t("classday.no_anomalies")}</p>`}
    ${found.length > 0 && html`<ul class="anomaly-list">${found.map((a) => html`<li>
      <p class="who"><strong>${a.time}</strong> · <button type="button" class="link" onClick=${() => choose(a.student)}>${a.student.name}</button></p>
      <p>${EXPLAINED.has(a.kind) ? t("classday.anomaly_" + a.kind) : a.message}${" "}
        <span class="meta">(${t("classday.anomaly_where", { kiosk: a.kiosk })})</span></p>
      ${EXPLAINED.has(a.kind) && html`<p class="todo">${t("classday.anomaly_do_" + a.kind)}</p>`}
    </li>`)}</ul>`}
    ${list.data && list.data.truncated && html`<p class="meta">${t("classday.anomalies_truncated")}</p>`}
  </section>`;
}
