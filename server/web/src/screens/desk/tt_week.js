// tt_week: a class's week as a grid — the days across, the lessons the bells ring down, each cell
// the subject, teacher and room (each group's lesson when the class is divided). A cell opens its
// editor below the grid; the whole week is saved in one PUT, as the box takes it. A week that would
// leave coming per-date changes without their lesson is refused with them listed, and can then be
// saved deleting them.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useClasses, ClassSelect } from "./class_pick.js";
import { WEEKDAYS, weekdayName, periodsOn, Refusal } from "./tt_common.js";

const slotKey = (d, p) => `${d}-${p}`;
// The week as PUT takes it, from GET's lessons.
const asInput = (lessons) => lessons.map((l) => ({ weekday: l.weekday, period: l.period, group: l.group || 0,
  subject_id: l.subject.id, teacher_id: l.teacher.id, room: l.room || "" }));

export function WeekTab() {
  const { classes } = useClasses();
  const [classId, setClassId] = useState("");
  useEffect(() => {
    if (!classId && classes.length) setClassId(classes[0].id);
  }, [classes]);
  const bells = useApi("/api/v1/bells");
  const week = useApi(classId ? `/api/v1/classes/${encodeURIComponent(classId)}/timetable` : null);
  const rooms = useApi("/api/v1/rooms");
  return html`<div class="tt-week">
    <div class="toolbar"><${ClassSelect} id="tt-class" value=${classId} classes=${classes} onChange=${setClassId} /></div>
    <${ErrorNote} error=${bells.error || week.error} retry=${week.reload} />
    ${(week.loading || bells.loading) && html`<${Loading} />`}
    ${week.data && bells.data && html`<${WeekGrid} key=${classId} data=${week.data} bells=${bells.data}
      rooms=${(rooms.data && rooms.data.rooms) || []} onSaved=${week.reload} />`}
  </div>`;
}

function WeekGrid({ data, bells, rooms, onSaved }) {
  const [lessons, setLessons] = useState(asInput(data.lessons));
  const [open, setOpen] = useState(null);  // {weekday, period}
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const days = WEEKDAYS.filter((d) => periodsOn(bells, d).length || lessons.some((l) => l.weekday === d));
  const numbers = [...new Set(days.flatMap((d) => periodsOn(bells, d).map((p) => p.number)))].sort((a, b) => a - b);
  const pairs = data.teaching || [];
  const name = (list, id) => (list.find((x) => x.id === id) || {}).name || "?";
  const subjects = [...pairs.map((p) => p.subject), ...data.lessons.map((l) => l.subject)];
  const teachers = [...pairs.map((p) => p.teacher), ...data.lessons.map((l) => l.teacher)];
  const changed = JSON.stringify(lessons) !== JSON.stringify(asInput(data.lessons));

  async function save(drop = false) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api("PUT", `/api/v1/classes/${encodeURIComponent(data.class.id)}/timetable${drop ? "?drop_stale_changes=true" : ""}`, { lessons });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const at = (d, p) => lessons.filter((l) => l.weekday === d && l.period === p);
  const timeOf = (d, p) => periodsOn(bells, d).find((x) => x.number === p);

  return html`<div>
    <div class="table-wrap week-wrap">
      <table class="week-grid">
        <caption>${t("desk.tt.week_of", { name: data.class.name })}</caption>
        <thead><tr><th scope="col">${t("desk.tt.lesson_no")}</th>${days.map((d) => html`<th scope="col">${weekdayName(d)}</th>`)}</tr></thead>
        <tbody>${numbers.map((p) => html`<tr>
          <th scope="row">${p}</th>
          ${days.map((d) => {
            const rung = timeOf(d, p);
            const here = at(d, p);
            const isOpen = open && open.weekday === d && open.period === p;
            return html`<td class=${isOpen ? "open" : undefined}>
              ${rung ? html`<button type="button" class="cell" id=${`cell-${slotKey(d, p)}`} aria-expanded=${isOpen ? "true" : "false"}
                  onClick=${() => setOpen(isOpen ? null : { weekday: d, period: p })}>
                  <span class="time">${rung.starts}–${rung.ends}</span>
                  ${here.length === 0 && html`<span class="empty">${t("desk.tt.free")}</span>`}
                  ${here.map((l) => html`<span class="lesson-line"><b>${name(subjects, l.subject_id)}</b>${l.group ? ` (${t("desk.tt.group_n", { n: l.group })})` : ""}
                    <span class="who">${name(teachers, l.teacher_id)}${l.room ? `, ${l.room}` : ""}</span></span>`)}
                  <span class="sr">${t("desk.tt.edit_cell", { day: weekdayName(d), n: p })}</span>
                </button>`
                : html`<span class="hint">—</span>`}
            </td>`;
          })}
        </tr>`)}</tbody>
      </table>
    </div>
    ${open && html`<${CellEditor} key=${slotKey(open.weekday, open.period)} slot=${open} lessons=${at(open.weekday, open.period)}
      pairs=${pairs} known=${data.lessons} rooms=${rooms}
      onChange=${(list) => setLessons((all) => [...all.filter((l) => !(l.weekday === open.weekday && l.period === open.period)), ...list]
        .sort((a, b) => a.weekday - b.weekday || a.period - b.period || a.group - b.group))}
      onClose=${() => { const b = document.getElementById(`cell-${slotKey(open.weekday, open.period)}`); setOpen(null); if (b) b.focus(); }} />`}
    <${Refusal} error=${error} />
    ${error && error.code === "timetable.changes_no_longer_fit" && html`<div class="card">
      <p>${t("desk.tt.stale")}</p>
      <button type="button" class="danger" disabled=${busy} onClick=${() => save(true)}>${t("desk.tt.save_dropping")}</button></div>`}
    ${saved && !changed && html`<p class="ok" role="status">${t("desk.tt.saved")}</p>`}
    <div class="buttons save-row">
      <button type="button" class="primary" disabled=${busy || !changed} onClick=${() => save(false)}>${t("desk.tt.save_week")}</button>
      ${changed && html`<button type="button" onClick=${() => { setLessons(asInput(data.lessons)); setError(null); }}>${t("desk.tt.undo")}</button>
        <span class="hint">${t("desk.tt.unsaved")}</span>`}
    </div>
  </div>`;
}

