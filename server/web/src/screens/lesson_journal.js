// lesson_journal: one lesson a teacher gave as a substitute — the class's pupils in one column of
// the journal grid, to enter marks and absences there (GET /api/v1/lessons/{id}/journal). The
// server opens it while the substitute may still write in the lesson.
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { parseDate } from "../week.js";
import { JournalGrid } from "../parts/journal_grid.js";

export function LessonJournal() {
  const { params } = useRoute();
  const sheet = useApi(`/api/v1/lessons/${encodeURIComponent(params.lesson)}/journal`);
  const lesson = sheet.data && sheet.data.lessons[0];
  return html`<section aria-labelledby="lesson-journal-title">
    <h1 id="lesson-journal-title">${t("journal.substitute_title")}</h1>
    <p><a href="/journal">${t("journal.back")}</a></p>
    ${sheet.loading && !sheet.data && html`<${Loading} />`}
    <${ErrorNote} error=${sheet.error} retry=${sheet.reload} />
    ${sheet.data && lesson && html`<h2>${sheet.data.class} — ${sheet.data.subject}, ${fmt.day(parseDate(lesson.date))}, ${t("journal.lesson_n", { n: lesson.period })}</h2>
      <${JournalGrid} journal=${sheet.data} school=${school.value} readAt=${sheet.readAt} reload=${sheet.reload} sheet=${true} />`}
  </section>`;
}
