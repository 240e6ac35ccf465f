// clubs: the school's clubs — who leads each, where and when it meets, how many attend; a club made or
// changed in one form (its weekly sessions as rows), pupils added or taken off by class and name, and
// a club closed with a reason (it stays in the history, off the list).
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say, plural } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { useClasses, usePupils, ClassSelect } from "./class_pick.js";
import { CancelForm } from "./events.js";
import { WEEKDAYS, weekdayName } from "./tt_common.js";
import { useFocus } from "./focus.js";

const sessionOf = (s) => ({ weekday: s.weekday, starts: s.starts ?? s.start ?? "", ends: s.ends ?? s.end ?? "" });

export function Clubs() {
  const list = useApi("/api/v1/clubs");
  const [editing, setEditing] = useState(null);  // null, "new" or a club
  const [open, setOpen] = useState(null);  // {id, what: "members" | "close"}
  const clubs = (list.data && list.data.clubs) || [];
  const done = () => {
    setEditing(null);
    setOpen(null);
    list.reload();
  };
  return html`<section class="desk clubs" aria-labelledby="clubs-title">
    <h1 id="clubs-title">${t("desk.clubs.title")}</h1>
    ${editing ? html`<${ClubForm} key=${editing === "new" ? "new" : editing.id} club=${editing === "new" ? null : editing} onDone=${done} onCancel=${() => setEditing(null)} />`
      : html`<p><button type="button" class="primary" onClick=${() => setEditing("new")}>${t("desk.clubs.new")}</button></p>`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.loading && html`<${Loading} />`}
    ${list.data && (clubs.length === 0 ? html`<p class="hint">${t("desk.clubs.none")}</p>` : html`<table class="list stack clubs-list">
      <thead><tr><th scope="col">${t("desk.clubs.name")}</th><th scope="col">${t("desk.clubs.teacher")}</th><th scope="col">${t("desk.clubs.when")}</th>
        <th scope="col">${t("desk.clubs.members")}</th><th scope="col"><span class="sr">${t("desk.events.actions")}</span></th></tr></thead>
      <tbody>${clubs.map((c) => html`<tr data-id=${c.id}>
        <td><b>${c.name}</b>${c.room ? html`<br /><span class="hint">${c.room}</span>` : null}</td>
        <td>${typeof c.teacher === "string" ? c.teacher : (c.teacher && c.teacher.name) || "—"}</td>
        <td>${(c.sessions || []).map(sessionOf).map((s) => html`<span class="session">${weekdayName(s.weekday, true)} ${s.starts}–${s.ends}</span> `)}</td>
        <td>${plural("desk.pupils", c.member_count || 0)}</td>
        <td><div class="buttons">
          <button type="button" onClick=${() => setEditing(c)}>${t("desk.edit")}<span class="sr"> ${c.name}</span></button>
          <button type="button" onClick=${() => setOpen({ id: c.id, what: "members" })}>${t("desk.clubs.members_edit")}<span class="sr"> ${c.name}</span></button>
          <button type="button" onClick=${() => setOpen({ id: c.id, what: "close" })}>${t("desk.clubs.close")}<span class="sr"> ${c.name}</span></button></div>
          ${open && open.id === c.id && open.what === "close" && html`<${CancelForm} path=${`/api/v1/clubs/${c.id}/cancel`} required=${false} onDone=${done} onClose=${() => setOpen(null)} />`}
          ${open && open.id === c.id && open.what === "members" && html`<${Members} club=${c} onChanged=${list.reload} onClose=${() => setOpen(null)} />`}</td>
      </tr>`)}</tbody></table>`)}
  </section>`;
}

