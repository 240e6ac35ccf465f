// backpack: how heavy the pupil's textbooks are each school day of a week, against the recommended
// maximum for the grade; a day over it is marked in words, not only in colour.
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { Redirect } from "../parts/redirect.js";
import { WeekBar } from "../parts/week_bar.js";
import { isoWeek, isWeek, parseDate } from "../week.js";

const kg = (grams) => fmt.number(grams / 1000, 1);

export function Backpack() {
  const { params } = useRoute();
  const week = isWeek(params.week) ? params.week : null;
  const base = `/pupils/${params.pupil}/backpack`;
  const bag = useApi(week && `/api/v1/students/${encodeURIComponent(params.pupil)}/backpack?week=${week}`);
  if (!week) return html`<${Redirect} to=${`${base}/${isoWeek(new Date())}`} />`;
  const b = bag.data;
  const scale = b ? Math.max(b.recommended_max_grams, ...b.days.map((d) => d.grams), 1) : 1;
  return html`<section aria-labelledby="backpack-title" class="narrow">
    <${WeekBar} id="backpack-title" title=${t("backpack.title")} student=${b && b.student} week=${week} base=${base} />
    ${bag.loading && !b && html`<${Loading} />`}
    <${ErrorNote} error=${bag.error} retry=${bag.reload} />
    ${b && html`<p class="hint">${b.recommended_max_grams > 0
      ? t("backpack.rule", { grade: b.grade, max: kg(b.recommended_max_grams) }) : t("backpack.no_rule", { grade: b.grade })}</p>
    <ul class="backpack-days">${b.days.map((d) => html`<li class=${d.too_heavy ? "too-heavy" : ""}>
      <span class="weekday">${fmt.weekday(parseDate(d.date))}</span>
      <span class="bar" aria-hidden="true"><span style=${{ width: `${Math.round((100 * d.grams) / scale)}%` }}></span></span>
      <span class="grams">${t("backpack.kg", { kg: kg(d.grams) })}${d.too_heavy ? html` <strong class="badge warn">${t("backpack.too_heavy")}</strong>` : null}</span>
    </li>`)}</ul>`}
  </section>`;
}
