// class_side: the side column of the class teacher's day — absence notices around the day, the
// term's class averages, and an announcement to the class with the class's latest ones.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "./use_api.js";
import { ErrorNote, Loading } from "./notes.js";
import { addDays, formatDate, parseDate } from "../week.js";

// Notices reach a week back and two weeks ahead of the day shown.
const NOTICES_BACK_DAYS = 7;
const NOTICES_AHEAD_DAYS = 14;
const ANNOUNCEMENTS_SHOWN = 3;

export function ClassNotices({ classId, date }) {
  const d = parseDate(date);
  const from = formatDate(addDays(d, -NOTICES_BACK_DAYS)), to = formatDate(addDays(d, NOTICES_AHEAD_DAYS));
  const list = useApi(`/api/v1/classes/${encodeURIComponent(classId)}/absence-notices?from=${from}&to=${to}`);
  return html`<section class="card" aria-labelledby="notices-title">
    <h2 id="notices-title">${t("classday.notices")}</h2>
    ${list.loading && !list.data && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && (list.data.notices.length
      ? html`<ul class="plain">${list.data.notices.map((n) => html`<li class=${n.from <= date && date <= n.to ? "today-notice" : undefined}>
          <strong>${n.student}</strong>: ${`${fmt.day(parseDate(n.from))}${n.to !== n.from ? ` – ${fmt.day(parseDate(n.to))}` : ""}, `}${t("notice.reason_" + n.reason)}${n.comment ? html` — <span class="body">${n.comment}</span>` : null}</li>`)}</ul>`
      : html`<p class="empty">${t("classday.no_notices")}</p>`)}
  </section>`;
}

export function TermOverview({ classId, term }) {
  const avg = useApi(`/api/v1/classes/${encodeURIComponent(classId)}/averages?term=${term.number}`);
  return html`<section class="card" aria-labelledby="term-title">
    <h2 id="term-title">${t("classday.term", { term: term.number })}</h2>
    ${avg.loading && !avg.data && html`<${Loading} />`}
    <${ErrorNote} error=${avg.error} retry=${avg.reload} />
    ${avg.data && (avg.data.subjects.length
      ? html`<div class="scroll-x" tabindex="0" role="region" aria-label=${t("classday.term_caption")}><table class="journal averages"><caption class="sr">${t("classday.term_caption")}</caption>
          <thead><tr><th scope="col">${t("homework.subject")}</th><th scope="col">${t("grades.average")}</th><th scope="col">${t("classday.with_marks")}</th></tr></thead>
          <tbody>${avg.data.subjects.map((s) => html`<tr><th scope="row">${s.subject.name}</th>
            <td>${s.average === null ? "—" : fmt.number(s.average, 2)}</td><td>${s.pupils_with_marks}</td></tr>`)}</tbody></table></div>`
      : html`<p class="empty">${t("grades.no_subjects")}</p>`)}
  </section>`;
}

export function ClassAnnouncement({ klass }) {
  const list = useApi("/api/v1/announcements");
  const [form, setForm] = useState({ title: "", body: "" });
  const [result, setResult] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  async function send(e) {
    e.preventDefault();
    setResult(null);
    try {
      await api("POST", "/api/v1/announcements", { ...form, class_id: klass.class_id });
      setResult({ ok: true });
      setForm({ title: "", body: "" });
      list.reload();
    } catch (error) {
      setResult({ error });
    }
  }
  const ours = list.data ? list.data.announcements.filter((a) => a.class && a.class.id === klass.class_id).slice(0, ANNOUNCEMENTS_SHOWN) : [];
  return html`<section class="card" aria-labelledby="announce-title">
    <h2 id="announce-title">${t("classday.announce", { class: klass.class })}</h2>
    <form onSubmit=${send}>
      <label for="announce-title-input">${t("classday.announce_title")}</label>
      <input id="announce-title-input" required maxlength="200" value=${form.title} onInput=${set("title")} />
      <label for="announce-body">${t("classday.announce_body")}</label>
      <textarea id="announce-body" required maxlength="5000" rows="3" value=${form.body} onInput=${set("body")}></textarea>
      ${result && result.error && html`<p class="field-error" role="alert">${say(result.error)}</p>`}
      ${result && result.ok && html`<p class="ok" role="status">${t("classday.announced")}</p>`}
      <button type="submit" class="primary">${t("classday.announce_send")}</button>
    </form>
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${ours.length > 0 && html`<h3>${t("classday.announced_latest")}</h3><ul class="plain">${ours.map((a) => html`<li>
      <strong>${a.title}</strong> <span class="meta">${fmt.moment(a.created_at)}</span></li>`)}</ul>`}
  </section>`;
}
