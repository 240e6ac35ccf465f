// messages: the user's conversations, newest first, each with what is unread; one conversation with
// its messages and a reply box; a new conversation with someone from the directory (whom the school
// lets this user write to), picked by name. Opening a conversation marks it read. Forms keep what
// was typed when sending fails, and say why beside the field the server names.
import { useEffect, useMemo, useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, fmt, say } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { setUnread, refreshUnread } from "../parts/unread.js";
import { useLive } from "../live.js";

const NEW = "new";  // /messages/new: the form for a new conversation
const FILTER_FROM = 15;  // a directory longer than this gets a "find by name" box

export function Messages() {
  const { params } = useRoute();
  const threads = useApi("/api/v1/threads");
  useLive(["message"], () => threads.reload());  // a new message in any conversation: the list and counts
  const open = params.thread || "";
  useEffect(() => {
    if (threads.data) setUnread(threads.data.unread);
  }, [threads.data]);
  const current = threads.data && threads.data.threads.find((th) => th.id === open);
  return html`<section aria-labelledby="messages-title" class=${open ? "messages has-open" : "messages"}>
    <div class="title-row">
      <h1 id="messages-title">${t("messages.title")}</h1>
      <a class="button-link" href=${`/messages/${NEW}`} aria-current=${open === NEW ? "page" : undefined}>${t("messages.new")}</a>
    </div>
    <div class="columns">
      <nav class="thread-list" aria-label=${t("messages.threads")}>
        ${threads.loading && html`<${Loading} />`}
        <${ErrorNote} error=${threads.error} retry=${threads.reload} />
        ${threads.data && threads.data.threads.length === 0 && html`<p class="empty">${t("messages.none")}</p>`}
        ${threads.data && html`<ul class="threads">${threads.data.threads.map((th) => html`<li>
          <a href=${`/messages/${th.id}`} class=${th.unread ? "unread" : undefined} aria-current=${th.id === open ? "page" : undefined}>
            <span class="subject">${th.subject}${th.unread > 0 && html` <span class="count" aria-hidden="true">${th.unread}</span><span class="sr">${t("messages.unread", { n: th.unread })}</span>`}</span>
            <span class="meta">${th.members.map((m) => m.name).join(", ")} · ${fmt.moment(th.last_message_at || th.created_at)}</span>
          </a></li>`)}</ul>`}
      </nav>
      ${open === NEW ? html`<${NewThread} onStarted=${threads.reload} />`
        : open ? html`<${Thread} id=${open} unread=${current ? current.unread : 0} onChanged=${threads.reload} />`
        : html`<p class="hint">${t("messages.pick")}</p>`}
    </div>
  </section>`;
}

function Thread({ id, unread, onChanged }) {
  const thread = useApi(`/api/v1/threads/${encodeURIComponent(id)}`);
  useLive(["message"], (kind, d) => {
    if (kind === "reload" || d.thread_id === id) thread.reload();
  });
  const [body, setBody] = useState("");
  const [error, setError] = useState(null);
  const loaded = thread.data && thread.data.id === id;
  // Read once it is on the screen; a failed mark only leaves the count, which the next visit retries.
  useEffect(() => {
    if (!loaded || !(unread > 0)) return;
    api("PUT", `/api/v1/threads/${encodeURIComponent(id)}/read`).then(() => {
      onChanged();
      refreshUnread(true);
    }, () => {});
  }, [loaded, id, unread]);
  async function send(e) {
    e.preventDefault();
    setError(null);
    try {
      await api("POST", `/api/v1/threads/${encodeURIComponent(id)}/messages`, { body });
      setBody("");
      thread.reload();
      onChanged();
    } catch (err) {
      setError(err);
    }
  }
  if (thread.loading) return html`<${Loading} />`;
  if (thread.error) return html`<${ErrorNote} error=${thread.error} retry=${thread.reload} />`;
  const th = thread.data;
  return html`<article class="thread" aria-labelledby="thread-title">
    <p class="back"><a href="/messages">${t("messages.back")}</a></p>
    <h2 id="thread-title">${th.subject}</h2>
    <p class="meta">${th.members.map((m) => m.name).join(", ")}</p>
    <ol class="posts">${th.messages.map((m) => html`<li class=${m.mine ? "post mine" : "post"}>
      <p class="meta">${m.author.name} · ${fmt.moment(m.created_at)}</p>
      <p class="body">${m.body}</p>
    </li>`)}</ol>
    <form class="reply" onSubmit=${send}>
      <label for="reply-body">${t("messages.reply")}</label>
      <textarea id="reply-body" rows="3" required maxlength="5000" value=${body} onInput=${(e) => setBody(e.currentTarget.value)}
        aria-describedby=${error ? "reply-error" : undefined}></textarea>
      ${error && html`<p class="field-error" id="reply-error" role="alert">${say(error)}</p>`}
      <button type="submit" class="primary">${t("messages.send")}</button>
    </form>
  </article>`;
}

