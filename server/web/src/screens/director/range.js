// range: the dates a director's list covers — two date fields kept in the page's address (?from&to),
// so a list can be sent to a colleague or reloaded as it was. Defaults: the current term, or the
// last days given when the term is unknown.
import { useLocation } from "preact-iso";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { school } from "../../session.js";
import { formatDate, addDays, termOn } from "../../week.js";

export function defaultRange(days) {
  const today = new Date();
  const term = days ? null : termOn((school.value && school.value.terms) || [], today);
  if (term) return { from: term.from, to: formatDate(today) < term.to ? formatDate(today) : term.to };
  return { from: formatDate(addDays(today, -(days || 30) + 1)), to: formatDate(today) };
}

// {values, set(patch)}: the page's query with defaults; set() replaces the address (no history entry
// per keystroke).
export function useQuery(defaults) {
  const loc = useLocation();
  const values = { ...defaults };
  for (const k of Object.keys(loc.query || {})) if (loc.query[k] !== "") values[k] = loc.query[k];
  const set = (patch) => {
    const next = { ...values, ...patch };
    const q = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== "" && v !== undefined && v !== null));
    loc.route(`${loc.path}?${q}`, true);
  };
  return { values, set };
}

export function RangeFields({ from, to, onChange, idPrefix = "range" }) {
  return html`<div class="field"><label for=${`${idPrefix}-from`}>${t("director.range.from")}</label>
      <input id=${`${idPrefix}-from`} type="date" value=${from} max=${to} required
        onChange=${(e) => e.currentTarget.value && onChange({ from: e.currentTarget.value })} /></div>
    <div class="field"><label for=${`${idPrefix}-to`}>${t("director.range.to")}</label>
      <input id=${`${idPrefix}-to`} type="date" value=${to} min=${from} required
        onChange=${(e) => e.currentTarget.value && onChange({ to: e.currentTarget.value })} /></div>`;
}
