// chart: a subject's marks over the term as dots, with the running weighted average as a line —
// drawn as SVG by the app (no chart library to ship). The numbers are also given as text for
// screen readers and for anyone who prefers them.
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { weightedAverage } from "./journal_cells.js";

const W = 320, H = 110, PAD = 18;

export function MarksChart({ marks, scale, label }) {
  if (!marks.length) return null;
  const min = scale ? scale.min : 1, max = scale ? scale.max : 5;
  const x = (i) => PAD + (marks.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (marks.length - 1));
  const y = (v) => H - PAD - ((v - min) * (H - 2 * PAD)) / Math.max(1, max - min);
  const running = marks.map((_, i) => weightedAverage(marks.slice(0, i + 1)));
  const line = running.map((a, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(a).toFixed(1)}`).join(" ");
  const summary = t("chart.summary", { marks: marks.map((m) => m.value).join(", "), average: fmt.number(running[running.length - 1], 2) });
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${`${label}: ${summary}`}>
      ${Array.from({ length: max - min + 1 }, (_, k) => min + k).map((v) => html`<g>
        <line x1=${PAD} x2=${W - PAD} y1=${y(v)} y2=${y(v)} class="grid-line" />
        <text x="2" y=${y(v) + 4} class="axis">${v}</text></g>`)}
      <path d=${line} class="average-line" />
      ${marks.map((m, i) => html`<circle cx=${x(i)} cy=${y(m.value)} r=${2 + m.weight} class=${`m${m.value}`} />`)}
    </svg>
    <figcaption class="hint">${t("chart.caption")}</figcaption>
  </figure>`;
}

// grades comparison (issue 10): per subject the pupil's average beside the class's — bars from 0 to
// the top of the scale, the pupil's solid, the class's lighter — with the same figures as a table.
// Only the class's averages are ever drawn: the API gives no other pupil's marks.
const BAR = 9, ROW = 40, LABEL = 14, LEFT = 4, RIGHT = 36;

export function CompareChart({ rows, scale }) {
  if (!rows.length) return null;
  const max = scale ? scale.max : 5;
  const width = 320;
  const height = rows.length * ROW + 4;
  const x = (v) => ((width - LEFT - RIGHT) * Math.max(0, v)) / max;
  const num = (v) => (v === null || v === undefined ? "—" : fmt.number(v, 2));
  const summary = rows.map((r) => t("chart.compare_row", { subject: r.subject, pupil: num(r.pupil), klass: num(r.klass) })).join("; ");
  return html`<figure class="chart compare-chart">
    <svg viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${summary}>
      ${rows.map((r, i) => {
        const top = i * ROW;
        return html`<g>
          <text x=${LEFT} y=${top + LABEL - 3} class="label">${r.subject}</text>
          ${r.pupil !== null && html`<rect x=${LEFT} y=${top + LABEL} width=${x(r.pupil)} height=${BAR} class="bar-pupil" />`}
          <text x=${LEFT + x(r.pupil || 0) + 3} y=${top + LABEL + BAR - 1} class="value">${num(r.pupil)}</text>
          ${r.klass !== null && html`<rect x=${LEFT} y=${top + LABEL + BAR + 2} width=${x(r.klass)} height=${BAR} class="bar-class" />`}
          <text x=${LEFT + x(r.klass || 0) + 3} y=${top + LABEL + 2 * BAR + 1} class="value">${num(r.klass)}</text>
        </g>`;
      })}
    </svg>
    <figcaption class="legend"><span class="key key-pupil" aria-hidden="true"></span>${t("chart.pupil")}
      <span class="key key-class" aria-hidden="true"></span>${t("chart.class")}</figcaption>
    <details class="chart-table">
      <summary>${t("chart.as_table")}</summary>
      <table class="journal">
        <thead><tr><th scope="col">${t("chart.subject")}</th><th scope="col">${t("chart.pupil")}</th><th scope="col">${t("chart.class")}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><th scope="row">${r.subject}</th><td class="num">${num(r.pupil)}</td><td class="num">${num(r.klass)}</td></tr>`)}</tbody>
      </table>
    </details>
  </figure>`;
}
