// tt_common: what the timetable tabs share — the bells' lesson numbers per weekday, the week's
// days, a refusal said in the school's words with the box's own details (which lesson clashes with
// which) beneath, since those name the people and rooms involved.
import { html } from "../../html.js";
import { say, fmt } from "../../i18n.js";

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
// Monday 2024-01-01: the weekday's name in the chosen language from the browser's calendar.
export const weekdayName = (n, short = false) => (short ? fmt.weekdayShort : fmt.weekday)(new Date(2024, 0, n));

// The lesson numbers the bells ring on a weekday (1 = Monday), ascending; [] on a day without bells.
export function periodsOn(bells, weekday) {
  const day = bells && (bells.weekdays || []).find((d) => d.weekday === weekday);
  const variant = day && day.variant && (bells.variants || []).find((v) => v.name === day.variant);
  return variant ? [...variant.periods].sort((a, b) => a.number - b.number) : [];
}

// Refusals whose message names what clashed (teachers, rooms, lessons): the box's words are shown too.
const DETAILED = /clash|cannot_follow|no_longer_fit|without_bells|no_such|not_found|mismatch|missing|not_a_pupil|ambiguous/;
export function Refusal({ error, id }) {
  if (!error) return null;
  const own = say(error);
  return html`<div class="field-error refusal" role="alert" id=${id}>
    <p>${own}</p>
    ${DETAILED.test(error.code || "") && error.message && error.message !== own && html`<p class="detail" lang="en">${error.message}</p>`}
  </div>`;
}