// One slot's lessons: the subject and teacher as one choice (the class's teaching pairs), the room, the
// group; a lesson added or taken away. Changes stay in the page until the week is saved.
function CellEditor({ slot, lessons, pairs: teaching, known, rooms, onChange, onClose }) {
  // A lesson of the saved week whose pair is no longer among the class's teaching stays choosable.
  const pairs = [...teaching];
  for (const l of known)
    if (!pairs.some((p) => p.subject.id === l.subject.id && p.teacher.id === l.teacher.id)) pairs.push({ subject: l.subject, teacher: l.teacher });
  useEffect(() => {
    const first = document.querySelector(".cell-editor select, .cell-editor button");
    if (first) first.focus();
  }, []);
  const pairKey = (l) => `${l.subject_id}|${l.teacher_id}`;
  const update = (i, patch) => onChange(lessons.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const add = () => {
    const p = pairs[0];
    if (!p) return;
    onChange([...lessons, { weekday: slot.weekday, period: slot.period, group: lessons.length ? lessons.length + 1 : 0,
      subject_id: p.subject.id, teacher_id: p.teacher.id, room: "" }]);
  };
  const keys = (e) => {
    if (e.key === "Escape") onClose();
  };
  return html`<section class="card cell-editor" onKeyDown=${keys} aria-labelledby="cell-title">
    <h2 id="cell-title">${t("desk.tt.cell_title", { day: weekdayName(slot.weekday), n: slot.period })}</h2>
    ${lessons.length === 0 && html`<p class="hint">${t("desk.tt.no_lesson")}</p>`}
    ${lessons.map((l, i) => html`<fieldset class="cell-lesson">
      <legend>${l.group ? t("desk.tt.group_n", { n: l.group }) : t("desk.tt.whole_class")}</legend>
      <div class="form-grid">
        <div class="field"><label for=${`cl-pair-${i}`}>${t("desk.tt.subject_teacher")}</label>
          <select id=${`cl-pair-${i}`} value=${pairKey(l)} onChange=${(e) => { const [s, tt] = e.currentTarget.value.split("|"); update(i, { subject_id: s, teacher_id: tt }); }}>
            ${pairs.map((p) => html`<option value=${`${p.subject.id}|${p.teacher.id}`}>${p.subject.name} — ${p.teacher.name}</option>`)}
          </select></div>
        <div class="field"><label for=${`cl-room-${i}`}>${t("desk.tt.room")}</label>
          <select id=${`cl-room-${i}`} value=${l.room} onChange=${(e) => update(i, { room: e.currentTarget.value })}>
            <option value="">${t("desk.tt.no_room")}</option>
            ${rooms.map((r) => html`<option value=${r.name}>${r.name}</option>`)}
          </select></div>
        <div class="field"><label for=${`cl-group-${i}`}>${t("desk.tt.group")}</label>
          <select id=${`cl-group-${i}`} value=${String(l.group)} onChange=${(e) => update(i, { group: Number(e.currentTarget.value) })}>
            <option value="0">${t("desk.tt.whole_class")}</option>
            ${[1, 2, 3, 4].map((g) => html`<option value=${String(g)}>${t("desk.tt.group_n", { n: g })}</option>`)}
          </select></div>
      </div>
      <button type="button" onClick=${() => onChange(lessons.filter((_, k) => k !== i))}>${t("desk.tt.remove_lesson")}</button>
    </fieldset>`)}
    <div class="buttons">
      <button type="button" onClick=${add} disabled=${!pairs.length}>${t("desk.tt.add_lesson")}</button>
      <button type="button" onClick=${onClose}>${t("desk.done")}</button>
    </div>
    ${!pairs.length && html`<p class="hint">${t("desk.tt.no_teaching")}</p>`}
  </section>`;
}
