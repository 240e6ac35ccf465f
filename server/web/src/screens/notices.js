// notices: a guardian's notices by e-mail (issue 13, GET/PUT /api/v1/me/notices/preferences) — the
// address they go to (the one the office holds), each of the three kinds off, sent at once or in the
// daily digest at the box's digest time, the mark below which a mark is told, and below the form the
// notices of late with what became of each. docs/mail.md is the contract.
import { useEffect, useState } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { api } from "../api.js";
import { useApi } from "../parts/use_api.js";
import { ErrorNote, Loading } from "../parts/notes.js";
import { useForm, Field, FormError } from "../parts/staff_form.js";

export const NOTICE_KINDS = ["absence", "low_mark", "teacher_message"];
const DELIVERIES = ["off", "immediate", "digest"];

// The form's values from the box's answer: every field a string, as the inputs hold them.
function valuesOf(d) {
  return { email: d.email || "", absence: d.absence, low_mark: d.low_mark, teacher_message: d.teacher_message, mark_below: String(d.mark_below) };
}

// Only what the guardian changed is sent: an address the office typed that the box finds wrong is
// not re-sent (and refused) when only a kind is switched.
function changes(values, d) {
  const was = valuesOf(d), out = {};
  if (values.email.trim() !== was.email) out.email = values.email.trim() || null;
  for (const k of NOTICE_KINDS) if (values[k] !== was[k]) out[k] = values[k];
  if (values.mark_below !== was.mark_below) out.mark_below = Number(values.mark_below);
  return out;
}

export function NoticeSettings() {
  const read = useApi("/api/v1/me/notices/preferences");
  return html`<section class="notices narrow-wide" aria-labelledby="notices-title">
    <p class="back"><a href="/profile">${t("notices.back")}</a></p>
    <h1 id="notices-title">${t("notices.title")}</h1>
    <p class="hint">${t("notices.intro")}</p>
    ${read.loading && html`<${Loading} />`}
    <${ErrorNote} error=${read.error} retry=${read.reload} />
    ${read.data && html`<${NoticeForm} d=${read.data} saved=${read.reload} />
      <${RecentNotices} d=${read.data} />`}
  </section>`;
}

function NoticeForm({ d, saved }) {
  const form = useForm(valuesOf(d));
  const [done, setDone] = useState(false);
  // A reload after saving shows what the box kept (it may trim or lower-case the address).
  useEffect(() => form.setValues(valuesOf(d)), [d]);
  const v = form.values;
  async function submit(e) {
    e.preventDefault();
    setDone(false);
    const r = await form.send((values) => api("PUT", "/api/v1/me/notices/preferences", changes(values, d)));
    if (r) {
      setDone(true);
      saved();
    } else {
      // the focus goes to the field the box named, where the guardian will type next
      setTimeout(() => document.querySelector(".notices [aria-invalid='true']")?.focus(), 0);
    }
  }
  const marks = [];
  for (let m = d.scale.min + 1; m <= d.scale.max; m += 1) marks.push(m);
  const any = NOTICE_KINDS.some((k) => v[k] !== "off");
  return html`<form class="card notice-form" onSubmit=${submit} onInput=${() => setDone(false)} noValidate>
    <${Field} form=${form} name="email" type="email" autocomplete="email" label=${t("notices.email")}
      hint=${any && !v.email.trim() ? t("notices.email_needed") : t("notices.email_hint")} />
    <fieldset>
      <legend>${t("notices.what")}</legend>
      ${NOTICE_KINDS.map((k) => html`<${Field} form=${form} name=${k} id=${`notice-${k}`} label=${t(`notices.kind.${k}`)}>
        ${DELIVERIES.map((x) => html`<option value=${x}>${x === "digest" ? t("notices.digest_at", { time: d.digest_at }) : t(`notices.delivery.${x}`)}</option>`)}
      </${Field}>
      ${k === "low_mark" && v.low_mark !== "off" && html`<div class="threshold">
        <${Field} form=${form} name="mark_below" label=${t("notices.mark_below")} hint=${t("notices.mark_below_hint", { mark: v.mark_below, below: Number(v.mark_below) - 1 })}>
          ${marks.map((m) => html`<option value=${String(m)}>${fmt.number(m)}</option>`)}
        </${Field}></div>`}`)}
    </fieldset>
    <${FormError} form=${form} fields=${["email", ...NOTICE_KINDS, "mark_below"]} />
    <div class="buttons">
      <button type="submit" class="primary" disabled=${form.busy}>${t("notices.save")}</button>
      <span role="status" class="ok">${done ? t("notices.saved") : ""}</span>
    </div>
  </form>`;
}

// What the box queued for this guardian of late, newest first, and what became of each.
function RecentNotices({ d }) {
  return html`<h2 id="recent-title">${t("notices.recent")}</h2>
    ${!d.recent.length ? html`<p class="empty">${t("notices.recent_none")}</p>`
      : html`<ul class="cards recent-notices" aria-labelledby="recent-title">${d.recent.map((n) => html`<li class="card" data-notice=${n.id} data-state=${n.state}>
        <p><strong>${n.subject}</strong></p>
        <p class="meta">${t(`notices.kind.${n.kind}`)} · ${fmt.moment(n.created_at)}</p>
        <p><${NoticeState} n=${n} /></p>
      </li>`)}</ul>`}`;
}

function NoticeState({ n }) {
  if (n.state === "sent") return html`<span class="badge state-sent">${t("notices.state.sent", { time: n.sent_at ? fmt.moment(n.sent_at) : "" })}</span>`;
  if (n.state === "failed") return html`<span class="badge state-failed">${t("notices.state.failed")}</span>${n.last_error && html` <span class="meta">${n.last_error}</span>`}`;
  if (n.delivery === "digest" && n.digest_day) return html`<span class="badge">${t("notices.state.in_digest", { day: fmt.day(new Date(`${n.digest_day}T12:00:00`)) })}</span>`;
  return html`<span class="badge">${t("notices.state.queued")}</span>`;
}
