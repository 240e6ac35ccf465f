// journal_row: one pupil's row of the journal grid — cells as plain text (no form control per cell:
// a thousand inputs cost the browser hundreds of milliseconds of layout), the one roving editor in
// the active cell, the weighted average and the proposed grade. A row is drawn again only when its
// own cells, its drafts or the active cell in it change, so moving and typing stay cheap.
import { Component } from "preact";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { parseCell, cellText, weightedAverage } from "./journal_cells.js";

const pending = (state) => state === "unsaved" || state === "saving"
  ? html`<span class="sr">${t(state === "unsaved" ? "journal.cell_unsaved" : "journal.cell_saving")}</span>` : null;

// Work owed (an open dot) beside the cell's text, said as a word to a screen reader.
const dotMark = () => html`<span class="dot" aria-hidden="true">•</span><span class="sr">${t("journal.dot_sr")}</span>`;

// The term grade: set (bold), else the proposal with a question mark; it opens the grade's panel.
function finalButton(row, r) {
  const set = row.final !== null && row.final !== undefined;
  const shown = set ? String(row.final) : row.proposed ? `${row.proposed.grade}?` : "—";
  return html`<button type="button" class=${set ? "final-set" : "final-open"} data-final=${r}
    aria-label=${`${t("journal.final_of", { pupil: row.student.name })}: ${set ? row.final : t("journal.final_none")}`}>${shown}</button>`;
}

export class JournalRow extends Component {
  shouldComponentUpdate(next) {
    const p = this.props;
    return next.pupil !== p.pupil || next.drafts !== p.drafts || next.activeC !== p.activeC ||
      next.lessons !== p.lessons || next.weights !== p.weights || next.editor !== p.editor || next.termColumns !== p.termColumns;
  }

  render({ pupil, r, lessons, weights, drafts, activeC, editor, scale, termColumns }) {
    const shown = [];
    const cells = new Array(lessons.length);
    for (let c = 0; c < lessons.length; c++) {
      const l = lessons[c];
      const marks = pupil.marks[l.id];
      const draft = drafts && drafts[l.id];
      // Averages update at once: a cell being saved counts as what was typed.
      const parsed = draft && (draft.state === "saving" || draft.state === "saved") ? parseCell(draft.text, scale) : null;
      if (parsed && parsed.kind === "mark") shown.push({ value: parsed.value, weight: weights[l.id] || 1 });
      else if (!parsed && marks) for (const m of marks) shown.push(m);
      const text = draft ? draft.text : cellText(marks || [], pupil.absences[l.id]);
      const extra = marks && marks.length > 1 ? marks.slice(0, -1).map((m) => m.value).join(" ") : "";
      const state = draft ? draft.state : "";
      const dot = pupil.openDots[l.id];
      // Plain text in a bare <td> (its role, gridcell, comes from the grid): the fewer nodes and
      // attributes per cell, the sooner a 1,400-cell grid is drawn. A click finds its cell by index.
      cells[c] = c === activeC
        ? html`<td class=${state ? `cell active ${state}` : "cell active"} aria-selected="true">${extra && html`<span class="extra">${extra}</span>`}${editor}${dot ? dotMark() : null}${pending(state)}</td>`
        : state || extra || dot
          ? html`<td class=${state ? `cell ${state}` : undefined}>${extra && html`<span class="extra">${extra}</span>`}${text}${dot ? dotMark() : null}${pending(state)}</td>`
          : html`<td>${text}</td>`;
    }
    const average = weightedAverage(shown);
    const row = pupil.row;
    return html`<tr>
      <th scope="row" class="pupil-col" id=${`row-${r}`}>${row.student.name}</th>
      ${cells}
      ${termColumns && html`<td class="num">${average === null ? "—" : fmt.number(average, 2)}</td>`}
      ${termColumns && html`<td class="num final">${finalButton(row, r)}</td>`}
    </tr>`;
  }
}