// What ties a person to the user, in a few words: a teacher's subjects and classes led, a
// guardian's children, a pupil's class, the office's role.
export function describe(p) {
  const links = p.links || [];
  if (p.role === "teacher") {
    const parts = [];
    for (const l of links) if (l.subject) parts.push(t("messages.teaches", { subject: l.subject, class: l.class.name }));
    for (const l of links) if (l.class_teacher) parts.push(t("messages.leads", { class: l.class.name }));
    return parts.length ? parts.join(", ") : t("role.teacher");
  }
  if (p.role === "guardian") return links.map((l) => t("messages.guardian_of", { child: l.child, class: l.class.name })).join(", ");
  if (p.role === "student") return links.map((l) => l.class.name).join(", ");
  return t(`role.${p.role}`);
}

const GROUPS = [["teacher", "messages.group_teachers"], ["office", "messages.group_office"],
  ["student", "messages.group_pupils"], ["guardian", "messages.group_guardians"]];
const groupOf = (role) => (role === "secretary" || role === "director" || role === "admin" ? "office" : role);

function NewThread({ onStarted }) {
  const { route, query } = useLocation();
  const directory = useApi("/api/v1/directory");
  const [form, setForm] = useState({ to: query.to || "", subject: "", body: "" });
  const [find, setFind] = useState("");
  const [error, setError] = useState(null);
  const [sending, setSending] = useState(false);
  const people = directory.data ? directory.data.people : [];
  const shown = useMemo(() => {
    const needle = find.trim().toLocaleLowerCase();
    return people.filter((p) => p.id === form.to || !needle || `${p.name} ${describe(p)}`.toLocaleLowerCase().includes(needle));
  }, [people, find, form.to]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  async function send(e) {
    e.preventDefault();
    setError(null);
    setSending(true);
    try {
      const th = await api("POST", "/api/v1/threads", { to_user_id: form.to, subject: form.subject, body: form.body });
      onStarted();
      route(`/messages/${th.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  }
  const fieldError = (field) => error && (error.field === field || (field === "body" && !["to_user_id", "subject"].includes(error.field)))
    ? html`<p class="field-error" id=${`new-${field}-error`} role="alert">${say(error)}</p>` : null;
  const described = (field) => (fieldError(field) ? `new-${field}-error` : undefined);
  if (directory.loading) return html`<${Loading} />`;
  if (directory.error) return html`<${ErrorNote} error=${directory.error} retry=${directory.reload} />`;
  return html`<form class="new-thread card" onSubmit=${send} aria-labelledby="new-title">
    <p class="back"><a href="/messages">${t("messages.back")}</a></p>
    <h2 id="new-title">${t("messages.new")}</h2>
    ${people.length === 0 ? html`<p class="empty">${t("messages.nobody")}</p>` : html`
      ${people.length > FILTER_FROM && html`<label for="new-find">${t("messages.find")}</label>
        <input id="new-find" type="search" value=${find} onInput=${(e) => setFind(e.currentTarget.value)} autocomplete="off" />`}
      <label for="new-to">${t("messages.to")}</label>
      <select id="new-to" required value=${form.to} onChange=${set("to")} aria-describedby=${described("to_user_id")}>
        <option value="">${t("messages.choose")}</option>
        ${GROUPS.map(([g, label]) => {
          const members = shown.filter((p) => groupOf(p.role) === g);
          return members.length > 0 && html`<optgroup label=${t(label)}>
            ${members.map((p) => html`<option value=${p.id}>${p.name} — ${describe(p)}</option>`)}
          </optgroup>`;
        })}
      </select>
      ${fieldError("to_user_id")}
      <label for="new-subject">${t("messages.subject")}</label>
      <input id="new-subject" required maxlength="200" value=${form.subject} onInput=${set("subject")} aria-describedby=${described("subject")} />
      ${fieldError("subject")}
      <label for="new-body">${t("messages.body")}</label>
      <textarea id="new-body" rows="5" required maxlength="5000" value=${form.body} onInput=${set("body")} aria-describedby=${described("body")}></textarea>
      ${fieldError("body")}
      <div class="buttons"><button type="submit" class="primary" disabled=${sending}>${t("messages.send")}</button></div>`}
  </form>`;
}
