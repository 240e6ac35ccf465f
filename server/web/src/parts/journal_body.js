// journal_body: the journal grid's body drawn with the DOM's own calls — Preact building a 29 × 45
// grid one vnode per cell cost ~90 ms before the browser could even lay it out; here the rows are
// built in one fragment, then patched cell by cell where a cell's text, state or the active cell
// changed. Cells are text (textContent, never HTML). The one editor <input> (makeEditor) is moved
// into the active cell and, while the cells around it change, stays there and keeps the focus.
import { useLayoutEffect, useRef } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, lang } from "../i18n.js";
import { parseCell, cellText, cellExtra, weightedAverage } from "./journal_cells.js";

// The grid's one editor, made once; `on` maps event types to handlers (they outlive renders, so
// they should call the grid's latest functions).
export function makeEditor(on) {
  const input = document.createElement("input");
  input.className = "cell-editor";
  input.size = 2;
  input.maxLength = 3;
  input.autocomplete = "off";
  input.spellcheck = false;
  for (const [type, fn] of Object.entries(on)) input.addEventListener(type, fn);
  return input;
}

// byPupil: the grid's rows ({row, marks, absences, openDots} by lesson id); drafts: by pupil id then
// lesson id; activeR/activeC: the cell holding `editor` ({el, text, invalid, title}).
export function JournalBody({ byPupil, lessons, weights, drafts, activeR, activeC, scale, termColumns, editor, onMouseDown, onClick }) {
  const body = useRef(null);
  const drawn = useRef({ shape: "", rows: [] });
  useLayoutEffect(() => {
    draw(body.current, drawn.current, { byPupil, lessons, weights, drafts, activeR, activeC, scale, termColumns, editor });
  });
  return html`<tbody ref=${body} onMouseDown=${onMouseDown} onClick=${onClick}></tbody>`;
}

function draw(tbody, drawn, props) {
  const { byPupil, lessons, editor } = props;
  const language = lang.value;
  // Other pupils or lessons (another journal, a lesson added): drawn afresh, the editor's focus kept.
  const shape = `${byPupil.map((p) => p.row.student.id).join()}/${lessons.map((l) => l.id).join()}/${props.termColumns}/${language}`;
  if (shape !== drawn.shape) {
    const focused = document.activeElement === editor.el;
    drawn.shape = shape;
    const model = modelRow(lessons.length, props.termColumns);
    drawn.rows = byPupil.map((p, r) => newRow(model, p, r));
    // Filled while still out of the page, then put in at once: one insertion for the browser.
    const all = document.createDocumentFragment();
    for (let r = 0; r < byPupil.length; r++) {
      patchRow(drawn.rows[r], byPupil[r], r, props, language);
      all.append(drawn.rows[r].tr);
    }
    tbody.replaceChildren(all);
    if (focused) editor.el.focus({ preventScroll: true });
  } else {
    for (let r = 0; r < byPupil.length; r++) patchRow(drawn.rows[r], byPupil[r], r, props, language);
  }
  const el = editor.el;
  if (el.value !== editor.text) el.value = editor.text;
  setAttr(el, "aria-labelledby", `row-${props.activeR} col-${props.activeC}`);
  setAttr(el, "aria-invalid", editor.invalid ? "true" : null);
  setAttr(el, "title", editor.title || null);
}

// An empty row, cloned for each pupil (one native deep copy instead of a call per cell and attribute).
// Roles are said outright: the grid is laid out as flex rows (style.css), and a browser may drop a
// table's semantics once its parts are no longer displayed as a table.
function modelRow(columns, termColumns) {
  const tr = document.createElement("tr");
  tr.setAttribute("role", "row");
  const th = document.createElement("th");
  th.setAttribute("role", "rowheader");
  th.scope = "row";
  th.className = "pupil-col";
  tr.append(th);
  const cell = (className) => {
    const td = document.createElement("td");
    td.setAttribute("role", "gridcell");
    if (className) td.className = className;
    tr.append(td);
  };
  for (let c = 0; c < columns; c++) cell("");
  if (termColumns) {
    cell("num");
    cell("num final");
  }
  return { tr, columns, termColumns };
}

function newRow(model, p, r) {
  const tr = model.tr.cloneNode(true);
  const th = tr.firstChild;
  th.id = `row-${r}`;
  th.textContent = p.row.student.name;
  const tds = tr.children;
  const cells = new Array(model.columns);
  for (let c = 0; c < model.columns; c++) cells[c] = tds[c + 1];
  const average = model.termColumns ? tds[model.columns + 1] : null;
  const final = model.termColumns ? tds[model.columns + 2] : null;
  return { tr, cells, sigs: new Array(model.columns), average, final, inputs: [] };
}

