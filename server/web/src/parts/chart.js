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
