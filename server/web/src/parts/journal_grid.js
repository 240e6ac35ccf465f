// journal_grid: a class journal as fast as paper from the keyboard — pupils × lessons, type a mark
// (or н/б/у, о10 for late), Enter saves and goes down, Tab and the arrows move, Escape takes the
// typing back. Cells are plain text; ONE editor <input> roves to the active cell (a form control per
// cell made a 35 × 40 grid take half a second to lay out). A lesson's column header opens the
// lesson: its work type, topic and homework. A save that fails stays in its cell, visibly unsaved,
// and is tried again every few seconds until it goes through: a typed value is never lost.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useLive } from "../live.js";
import { parseDate } from "../week.js";
import { parseCell, cellText, saveCalls } from "./journal_cells.js";
import { CellSaves } from "./cell_saves.js";
import { CellPanel } from "./cell_panel.js";
import { LessonPanel } from "./lesson_panel.js";
import { TermGradePanel } from "./term_grade_panel.js";
import { JournalBody, makeEditor } from "./journal_body.js";

const RETRY_MS = 5000;
// Changes heard live within this long are read as one (another teacher typing down a column).
const LIVE_GATHER_MS = 150;
const LIVE_KINDS = ["mark", "attendance", "lesson", "dot", "term_grade"];
const PANEL_FOLLOWS_MS = 150;

