// audit_entry: one audit entry in words — when, who, what (the kind of change and the pupil, class,
// subject and lesson it concerns), from what to what, and why. The box gives the parts (the pupil,
// class, subject and lesson, `from`, `to`, `reason` where it knows them) and they are said here in the
// reader's language — not the box's one-line Russian `summary`, which is for CSV and logs; what it
// leaves as JSON is said field by field, so no entry shows a raw document.
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";

// The kinds of change offered in the search, the journal's first.
export const KINDS = ["mark", "attendance", "term_grade", "lesson_content", "dot", "behaviour_note", "work_type", "school",
  "student", "class", "teacher", "guardian", "user"];

export function AuditEntry({ entry }) {
  const object = objectOf(entry);
  const [from, to] = change(entry);
  const reason = entry.reason || (isObject(entry.after) && entry.after.reason) || "";
  return html`<li class="audit-entry">
    <p class="audit-head"><time datetime=${entry.at}>${fmt.moment(entry.at)}</time>
      <span class="audit-who">${actorOf(entry)}</span></p>
    <p class="audit-what">${entityText(entry.entity)} · ${actionText(entry.action)}</p>
    ${object && html`<p class="audit-object">${object}</p>`}
    ${(from || to) && html`<p class="audit-change"><span class="visually-hidden">${t("director.audit.change")}</span>
      <span class="before">${from || "—"}</span> <span aria-hidden="true">→</span><span class="visually-hidden">${t("director.audit.to")}</span> <span class="after">${to || "—"}</span></p>`}
    ${reason && html`<p class="audit-why">${t("director.audit.why")}: ${reason}</p>`}
  </li>`;
}

const isObject = (x) => x && typeof x === "object" && !Array.isArray(x);

function actorOf(e) {
  const a = e.actor;
  const name = isObject(a) ? a.name : a;
  const role = (isObject(a) && a.role) || e.actor_role;
  return name ? (role ? `${name} (${roleText(role)})` : name) : t("director.audit.the_box");
}

function roleText(role) {
  const key = `director.audit.role_${role}`;
  const text = t(key);
  return text === key ? role : text;
}

export function entityText(entity) {
  const key = `director.audit.entity_${entity}`;
  const text = t(key);
  return text === key ? entity : text;
}

function actionText(action) {
  const key = `director.audit.action_${action}`;
  const text = t(key);
  return text === key ? action : text;
}

// "Петрова Анна, 5А · Математика · 12 ноября, 2-й урок": whatever the box named of the entry's object.
function objectOf(e) {
  const name = (x) => (isObject(x) ? x.name : x);
  const parts = [
    [name(e.student), name(e.class)].filter(Boolean).join(", "),
    name(e.subject),
    e.lesson_date ? fmt.day(new Date(e.lesson_date + "T12:00"), true) + (e.lesson_period ? `, ${t("director.audit.period", { n: e.lesson_period })}` : "") : "",
    e.term ? t("director.audit.term", { n: e.term }) : "",
  ].filter(Boolean);
  return parts.join(" · ");
}

// [before, after] in words: the box's own words when it gave them, else the fields that changed.
function change(e) {
  if (typeof e.from === "string" || typeof e.to === "string") return [e.from || "", e.to || ""];  // the box's words
  const before = unwrap(e.before);
  const after = unwrap(e.after);
  if (!isObject(before) || !isObject(after)) return [text(before), text(after)];
  if ("value" in before || "value" in after) return [markText(before), markText(after)];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "id" && k !== "reason"
    && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return [keys.filter((k) => k in before).map((k) => `${k}: ${text(before[k])}`).join("; "),
    keys.filter((k) => k in after).map((k) => `${k}: ${text(after[k])}`).join("; ")];
}

// A mark's change keeps the mark under "mark" beside the reason; a plain entry is the object itself.
function unwrap(x) {
  if (isObject(x) && isObject(x.mark)) return x.mark;
  return x;
}

function markText(m) {
  if (!("value" in m)) return "";
  return [String(m.value), m.work_type_name || m.work_type].filter(Boolean).join(" · ");
}

function text(x) {
  if (x === null || x === undefined || x === "" || (isObject(x) && !Object.keys(x).length)) return "";
  if (isObject(x) || Array.isArray(x)) return JSON.stringify(x);
  return String(x);
}