function ClubForm({ club, onDone, onCancel }) {
  const teachers = useApi("/api/v1/teachers");
  const rooms = useApi("/api/v1/rooms");
  const form = useForm(club ? { name: club.name, teacher_id: club.teacher_id || (club.teacher && club.teacher.id) || "", room: club.room || "" }
    : { name: "", teacher_id: "", room: "" });
  const [sessions, setSessions] = useState(club ? (club.sessions || []).map(sessionOf) : [{ weekday: 1, starts: "15:00", ends: "16:00" }]);
  useFocus("f-name");
  const setSession = (i, k) => (e) => setSessions(sessions.map((s, n) => (n === i ? { ...s, [k]: k === "weekday" ? Number(e.currentTarget.value) : e.currentTarget.value } : s)));
  async function submit(e) {
    e.preventDefault();
    const v = form.values;
    const body = { name: v.name.trim(), sessions };
    if (v.teacher_id) body.teacher_id = v.teacher_id;
    else if (club) body.teacher_id = null;
    if (v.room) body.room = v.room;
    else if (club) body.room = null;
    const r = await form.send(() => (club ? api("PATCH", `/api/v1/clubs/${club.id}`, body) : api("POST", "/api/v1/clubs", body)));
    if (r) onDone(r);
  }
  return html`<form class="card club-form" onSubmit=${submit} onKeyDown=${(e) => e.key === "Escape" && onCancel()} aria-labelledby="club-form-title">
    <h2 id="club-form-title">${club ? t("desk.clubs.edit_title") : t("desk.clubs.new")}</h2>
    <div class="form-grid">
      <${Field} form=${form} name="name" label=${t("desk.clubs.name")} maxlength="100" />
      <${Field} form=${form} name="teacher_id" label=${t("desk.clubs.teacher")}>
        <option value="">${t("desk.clubs.no_teacher")}</option>
        ${((teachers.data && teachers.data.teachers) || []).map((x) => html`<option value=${x.id}>${x.full_name || x.name}</option>`)}
      <//>
      <${Field} form=${form} name="room" label=${t("desk.tt.room")}>
        <option value="">${t("desk.tt.no_room")}</option>
        ${((rooms.data && rooms.data.rooms) || []).map((r) => html`<option value=${r.name}>${r.name}</option>`)}
      <//>
    </div>
    <fieldset class="sessions"><legend>${t("desk.clubs.when")}</legend>
      ${sessions.map((s, i) => html`<div class="session-row">
        <select aria-label=${t("desk.clubs.session_day", { n: i + 1 })} value=${String(s.weekday)} onChange=${setSession(i, "weekday")}>
          ${WEEKDAYS.map((d) => html`<option value=${String(d)}>${weekdayName(d)}</option>`)}</select>
        <input type="time" aria-label=${t("desk.clubs.session_starts", { n: i + 1 })} value=${s.starts} onInput=${setSession(i, "starts")} />
        <input type="time" aria-label=${t("desk.clubs.session_ends", { n: i + 1 })} value=${s.ends} onInput=${setSession(i, "ends")} />
        <button type="button" onClick=${() => setSessions(sessions.filter((_, n) => n !== i))}>${t("desk.clubs.remove_session")}<span class="sr"> ${i + 1}</span></button>
      </div>`)}
      <button type="button" onClick=${() => setSessions([...sessions, { ...(sessions[sessions.length - 1] || { weekday: 1, starts: "15:00", ends: "16:00" }) }])}>${t("desk.clubs.add_session")}</button>
    </fieldset>
    <${FormError} form=${form} fields=${["name", "teacher_id", "room"]} />
    <div class="buttons">
      <button type="submit" class="primary" disabled=${form.busy}>${club ? t("desk.save") : t("desk.clubs.create")}</button>
      <button type="button" onClick=${onCancel}>${t("desk.back")}</button>
    </div>
  </form>`;
}

// A pupil added to the club or taken off it, found by class and name.
function Members({ club, onChanged, onClose }) {
  const { classes } = useClasses();
  const [classId, setClassId] = useState("");
  const { pupils } = usePupils(classId);
  const [pupil, setPupil] = useState("");
  const [note, setNote] = useState(null);
  const [error, setError] = useState(null);
  async function act(method) {
    setError(null);
    setNote(null);
    try {
      await api(method, `/api/v1/clubs/${club.id}/members/${pupil}`);
      const who = pupils.find((p) => p.id === pupil);
      setNote(t(method === "PUT" ? "desk.clubs.added" : "desk.clubs.removed", { name: who ? who.name : "" }));
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  return html`<div class="members" onKeyDown=${(e) => e.key === "Escape" && onClose()}>
    <${ClassSelect} id=${`members-class-${club.id}`} value=${classId} classes=${classes} blank=${t("desk.choose")} onChange=${(id) => { setClassId(id); setPupil(""); }} />
    <div class="field"><label for=${`members-pupil-${club.id}`}>${t("desk.app.pupil_pick")}</label>
      <select id=${`members-pupil-${club.id}`} value=${pupil} onChange=${(e) => setPupil(e.currentTarget.value)} disabled=${!classId}>
        <option value="">${t("desk.choose")}</option>
        ${pupils.map((p) => html`<option value=${p.id}>${p.full_name || p.name}</option>`)}
      </select></div>
    ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
    ${note && html`<p class="ok" role="status">${note}</p>`}
    <div class="buttons">
      <button type="button" class="primary" disabled=${!pupil} onClick=${() => act("PUT")}>${t("desk.clubs.add_member")}</button>
      <button type="button" disabled=${!pupil} onClick=${() => act("DELETE")}>${t("desk.clubs.remove_member")}</button>
      <button type="button" onClick=${onClose}>${t("desk.close")}</button>
    </div>
  </div>`;
}
