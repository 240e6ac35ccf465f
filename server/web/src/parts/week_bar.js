// week_bar: the heading and previous / this / next week buttons of a pupil's week screen (behaviour
// note, backpack); the week lives in the URL, so a link or a reload lands on the same week.
import { useLocation } from "preact-iso";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { isoWeek, mondayOf, shiftWeek, addDays } from "../week.js";

export function WeekBar({ id, title, student, week, base }) {
  const { route } = useLocation();
  const thisWeek = isoWeek(new Date());
  const monday = mondayOf(week);
  const go = (w) => route(`${base}/${w}`);
  return html`<div class="week-bar">
    <h1 id=${id}>${title}
      ${student ? html`<span class="pupil-name">${student.name}${student.class ? `, ${student.class}` : ""}</span>` : null}
      <span class="week-range">${fmt.day(monday)} – ${fmt.day(addDays(monday, 6), true)}</span>
    </h1>
    <div class="week-tools">
      <button type="button" onClick=${() => go(shiftWeek(week, -1))} aria-label=${t("diary.previous_week")}>◀ <span class="wide-only">${t("diary.previous")}</span></button>
      <button type="button" onClick=${() => go(thisWeek)} disabled=${week === thisWeek}>${t("diary.this_week")}</button>
      <button type="button" onClick=${() => go(shiftWeek(week, 1))} aria-label=${t("diary.next_week")}><span class="wide-only">${t("diary.next")}</span> ▶</button>
    </div>
  </div>`;
}

// ISO weekday 1 (Monday) … 7 → its name in the chosen language.
export function weekdayName(n) {
  return fmt.weekday(addDays(mondayOf("2026-W01"), n - 1));
}
