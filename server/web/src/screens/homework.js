// homework: a pupil's homework over a range of days (two weeks from Monday by default), filtered by
// subject and by mandatory or optional; grouped by the lesson's date.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { useLive } from "../live.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { addDays, formatDate, mondayOf, isoWeek, parseDate } from "../week.js";

export function Homework() {
  const { params } = useRoute();
  const monday = mondayOf(isoWeek(new Date()));
  const [filter, setFilter] = useState({ from: formatDate(monday), to: formatDate(addDays(monday, 13)), subject: "", mandatory: "" });
  const query = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.subject) query.set("subject", filter.subject);
  if (filter.mandatory) query.set("mandatory", filter.mandatory);
  const list = useApi(`/api/v1/students/${encodeURIComponent(params.pupil)}/homework?${query}`);
  useLive(["lesson", "reload"], () => list.reload());
  const set = (k) => (e) => setFilter({ ...filter, [k]: e.currentTarget.value });
  const subjects = (school.value && school.value.subjects) || [];
  const byDate = new Map();
  for (const h of (list.data && list.data.homework) || []) (byDate.get(h.lesson_date) || byDate.set(h.lesson_date, []).get(h.lesson_date)).push(h);

  return html`<section aria-labelledby="homework-title">
    <h1 id="homework-title">${t("homework.title")}${list.data && html`<span class="pupil-name">${list.data.student.name}</span>`}</h1>
    <form class="filters card" onSubmit=${(e) => e.preventDefault()}>
      <div class="two">
        <div><label for="hw-from">${t("notice.from")}</label><input id="hw-from" type="date" value=${filter.from} onChange=${set("from")} /></div>
        <div><label for="hw-to">${t("notice.to")}</label><input id="hw-to" type="date" value=${filter.to} min=${filter.from} onChange=${set("to")} /></div>
        <div><label for="hw-subject">${t("homework.subject")}</label>
          <select id="hw-subject" value=${filter.subject} onChange=${set("subject")}>
            <option value="">${t("homework.all_subjects")}</option>
            ${subjects.map((s) => html`<option value=${s.id}>${s.name}</option>`)}
          </select></div>
        <div><label for="hw-kind">${t("homework.kind")}</label>
          <select id="hw-kind" value=${filter.mandatory} onChange=${set("mandatory")}>
            <option value="">${t("homework.any")}</option>
            <option value="true">${t("homework.mandatory")}</option>
            <option value="false">${t("diary.optional")}</option>
          </select></div>
      </div>
    </form>
    ${list.loading && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && byDate.size === 0 && html`<p class="empty">${t("homework.none")}</p>`}
    <ol class="days">${[...byDate].map(([date, items]) => html`<li class="day">
      <h2><span class="weekday">${fmt.weekday(parseDate(date))}</span> <span class="date">${fmt.day(parseDate(date))}</span></h2>
      <ul class="hw-items">${items.map((h) => html`<li>
        <p class="subject">${h.subject.name}${!h.mandatory && html` <span class="badge">${t("diary.optional")}</span>`}</p>
        <p>${h.text}</p>
        ${h.due_date && html`<p class="meta">${t("homework.due", { date: fmt.day(parseDate(h.due_date)) })}</p>`}
      </li>`)}</ul>
    </li>`)}</ol>
  </section>`;
}
