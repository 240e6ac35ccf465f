// class_pupil: one pupil of the class teacher's class — the week's behaviour note (written here),
// the guardians with their contacts, and a message to a guardian. What was typed stays when the box
// refuses it, with the reason beside the form.
import { useState, useEffect } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "./use_api.js";
import { ErrorNote, Loading } from "./notes.js";
import { isoWeek, parseDate } from "../week.js";

export function PupilPanel({ pupil, date, close }) {
  return html`<section id="pupil-panel" class="card pupil-panel" tabindex="-1" aria-labelledby="pupil-panel-title">
    <div class="panel-head">
      <h2 id="pupil-panel-title">${pupil.name}</h2>
      <button type="button" onClick=${close}>${t("classday.close")}</button>
    </div>
    <${BehaviourNote} pupil=${pupil} week=${isoWeek(parseDate(date))} />
    <${Guardians} pupil=${pupil} />
  </section>`;
}

function BehaviourNote({ pupil, week }) {
  const path = `/api/v1/students/${encodeURIComponent(pupil.id)}/weeks/${week}/behaviour`;
  const note = useApi(path);
  const [text, setText] = useState(null);  // null: not edited yet, show what the box holds
  const [result, setResult] = useState(null);
  useEffect(() => setText(null), [path]);
  const held = note.data && note.data.note ? note.data.note.text : "";
  async function save(e) {
    e.preventDefault();
    setResult(null);
    try {
      await api("PUT", path, { text: text ?? held });
      setResult({ ok: true });
      setText(null);
      note.reload();
    } catch (error) {
      setResult({ error });
    }
  }
  const n = note.data && note.data.note;
  return html`<form class="behaviour-form" onSubmit=${save}>
    <h3>${t("classday.behaviour", { week })}</h3>
    ${note.loading && !note.data && html`<${Loading} />`}
    <${ErrorNote} error=${note.error} retry=${note.reload} />
    ${note.data && html`
      <label for="behaviour-text">${t("classday.behaviour_text")}</label>
      <textarea id="behaviour-text" rows="3" maxlength="1000" required value=${text ?? held}
        onInput=${(e) => setText(e.currentTarget.value)} aria-describedby="behaviour-state"></textarea>
      <p id="behaviour-state" class="hint">${n ? t("classday.behaviour_written", { who: n.author.name, at: fmt.moment(n.at) }) : t("behaviour.none")}</p>
      ${result && result.error && html`<p class="field-error" role="alert">${say(result.error)}</p>`}
      ${result && result.ok && html`<p class="ok" role="status">${t("classday.behaviour_saved")}</p>`}
      <button type="submit" class="primary">${t("classday.behaviour_save")}</button>`}
  </form>`;
}

function Guardians({ pupil }) {
  const list = useApi(`/api/v1/students/${encodeURIComponent(pupil.id)}/guardians`);
  const [writeTo, setWriteTo] = useState(null);
  return html`<div class="guardians">
    <h3>${t("classday.guardians")}</h3>
    ${list.loading && !list.data && html`<${Loading} />`}
    <${ErrorNote} error=${list.error} retry=${list.reload} />
    ${list.data && list.data.guardians.length === 0 && html`<p class="empty">${t("classday.no_guardians")}</p>`}
    ${list.data && html`<ul class="cards">${list.data.guardians.map((g) => html`<li class="contact">
      <p><strong>${g.full_name || g.name}</strong> <span class="meta">${t("classday.relation_" + (g.relation || "other"))}</span></p>
      ${g.phone && html`<p><a href=${`tel:${g.phone}`}>${g.phone}</a></p>`}
      ${g.email && html`<p><a href=${`mailto:${g.email}`}>${g.email}</a></p>`}
      ${!g.phone && !g.email && html`<p class="meta">${t("classday.no_contacts")}</p>`}
      ${g.account && g.account.user_id && !g.account.disabled && html`<button type="button" aria-expanded=${writeTo === g.id ? "true" : "false"}
        onClick=${() => setWriteTo(writeTo === g.id ? null : g.id)}>${t("classday.write")}</button>`}
      ${writeTo === g.id && html`<${MessageForm} to=${g} pupil=${pupil} />`}
    </li>`)}</ul>`}
  </div>`;
}

function MessageForm({ to, pupil }) {
  const [form, setForm] = useState({ subject: pupil.name, body: "" });
  const [result, setResult] = useState(null);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  async function send(e) {
    e.preventDefault();
    setResult(null);
    try {
      const th = await api("POST", "/api/v1/threads", { to_user_id: to.account.user_id, ...form });
      setResult({ sent: th.id });
      setForm({ ...form, body: "" });
    } catch (error) {
      setResult({ error });
    }
  }
  const id = `msg-${to.id}`;
  return html`<form class="message-form" onSubmit=${send}>
    <label for=${`${id}-subject`}>${t("classday.subject")}</label>
    <input id=${`${id}-subject`} required maxlength="200" value=${form.subject} onInput=${set("subject")} />
    <label for=${`${id}-body`}>${t("classday.message")}</label>
    <textarea id=${`${id}-body`} required maxlength="5000" rows="3" value=${form.body} onInput=${set("body")}></textarea>
    ${result && result.error && html`<p class="field-error" role="alert">${say(result.error)}</p>`}
    ${result && result.sent && html`<p class="ok" role="status">${t("classday.sent")} <a href=${`/messages/${result.sent}`}>${t("classday.open_thread")}</a></p>`}
    <button type="submit" class="primary">${t("appeals.send")}</button>
  </form>`;
}
