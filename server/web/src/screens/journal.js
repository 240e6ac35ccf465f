// journal: a teacher's classes and subjects, and one class journal for a term as a grid to type
// marks and absences into (parts/journal_grid.js); on the list, the lessons the teacher gave as a
// substitute this term, each opening its own sheet (screens/lesson_journal.js).
import { useEffect } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { me, school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { termOn, parseDate } from "../week.js";
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
  // Only on the list: the grid's own load is not shared with another request.
  const substitutes = useApi(path ? null : `/api/v1/me/substitute-lessons?term=${term}`);
  // The grid's date and number formats cost tens of milliseconds to make the first time (the
  // browser loads their locale data): made while the teacher is still choosing, not on the click —
  // one per idle moment, so that none of them holds up a click meanwhile.
  useEffect(() => {
    const warm = [
      () => fmt.dayShort(new Date()),
      () => fmt.number(1, 2),
      () => fmt.day(new Date()),  // the cell panel's, at the first click in the grid
      () => fmt.moment(new Date().toISOString()),
    ];
    const idle = typeof requestIdleCallback === "function";
    let id = 0;
    const next = () => {
      const step = warm.shift();
      if (!step) return;
      step();
      id = idle ? requestIdleCallback(next, { timeout: 2000 }) : setTimeout(next, 50);
    };
    id = idle ? requestIdleCallback(next, { timeout: 2000 }) : setTimeout(next, 200);
    return () => (idle ? cancelIdleCallback(id) : clearTimeout(id));
  }, []);

  return html`<section aria-labelledby="journal-title">
    <h1 id="journal-title">${t("journal.title")}</h1>
    <nav aria-label=${t("journal.classes")}>
      <ul class="teaches">${teaches.map((x) => html`<li><a href=${`/journal/${x.class_id}/${x.subject_id}/${term}`}
        aria-current=${x.class_id === params.klass && x.subject_id === params.subject ? "page" : undefined}>${x.class} · ${x.subject}</a></li>`)}</ul>
    </nav>
    ${!path && html`<p class="hint">${teaches.length ? t("journal.pick") : t("journal.none")}</p>`}
    ${!path && substitutes.data && substitutes.data.lessons.length > 0 && html`<section aria-labelledby="substitutes-title">
      <h2 id="substitutes-title">${t("journal.substitutes")}</h2>
      <ul class="substitutes">${substitutes.data.lessons.map((l) => html`<li>${l.writable
        ? html`<a href=${`/journal-lesson/${l.id}`}>${fmt.day(parseDate(l.date))}, ${t("journal.lesson_n", { n: l.period })} · ${l.class} · ${l.subject}</a>`
        : html`<span>${fmt.day(parseDate(l.date))}, ${t("journal.lesson_n", { n: l.period })} · ${l.class} · ${l.subject}</span> <span class="hint">${t("journal.substitute_closed")}</span>`}
        ${l.topic && html`<span class="hint"> — ${l.topic}</span>`}</li>`)}</ul>
    </section>`}
    ${!path && html`<${ErrorNote} error=${substitutes.error} retry=${substitutes.reload} />`}
    ${journal.loading && !journal.data && html`<${Loading} />`}
    <${ErrorNote} error=${journal.error} retry=${journal.reload} />
    ${journal.data && html`<h2>${journal.data.class} — ${journal.data.subject}, ${t("grades.title", { term: journal.data.term })}</h2>
      <${JournalGrid} journal=${journal.data} school=${school.value} readAt=${journal.readAt} reload=${journal.reload} />`}
  </section>`;
}
