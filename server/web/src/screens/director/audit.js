// audit: who changed what in the journal and the school's records — searched by pupil, teacher,
// class, subject, dates and kind of change (GET /api/v1/audit with filters), each entry in words:
// when, who, what, from what to what, and why. A page at a time ("More"), so a year of the trail
// never loads at once. Above the results: whether the trail's chain is intact (the same check as
// `classbookctl verify-audit`), with a button to check again.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useQuery, RangeFields } from "./range.js";
import { ClassChoice, PupilChoice, TeacherChoice, SubjectChoice } from "./choices.js";
import { Verification } from "./verification.js";
import { AuditEntry, KINDS } from "./audit_entry.js";

const FILTERS = ["class_id", "student_id", "teacher_id", "subject_id", "from", "to", "entity"];

export function Audit() {
  const q = useQuery(Object.fromEntries(FILTERS.map((k) => [k, ""])));
  const v = q.values;
  const search = new URLSearchParams(FILTERS.filter((k) => v[k]).map((k) => [k, v[k]])).toString();
  const page = useAuditPages(search);
  return html`<section aria-labelledby="audit-title" class="director-audit">
    <h1 id="audit-title">${t("director.audit.title")}</h1>
    <${Verification} />
    <form class="toolbar audit-filters" onSubmit=${(e) => e.preventDefault()} aria-label=${t("director.audit.filters")}>
      <${ClassChoice} id="audit-class" value=${v.class_id} anyText=${t("director.choice.any_class")}
        onChange=${(c) => q.set({ class_id: c, student_id: "" })} />
      <${PupilChoice} id="audit-pupil" klass=${v.class_id} value=${v.student_id} onChange=${(p) => q.set({ student_id: p })} />
      <${TeacherChoice} id="audit-teacher" value=${v.teacher_id} onChange=${(x) => q.set({ teacher_id: x })} />
      <${SubjectChoice} id="audit-subject" value=${v.subject_id} onChange=${(x) => q.set({ subject_id: x })} />
      <div class="field"><label for="audit-kind">${t("director.audit.kind")}</label>
        <select id="audit-kind" value=${v.entity} onChange=${(e) => q.set({ entity: e.currentTarget.value })}>
          <option value="">${t("director.audit.any_kind")}</option>
          ${KINDS.map((k) => html`<option value=${k}>${t(`director.audit.entity_${k}`)}</option>`)}
        </select></div>
      <${RangeFields} from=${v.from} to=${v.to} onChange=${q.set} idPrefix="audit" />
      ${search && html`<button type="button" class="link" onClick=${() => q.set(Object.fromEntries(FILTERS.map((k) => [k, ""])))}>${t("director.audit.clear")}</button>`}
    </form>
    <h2 id="audit-results">${t("director.audit.results")}</h2>
    <${ErrorNote} error=${page.error} retry=${page.more} />
    ${page.entries.length === 0 && page.loading && html`<${Loading} />`}
    ${page.entries.length === 0 && page.done && !page.error && html`<p class="empty">${t("director.audit.none")}</p>`}
    ${page.entries.length > 0 && html`<ol class="audit-list" aria-labelledby="audit-results">
      ${page.entries.map((e) => html`<${AuditEntry} key=${e.seq} entry=${e} />`)}</ol>`}
    ${!page.done && page.entries.length > 0 && html`<button type="button" class="more" disabled=${page.loading} onClick=${page.more}>
      ${page.loading ? t("loading") : t("director.audit.more")}</button>`}
  </section>`;
}

// The search's pages: the first read when the filters change, the next on "More" (?after= the
// previous page's next_after, 0 at the end). A late answer for older filters is dropped.
function useAuditPages(search) {
  const [state, setState] = useState({ search: null, entries: [], after: 0, done: false, error: null, loading: false });
  async function read(from, after) {
    setState((s) => ({ ...s, search, entries: from, loading: true, error: null }));
    try {
      const r = await api("GET", `/api/v1/audit?${search}${search ? "&" : ""}after=${after}`);
      setState((s) => (s.search !== search ? s : { search, entries: [...from, ...r.entries], after: r.next_after, done: !r.next_after, error: null, loading: false }));
    } catch (error) {
      setState((s) => (s.search !== search ? s : { ...s, error, loading: false }));
    }
  }
  useEffect(() => {
    read([], 0);
  }, [search]);
  const mine = state.search === search;
  return {
    entries: mine ? state.entries : [],
    error: mine ? state.error : null,
    loading: !mine || state.loading,
    done: mine && state.done,
    more: () => read(state.entries, state.after),
  };
}
