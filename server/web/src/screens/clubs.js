// clubs: the clubs the pupil attends, then every other club of the school with its teacher, room,
// weekly sessions and number of members.
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, plural } from "../i18n.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { weekdayName } from "../parts/week_bar.js";

export function Clubs() {
  const { params } = useRoute();
  const mine = useApi(`/api/v1/students/${encodeURIComponent(params.pupil)}/clubs`);
  const all = useApi("/api/v1/clubs");
  const joined = new Set(((mine.data && mine.data.clubs) || []).map((c) => c.id));
  const others = ((all.data && all.data.clubs) || []).filter((c) => !joined.has(c.id));
  return html`<section aria-labelledby="clubs-title">
    <h1 id="clubs-title">${t("clubs.title")}${mine.data && html`<span class="pupil-name">${mine.data.student.name}</span>`}</h1>
    ${mine.loading && !mine.data && html`<${Loading} />`}
    <${ErrorNote} error=${mine.error} retry=${mine.reload} />
    ${mine.data && (mine.data.clubs.length
      ? html`<ul class="cards club-list">${mine.data.clubs.map((c) => html`<${Club} club=${c} />`)}</ul>`
      : html`<p class="empty">${t("clubs.none")}</p>`)}
    <h2 class="section-title">${t("clubs.others")}</h2>
    ${all.loading && !all.data && html`<${Loading} />`}
    <${ErrorNote} error=${all.error} retry=${all.reload} />
    ${all.data && (others.length
      ? html`<ul class="cards club-list">${others.map((c) => html`<${Club} club=${c} />`)}</ul>`
      : html`<p class="empty">${t("clubs.no_others")}</p>`)}
  </section>`;
}

function Club({ club: c }) {
  return html`<li class="card">
    <h3>${c.name}</h3>
    <p class="meta">${[c.teacher, c.room && `${t("diary.room")} ${c.room}`, plural("members", c.member_count)].filter(Boolean).join(" · ")}</p>
    ${c.sessions.length > 0 && html`<ul class="club-sessions">${c.sessions.map((s) => html`<li>
      <span class="weekday">${weekdayName(s.weekday)}</span> ${s.starts}–${s.ends}</li>`)}</ul>`}
  </li>`;
}
