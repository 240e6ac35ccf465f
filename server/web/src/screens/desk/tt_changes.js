// tt_changes: the changes of one date — who substitutes, what is cancelled, moved or in another room —
// listed for every class, each one taken back with one button, and the form for a new one: the class,
// its lesson that day (from the class's week, with its group), what happens to it. The lessons of the
// journal already made follow at once; what the box refuses (a clash, a lesson with marks) is said
// beside the form with the box's own details.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { formatDate, parseDate } from "../../week.js";
import { useClasses, ClassSelect } from "./class_pick.js";
import { periodsOn, Refusal } from "./tt_common.js";

const KINDS = ["cancelled", "substitution", "room", "moved"];
const isoWeekday = (d) => ((d.getDay() + 6) % 7) + 1;

export function ChangesTab() {
  const [date, setDate] = useState(formatDate(new Date()));
  const list = useApi(date ? `/api/v1/timetable-changes?from=${date}&to=${date}` : null);
  const changes = (list.data && list.data.changes) || [];
  return html`<div class="tt-changes">
    <div class="toolbar"><div class="field"><label for="changes-date">${t("desk.tt.date")}</label>
      <input id="changes-date" type="date" value=${date} onInput=${(e) => setDate(e.currentTarget.value)} /></div></div>
    <${ChangeForm} date=${date} onMade=${list.reload} />
    <h2>${date ? t("desk.tt.changes_on", { date: fmt.day(parseDate(date), true) }) : t("desk.tt.tab_changes")}</h2>
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.loading && html`<${Loading} />`}
    ${list.data && (changes.length === 0 ? html`<p class="hint">${t("desk.tt.no_changes")}</p>`
      : html`<table class="list stack changes"><thead><tr><th scope="col">${t("desk.class")}</th><th scope="col">${t("desk.tt.lesson_no")}</th>
          <th scope="col">${t("desk.tt.change")}</th><th scope="col">${t("desk.tt.note")}</th><th scope="col"><span class="sr">${t("desk.tt.take_back")}</span></th></tr></thead>
          <tbody>${changes.map((c) => html`<${ChangeRow} c=${c} onGone=${list.reload} />`)}</tbody></table>`)}
  </div>`;
}