// A row is looked at again only when what it is drawn from changed.
function patchRow(row, p, r, props, language) {
  const { lessons, weights, drafts, activeR, activeC, scale, termColumns, editor } = props;
  const mine = drafts[p.row.student.id];
  const active = r === activeR ? activeC : -1;
  const inputs = [p, mine, active, weights, lessons];
  if (inputs.every((x, i) => x === row.inputs[i])) return;
  row.inputs = inputs;
  const shown = [];
  for (let c = 0; c < lessons.length; c++) {
    const l = lessons[c];
    const marks = p.marks[l.id];
    const draft = mine && mine[l.id];
    // Averages update at once: a cell being saved counts as what was typed.
    const parsed = draft && (draft.state === "saving" || draft.state === "saved") ? parseCell(draft.text, scale) : null;
    if (parsed && parsed.kind === "mark") shown.push({ value: parsed.value, weight: weights[l.id] || 1 });
    else if (!parsed && marks) for (const m of marks) shown.push(m);
    const text = draft ? draft.text : cellText(marks || [], p.absences[l.id]);
    const extra = cellExtra(marks || [], p.absences[l.id]);
    const state = draft ? draft.state : "";
    const dot = !!p.openDots[l.id];
    const absent = !draft && !(marks && marks.length) && !!p.absences[l.id];
    const sig = c === active ? `A${state}|${extra}|${dot}` : `${state}|${text}|${extra}|${dot}|${absent}`;
    if (row.sigs[c] === sig) continue;
    row.sigs[c] = sig;
    paintCell(row.cells[c], c === active ? editor.el : null, state, text, extra, dot, absent);
  }
  if (!termColumns) return;
  const average = weightedAverage(shown);
  row.average.textContent = average === null ? "—" : fmt.number(average, 2);
  const sig = `${p.row.final}|${p.row.proposed ? p.row.proposed.grade : ""}|${language}`;
  if (row.finalSig !== sig) {
    row.finalSig = sig;
    row.final.replaceChildren(finalButton(p.row, r));
  }
}

// One cell: plain text in a bare <td> (its role, gridcell, comes from the grid) — the fewer nodes and
// attributes, the sooner 1,300 of them are laid out. The active cell holds the editor instead of
// its text; the editor is never taken out of the cell while it stays active (that would drop the focus).
// An absence is drawn apart from the marks (`absent`): in bold, б reads as a 6.
function paintCell(td, editor, state, text, extra, dot, absent) {
  if (editor) {
    td.className = state ? `cell active ${state}` : "cell active";
    td.setAttribute("aria-selected", "true");
    for (const n of [...td.childNodes]) if (n !== editor) n.remove();
    if (editor.parentNode !== td) td.append(editor);
    if (extra) td.insertBefore(span("extra", extra), editor);
  } else {
    const cls = state ? `cell ${state}${absent ? " absent" : ""}` : absent ? "absent" : "";
    if (cls) td.className = cls;
    else td.removeAttribute("class");
    td.removeAttribute("aria-selected");
    if (!extra && !dot && !state) {
      td.textContent = text;
      return;
    }
    td.textContent = "";
    if (extra) td.append(span("extra", extra));
    if (text) td.append(text);
  }
  if (dot) {
    const mark = span("dot", "•");
    mark.setAttribute("aria-hidden", "true");
    td.append(mark, span("sr", t("journal.dot_sr")));
  }
  if (state === "unsaved" || state === "saving")
    td.append(span("sr", t(state === "unsaved" ? "journal.cell_unsaved" : "journal.cell_saving")));
}

// The term grade: set (bold), else the proposal with a question mark; it opens the grade's panel.
function finalButton(row, r) {
  const set = row.final !== null && row.final !== undefined;
  const b = document.createElement("button");
  b.type = "button";
  b.className = set ? "final-set" : "final-open";
  b.dataset.final = String(r);
  b.setAttribute("aria-label", `${t("journal.final_of", { pupil: row.student.name })}: ${set ? row.final : t("journal.final_none")}`);
  b.textContent = set ? String(row.final) : row.proposed ? `${row.proposed.grade}?` : "—";
  return b;
}

function span(className, text) {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

function setAttr(el, name, value) {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
