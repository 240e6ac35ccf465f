// tt_bells: the bells — each variant's lessons with their times and the meal breaks after them, edited
// in place and saved whole (the box checks order, lengths and overlaps and says which), a new variant
// started from an existing one, and which variant rings on each weekday (saved as it is chosen).
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { WEEKDAYS, weekdayName, Refusal } from "./tt_common.js";

const BREAKS = ["", "breakfast", "lunch"];

export function BellsTab() {
  const bells = useApi("/api/v1/bells");
  const [data, setData] = useState(null);  // the latest answer of a change, until reloaded
  const b = data || bells.data;
  const [adding, setAdding] = useState("");
  const [extra, setExtra] = useState([]);  // variants started here, not saved yet
  if (bells.error) return html`<${ErrorNote} error=${bells.error} retry=${bells.reload} />`;
  if (!b) return html`<${Loading} />`;
  const variants = [...b.variants, ...extra.filter((n) => !b.variants.some((v) => v.name === n)).map((name) => ({ name, periods: (b.variants[0] || { periods: [] }).periods }))];
  return html`<div class="tt-bells">
    <${Weekdays} bells=${b} onChanged=${setData} />
    ${variants.map((v) => html`<${Variant} key=${v.name} variant=${v} onSaved=${setData} />`)}
    <form class="toolbar" onSubmit=${(e) => { e.preventDefault(); if (adding.trim()) { setExtra([...extra, adding.trim()]); setAdding(""); } }}>
      <div class="field"><label for="new-variant">${t("desk.bells.new_variant")}</label>
        <input id="new-variant" maxlength="40" value=${adding} onInput=${(e) => setAdding(e.currentTarget.value)} /></div>
      <button type="submit">${t("desk.bells.add_variant")}</button>
    </form>
  </div>`;
}

function Weekdays({ bells, onChanged }) {
  const [error, setError] = useState(null);
  async function choose(weekday, variant) {
    setError(null);
    try {
      onChanged(await api("PUT", `/api/v1/bells/weekdays/${weekday}`, { variant: variant || null }));
    } catch (e) {
      setError(e);
    }
  }
  return html`<section class="card" aria-labelledby="weekdays-title">
    <h2 id="weekdays-title">${t("desk.bells.weekdays")}</h2>
    <div class="weekday-grid">
      ${WEEKDAYS.map((d) => {
        const day = bells.weekdays.find((w) => w.weekday === d) || { variant: null };
        return html`<div class="field"><label for=${`wd-${d}`}>${weekdayName(d)}</label>
          <select id=${`wd-${d}`} value=${day.variant || ""} onChange=${(e) => choose(d, e.currentTarget.value)}>
            <option value="">${t("desk.bells.no_lessons")}</option>
            ${bells.variants.map((v) => html`<option value=${v.name}>${v.name}</option>`)}
          </select></div>`;
      })}
    </div>
    <${Refusal} error=${error} />
  </section>`;
}

function Variant({ variant, onSaved }) {
  const [periods, setPeriods] = useState(variant.periods.map((p) => ({ ...p, break_after: p.break_after || "" })));
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const set = (i, k) => (e) => setPeriods(periods.map((p, n) => (n === i ? { ...p, [k]: e.currentTarget.value } : p)));
  const slug = encodeURIComponent(variant.name);
  async function save(e) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const body = { periods: periods.map((p, i) => ({ number: i + 1, starts: p.starts, ends: p.ends, break_after: p.break_after || null })) };
      onSaved(await api("PUT", `/api/v1/bells/variants/${slug}`, body));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  const last = periods[periods.length - 1];
  return html`<form class="card bells-variant" onSubmit=${save} aria-labelledby=${`variant-${slug}`}>
    <h2 id=${`variant-${slug}`}>${t("desk.bells.variant", { name: variant.name })}</h2>
    <div class="table-wrap"><table class="list bells">
      <thead><tr><th scope="col">${t("desk.tt.lesson_no")}</th><th scope="col">${t("desk.bells.starts")}</th><th scope="col">${t("desk.bells.ends")}</th><th scope="col">${t("desk.bells.break_after")}</th></tr></thead>
      <tbody>${periods.map((p, i) => html`<tr>
        <th scope="row">${i + 1}</th>
        <td><input type="time" aria-label=${t("desk.bells.starts_n", { n: i + 1 })} value=${p.starts} onInput=${set(i, "starts")} /></td>
        <td><input type="time" aria-label=${t("desk.bells.ends_n", { n: i + 1 })} value=${p.ends} onInput=${set(i, "ends")} /></td>
        <td>${i < periods.length - 1 ? html`<select aria-label=${t("desk.bells.break_n", { n: i + 1 })} value=${p.break_after} onChange=${set(i, "break_after")}>
          ${BREAKS.map((k) => html`<option value=${k}>${t(`desk.bells.break_${k || "plain"}`)}</option>`)}</select>` : html`<span class="hint">—</span>`}</td>
      </tr>`)}</tbody>
    </table></div>
    <${Refusal} error=${error} />
    ${saved && html`<p class="ok" role="status">${t("desk.bells.saved")}</p>`}
    <div class="buttons">
      <button type="button" onClick=${() => setPeriods([...periods, { number: periods.length + 1, starts: last ? last.ends : "08:00", ends: last ? last.ends : "08:45", break_after: "" }])}>${t("desk.bells.add_lesson")}</button>
      ${periods.length > 0 && html`<button type="button" onClick=${() => setPeriods(periods.slice(0, -1))}>${t("desk.bells.remove_last")}</button>`}
      <button type="submit" class="primary">${t("desk.bells.save")}</button>
    </div>
  </form>`;
}
