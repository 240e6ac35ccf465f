// reports: the director's three reports over a range of days or a term — attendance by class (and
// by day), averages and term grades by class × subject with the distribution of marks, and the
// pupils at risk. One request per report (GET /api/v1/reports/<kind>), a table of classes (never of
// every pupil), and the same report as CSV and PDF from the box by plain links, or on a school printer.
import { useRoute, useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { school } from "../../session.js";
import { useQuery, RangeFields, defaultRange } from "./range.js";
import { ClassChoice } from "./choices.js";
import { AttendanceTable, GradesTable, AtRiskTable } from "./report_tables.js";
import { PrintTo } from "../../parts/print_to.js";

const KINDS = ["attendance", "grades", "at-risk"];
const TABLES = { attendance: AttendanceTable, grades: GradesTable, "at-risk": AtRiskTable };
// "Many absences" and "a low average" as the director first sees them; both can be changed.
const AT_RISK_DEFAULTS = { below: "3", absences: "10" };

export function Reports() {
  const { params } = useRoute();
  const { route } = useLocation();
  const kind = KINDS.includes(params.kind) ? params.kind : "attendance";
  const q = useQuery({ ...defaultRange(), class_id: "", ...(kind === "at-risk" ? AT_RISK_DEFAULTS : {}) });
  const v = q.values;
  const query = new URLSearchParams(Object.entries(v).filter(([k, x]) => x && (kind === "at-risk" || !(k in AT_RISK_DEFAULTS)))).toString();
  const read = useApi(`/api/v1/reports/${kind}?${query}`);
  const Table = TABLES[kind];
  const terms = (school.value && school.value.terms) || [];
  const year = terms.length ? { from: terms[0].from, to: terms[terms.length - 1].to } : null;
  return html`<section aria-labelledby="reports-title" class="director-reports">
    <h1 id="reports-title">${t("director.reports.title")}</h1>
    <nav class="report-kinds" aria-label=${t("director.reports.kinds")}>
      ${KINDS.map((k) => html`<a href=${`/director/reports/${k}?${new URLSearchParams({ from: v.from, to: v.to, ...(v.class_id ? { class_id: v.class_id } : {}) })}`}
        aria-current=${k === kind ? "page" : undefined}>${t(`director.reports.kind_${k}`)}</a>`)}
    </nav>
    <p class="hint">${t(`director.reports.about_${kind}`)}</p>
    <form class="toolbar report-filters" onSubmit=${(e) => e.preventDefault()}>
      <${RangeFields} from=${v.from} to=${v.to} onChange=${q.set} idPrefix="report" />
      ${terms.length > 0 && html`<div class="field"><label for="report-term">${t("director.reports.term")}</label>
        <select id="report-term" value=${termOf(terms, v)} onChange=${(e) => {
          const x = e.currentTarget.value;
          const span = x === "year" ? year : terms.find((term) => String(term.number) === x);
          if (span) q.set({ from: span.from, to: span.to });
        }}>
          <option value="">${t("director.reports.term_custom")}</option>
          ${terms.map((x) => html`<option value=${String(x.number)}>${t("director.reports.term_n", { n: x.number })}</option>`)}
          ${year && html`<option value="year">${t("director.reports.whole_year")}</option>`}
        </select></div>`}
      <${ClassChoice} id="report-class" value=${v.class_id} anyText=${t("director.choice.all_classes")} onChange=${(c) => q.set({ class_id: c })} />
      ${kind === "at-risk" && html`<div class="field"><label for="report-below">${t("director.reports.below")}</label>
          <input id="report-below" type="number" step="0.1" min="0" value=${v.below} onChange=${(e) => q.set({ below: e.currentTarget.value })} /></div>
        <div class="field"><label for="report-absences">${t("director.reports.absences_at_least")}</label>
          <input id="report-absences" type="number" min="1" value=${v.absences} onChange=${(e) => q.set({ absences: e.currentTarget.value })} /></div>`}
    </form>
    <p class="report-files">
      <a class="button-link" href=${`/api/v1/reports/${kind}.csv?${query}`} download>${t("director.reports.csv")}</a>
      <a class="button-link" href=${`/api/v1/reports/${kind}.pdf?${query}`} target="_blank" rel="noopener">${t("director.reports.pdf")}</a>
    </p>
    <${PrintTo} id="report-printer" document=${`/api/v1/reports/${kind}.pdf?${query}`} />
    ${read.loading && html`<${Loading} />`}
    <${ErrorNote} error=${read.error} retry=${read.reload} />
    ${read.data && html`<${Table} data=${read.data} onClass=${(id) => route(`/director/reports/${kind}?${new URLSearchParams({ ...v, class_id: id })}`)} />`}
  </section>`;
}

function termOf(terms, v) {
  const x = terms.find((term) => term.from === v.from && term.to === v.to);
  if (x) return String(x.number);
  if (terms.length && v.from === terms[0].from && v.to === terms[terms.length - 1].to) return "year";
  return "";
}
