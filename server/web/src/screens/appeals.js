// appeals: writing to the school's support and following one's appeals — number, status, the
// answer. What was typed stays when the box refuses it, with the reason beside the form.
import { useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";

export function Appeals() {
  const list = useApi("/api/v1/appeals");
  const [form, setForm] = useState({ topic: "", body: "" });
  const [result, setResult] = useState(null);  // {sent: number} or {error}
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    setResult(null);
    try {
      const r = await api("POST", "/api/v1/appeals", form);
      setResult({ sent: r.number });
      setForm({ topic: "", body: "" });
      list.reload();
    } catch (error) {
      setResult({ error });
    }
  }

  const error = result && result.error;
  const about = (field) => (error && error.field === field ? "appeal-error" : undefined);
  return html`<section aria-labelledby="appeals-title">
    <h1 id="appeals-title">${t("appeals.title")}</h1>
    <p class="hint">${t("appeals.why")}</p>
    <div class="columns">
      <form class="card" onSubmit=${submit}>
        <h2>${t("appeals.new")}</h2>
        <label for="appeal-topic">${t("appeals.topic")}</label>
        <input id="appeal-topic" required maxlength="200" value=${form.topic} onInput=${set("topic")}
          aria-invalid=${about("topic") ? "true" : undefined} aria-describedby=${about("topic")} />
        <label for="appeal-body">${t("appeals.body")}</label>
        <textarea id="appeal-body" required maxlength="5000" rows="5" value=${form.body} onInput=${set("body")}
          aria-invalid=${about("body") ? "true" : undefined} aria-describedby=${about("body")}></textarea>
        ${error && html`<p id="appeal-error" class="field-error" role="alert">${say(error)}</p>`}
        ${result && result.sent && html`<p class="ok" role="status">${t("appeals.sent", { number: result.sent })}</p>`}
        <button type="submit" class="primary">${t("appeals.send")}</button>
      </form>
      <div>
        <h2>${t("appeals.mine")}</h2>
        ${list.loading && !list.data && html`<${Loading} />`}
        <${ErrorNote} error=${list.error} retry=${list.reload} />
        ${list.data && (list.data.appeals.length
          ? html`<ul class="cards">${list.data.appeals.map((a) => html`<li class="card appeal">
              <h3>${a.topic} <span class=${`badge status-${a.status}`}>${t("appeals.status_" + a.status)}</span></h3>
              <p class="meta">№ ${a.number} · ${fmt.moment(a.created_at)}</p>
              <p class="body">${a.body}</p>
              ${a.answer && html`<div class="answer"><p class="label">${t("appeals.answer")}${a.answered_at ? `, ${fmt.moment(a.answered_at)}` : ""}</p>
                <p class="body">${a.answer}</p></div>`}
            </li>`)}</ul>`
          : html`<p class="empty">${t("appeals.none")}</p>`)}
      </div>
    </div>
  </section>`;
}
