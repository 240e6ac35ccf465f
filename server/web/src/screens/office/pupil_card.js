// pupil_card: a pupil's ID card — the card held now, giving one (typed, or tapped on the desk reader),
// blocking a lost or damaged one with its replacement in the same step, and every card the pupil held.
// A blocked card can never be given again, and its taps go to the security log (the box's rule).
import { useState, useRef } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { useDeskTap } from "./desk_tap.js";

// A box without the card routes (before issue 12) changes the card with the pupil's PATCH.
async function giveCard(pupil, card) {
  try {
    return await api("PUT", `/api/v1/students/${pupil.id}/card`, { card });
  } catch (e) {
    if ((e.status === 404 && e.code !== "pupil.not_found") || e.status === 405)
      return api("PATCH", `/api/v1/students/${pupil.id}`, { card });
    throw e;
  }
}

export function PupilCard({ pupil, onChanged }) {
  const history = useApi(`/api/v1/students/${pupil.id}/cards`);
  const changedAll = () => {
    history.reload();
    onChanged();
  };
  return html`<section class="card pupil-card" aria-labelledby="card-title">
    <h2 id="card-title">${t("office.id_card")}</h2>
    <p>${pupil.card ? html`${t("office.card_now")} <code class="card-no">${pupil.card}</code>` : t("office.no_card_held")}</p>
    ${!pupil.left_on && html`<${GiveCard} pupil=${pupil} onGiven=${changedAll} />`}
    ${!pupil.left_on && pupil.card && html`<${BlockCard} pupil=${pupil} onBlocked=${changedAll} />`}
    <${CardHistory} history=${history} />
  </section>`;
}

// What the desk reader read, said before it is given: whose card it is, or that it is blocked.
function TapNote({ tap, pupil }) {
  if (!tap) return null;
  if (tap.blocked) return html`<p class="field-error" role="alert">${t("office.tap_blocked", { card: tap.card })}</p>`;
  if (tap.student && tap.student.id !== pupil.id)
    return html`<p class="field-error" role="alert">${t("office.tap_taken", { card: tap.card, name: tap.student.name || "" })}</p>`;
  return html`<p class="ok" role="status">${t("office.tap_read", { card: tap.card })}</p>`;
}

// The wait for a tap, with its button: "waiting for a tap on the desk reader… (Esc stops)".
function TapButton({ desk, id }) {
  return desk.waiting
    ? html`<p class="waiting" role="status" id=${id}><span class="pulse" aria-hidden="true"></span>${t("office.tap_waiting")}
        <button type="button" onClick=${desk.stop}>${t("office.tap_stop")}</button></p>`
    : html`<button type="button" onClick=${desk.start}>${t("office.tap_wait")}</button>`;
}

function GiveCard({ pupil, onGiven }) {
  const f = useForm({ card: "" });
  const [done, setDone] = useState("");
  const save = useRef(null);
  const desk = useDeskTap((d) => {
    f.setValues({ card: d.card });
    setTimeout(() => save.current && save.current.focus(), 0);  // Enter now gives it
  });
  async function submit(e) {
    e.preventDefault();
    setDone("");
    const card = f.values.card.trim();
    if (await f.send(() => giveCard(pupil, card))) {
      setDone(card);
      f.reset();
      onGiven();
    }
  }
  return html`<form class="give-card" onSubmit=${submit}>
    <${Field} form=${f} name="card" id="give-card" label=${pupil.card ? t("office.card_replace") : t("office.card_give")}
      hint=${t("office.card_hint")} autocomplete="off" spellcheck="false" required />
    <${TapNote} tap=${desk.tap} pupil=${pupil} />
    <${FormError} form=${f} fields=${["card"]} />
    <div class="buttons">
      <button class="primary" ref=${save} disabled=${f.busy}>${t("office.card_save")}</button>
      <${TapButton} desk=${desk} id="give-wait" />
    </div>
    ${done && html`<p class="ok" role="status">${t("office.card_given", { card: done })}</p>`}
  </form>`;
}

// Lost or damaged: the card is blocked at once and, when a new one is at hand, given in the same step.
function BlockCard({ pupil, onBlocked }) {
  const f = useForm({ reason: "lost", new_card: "" });
  const box = useRef(null);
  const desk = useDeskTap((d) => f.setValues((v) => ({ ...v, new_card: d.card })));
  async function submit(e) {
    e.preventDefault();
    const body = { reason: f.values.reason, ...(f.values.new_card.trim() ? { new_card: f.values.new_card.trim() } : {}) };
    if (await f.send(() => api("POST", `/api/v1/students/${pupil.id}/card/block`, body))) {
      f.reset();
      if (box.current) box.current.open = false;
      onBlocked();
    }
  }
  const esc = (e) => {
    if (e.key === "Escape" && !desk.waiting && box.current) {
      box.current.open = false;
      box.current.querySelector("summary").focus();
    }
  };
  return html`<details class="block-card" ref=${box} onKeyDown=${esc}>
    <summary>${t("office.card_block", { card: pupil.card })}</summary>
    <form onSubmit=${submit}>
      <fieldset class="choice">
        <legend>${t("office.card_block_reason")}</legend>
        ${["lost", "damaged"].map((r) => html`<label class="check"><input type="radio" name="block-reason" value=${r}
          checked=${f.values.reason === r} onChange=${() => f.setValues((v) => ({ ...v, reason: r }))} /> ${t(`office.card_end_${r}`)}</label>`)}
      </fieldset>
      <${Field} form=${f} name="new_card" id="block-new-card" label=${t("office.card_new")} hint=${t("office.card_new_hint")}
        autocomplete="off" spellcheck="false" />
      <${TapNote} tap=${desk.tap} pupil=${pupil} />
      <${FormError} form=${f} fields=${["new_card"]} />
      <div class="buttons">
        <button class="danger" disabled=${f.busy}>${t("office.card_block_do")}</button>
        <${TapButton} desk=${desk} id="block-wait" />
      </div>
    </form>
  </details>`;
}

const when = (iso) => (iso ? fmt.moment(iso) : "");

function CardHistory({ history }) {
  if (history.error) return html`<p class="field-error" role="alert">${say(history.error)}</p>`;
  // GET …/cards: {current, history} — the history newest first, the card held now among it.
  const cards = history.data ? history.data.history : [];
  if (!history.data) return null;
  return html`<h3>${t("office.card_history")}</h3>
    ${cards.length === 0 ? html`<p class="empty">${t("office.card_history_none")}</p>` : html`<div class="table-wrap">
      <table class="list stack card-history">
        <thead><tr><th scope="col">${t("office.card")}</th><th scope="col">${t("office.card_issued")}</th>
          <th scope="col">${t("office.card_ended")}</th></tr></thead>
        <tbody>${cards.map((c) => html`<tr>
          <td><code>${c.card}</code>${c.blocked || c.end_reason === "lost" || c.end_reason === "damaged"
            ? html` <span class="badge blocked">${t("office.card_blocked")}</span>` : ""}</td>
          <td>${when(c.issued_at)}${c.issued_by ? html`<br /><span class="muted">${c.issued_by.name}</span>` : ""}</td>
          <td>${c.ended_at ? html`${when(c.ended_at)} · ${t(`office.card_end_${c.end_reason}`)}${c.ended_by ? html`<br /><span class="muted">${c.ended_by.name}</span>` : ""}`
            : html`<span class="ok">${t("office.card_current")}</span>`}</td>
        </tr>`)}</tbody>
      </table></div>`}`;
}
