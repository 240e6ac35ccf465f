// import: a class (or a whole intake) from a CSV file — chosen or pasted, and correctable right here.
// "Check" asks the box what the file would do with nothing written (?dry_run=true) and lists every
// problem by line and column; "Import" is offered only for the very text that was checked clean, and
// writes all of it or nothing. The result lists the accounts made; their slips are printed at the desk.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say, plural, lang } from "../../i18n.js";
import { api } from "../../api.js";
import { DESK_SLIPS } from "./person.js";

const CSV = "text/csv; charset=utf-8";
const COLUMNS = ["class", "last_name", "first_name", "middle_name", "birth_date", "group_no", "card", "guardian_last_name",
  "guardian_first_name", "guardian_middle_name", "guardian_phone", "guardian_email", "guardian_relation"];

// A column's name in words; a column the box does not know is shown as the file names it.
// A problem in the reader's language by its code, with the box's own words (English, naming the
// value) beside it for the details; a code this app does not know yet shows those words alone.
function ProblemWords({ problem }) {
  const key = `office.import_code.${problem.code}`;
  const said = problem.code ? t(key) : key;
  if (said === key || lang.value === "en") return problem.message;
  return html`${said} <span class="muted small" lang="en">(${problem.message})</span>`;
}

function columnName(field) {
  if (!field) return t("office.col_whole");
  return COLUMNS.includes(field) ? t(`office.col_${field}`) : field;
}

export function Import() {
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState("");
  const [checked, setChecked] = useState(null);  // {text, report}: the last check's answer, for that text
  const [refusal, setRefusal] = useState(null);  // the box refused the file as a whole, or the import
  const [done, setDone] = useState(null);        // the import's answer
  const [busy, setBusy] = useState(false);

  function choose(e) {
    const file = e.currentTarget.files[0];
    setFileError("");
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      // A file saved as Windows-1251 reads as replacement characters: say how to save it instead.
      if (s.includes("\uFFFD")) setFileError(t("office.import_not_utf8"));
      setText(s);
      setChecked(null);
      setDone(null);
    };
    reader.readAsText(file, "utf-8");
  }

  async function send(dryRun) {
    setBusy(true);
    setRefusal(null);
    const sent = text;
    try {
      const r = await api("POST", `/api/v1/roster/import${dryRun ? "?dry_run=true" : ""}`, sent, CSV);
      if (r.dry_run) setChecked({ text: sent, report: r });
      else {
        setDone(r);  // a box without dry runs imports a clean file at once: say so as it is
        setChecked(null);
      }
    } catch (e) {
      if (e.rows) setChecked({ text: sent, report: { problems: e.rows, would_import: false } });
      else setRefusal(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) return html`<${Imported} report=${done} again=${() => { setDone(null); setText(""); }} />`;
  const report = checked && checked.text === text ? checked.report : null;
  const clean = !!report && report.would_import && (report.problems || []).length === 0;
  return html`<section aria-labelledby="import-title" class="office-import">
    <h1 id="import-title">${t("office.import")}</h1>
    <p class="hint">${t("office.import_hint")}</p>
    <details class="columns-help"><summary>${t("office.import_columns")}</summary>
      <p><code>${COLUMNS.join(",")}</code></p>
      <p class="hint">${t("office.import_columns_hint")}</p>
    </details>
    <form onSubmit=${(e) => { e.preventDefault(); send(true); }}>
      <div class="field">
        <label for="import-file">${t("office.import_file")}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange=${choose} />
        ${fileError && html`<p class="field-error" role="alert">${fileError}</p>`}
      </div>
      <div class="field">
        <label for="import-text">${t("office.import_text")}</label>
        <textarea id="import-text" rows="10" spellcheck="false" value=${text}
          onInput=${(e) => setText(e.currentTarget.value)} aria-describedby="import-text-hint"></textarea>
        <p class="hint" id="import-text-hint">${t("office.import_text_hint")}</p>
      </div>
      ${refusal && html`<p class="field-error" role="alert">${say(refusal)}</p>`}
      <div class="buttons">
        <button class="primary" disabled=${busy || !text.trim()}>${t("office.import_check")}</button>
        <button type="button" disabled=${busy || !clean} onClick=${() => send(false)}>${t("office.import_do")}</button>
      </div>
      ${checked && !report && html`<p class="hint" role="status">${t("office.import_changed")}</p>`}
    </form>
    ${report && html`<${Report} report=${report} />`}
  </section>`;
}

// The check's answer: every problem by line and column, or what the import would make.
function Report({ report }) {
  const problems = report.problems || [];
  if (problems.length === 0) return html`<div class="card import-ok" role="status">
    <h2>${t("office.import_clean")}</h2>
    <p>${t("office.import_would", { pupils: plural("office.pupils_n", report.pupils || 0),
      created: report.guardians_created || 0, linked: report.guardians_linked || 0 })}</p>
    ${report.classes && report.classes.length > 0 && html`<ul>${report.classes.map((c) => html`<li>${c.class}: ${plural("office.pupils_n", c.pupils)}</li>`)}</ul>`}
  </div>`;
  return html`<div class="import-problems">
    <h2 role="alert">${t("office.import_problems", { n: plural("office.problems_n", problems.length) })}</h2>
    <p class="hint">${t("office.import_nothing_written")}</p>
    <div class="table-wrap"><table class="list stack problems">
      <thead><tr><th scope="col">${t("office.import_line")}</th><th scope="col">${t("office.import_column")}</th>
        <th scope="col">${t("office.import_problem")}</th></tr></thead>
      <tbody>${problems.map((p) => html`<tr>
        <td>${p.line ? t("office.import_line_n", { n: p.line }) : t("office.import_file_whole")}</td>
        <td>${columnName(p.field)}</td><td><${ProblemWords} problem=${p} /></td>
      </tr>`)}</tbody>
    </table></div>
  </div>`;
}

function Imported({ report, again }) {
  const accounts = report.accounts || [];
  return html`<section aria-labelledby="imported-title" class="office-import">
    <h1 id="imported-title">${t("office.imported", { pupils: plural("office.pupils_n", report.pupils || 0) })}</h1>
    <p>${t("office.imported_guardians", { created: report.guardians_created || 0, linked: report.guardians_linked || 0 })}</p>
    <p><a class="button-link" href=${DESK_SLIPS}>${t("office.print_slips")}</a>
      <a href="/office/pupils">${t("office.pupils_open")}</a></p>
    <h2>${t("office.imported_accounts")}</h2>
    <div class="table-wrap"><table class="list stack accounts">
      <thead><tr><th scope="col">${t("office.import_line")}</th><th scope="col">${t("office.name")}</th>
        <th scope="col">${t("office.class")}</th><th scope="col">${t("office.login")}</th></tr></thead>
      <tbody>${accounts.map((a) => html`<tr><td>${a.line}</td>
        <td>${a.name} <span class="muted">${t(`office.role_${a.role}`)}</span></td><td>${a.class}</td><td><code>${a.login}</code></td></tr>`)}</tbody>
    </table></div>
    <button type="button" onClick=${again}>${t("office.import_again")}</button>
  </section>`;
}
