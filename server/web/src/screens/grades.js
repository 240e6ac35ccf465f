// grades: a pupil's term — per subject every mark in order, the weighted average with how it is
// computed (each mark times its work type's weight, over the sum of the weights), the proposed and
// the final term grade, absences. The terms are the school's (GET /api/v1/school).
import { useRoute, useLocation } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { school } from "../session.js";
import { useApi } from "../parts/use_api.js";
import { useLive } from "../live.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { termOn } from "../week.js";
import { MarksChart } from "../parts/chart.js";
// grades comparison (issue 10)
import { CompareChart } from "../parts/chart.js";
import { me, pupilsOf } from "../session.js";
import { say } from "../i18n.js";

export function Grades() {
  const { params } = useRoute();
  const { route } = useLocation();
  const pupil = params.pupil;
  const terms = (school.value && school.value.terms) || [];
  const current = termOn(terms, new Date());
  const term = Number(params.term) || (current ? current.number : 1);
  const grades = useApi(`/api/v1/students/${encodeURIComponent(pupil)}/grades?term=${term}`);
  useLive(["mark", "term_grade", "attendance", "absence_notice"], (kind, d) => {
    if (!d.student_id || d.student_id === pupil) grades.reload();
  });
  const known = pupilsOf(me.value).find((p) => p.id === pupil);
  const averages = useApi(known && known.class_id ? `/api/v1/classes/${encodeURIComponent(known.class_id)}/averages?term=${term}` : null);

  return html`<section aria-labelledby="grades-title">
    <div class="week-bar">
      <h1 id="grades-title">
        ${grades.data && html`<span class="pupil-name">${grades.data.student.name}, ${grades.data.student.class}</span>`}
        <span class="week-range">${t("grades.title", { term })}</span>
      </h1>
      ${terms.length > 0 && html`<div class="week-tools" role="group" aria-label=${t("grades.terms")}>
        ${terms.map((x) => html`<button type="button" aria-pressed=${x.number === term ? "true" : "false"}
          onClick=${() => route(`/pupils/${pupil}/grades/${x.number}`)}>${t("grades.term_short", { term: x.number })}</button>`)}
      </div>`}
    </div>
    ${grades.loading && !grades.data && html`<${Loading} />`}
    <${ErrorNote} error=${grades.error} retry=${grades.reload} />
    ${grades.data && html`<p class="hint">${fmt.day(new Date(grades.data.from + "T12:00"), true)} – ${fmt.day(new Date(grades.data.to + "T12:00"), true)}</p>
      ${grades.data.subjects.length === 0 && html`<p class="empty">${t("grades.no_subjects")}</p>`}
      <${Comparison} grades=${grades.data} averages=${averages} />
      <ul class="subjects">${grades.data.subjects.map((s) => html`<${Subject} s=${s} />`)}</ul>`}
  </section>`;
}

// "(5×1 + 4×3) ÷ (1 + 3) = 4,25": the average as a parent can check it by hand.
function howComputed(marks, average) {
  if (!marks.length || average === null) return "";
  const top = marks.map((m) => `${m.value}×${m.weight}`).join(" + ");
  const bottom = marks.map((m) => m.weight).join(" + ");
  return `(${top}) ÷ (${bottom}) = ${fmt.number(average, 2)}`;
}

function Subject({ s }) {
  const weights = [...new Map(s.marks.map((m) => [m.work_type_name, m.weight])).entries()];
  return html`<li class="subject-card">
    <h2>${s.subject}</h2>
    <p class="marks-row">${s.marks.length
      ? s.marks.map((m) => html`<span class=${`mark m${m.value}`} title=${`${m.work_type_name}, ${t("diary.weight", { weight: m.weight })} · ${fmt.moment(m.created_at)}`}>${m.value}</span>`)
      : html`<span class="empty">${t("grades.no_marks")}</span>`}</p>
    <dl class="facts">
      <div><dt>${t("grades.average")}</dt><dd>${s.average === null ? "—" : fmt.number(s.average, 2)}</dd></div>
      <div><dt>${t("grades.proposed")}</dt><dd>${s.proposed ? s.proposed.grade : "—"}</dd></div>
      <div><dt>${t("grades.final")}</dt><dd>${s.final === null ? "—" : s.final}</dd></div>
      <div><dt>${t("grades.absences")}</dt><dd>${t("grades.absences_value", { total: s.absences.total, excused: s.absences.excused })}</dd></div>
    </dl>
    <${MarksChart} marks=${s.marks} scale=${school.value && school.value.scale} label=${s.subject} />
    ${s.average !== null && html`<p class="how">${t("grades.how")}: ${howComputed(s.marks, s.average)}.
      ${weights.length > 0 && html` ${t("grades.weights")}: ${weights.map(([name, w]) => `${name} ×${w}`).join(", ")}.`}</p>`}
  </li>`;
}

// grades comparison (issue 10): the pupil's average per subject beside the class's.
function Comparison({ grades, averages }) {
  if (grades.subjects.length === 0) return null;
  const klass = new Map(((averages.data && averages.data.subjects) || []).map((x) => [x.subject.name, x.average]));
  const rows = grades.subjects.map((s) => ({ subject: s.subject, pupil: s.average, klass: klass.has(s.subject) ? klass.get(s.subject) : null }));
  return html`<section class="card compare" aria-labelledby="compare-title">
    <h2 id="compare-title">${t("grades.compare")}</h2>
    ${averages.loading && html`<p class="loading">${t("loading")}</p>`}
    ${averages.error && html`<p class="field-error">${say(averages.error)}</p>`}
    ${averages.data && html`<${CompareChart} rows=${rows} scale=${school.value && school.value.scale} />`}
  </section>`;
}
