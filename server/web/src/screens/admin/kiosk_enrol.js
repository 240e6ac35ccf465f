// kiosk_enrol: enrolling a kiosk — its name and mode give a one-time code (POST /api/v1/kiosks),
// shown large in its groups of four with when it stops working, the box CA's fingerprint to compare
// on the kiosk, and the line to type there. The code is shown once: the box keeps only its hash.
import { useEffect } from "preact/hooks";
import { html } from "../../html.js";
import { t, fmt } from "../../i18n.js";
import { api } from "../../api.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";

export const MODES = ["entrance", "hall", "desk"];

// The form: the name is where one types first; Enter sends it.
export function EnrolForm({ done }) {
  const f = useForm({ name: "", mode: "entrance" });
  async function submit(e) {
    e.preventDefault();
    const r = await f.send((v) => api("POST", "/api/v1/kiosks", { name: v.name.trim(), mode: v.mode }));
    if (r) {
      f.reset();
      done(r);
    }
  }
  return html`<form class="card enrol-form" onSubmit=${submit} aria-labelledby="enrol-title">
    <h2 id="enrol-title">${t("admin.kiosks.enrol")}</h2>
    <div class="enrol-fields">
      <${Field} form=${f} name="name" id="kiosk-name" label=${t("admin.kiosks.name")} hint=${t("admin.kiosks.name_hint")}
        maxlength="64" autocomplete="off" required />
      <${Field} form=${f} name="mode" id="kiosk-mode" label=${t("admin.kiosks.mode")}>
        ${MODES.map((m) => html`<option value=${m}>${t(`admin.kiosks.mode_${m}`)}</option>`)}
      <//>
    </div>
    <p class="hint">${t(`admin.kiosks.mode_${f.values.mode}_text`)}</p>
    <${FormError} form=${f} fields=${["name", "mode"]} />
    <button type="submit" class="primary" disabled=${f.busy}>${f.busy ? t("admin.kiosks.enrolling") : t("admin.kiosks.get_code")}</button>
  </form>`;
}

// "ab12cd…" → "AB:12:CD:…" in lines of eight pairs, as a kiosk's screen and `openssl x509
// -fingerprint` show it, so it can be compared pair by pair.
export function fingerprintLines(hex) {
  const pairs = (hex || "").toUpperCase().match(/.{1,2}/g) || [];
  const lines = [];
  for (let i = 0; i < pairs.length; i += 8) lines.push(pairs.slice(i, i + 8).join(":"));
  return lines;
}

// The answer of POST /api/v1/kiosks, shown until the admin closes it (Escape too); the focus goes to
// its heading so a screen reader reads the code next.
export function EnrolCode({ answer, onClose }) {
  useEffect(() => {
    document.getElementById("code-title")?.focus();
    const esc = (e) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", esc);
    return () => document.removeEventListener("keydown", esc);
  }, [answer]);
  const groups = answer.code.split(/[-\s]/).filter(Boolean);
  const server = window.location.origin;
  const line = `classbook-kiosk enrol --server ${server} --code ${answer.code} --ca-fingerprint ${answer.ca_fingerprint}`;
  return html`<section class="card enrol-code" aria-labelledby="code-title">
    <h2 id="code-title" tabindex="-1">${t("admin.kiosks.code_for", { name: answer.kiosk.name })}</h2>
    <p class="code"><span class="sr">${t("admin.kiosks.code_said")} </span>
      ${groups.map((g) => html`<span class="group">${g}</span>`)}</p>
    <p>${t("admin.kiosks.code_expires", { time: fmt.moment(answer.expires_at) })}
      ${" "}${t(`admin.kiosks.mode_is`, { mode: t(`admin.kiosks.mode_${answer.kiosk.mode}`) })}</p>
    <h3>${t("admin.kiosks.ca_fingerprint")}</h3>
    <p class="hint">${t("admin.kiosks.ca_fingerprint_hint")}</p>
    <p class="fingerprint">${fingerprintLines(answer.ca_fingerprint).map((l) => html`<span>${l}</span>`)}</p>
    <h3>${t("admin.kiosks.type_on_kiosk")}</h3>
    <pre class="command"><code>${line}</code></pre>
    <button type="button" onClick=${onClose}>${t("admin.kiosks.code_done")}</button>
  </section>`;
}
