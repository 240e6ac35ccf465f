// news: the school's and the class's announcements, newest first, and the coming events.
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { useApi } from "../parts/use_api.js";
import { useLive } from "../live.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { formatDate, addDays, parseDate } from "../week.js";

export function News() {
  const today = new Date();
  const announcements = useApi("/api/v1/announcements");
  useLive(["announcement"], () => announcements.reload());
  const events = useApi(`/api/v1/events?from=${formatDate(today)}&to=${formatDate(addDays(today, 60))}`);
  return html`<section aria-labelledby="news-title">
    <h1 id="news-title">${t("news.title")}</h1>
    <div class="columns">
      <section aria-labelledby="ann-title">
        <h2 id="ann-title">${t("news.announcements")}</h2>
        ${announcements.loading && html`<${Loading} />`}
        <${ErrorNote} error=${announcements.error} retry=${announcements.reload} />
        ${announcements.data && announcements.data.announcements.length === 0 && html`<p class="empty">${t("news.none")}</p>`}
        ${announcements.data && html`<ul class="cards">${announcements.data.announcements.map((a) => html`<li class="card">
          <h3>${a.title}</h3>
          <p class="meta">${a.author.name} · ${fmt.moment(a.created_at)} · ${a.class ? a.class.name : t("news.whole_school")}</p>
          <p class="body">${a.body}</p>
        </li>`)}</ul>`}
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">${t("news.events")}</h2>
        ${events.loading && html`<${Loading} />`}
        <${ErrorNote} error=${events.error} retry=${events.reload} />
        ${events.data && events.data.events.length === 0 && html`<p class="empty">${t("news.no_events")}</p>`}
        ${events.data && html`<ul class="cards">${events.data.events.map((e) => html`<li class="card">
          <h3>${e.title}</h3>
          <p class="meta">${fmt.weekday(parseDate(e.date))}, ${fmt.day(parseDate(e.date), true)} · ${e.class ? e.class.name : t("news.whole_school")}</p>
          ${e.body && html`<p class="body">${e.body}</p>`}
        </li>`)}</ul>`}
      </section>
    </div>
  </section>`;
}
