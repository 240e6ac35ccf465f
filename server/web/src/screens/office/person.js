// person: what the office's forms about a person share — a change is sent as the API takes it (an
// emptied optional field is cleared with null, not sent as ""), and a new account's one-time password
// is shown once, with where its printed slip comes from.
import { html } from "../../html.js";
import { t } from "../../i18n.js";

// Where the desk prints login slips (the desk's screens, issue 12).
export const DESK_SLIPS = "/office/slips";

// {a: " x ", b: ""} with optional ["b"] → {a: "x", b: null}: what a PATCH or POST should carry.
export function cleaned(values, optional = []) {
  const out = {};
  for (const [k, v] of Object.entries(values)) {
    const s = typeof v === "string" ? v.trim() : v;
    out[k] = s === "" && optional.includes(k) ? null : s;
  }
  return out;
}

// Only what changed from `was` (a PATCH keeps the rest).
export function changed(values, was) {
  const out = {};
  for (const [k, v] of Object.entries(values)) if ((was[k] ?? null) !== v) out[k] = v;
  return out;
}

// The account made with a new pupil, guardian or teacher: its login and one-time password, shown once.
export function NewAccount({ account }) {
  if (!account) return null;
  return html`<div class="new-account" role="status">
    <p><strong>${t("office.account_made", { name: account.name })}</strong></p>
    <dl>
      <dt>${t("office.login")}</dt><dd><code>${account.login}</code></dd>
      <dt>${t("office.one_time_password")}</dt><dd><code class="otp">${account.one_time_password}</code></dd>
    </dl>
    <p class="hint">${t("office.password_once")} <a href=${DESK_SLIPS}>${t("office.print_slips")}</a></p>
  </div>`;
}

export const PERSON_OPTIONAL = ["middle_name", "phone", "email"];
