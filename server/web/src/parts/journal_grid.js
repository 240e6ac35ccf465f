// journal_grid: a class journal as fast as paper from the keyboard — pupils × lessons, type a mark
// (or н/б/у, о10 for late), Enter saves and goes down, Tab and the arrows move, Escape takes the
// typing back. A work type per lesson column. A save that fails stays in its cell, visibly
// unsaved, and is tried again every few seconds until it goes through: a typed value is never lost.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { parseDate } from "../week.js";
import { parseCell, cellText, saveCalls, weightedAverage } from "./journal_cells.js";
import { CellPanel } from "./cell_panel.js";

const RETRY_MS = 5000;

export function JournalGrid({ journal, school, reload }) {
  const workTypes = (school && school.work_types) || [];
  const scale = school && school.scale;
  // Column work types: what the column's marks mostly are, else the school's first.
  const [columnType, setColumnType] = useState({});
  const common = useMemo(() => commonTypes(journal), [journal]);
  const typeOf = (lesson) => columnType[lesson.id] || common[lesson.id] || (workTypes[0] && workTypes[0].code) || "";
  // What the user typed, by "student|lesson": {text, state}. "typing" until the cell is left,
  // "saving", then "saved" until the journal is read again, or "unsaved" with the error.
  const [cells, setCells] = useState({});
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const grid = useRef(null);
  const [focused, setFocused] = useState(null);  // {r, c}: the cell the panel shows
  // A fresh read of the journal holds every saved cell: their drafts go.
  useEffect(() => setCells((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v.state !== "saved"))), [journal]);

  const byPupil = useMemo(() => journal.students.map((row) => {
    const marks = {}, absences = {};
    for (const m of row.marks) (marks[m.lesson_id] ||= []).push(m);
    for (const a of row.absences) absences[a.lesson_id] = a;
    return { row, marks, absences };
  }), [journal]);

  async function save(key, text, pupil, lesson) {
    const parsed = parseCell(text, scale);
    if (parsed.kind === "invalid") {
      setCells((c) => ({ ...c, [key]: { text, state: "unsaved", error: { message: t(parsed.reason === "scale" ? "journal.off_scale" : "journal.unknown_entry") }, invalid: true } }));
      return;
    }
    const calls = saveCalls(parsed, {
      studentId: pupil.row.student.id, lessonId: lesson.id, marks: pupil.marks[lesson.id] || [],
      absence: pupil.absences[lesson.id], workType: typeOf(lesson),
    });
    if (!calls.length) {
      setCells((c) => { const n = { ...c }; delete n[key]; return n; });
      return;
    }
    setCells((c) => ({ ...c, [key]: { text, state: "saving" } }));
    try {
      for (const call of calls) await api(call.method, call.path, call.body);
      setCells((c) => (c[key] && c[key].text === text ? { ...c, [key]: { text, state: "saved" } } : c));
      reload();
    } catch (error) {
      // Refused for good (4xx other than 409/429) or not reached: either way the typing stays.
      setCells((c) => ({ ...c, [key]: { text, state: "unsaved", error, pupil, lesson } }));
    }
  }

  // Failed saves are tried again until they go through (an invalid entry waits for the user).
  useEffect(() => {
    const timer = setInterval(() => {
      for (const [key, cell] of Object.entries(cellsRef.current))
        if (cell.state === "unsaved" && !cell.invalid && cell.pupil && retryable(cell.error)) save(key, cell.text, cell.pupil, cell.lesson);
    }, RETRY_MS);
    const warn = (e) => {
      if (Object.values(cellsRef.current).some((c) => c.state !== "saved")) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    addEventListener("beforeunload", warn);
    return () => {
      clearInterval(timer);
      removeEventListener("beforeunload", warn);
    };
  }, []);

  function move(r, c) {
    const input = grid.current && grid.current.querySelector(`input[data-r="${r}"][data-c="${c}"]`);
    if (input) {
      input.focus();
      input.select();
    }
  }

  function onKey(e, r, c) {
    const last = { r: byPupil.length - 1, c: journal.lessons.length - 1 };
    if (e.key === "Enter") {
      e.preventDefault();
      e.currentTarget.blur();  // the change event saves
      move(Math.min(r + 1, last.r), c);
    } else if (e.key === "ArrowDown") { e.preventDefault(); move(Math.min(r + 1, last.r), c); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(Math.max(r - 1, 0), c); }
    else if (e.key === "ArrowRight" && e.currentTarget.selectionStart === e.currentTarget.value.length) { e.preventDefault(); move(r, Math.min(c + 1, last.c)); }
    else if (e.key === "ArrowLeft" && e.currentTarget.selectionStart === 0) { e.preventDefault(); move(r, Math.max(c - 1, 0)); }
    else if (e.key === "Escape") {
      const key = e.currentTarget.dataset.key;
      setCells((cs) => { const n = { ...cs }; delete n[key]; return n; });
      e.currentTarget.value = e.currentTarget.dataset.saved;
    }
  }

  const unsaved = Object.values(cells).filter((c) => c.state === "unsaved");
  const pendingText = (c) => c.state === "unsaved" ? t("journal.cell_unsaved") : c.state === "saving" ? t("journal.cell_saving") : "";
  return html`
    <p class="hint">${t("journal.keys")}</p>
    ${unsaved.length > 0 && html`<div class="note error" role="alert">
      <p>${t("journal.unsaved", { n: unsaved.length })} ${say(unsaved[0].error)}</p>
    </div>`}
    <div class="scroll-x grid-wrap" tabindex="-1" role="region" aria-label=${t("journal.table")} ref=${grid}>
      <table class="journal grid">
        <thead><tr>
          <th scope="col" class="pupil-col">${t("journal.pupil")}</th>
          ${journal.lessons.map((l, c) => html`<th scope="col" class="lesson-col" title=${l.topic}>
            <span id=${`col-${c}`}><span class="col-date">${fmt.dayShort(parseDate(l.date))}</span><span class="col-period">${t("journal.lesson_n", { n: l.period })}</span></span>
            <select aria-label=${t("journal.work_type_of", { date: fmt.day(parseDate(l.date)), period: l.period })}
              value=${typeOf(l)} onChange=${(e) => setColumnType((ct) => ({ ...ct, [l.id]: e.currentTarget.value }))}>
              ${workTypes.map((w) => html`<option value=${w.code}>${w.name} ×${w.weight}</option>`)}
            </select>
          </th>`)}
          <th scope="col">${t("grades.average")}</th>
          <th scope="col">${t("grades.proposed")}</th>
        </tr></thead>
        <tbody>${byPupil.map((p, r) => {
          const shown = [];
          for (const l of journal.lessons) {
            const key = `${p.row.student.id}|${l.id}`;
            // Averages update at once: a cell being saved counts as what was typed.
            const draft = cells[key];
            const parsed = draft && (draft.state === "saving" || draft.state === "saved") ? parseCell(draft.text, scale) : null;
            if (parsed && parsed.kind === "mark") shown.push({ value: parsed.value, weight: weightOf(workTypes, typeOf(l)) });
            else if (!parsed) for (const m of p.marks[l.id] || []) shown.push(m);
          }
          const average = weightedAverage(shown);
          return html`<tr>
            <th scope="row" class="pupil-col" id=${`row-${r}`}>${p.row.student.name}</th>
            ${journal.lessons.map((l, c) => {
              const key = `${p.row.student.id}|${l.id}`;
              const saved = cellText(p.marks[l.id] || [], p.absences[l.id]);
              const draft = cells[key];
              const extra = (p.marks[l.id] || []).slice(0, -1).map((m) => m.value).join(" ");
              return html`<td class=${draft ? `cell ${draft.state}` : "cell"} title=${draft && draft.state === "unsaved" ? say(draft.error) : undefined}>
                ${extra && html`<span class="extra">${extra}</span>`}
                <input data-r=${r} data-c=${c} data-key=${key} data-saved=${saved} value=${draft ? draft.text : saved}
                  size="2" maxlength="3" autocomplete="off" spellcheck="false"
                  aria-labelledby=${`row-${r} col-${c}`}
                  aria-invalid=${draft && draft.state === "unsaved" ? "true" : undefined}
                  onKeyDown=${(e) => onKey(e, r, c)}
                  onFocus=${() => setFocused({ r, c })}
                  onInput=${(e) => { const text = e.currentTarget.value; setCells((cs) => ({ ...cs, [key]: { text, state: "typing" } })); }}
                  onChange=${(e) => save(key, e.currentTarget.value, p, l)} />
                ${draft && pendingText(draft) && html`<span class="sr">${pendingText(draft)}</span>`}
              </td>`;
            })}
            <td class="num">${average === null ? "—" : fmt.number(average, 2)}</td>
            <td class="num">${p.row.proposed ? p.row.proposed.grade : "—"}</td>
          </tr>`;
        })}</tbody>
      </table>
    </div>
    ${focused && byPupil[focused.r] && journal.lessons[focused.c] && html`<${CellPanel}
      pupil=${byPupil[focused.r].row.student} lesson=${journal.lessons[focused.c]}
      marks=${byPupil[focused.r].marks[journal.lessons[focused.c].id] || []}
      absence=${byPupil[focused.r].absences[journal.lessons[focused.c].id]} reload=${reload} />`}`;
}

// Each lesson's most common work type among its marks: the column's type until the teacher picks one.
function commonTypes(journal) {
  const counts = {};
  for (const row of journal.students)
    for (const m of row.marks) {
      const c = (counts[m.lesson_id] ||= {});
      c[m.work_type] = (c[m.work_type] || 0) + 1;
    }
  const out = {};
  for (const [lesson, c] of Object.entries(counts)) out[lesson] = Object.entries(c).sort((a, b) => b[1] - a[1])[0][0];
  return out;
}

function weightOf(workTypes, code) {
  const w = workTypes.find((x) => x.code === code);
  return w ? w.weight : 1;
}

// A refusal that another try will not change (a rule, not a moment) waits for the user instead.
function retryable(error) {
  return !error || error.status === 0 || error.status === 409 || error.status === 429 || error.status >= 500;
}
