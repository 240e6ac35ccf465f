// messages: the user's conversations, newest first; one conversation with its messages and a reply
// box that keeps what was typed when sending fails.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";

export function Messages() {
  const { params } = useRoute();
  const threads = useApi("/api/v1/threads");
  return html`<section aria-labelledby="messages-title" class="messages">
    <h1 id="messages-title">${t("messages.title")}</h1>
    <div class="columns">
      <nav aria-label=${t("messages.threads")}>
        ${threads.loading && html`<${Loading} />`}
        <${ErrorNote} error=${threads.error} retry=${threads.reload} />
        ${threads.data && threads.data.threads.length === 0 && html`<p class="empty">${t("messages.none")}</p>`}
        ${threads.data && html`<ul class="threads">${threads.data.threads.map((th) => html`<li>
          <a href=${`/messages/${th.id}`} aria-current=${th.id === params.thread ? "page" : undefined}>
            <span class="subject">${th.subject}</span>
            <span class="meta">${th.members.map((m) => m.name).join(", ")} · ${fmt.moment(th.last_message_at || th.created_at)}</span>
          </a></li>`)}</ul>`}
      </nav>
      ${params.thread ? html`<${Thread} id=${params.thread} onSent=${threads.reload} />` : html`<p class="hint">${t("messages.pick")}</p>`}
    </div>
  </section>`;
}

function Thread({ id, onSent }) {
  const thread = useApi(`/api/v1/threads/${encodeURIComponent(id)}`);
  const [body, setBody] = useState("");
  const [error, setError] = useState(null);
  async function send(e) {
    e.preventDefault();
    setError(null);
    try {
      await api("POST", `/api/v1/threads/${encodeURIComponent(id)}/messages`, { body });
      setBody("");
      thread.reload();
      onSent();
    } catch (err) {
      setError(err);
    }
  }
  if (thread.loading) return html`<${Loading} />`;
  if (thread.error) return html`<${ErrorNote} error=${thread.error} retry=${thread.reload} />`;
  const th = thread.data;
  return html`<article class="thread" aria-labelledby="thread-title">
    <h2 id="thread-title">${th.subject}</h2>
    <p class="meta">${th.members.map((m) => m.name).join(", ")}</p>
    <ol class="posts">${th.messages.map((m) => html`<li class=${m.mine ? "post mine" : "post"}>
      <p class="meta">${m.author.name} · ${fmt.moment(m.created_at)}</p>
      <p class="body">${m.body}</p>
    </li>`)}</ol>
    <form class="reply" onSubmit=${send}>
      <label for="reply-body">${t("messages.reply")}</label>
      <textarea id="reply-body" rows="3" required maxlength="4000" value=${body} onInput=${(e) => setBody(e.currentTarget.value)}></textarea>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      <button type="submit" class="primary">${t("messages.send")}</button>
    </form>
  </article>`;
}
