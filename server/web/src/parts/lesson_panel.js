// lesson_panel: one lesson of the journal, opened from its column header — the work type new marks
// in the column get, the topic, and the homework (each item: text, mandatory or optional, due date),
// saved together with PUT /api/v1/lessons/{id}. A refused save keeps what was typed, with the reason
// beside the field it is about.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { parseDate } from "../week.js";
import { useResetOn } from "./reset_on.js";

const MAX_ITEMS = 10;        // the server's max_homework_items
const MAX_TOPIC = 300;       // max_topic_chars
const MAX_HOMEWORK = 2000;   // max_homework_chars

export function LessonPanel({ lesson, workTypes, workType, setWorkType, close, reload }) {
  const first = useRef(null);
  const fresh = () => ({
    topic: lesson.topic || "",
    homework: (lesson.homework || []).map((h) => ({ id: h.id, text: h.text, mandatory: h.mandatory, due_date: h.due_date })),
  });
  const [form, setForm] = useState(fresh);
  // Whether the teacher has changed the form since it was filled: until then a newer read of the
  // lesson (a save elsewhere, heard live) fills it again; after, what is typed stays.
  const edited = useRef(false);
  const formNow = useRef(form);
  formNow.current = form;
  const edit = (change) => {
    edited.current = true;
    setForm(change);
  };
  const [state, setState] = useState({ saving: false, error: null, saved: false });
  useResetOn(lesson.id, () => {
    edited.current = false;
    setForm(fresh());
    setState({ saving: false, error: null, saved: false });
  });
  useLayoutEffect(() => {
    if (first.current) first.current.focus();
  }, [lesson.id]);
  useEffect(() => {
    if (!edited.current) setForm(fresh());
  }, [lesson]);

  const setItem = (i, change) => edit((f) => ({ ...f, homework: f.homework.map((h, j) => (j === i ? { ...h, ...change } : h)) }));
  const addItem = () => edit((f) => ({ ...f, homework: [...f.homework, { text: "", mandatory: true, due_date: lesson.date }] }));
  const removeItem = (i) => edit((f) => ({ ...f, homework: f.homework.filter((_, j) => j !== i) }));

  // The button stays enabled while saving (a disabled button would drop the keyboard's focus);
  // a second press meanwhile does nothing.
  async function save(e) {
    e.preventDefault();
    if (state.saving) return;
    setState({ saving: true, error: null, saved: false });
    const sent = form;
    try {
      await api("PUT", `/api/v1/lessons/${encodeURIComponent(lesson.id)}`, {
        topic: form.topic,
        homework: form.homework.map((h) => ({ ...(h.id ? { id: h.id } : {}), text: h.text, mandatory: h.mandatory, due_date: h.due_date })),
      });
      setState({ saving: false, error: null, saved: true });
      // What was saved is the box's now: the next read fills the form, unless typed in meanwhile.
      if (formNow.current === sent) edited.current = false;
      reload();
    } catch (error) {
      setState({ saving: false, error, saved: false });
    }
  }

  const onKey = (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  };
  const error = state.error;
  const about = (field) => error && (error.field === field || error.field.startsWith(field + "."));
  return html`<section id="lesson-panel" class="lesson-panel card" aria-labelledby="lesson-panel-title" onKeyDown=${onKey}>
    <h3 id="lesson-panel-title">${fmt.day(parseDate(lesson.date))}, ${t("journal.lesson_n", { n: lesson.period })}${lesson.teacher ? ` · ${lesson.teacher}` : ""}</h3>
    <label for="lesson-work-type">${t("journal.work_type")}</label>
    <select id="lesson-work-type" ref=${first} value=${workType} onChange=${(e) => setWorkType(e.currentTarget.value)}>
      ${workTypes.map((w) => html`<option value=${w.code}>${w.name} ×${w.weight}</option>`)}
    </select>
    <p class="hint">${t("journal.work_type_hint")}</p>
    <form onSubmit=${save}>
      <label for="lesson-topic">${t("journal.topic")}</label>
      <input id="lesson-topic" value=${form.topic} maxlength=${MAX_TOPIC} aria-invalid=${about("topic") ? "true" : undefined}
        onInput=${(e) => { const topic = e.currentTarget.value; edit((f) => ({ ...f, topic })); }} />
      <fieldset class="homework-items">
        <legend>${t("journal.homework")}</legend>
        ${form.homework.length === 0 && html`<p class="hint">${t("journal.homework_none")}</p>`}
        ${form.homework.map((h, i) => html`<div class="homework-item" key=${h.id || `new-${i}`}>
          <label for=${`hw-text-${i}`}>${t("journal.homework_text", { n: i + 1 })}</label>
          <textarea id=${`hw-text-${i}`} rows="2" maxlength=${MAX_HOMEWORK} value=${h.text}
            aria-invalid=${about("homework") ? "true" : undefined}
            onInput=${(e) => setItem(i, { text: e.currentTarget.value })}></textarea>
          <div class="two">
            <div>
              <label for=${`hw-due-${i}`}>${t("journal.homework_due")}</label>
              <input id=${`hw-due-${i}`} type="date" value=${h.due_date} min=${lesson.date}
                onInput=${(e) => setItem(i, { due_date: e.currentTarget.value })} />
            </div>
            <label class="check"><input type="checkbox" checked=${h.mandatory}
              onChange=${(e) => setItem(i, { mandatory: e.currentTarget.checked })} /> ${t("journal.homework_mandatory")}</label>
          </div>
          <button type="button" onClick=${() => removeItem(i)}>${t("journal.homework_remove", { n: i + 1 })}</button>
        </div>`)}
        ${form.homework.length < MAX_ITEMS && html`<button type="button" onClick=${addItem}>${t("journal.homework_add")}</button>`}
      </fieldset>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      ${state.saved && html`<p class="ok" role="status">${t("journal.lesson_saved")}</p>`}
      <div class="buttons">
        <button type="submit" class="primary" aria-busy=${state.saving ? "true" : undefined}>${t("journal.lesson_save")}</button>
        <button type="button" onClick=${close}>${t("journal.close")}</button>
      </div>
    </form>
  </section>`;
}
