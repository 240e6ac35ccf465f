// tt_make: making the journal's lessons of a term (or any dates) from the timetable and its changes —
// the box makes what is missing, follows what differs and holds nothing yet, and keeps (and reports)
// lessons that already hold marks or attendance; those conflicts are listed by class and lesson with
// what to do. The box takes at most 120 days at once: a longer term is made in parts, summed here.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { school } from "../../session.js";
import { addDays, formatDate, parseDate } from "../../week.js";
import { Refusal } from "./tt_common.js";

const PART_DAYS = 120;

export function MakeTab() {
  const terms = (school.value && school.value.terms) || [];
  const today = formatDate(new Date());
  const current = terms.find((x) => x.from <= today && today <= x.to) || terms[0];
  const [range, setRange] = useState(current ? { from: current.from, to: current.to } : { from: today, to: today });
  const [report, setReport] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function make(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setReport(null);
    const sum = { days: 0, created: 0, updated: 0, unchanged: 0, removed: 0, conflict_count: 0, conflicts: [] };
    try {
      for (let from = parseDate(range.from); formatDate(from) <= range.to; from = addDays(from, PART_DAYS)) {
        const end = addDays(from, PART_DAYS - 1);
        const to = formatDate(end) < range.to ? formatDate(end) : range.to;
        const r = await api("POST", "/api/v1/lessons/make", { from: formatDate(from), to });
        for (const k of ["days", "created", "updated", "unchanged", "removed", "conflict_count"]) sum[k] += r[k] || 0;
        sum.conflicts.push(...(r.conflicts || []));
      }
      setReport(sum);
    } catch (err) {
      setError(err);
      if (sum.days) setReport(sum);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="tt-make">
    <form class="card" onSubmit=${make} aria-labelledby="make-title">
      <h2 id="make-title">${t("desk.make.title")}</h2>
      <p class="hint">${t("desk.make.hint")}</p>
      ${terms.length > 0 && html`<div class="buttons terms">${terms.map((x) => html`<button type="button"
        aria-pressed=${range.from === x.from && range.to === x.to ? "true" : "false"}
        onClick=${() => setRange({ from: x.from, to: x.to })}>${t("desk.make.term", { n: x.number })}</button>`)}</div>`}
      <div class="form-grid">
        <div class="field"><label for="make-from">${t("desk.make.from")}</label>
          <input id="make-from" type="date" value=${range.from} onInput=${(e) => setRange({ ...range, from: e.currentTarget.value })} /></div>
        <div class="field"><label for="make-to">${t("desk.make.to")}</label>
          <input id="make-to" type="date" value=${range.to} min=${range.from} onInput=${(e) => setRange({ ...range, to: e.currentTarget.value })} /></div>
      </div>
      <${Refusal} error=${error} />
      <button type="submit" class="primary" disabled=${busy || !range.from || !range.to}>${busy ? t("desk.make.busy") : t("desk.make.go")}</button>
    </form>
    ${report && html`<${Report} r=${report} />`}
  </div>`;
}

function Report({ r }) {
  return html`<section class="card make-report" aria-labelledby="report-title" role="status">
    <h2 id="report-title">${t("desk.make.done")}</h2>
    <p>${t("desk.make.counts", r)}</p>
    ${r.conflict_count === 0 ? html`<p class="ok">${t("desk.make.no_conflicts")}</p>` : html`
      <p class="field-error">${t("desk.make.conflicts", { n: r.conflict_count })}</p>
      <table class="list stack conflicts">
        <thead><tr><th scope="col">${t("desk.tt.date")}</th><th scope="col">${t("desk.class")}</th><th scope="col">${t("desk.tt.lesson_no")}</th><th scope="col">${t("desk.make.why")}</th></tr></thead>
        <tbody>${r.conflicts.map((c) => html`<tr><td>${fmt.day(parseDate(c.date))}</td><td>${c.class ? c.class.name : ""}</td>
          <td>${c.period}${c.group ? ` (${t("desk.tt.group_n", { n: c.group })})` : ""}</td><td lang="en">${c.reason}</td></tr>`)}</tbody>
      </table>
      ${r.conflicts.length < r.conflict_count && html`<p class="hint">${t("desk.make.more", { n: r.conflict_count - r.conflicts.length })}</p>`}`}
  </section>`;
}
