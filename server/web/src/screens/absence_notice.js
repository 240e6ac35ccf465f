// absence_notice: a guardian tells the school that a child will be (or was) away — dates on a
// calendar, a reason, a comment. Absences already recorded in the range become excused; the answer
// says how many. What was typed stays when the school refuses it, with the reason beside the form.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, say, plural } from "../i18n.js";
import { api } from "../api.js";
import { me, pupilsOf } from "../session.js";
import { formatDate } from "../week.js";

const REASONS = ["illness", "family", "competition", "other"];

export function AbsenceNotice() {
  const { params } = useRoute();
  const pupil = pupilsOf(me.value).find((p) => p.id === params.pupil);
  const today = formatDate(new Date());
  const [form, setForm] = useState({ from: today, to: today, reason: "illness", comment: "" });
  const [result, setResult] = useState(null);  // {sent: excused_lessons} or {error}
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    setResult(null);
    try {
      const r = await api("POST", `/api/v1/students/${encodeURIComponent(params.pupil)}/absence-notices`, form);
      setResult({ sent: r.excused_lessons });
      setForm({ ...form, comment: "" });
    } catch (error) {
      setResult({ error });
    }
  }

  const error = result && result.error;
  const about = (field) => (error && error.field === field ? "notice-error" : undefined);
  return html`<section aria-labelledby="notice-title" class="narrow">
    <h1 id="notice-title">${t("notice.title")}${pupil ? html`<span class="pupil-name">${pupil.name}</span>` : null}</h1>
    <p class="hint">${t("notice.why")}</p>
    <form class="card" onSubmit=${submit}>
      <div class="two">
        <div><label for="notice-from">${t("notice.from")}</label>
          <input id="notice-from" type="date" required value=${form.from} onInput=${set("from")}
            aria-invalid=${about("from") ? "true" : undefined} aria-describedby=${about("from")} /></div>
        <div><label for="notice-to">${t("notice.to")}</label>
          <input id="notice-to" type="date" required value=${form.to} min=${form.from} onInput=${set("to")}
            aria-invalid=${about("to") ? "true" : undefined} aria-describedby=${about("to")} /></div>
      </div>
      <label for="notice-reason">${t("notice.reason")}</label>
      <select id="notice-reason" value=${form.reason} onChange=${set("reason")}>
        ${REASONS.map((r) => html`<option value=${r}>${t("notice.reason_" + r)}</option>`)}
      </select>
      <label for="notice-comment">${t("notice.comment")}</label>
      <input id="notice-comment" maxlength="500" value=${form.comment} onInput=${set("comment")} />
      ${error && html`<p id="notice-error" class="field-error" role="alert">${say(error)}</p>`}
      ${result && result.sent !== undefined && html`<p class="ok" role="status">${t("notice.sent")}
        ${result.sent > 0 ? " " + t("notice.excused", { lessons: plural("lessons", result.sent) }) : ""}</p>`}
      <button type="submit" class="primary">${t("notice.send")}</button>
    </form>
  </section>`;
}