// `sheet`: one lesson a substitute gave — its column alone, without the term's average and grades.
// `readAt`: when the read of `journal` began (use_api), to tell whether it holds a save's answer.
export function JournalGrid({ journal, school, readAt, reload, sheet = false }) {
  const workTypes = (school && school.work_types) || [];
  const scale = school && school.scale;
  const lessons = journal.lessons;
  // Column work types: what the column's marks mostly are, else the school's first.
  const [columnType, setColumnType] = useState({});
  const common = useMemo(() => commonTypes(journal), [journal]);
  const typeOf = (lesson) => columnType[lesson.id] || common[lesson.id] || (workTypes[0] && workTypes[0].code) || "";
  const weights = useMemo(() => Object.fromEntries(lessons.map((l) => [l.id, weightOf(workTypes, typeOf(l))])),
    [lessons, columnType, common, workTypes]);

  // What the user typed, by pupil then lesson: {text, state}. "typing" until the cell is left,
  // "saving", then "saved" until the journal is read again, or "unsaved" with the error. Kept in a
  // ref as well, so that a commit sees at once that a cell is already being saved (never twice).
  const [drafts, setDrafts] = useState({});
  const draftsRef = useRef(drafts);
  const setDraft = (sid, lid, value) => {
    const row = { ...(draftsRef.current[sid] || {}) };
    if (value) row[lid] = value;
    else delete row[lid];
    draftsRef.current = { ...draftsRef.current, [sid]: row };
    setDrafts(draftsRef.current);
  };
  const draftOf = (sid, lid) => draftsRef.current[sid] && draftsRef.current[sid][lid];
  // A cell's saves go one after another (parts/cell_saves.js): a value typed while the cell's
  // previous save is under way waits for its answer, so it changes the mark that save made.
  const saves = useRef(null);
  if (!saves.current) saves.current = new CellSaves((call) => api(call.method, call.path, call.body), () => performance.now());

  // A journal read after a cell was saved holds it: the cell's draft goes. (A read begun before the
  // save's answer came may not: the draft stays until the next one.)
  useEffect(() => {
    const at = readAt === undefined ? Infinity : readAt;
    saves.current.journalRead(at);
    // Drawn again only when a draft went (not after every read: the first is drawn already).
    const next = {};
    let dropped = false;
    for (const [sid, row] of Object.entries(draftsRef.current)) {
      const kept = Object.fromEntries(Object.entries(row).filter(([, v]) => v.state !== "saved" || v.savedAt > at));
      const same = Object.keys(kept).length === Object.keys(row).length;
      dropped ||= !same;
      next[sid] = same ? row : kept;
    }
    if (!dropped) return;
    draftsRef.current = next;
    setDrafts(next);
  }, [journal]);

  // Another teacher's (or tab's) change to what this journal shows is read again, a burst at once.
  // Drafts, the editor and its focus are the grid's own, so nothing typed is touched.
  const liveTimer = useRef(0);
  useLive(LIVE_KINDS, (kind, data) => {
    if (kind !== "reload" && !concerns(journal, kind, data)) return;
    clearTimeout(liveTimer.current);
    liveTimer.current = setTimeout(reload, LIVE_GATHER_MS);
  });
  useEffect(() => () => clearTimeout(liveTimer.current), []);

  const byPupil = useMemo(() => journal.students.map((row) => {
    const marks = {}, absences = {}, dots = {}, openDots = {}, excused = {};
    for (const m of row.marks) (marks[m.lesson_id] ||= []).push(m);
    for (const e of row.excused || []) (excused[e.lesson_id] ||= []).push(e);
    for (const a of row.absences) absences[a.lesson_id] = a;
    for (const d of row.dots || []) {
      (dots[d.lesson_id] ||= []).push(d);
      if (d.state === "open") openDots[d.lesson_id] = d;
    }
    return { row, marks, absences, dots, openDots, excused };
  }), [journal]);

  // The active cell holds the editor; `engaged` once the teacher has been in the grid (the cell
  // panel shows then); a move asks for the editor to take the focus once it is drawn.
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [engaged, setEngaged] = useState(false);
  // The cell panel follows the active cell once the teacher stays on it a moment: the editor takes
  // the focus, and the typing, first (the panel — a form with a date field — cost a first click in
  // the grid ~80 ms of script, style and layout), and arrowing across a row does not draw it per cell.
  const [panelCell, setPanelCell] = useState(null);
  useEffect(() => {
    if (!engaged) return undefined;
    const id = setTimeout(() => setPanelCell(active), PANEL_FOLLOWS_MS);
    return () => clearTimeout(id);
  }, [engaged, active]);
  // The panel open beside the grid: {kind: "lesson", c} from a column header, {kind: "grade", r}
  // from a term grade; closing it gives the focus back to what opened it.
  const [panel, setPanel] = useState(null);
  const lessonOpen = panel && panel.kind === "lesson" ? panel.c : null;
  const opener = useRef(null);
  const openPanel = (next, from) => {
    opener.current = from;
    setPanel(next);
  };
  const closePanel = () => {
    setPanel(null);
    if (opener.current && opener.current.isConnected) opener.current.focus();
  };
  // The one editor, made once (journal_body moves it into the active cell); its handlers call this
  // render's functions through `latest`.
  const editor = useRef(null);
  if (!editor.current) editor.current = makeEditor({
    keydown: (e) => latest.current.onKey(e),
    input: (e) => latest.current.onInput(e),
    focus: () => latest.current.onFocus(),
    blur: () => latest.current.onBlur(),
  });
  const wantFocus = useRef(false);
  useLayoutEffect(() => {
    if (wantFocus.current && editor.current) {
      wantFocus.current = false;
      editor.current.focus();
      editor.current.select();
    }
  }, [active]);

  async function save(sid, lid, text, lesson) {
    const parsed = parseCell(text, scale);
    if (parsed.kind === "invalid") {
      setDraft(sid, lid, { text, state: "unsaved", invalid: true,
        error: { message: t(parsed.reason === "scale" ? "journal.off_scale" : "journal.unknown_entry") } });
      return;
    }
    setDraft(sid, lid, { text, state: "saving" });
    const { outcome, error, sent } = await saves.current.save(`${sid}/${lid}`,
      () => latest.current.cellOf(sid, lid),
      (cell) => saveCalls(parsed, { studentId: sid, lessonId: lid, marks: cell.marks || [],
        absence: cell.absence, workType: typeOf(lesson), reason: t("journal.grid_reason"), newId: crypto.randomUUID() }));
    // A newer value typed in the cell meanwhile is what the cell is about now.
    const now = draftOf(sid, lid);
    if (outcome === "superseded" || (now && now.text !== text)) return;
    if (outcome === "saved") {
      if (!sent) setDraft(sid, lid, null);
      else {
        setDraft(sid, lid, { text, state: "saved", savedAt: performance.now() });
        reload();
      }
      return;
    }
    // Refused for good (4xx other than 409/429) or not reached: either way the typing stays.
    setDraft(sid, lid, { text, state: "unsaved", error, lesson });
  }

  // The cell at (r, c) is left: what was typed there is saved, once.
  function commit(r, c) {
    const pupil = byPupil[r], lesson = lessons[c];
    if (!pupil || !lesson) return;
    const sid = pupil.row.student.id;
    const d = draftOf(sid, lesson.id);
    if (!d || d.state !== "typing") return;
    save(sid, lesson.id, d.text, lesson);
  }

  function move(r, c) {
    commit(active.r, active.c);
    const to = { r: Math.max(0, Math.min(r, byPupil.length - 1)), c: Math.max(0, Math.min(c, lessons.length - 1)) };
    wantFocus.current = true;
    if (to.r === active.r && to.c === active.c) {
      wantFocus.current = false;
      if (editor.current) {
        editor.current.focus();
        editor.current.select();
      }
    } else setActive(to);
  }

  // Failed saves are tried again until they go through (an invalid entry waits for the user),
  // against the journal as last read (the timer outlives this render).
  const latest = useRef(null);
  latest.current = { save, cellOf: (sid, lid) => {
    const p = byPupil.find((x) => x.row.student.id === sid);
    return p ? { marks: p.marks[lid] || [], absence: p.absences[lid] } : { marks: [] };
  },
  // The editor's events (its cell's onInput is set below, where the active cell is known).
  onKey, onFocus: () => setEngaged(true), onBlur: () => commit(active.r, active.c), onInput: () => {} };
  useEffect(() => {
    const each = (fn) => {
      for (const [sid, row] of Object.entries(draftsRef.current))
        for (const [lid, d] of Object.entries(row)) fn(sid, lid, d);
    };
    const timer = setInterval(() => each((sid, lid, d) => {
      if (d.state !== "unsaved" || d.invalid || !d.lesson || !retryable(d.error) || saves.current.busy(`${sid}/${lid}`)) return;
      latest.current.save(sid, lid, d.text, d.lesson);
    }), RETRY_MS);
    const warn = (e) => {
      let pending = false;
      each((sid, lid, d) => { pending ||= d.state !== "saved"; });
      if (pending) {
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

  function onKey(e) {
    const { r, c } = active;
    const input = e.currentTarget;
    const k = e.key;
    if (k === "Enter") { e.preventDefault(); move(r + 1, c); }
    else if (k === "ArrowDown") { e.preventDefault(); move(r + 1, c); }
    else if (k === "ArrowUp") { e.preventDefault(); move(r - 1, c); }
    else if (k === "ArrowRight" && input.selectionEnd === input.value.length && c < lessons.length - 1) { e.preventDefault(); move(r, c + 1); }
    else if (k === "ArrowLeft" && input.selectionStart === 0 && c > 0) { e.preventDefault(); move(r, c - 1); }
    else if (k === "Home" && !e.shiftKey) { e.preventDefault(); move(r, 0); }
    else if (k === "End" && !e.shiftKey) { e.preventDefault(); move(r, lessons.length - 1); }
    // Tab walks the row; past its ends the focus leaves the grid as usual (the cell is saved on blur).
    else if (k === "Tab" && !e.shiftKey && c < lessons.length - 1) { e.preventDefault(); move(r, c + 1); }
    else if (k === "Tab" && e.shiftKey && c > 0) { e.preventDefault(); move(r, c - 1); }
    else if (k === "Escape") {
      const sid = byPupil[r].row.student.id, lid = lessons[c].id;
      const d = draftOf(sid, lid);
      if (d && (d.state === "typing" || d.invalid)) setDraft(sid, lid, null);
      input.value = cellText(byPupil[r].marks[lid] || [], byPupil[r].absences[lid]);
      input.select();
    }
  }

  // A click on a cell makes it the active one (the editor's own clicks are the input's). Cells
  // carry no coordinates: the row's place in the body and the cell's in its row say them.
  function onPointer(e) {
    const td = e.target.closest && e.target.closest("td");
    if (!td || e.target === editor.current) return;
    const r = td.parentNode.sectionRowIndex, c = td.cellIndex - 1;
    if (c < 0 || c >= lessons.length) return;
    e.preventDefault();
    setEngaged(true);
    move(r, c);
  }

  // A term grade's button (the grid's last column) opens that pupil's term grade panel.
  function onGradeClick(e) {
    const b = e.target.closest && e.target.closest("button[data-final]");
    if (b) openPanel({ kind: "grade", r: Number(b.dataset.final) }, b);
  }

  const unsaved = [];
  for (const row of Object.values(drafts)) for (const d of Object.values(row)) if (d.state === "unsaved") unsaved.push(d);

  const { r: ar, c: ac } = active;
  const activePupil = byPupil[ar], activeLesson = lessons[ac];
  const panelPupil = panelCell && byPupil[panelCell.r], panelLesson = panelCell && lessons[panelCell.c];
  const editorProps = { el: editor.current, text: "", invalid: false, title: "" };
  if (activePupil && activeLesson) {
    const sid = activePupil.row.student.id;
    const d = drafts[sid] && drafts[sid][activeLesson.id];
    editorProps.text = d ? d.text : cellText(activePupil.marks[activeLesson.id] || [], activePupil.absences[activeLesson.id]);
    editorProps.invalid = !!d && d.state === "unsaved";
    editorProps.title = editorProps.invalid ? say(d.error) : "";
    latest.current.onInput = (e) => setDraft(sid, activeLesson.id, { text: e.currentTarget.value, state: "typing" });
  }

  return html`
    <p class="hint">${t("journal.keys")}</p>
    ${unsaved.length > 0 && html`<div class="note error" role="alert">
      <p>${t("journal.unsaved", { n: unsaved.length })} ${say(unsaved[0].error)}</p>
    </div>`}
    <div class="scroll-x grid-wrap" tabindex="-1" role="region" aria-label=${t("journal.table")}>
      <table class="journal grid" role="grid" aria-label=${t("journal.table")} style=${`width: ${gridWidth(lessons.length, sheet ? 0 : 2)}`}>
        <thead><tr role="row">
          <th role="columnheader" scope="col" class="pupil-col">${t("journal.pupil")}</th>
          ${lessons.map((l, c) => html`<th role="columnheader" scope="col" class="lesson-col" id=${`col-${c}`}>
            <button type="button" class="col-head" aria-expanded=${lessonOpen === c ? "true" : "false"}
              aria-controls=${lessonOpen === c ? "lesson-panel" : undefined}
              onClick=${(e) => (lessonOpen === c ? closePanel() : openPanel({ kind: "lesson", c }, e.currentTarget))}>
              <span class="col-date">${fmt.dayShort(parseDate(l.date))}</span>
              <span class="col-period">${t("journal.lesson_n", { n: l.period })}</span>
              <span class="col-type">×${weights[l.id]}</span>
            </button>
          </th>`)}
          ${!sheet && html`<th role="columnheader" scope="col" class="num-col">${t("grades.average")}</th>`}
          ${!sheet && html`<th role="columnheader" scope="col" class="num-col">${t("journal.final")}</th>`}
        </tr></thead>
        <${JournalBody} byPupil=${byPupil} lessons=${lessons} weights=${weights} drafts=${drafts}
          activeR=${ar} activeC=${ac} scale=${scale} termColumns=${!sheet} editor=${editorProps}
          onMouseDown=${onPointer} onClick=${onGradeClick} />
      </table>
    </div>
    ${lessonOpen !== null && lessons[lessonOpen] && html`<${LessonPanel} lesson=${lessons[lessonOpen]}
      workTypes=${workTypes} workType=${typeOf(lessons[lessonOpen])}
      setWorkType=${(code) => setColumnType((ct) => ({ ...ct, [lessons[lessonOpen].id]: code }))}
      close=${closePanel} reload=${reload} />`}
    ${panel && panel.kind === "grade" && byPupil[panel.r] && html`<${TermGradePanel} row=${byPupil[panel.r].row}
      subjectId=${journal.subject_id} term=${journal.term} scale=${scale} close=${closePanel} reload=${reload} />`}
    ${panelPupil && panelLesson && html`<${CellPanel}
      pupil=${panelPupil.row.student} lesson=${panelLesson}
      marks=${panelPupil.marks[panelLesson.id] || []}
      absence=${panelPupil.absences[panelLesson.id]} dots=${panelPupil.dots[panelLesson.id] || []}
      excused=${panelPupil.excused[panelLesson.id] || []} reload=${reload} />`}`;
}

// Whether a change heard live is about this journal: one of its lessons, or a pupil's term grade
// in its subject.
function concerns(journal, kind, data) {
  if (kind === "term_grade")
    return data.subject_id === journal.subject_id && data.term === journal.term && journal.students.some((row) => row.student.id === data.student_id);
  return !!data.lesson_id && journal.lessons.some((l) => l.id === data.lesson_id);
}

// Each lesson's most common work type among its marks: the column's type until the teacher picks one.
function commonTypes(journal) {
  const counts = new Map();  // lesson → Map(work type → marks), in the order first seen
  for (const row of journal.students)
    for (const m of row.marks) {
      let c = counts.get(m.lesson_id);
      if (!c) counts.set(m.lesson_id, (c = new Map()));
      c.set(m.work_type, (c.get(m.work_type) || 0) + 1);
    }
  const out = {};
  for (const [lesson, c] of counts) {
    let best = 0;
    for (const [type, n] of c) if (n > best) [best, out[lesson]] = [n, type];
  }
  return out;
}

// The grid's width, set so that the table lays out by its first row (table-layout: fixed, style.css)
// instead of measuring every cell's content.
function gridWidth(columns, numbers) {
  return `calc(var(--pupil-col) + ${columns} * var(--lesson-col) + ${numbers} * var(--num-col))`;
}

function weightOf(workTypes, code) {
  const w = workTypes.find((x) => x.code === code);
  return w ? w.weight : 1;
}

// A refusal that another try will not change (a rule, not a moment) waits for the user instead.
function retryable(error) {
  return !error || error.status === 0 || error.status === 409 || error.status === 429 || error.status >= 500;
}
