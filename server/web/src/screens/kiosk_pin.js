// kiosk_pin: the PIN the hall kiosk asks before it shows this pupil's diary; the server checks the
// rule (4–6 digits, not too simple) and who may set it. Below it the pupil's QR code for the hall
// kiosk's camera (drawn by the box as SVG), to show on a phone or print.
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../html.js";
import { t, say } from "../i18n.js";
import { api } from "../api.js";
import { me, pupilsOf } from "../session.js";

export function KioskPin() {
  const { params } = useRoute();
  const pupil = pupilsOf(me.value).find((p) => p.id === params.pupil);
  const [pin, setPin] = useState("");
  const [result, setResult] = useState(null);  // {ok: text} or {error}

  async function send(method) {
    setResult(null);
    try {
      await api(method, `/api/v1/students/${encodeURIComponent(params.pupil)}/kiosk-pin`, method === "PUT" ? { pin } : undefined);
      setPin("");
      setResult({ ok: method === "PUT" ? t("pin.saved") : t("pin.removed") });
    } catch (e) {
      setResult({ error: e });
    }
  }

  return html`<section aria-labelledby="pin-title" class="narrow">
    <h1 id="pin-title">${t("pin.title")}${pupil ? html`<span class="pupil-name">${pupil.name}</span>` : null}</h1>
    <p class="hint">${t("pin.why")}</p>
    <form class="card" onSubmit=${(e) => { e.preventDefault(); send("PUT"); }}>
      <label for="pin">${t("pin.new")}</label>
      <input id="pin" type="password" inputmode="numeric" pattern="[0-9]{4,6}" autocomplete="off" required value=${pin}
        onInput=${(e) => setPin(e.currentTarget.value)} aria-describedby="pin-rule" />
      <p id="pin-rule" class="hint">${t("pin.rule")}</p>
      ${result && result.error && html`<p class="field-error" role="alert">${say(result.error)}</p>`}
      ${result && result.ok && html`<p class="ok" role="status">${result.ok}</p>`}
      <div class="buttons">
        <button type="submit" class="primary">${t("pin.save")}</button>
        <button type="button" onClick=${() => send("DELETE")}>${t("pin.remove")}</button>
      </div>
    </form>
    <${KioskQr} pupilId=${params.pupil} name=${pupil ? pupil.name : ""} />
  </section>`;
}

// issue 10 (kiosk QR): an <img> the browser loads with the session cookie. When it does not load,
// the same address is asked through the API client, so the refusal is said in plain words.
function KioskQr({ pupilId, name }) {
  const src = `/api/v1/students/${encodeURIComponent(pupilId)}/kiosk-qr`;
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState(null);
  async function failed() {
    try {
      await api("GET", src);
      setError(new Error(t("qr.not_loaded")));  // the code came this time but not as a picture
    } catch (e) {
      setError(e);
    }
  }
  return html`<section class="card kiosk-qr" aria-labelledby="qr-title">
    <h2 id="qr-title">${t("qr.title")}</h2>
    <p class="hint no-print">${t("qr.why")}</p>
    ${error
      ? html`<p class="field-error" role="alert">${say(error)}</p>
          <div class="buttons no-print"><button type="button" onClick=${() => { setError(null); setAttempt(attempt + 1); }}>${t("action.retry")}</button></div>`
      : html`<figure>
          <img key=${attempt} src=${attempt ? `${src}?try=${attempt}` : src} alt=${name ? t("qr.alt_named", { name }) : t("qr.alt")}
            width="192" height="192" onError=${failed} />
          ${name && html`<figcaption>${name}</figcaption>`}
        </figure>
        <div class="buttons no-print"><button type="button" onClick=${() => window.print()}>${t("qr.print")}</button></div>`}
  </section>`;
}
