// terms_form: the academic year and its terms with their dates, edited as a whole and saved at once
// (PUT /api/v1/school/terms {year, terms}) — the box checks them together (in order, no overlap,
// inside the year), so a half-saved set never exists. A refusal is said beside the date it names
// (its field is "terms[i].from") or under the table, and what was typed stays.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useSaved, Saved } from "./saved.js";

const MAX_TERMS = 6;  // trimesters, quarters or half-years: never more than this

export function TermsForm({ year: savedYear, terms, onSaved }) {
  const [year, setYear] = useState(savedYear);
  const [rows, setRows] = useState(terms.map((x) => ({ from: x.from, to: x.to })));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [saved, markSaved] = useSaved();
  const set = (i, key) => (e) => {
    const value = e.currentTarget.value;
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  };
  function add() {
    setRows((rs) => [...rs, { from: "", to: "" }]);
    // the new row's first date is where the director types next
    setTimeout(() => document.getElementById(`term-from-${rows.length}`)?.focus(), 0);
  }
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api("PUT", "/api/v1/school/terms", { year: year.trim(), terms: rows.map((r, i) => ({ number: i + 1, from: r.from, to: r.to })) });
      markSaved();
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="card settings-part" onSubmit=${submit} aria-labelledby="terms-title">
    <h2 id="terms-title">${t("director.settings.terms")}</h2>
    <div class="field narrow"><label for="school-year">${t("director.settings.year")}</label>
      <p class="hint" id="school-year-hint">${t("director.settings.year_hint")}</p>
      <input id="school-year" required pattern="[0-9]{4}/[0-9]{4}" value=${year} onInput=${(e) => setYear(e.currentTarget.value)}
        aria-invalid=${error && error.field === "year" ? "true" : undefined} aria-describedby="school-year-hint" /></div>
    <p class="hint">${t("director.settings.terms_hint")}</p>
    <table class="list stack terms">
      <thead><tr><th scope="col">${t("director.settings.term")}</th><th scope="col">${t("director.settings.term_from")}</th>
        <th scope="col">${t("director.settings.term_to")}</th><th scope="col"><span class="visually-hidden">${t("director.settings.term_remove")}</span></th></tr></thead>
      <tbody>${rows.map((r, i) => html`<tr>
        <th scope="row">${t("director.settings.term_n", { n: i + 1 })}</th>
        <td data-label=${t("director.settings.term_from")}><label class="visually-hidden" for=${`term-from-${i}`}>${t("director.settings.term_from_n", { n: i + 1 })}</label>
          <input id=${`term-from-${i}`} type="date" required value=${r.from} onInput=${set(i, "from")}
            aria-invalid=${named(error, i, "from")} /></td>
        <td data-label=${t("director.settings.term_to")}><label class="visually-hidden" for=${`term-to-${i}`}>${t("director.settings.term_to_n", { n: i + 1 })}</label>
          <input id=${`term-to-${i}`} type="date" required value=${r.to} min=${r.from} onInput=${set(i, "to")}
            aria-invalid=${named(error, i, "to")} /></td>
        <td>${i === rows.length - 1 && rows.length > 1 && html`<button type="button" class="link"
          onClick=${() => setRows((rs) => rs.slice(0, -1))}>${t("director.settings.term_remove_n", { n: i + 1 })}</button>`}</td>
      </tr>`)}</tbody>
    </table>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    <div class="actions">
      ${rows.length < MAX_TERMS && html`<button type="button" onClick=${add}>${t("director.settings.term_add")}</button>`}
      <button type="submit" class="primary" disabled=${busy}>${t("director.settings.terms_save")}</button>
      <${Saved} shown=${saved} />
    </div>
  </form>`;
}

// Whether a refusal names this date of this term ("terms[1].from"), for screen readers and the red frame.
function named(error, i, key) {
  return error && error.field === `terms[${i}].${key}` ? "true" : undefined;
}
