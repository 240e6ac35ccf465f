// pupil_leave: a pupil leaves the school — on a day, for a reason. From the next day the journals and
// class lists no longer show them; their marks stay in the history. Folded away until asked for, so
// it is never pressed by mistake; Escape folds it again.
import { useRef } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";
import { api } from "../../api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";

export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function Leave({ pupil, onLeft }) {
  const f = useForm({ left_on: today(), reason: "" });
  const box = useRef(null);
  async function submit(e) {
    e.preventDefault();
    const body = { left_on: f.values.left_on, ...(f.values.reason.trim() ? { reason: f.values.reason.trim() } : {}) };
    if (await f.send(() => api("POST", `/api/v1/students/${pupil.id}/leave`, body))) onLeft();
  }
  const esc = (e) => {
    if (e.key === "Escape" && box.current) {
      box.current.open = false;
      box.current.querySelector("summary").focus();
    }
  };
  return html`<details class="card leave" ref=${box} onKeyDown=${esc}>
    <summary><h2>${t("office.leave")}</h2></summary>
    <form onSubmit=${submit}>
      <p class="hint">${t("office.leave_hint")}</p>
      <${Field} form=${f} name="left_on" type="date" label=${t("office.left_on_label")} required />
      <${Field} form=${f} name="reason" label=${t("office.leave_reason")} hint=${t("office.leave_reason_hint")} autocomplete="off" />
      <${FormError} form=${f} fields=${["left_on", "reason"]} />
      <button class="danger" disabled=${f.busy}>${t("office.leave_do", { name: pupil.name })}</button>
    </form>
  </details>`;
}
