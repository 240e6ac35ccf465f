// journal: a teacher's classes and subjects, and one class journal for a term as a grid to type
// marks and absences into (parts/journal_grid.js).
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { me, school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { termOn } from "../week.js";
import { JournalGrid } from "../parts/journal_grid.js";

export function Journal() {
  const { params } = useRoute();
  const teaches = me.value.teaches || [];
  const terms = (school.value && school.value.terms) || [];
  const current = termOn(terms, new Date());
  const term = Number(params.term) || (current ? current.number : 1);
  const path = params.klass && params.subject
    ? `/api/v1/classes/${encodeURIComponent(params.klass)}/journal?subject=${encodeURIComponent(params.subject)}&term=${term}`
    : null;
  const journal = useApi(path);

  return html`<section aria-labelledby="journal-title">
    <h1 id="journal-title">${t("journal.title")}</h1>
    <nav aria-label=${t("journal.classes")}>
      <ul class="teaches">${teaches.map((x) => html`<li><a href=${`/journal/${x.class_id}/${x.subject_id}/${term}`}
        aria-current=${x.class_id === params.klass && x.subject_id === params.subject ? "page" : undefined}>${x.class} · ${x.subject}</a></li>`)}</ul>
    </nav>
    ${!path && html`<p class="hint">${teaches.length ? t("journal.pick") : t("journal.none")}</p>`}
    ${journal.loading && !journal.data && html`<${Loading} />`}
    <${ErrorNote} error=${journal.error} retry=${journal.reload} />
    ${journal.data && html`<h2>${journal.data.class} — ${journal.data.subject}, ${t("grades.title", { term: journal.data.term })}</h2>
      <${JournalGrid} journal=${journal.data} school=${school.value} reload=${journal.reload} />`}
  </section>`;
}