function ChangeRow({ c, onGone }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function drop() {
    setBusy(true);
    setError(null);
    try {
      await api("DELETE", `/api/v1/timetable-changes/${c.id}`);
      onGone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  const what = c.kind === "substitution" ? t("desk.tt.kind_line_substitution", { name: c.teacher ? c.teacher.name : "" })
    : c.kind === "room" ? t("desk.tt.kind_line_room", { room: c.room || "" })
    : c.kind === "moved" ? t("desk.tt.kind_line_moved", { n: c.to_period })
    : t("desk.tt.kind_cancelled");
  return html`<tr class=${`change-${c.kind}`}>
    <td>${c.class.name}</td>
    <td>${c.period}${c.group ? ` (${t("desk.tt.group_n", { n: c.group })})` : ""}</td>
    <td><span class=${`badge kind-${c.kind}`}>${what}</span>${c.subject ? html` <span class="hint">${c.subject.name}</span>` : null}</td>
    <td>${c.note || ""}</td>
    <td><button type="button" disabled=${busy} onClick=${drop}>${t("desk.tt.take_back")}<span class="sr"> ${c.class.name}, ${c.period}</span></button>
      <${Refusal} error=${error} /></td>
  </tr>`;
}

function ChangeForm({ date, onMade }) {
  const { classes } = useClasses();
  const [v, setV] = useState({ class_id: "", slot: "", kind: "cancelled", teacher_id: "", subject_id: "", room: "", to_period: "", note: "" });
  const put = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const week = useApi(v.class_id ? `/api/v1/classes/${encodeURIComponent(v.class_id)}/timetable` : null);
  const bells = useApi("/api/v1/bells");
  const teachers = useApi(v.kind === "substitution" ? "/api/v1/teachers" : null);
  const rooms = useApi("/api/v1/rooms");
  const [error, setError] = useState(null);
  const [made, setMade] = useState(null);
  const [busy, setBusy] = useState(false);
  const day = date ? isoWeekday(parseDate(date)) : 0;
  const lessons = ((week.data && week.data.lessons) || []).filter((l) => l.weekday === day);
  useEffect(() => setV((old) => ({ ...old, slot: "" })), [v.class_id, date]);
  const rung = periodsOn(bells.data, day);

  async function submit(e) {
    e.preventDefault();
    setError(null);
    setMade(null);
    const [period, group] = v.slot.split("|").map(Number);
    const body = { date, class_id: v.class_id, period: period || 0, group: group || 0, kind: v.kind };
    if (v.kind === "substitution") {
      body.teacher_id = v.teacher_id;
      if (v.subject_id) body.subject_id = v.subject_id;
    }
    if ((v.kind === "room" || v.kind === "substitution" || v.kind === "moved") && v.room) body.room = v.room;
    if (v.kind === "moved") body.to_period = Number(v.to_period) || 0;
    if (v.note.trim()) body.note = v.note.trim();
    setBusy(true);
    try {
      const c = await api("POST", "/api/v1/timetable-changes", body);
      setMade(c);
      setV({ ...v, slot: "", note: "" });
      onMade();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const subjectsOf = (week.data && week.data.teaching) || [];
  return html`<form class="card change-form" onSubmit=${submit} aria-labelledby="change-title">
    <h2 id="change-title">${t("desk.tt.new_change")}</h2>
    <div class="form-grid">
      <${ClassSelect} id="change-class" value=${v.class_id} classes=${classes} blank=${t("desk.choose")} onChange=${(id) => setV({ ...v, class_id: id })} />
      <div class="field"><label for="change-slot">${t("desk.tt.which_lesson")}</label>
        <select id="change-slot" value=${v.slot} onChange=${put("slot")} disabled=${!v.class_id}>
          <option value="">${v.class_id ? (lessons.length ? t("desk.choose") : t("desk.tt.no_lessons_that_day")) : t("desk.app.class_first")}</option>
          ${lessons.map((l) => html`<option value=${`${l.period}|${l.group || 0}`}>${l.period}. ${l.subject.name}, ${l.teacher.name}${l.group ? ` (${t("desk.tt.group_n", { n: l.group })})` : ""}${l.room ? `, ${l.room}` : ""}</option>`)}
        </select></div>
      <div class="field"><label for="change-kind">${t("desk.tt.what_happens")}</label>
        <select id="change-kind" value=${v.kind} onChange=${put("kind")}>
          ${KINDS.map((k) => html`<option value=${k}>${t(`desk.tt.kind_${k}`)}</option>`)}
        </select></div>
      ${v.kind === "substitution" && html`<div class="field"><label for="change-teacher">${t("desk.tt.substitute")}</label>
        <select id="change-teacher" value=${v.teacher_id} onChange=${put("teacher_id")}>
          <option value="">${t("desk.choose")}</option>
          ${((teachers.data && teachers.data.teachers) || []).map((x) => html`<option value=${x.id}>${x.full_name || x.name}</option>`)}
        </select></div>
        <div class="field"><label for="change-subject">${t("desk.tt.other_subject")}</label>
        <select id="change-subject" value=${v.subject_id} onChange=${put("subject_id")}>
          <option value="">${t("desk.tt.same_subject")}</option>
          ${[...new Map(subjectsOf.map((p) => [p.subject.id, p.subject])).values()].map((s) => html`<option value=${s.id}>${s.name}</option>`)}
        </select></div>`}
      ${v.kind !== "cancelled" && html`<div class="field"><label for="change-room">${v.kind === "room" ? t("desk.tt.new_room") : t("desk.tt.room_optional")}</label>
        <select id="change-room" value=${v.room} onChange=${put("room")}>
          <option value="">${v.kind === "room" ? t("desk.choose") : t("desk.tt.same_room")}</option>
          ${((rooms.data && rooms.data.rooms) || []).map((r) => html`<option value=${r.name}>${r.name}</option>`)}
        </select></div>`}
      ${v.kind === "moved" && html`<div class="field"><label for="change-to">${t("desk.tt.move_to")}</label>
        <select id="change-to" value=${v.to_period} onChange=${put("to_period")}>
          <option value="">${t("desk.choose")}</option>
          ${rung.map((p) => html`<option value=${String(p.number)}>${p.number} (${p.starts}–${p.ends})</option>`)}
        </select></div>`}
      <div class="field"><label for="change-note">${t("desk.tt.note")}</label>
        <input id="change-note" maxlength="200" value=${v.note} onInput=${put("note")} /></div>
    </div>
    <${Refusal} error=${error} />
    ${made && html`<p class="ok" role="status">${t("desk.tt.change_made", { n: made.lessons_updated || 0 })}</p>`}
    <button type="submit" class="primary" disabled=${busy || !v.class_id || !v.slot}>${t("desk.tt.record_change")}</button>
  </form>`;
}
