// events: the school's events the office announces — the coming ones (and the recent past) by date,
// a new one in one short form (title, day, times, place, the whole school or one class, a few lines),
// each one edited in the same form or cancelled with the reason pupils and parents will read.
// Cancelled events stay on the list, marked, since families saw them.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { addDays, formatDate, parseDate } from "../../week.js";
import { useClasses } from "./class_pick.js";
import { Refusal } from "./tt_common.js";
import { useFocus } from "./focus.js";

// The box's event, read the same whichever way a field is spelled (start/starts, cancelled/cancelled_at).
export function eventOf(e) {
  const cancelled = e.cancelled || (e.cancelled_at ? { at: e.cancelled_at, reason: e.cancel_reason || "" } : null);
  return { ...e, start: e.start ?? e.starts ?? null, end: e.end ?? e.ends ?? null, place: e.place || "",
    class_id: e.class ? e.class.id : e.class_id || "", cancelled };
}

export function Events() {
  const from = formatDate(addDays(new Date(), -14));
  const to = formatDate(addDays(new Date(), 180));
  const list = useApi(`/api/v1/events?from=${from}&to=${to}`);
  const [editing, setEditing] = useState(null);  // null, "new" or an event
  const [cancelling, setCancelling] = useState(null);
  const events = ((list.data && list.data.events) || []).map(eventOf);
  const done = () => {
    setEditing(null);
    setCancelling(null);
    list.reload();
  };
  return html`<section class="desk events" aria-labelledby="events-title">
    <h1 id="events-title">${t("desk.events.title")}</h1>
    ${editing ? html`<${EventForm} key=${editing === "new" ? "new" : editing.id} event=${editing === "new" ? null : editing} onDone=${done} onCancel=${() => setEditing(null)} />`
      : html`<p><button type="button" class="primary" id="event-new" onClick=${() => setEditing("new")}>${t("desk.events.new")}</button></p>`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.loading && html`<${Loading} />`}
    ${list.data && (events.length === 0 ? html`<p class="hint">${t("desk.events.none")}</p>` : html`<table class="list stack events-list">
      <thead><tr><th scope="col">${t("desk.events.date")}</th><th scope="col">${t("desk.events.what")}</th><th scope="col">${t("desk.events.for")}</th>
        <th scope="col"><span class="sr">${t("desk.events.actions")}</span></th></tr></thead>
      <tbody>${events.map((e) => html`<tr class=${e.cancelled ? "cancelled" : undefined} data-id=${e.id}>
        <td>${fmt.day(parseDate(e.date))}${e.start ? html`<br /><span class="hint">${e.start}${e.end ? `–${e.end}` : ""}</span>` : null}</td>
        <td><b>${e.title}</b>${e.place ? html`<br /><span class="hint">${e.place}</span>` : null}
          ${e.cancelled && html`<br /><span class="badge cancelled-badge">${t("desk.events.cancelled")}</span> <span>${e.cancelled.reason}</span>`}</td>
        <td>${e.class ? e.class.name : t("desk.events.whole_school")}</td>
        <td>${!e.cancelled && html`<div class="buttons">
          <button type="button" onClick=${() => setEditing(e)}>${t("desk.edit")}<span class="sr"> ${e.title}</span></button>
          <button type="button" onClick=${() => setCancelling(e.id)}>${t("desk.events.cancel")}<span class="sr"> ${e.title}</span></button></div>
          ${cancelling === e.id && html`<${CancelForm} path=${`/api/v1/events/${e.id}/cancel`} onDone=${done} onClose=${() => setCancelling(null)} />`}`}</td>
      </tr>`)}</tbody></table>`)}
  </section>`;
}

function EventForm({ event, onDone, onCancel }) {
  const { classes } = useClasses();
  const form = useForm(event ? { title: event.title, date: event.date, start: event.start || "", end: event.end || "", place: event.place,
    class_id: event.class_id, body: event.body || "" } : { title: "", date: formatDate(new Date()), start: "", end: "", place: "", class_id: "", body: "" });
  useFocus("f-title");
  async function submit(e) {
    e.preventDefault();
    const v = form.values;
    const body = { title: v.title.trim(), date: v.date };
    for (const k of ["start", "end", "place", "class_id", "body"]) {
      const x = (v[k] || "").trim();
      if (x) body[k] = x;
      else if (event) body[k] = null;  // an edit clears what was emptied
    }
    const r = await form.send(() => (event ? api("PATCH", `/api/v1/events/${event.id}`, body) : api("POST", "/api/v1/events", body)));
    if (r) onDone(r);
  }
  return html`<form class="card event-form" onSubmit=${submit} onKeyDown=${(e) => e.key === "Escape" && onCancel()} aria-labelledby="event-form-title">
    <h2 id="event-form-title">${event ? t("desk.events.edit_title") : t("desk.events.new")}</h2>
    <${Field} form=${form} name="title" label=${t("desk.events.title_field")} maxlength="200" />
    <div class="form-grid">
      <${Field} form=${form} name="date" type="date" label=${t("desk.events.date")} />
      <${Field} form=${form} name="start" type="time" label=${t("desk.events.start")} />
      <${Field} form=${form} name="end" type="time" label=${t("desk.events.end")} />
      <${Field} form=${form} name="place" label=${t("desk.events.place")} maxlength="100" />
      <${Field} form=${form} name="class_id" label=${t("desk.events.for")}>
        <option value="">${t("desk.events.whole_school")}</option>
        ${classes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}
      <//>
    </div>
    <${Field} form=${form} name="body" label=${t("desk.events.body")} maxlength="2000" />
    <${FormError} form=${form} fields=${["title", "date", "start", "end", "place", "class_id", "body"]} />
    <div class="buttons">
      <button type="submit" class="primary" disabled=${form.busy}>${event ? t("desk.save") : t("desk.events.create")}</button>
      <button type="button" onClick=${onCancel}>${t("desk.back")}</button>
    </div>
  </form>`;
}

// Cancelling (an event, a club) with the reason the families will read; Escape closes it.
export function CancelForm({ path, onDone, onClose, required = true }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useFocus("cancel-reason");
  async function submit(e) {
    e.preventDefault();
    if (required && !reason.trim()) {
      setError({ status: 400, code: "desk.reason_missing", message: t("desk.events.reason_missing") });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api("POST", path, { reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return html`<form class="cancel-form" onSubmit=${submit} onKeyDown=${(e) => e.key === "Escape" && onClose()}>
    <label for="cancel-reason">${t("desk.events.reason")}</label>
    <input id="cancel-reason" maxlength="500" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} />
    <${Refusal} error=${error} />
    <div class="buttons">
      <button type="submit" class="danger" disabled=${busy}>${t("desk.events.cancel_confirm")}</button>
      <button type="button" onClick=${onClose}>${t("desk.back")}</button>
    </div>
  </form>`;
}
