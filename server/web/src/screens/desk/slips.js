// slips: login slips for a class — its pupils, their guardians or both, or only the pupils ticked. The
// list of who gets one follows the choice as it is made (GET …/login-slips, nothing reset); printing
// (to a school printer, its job followed to the end) or opening the PDF gives each person on it a
// new one-time password, so the page says so before the button.
import { useState } from "preact/hooks";
import { html } from "../../html.js";
import { t, say, plural } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { PrintTo } from "../../parts/print_to.js";
import { useClasses, usePupils, ClassSelect } from "./class_pick.js";
import { postPdf, PdfLink } from "./pdf.js";

const FOR = ["pupils", "guardians", "all"];

export function Slips() {
  const { classes, error: classesError } = useClasses();
  const [classId, setClassId] = useState("");
  const [who, setWho] = useState("pupils");
  const [chosen, setChosen] = useState([]);  // pupil ids; none: the whole class
  const { pupils } = usePupils(classId);
  const request = { for: who, ...(chosen.length ? { students: chosen } : {}) };
  const base = classId && `/api/v1/classes/${encodeURIComponent(classId)}/login-slips`;
  const preview = useApi(base ? `${base}?for=${who}${chosen.length ? `&students=${chosen.join(",")}` : ""}` : null);
  const slips = (preview.data && preview.data.slips) || [];
  const pickClass = (id) => {
    setClassId(id);
    setChosen([]);
  };
  const tick = (id) => (e) => {
    const on = e.currentTarget.checked;
    setChosen((old) => pupils.map((p) => p.id).filter((x) => (x === id ? on : old.includes(x))));
  };

  return html`<section class="desk slips" aria-labelledby="slips-title">
    <h1 id="slips-title">${t("desk.slips.title")}</h1>
    <p class="lead">${t("desk.slips.lead")}</p>
    <${ErrorNote} error=${classesError} />
    <div class="card">
      <div class="form-grid">
        <${ClassSelect} id="slips-class" value=${classId} classes=${classes} blank=${t("desk.choose")} onChange=${pickClass} />
        <fieldset class="for">
          <legend>${t("desk.slips.for")}</legend>
          ${FOR.map((f) => html`<label class="check"><input type="radio" name="slips-for" value=${f} checked=${who === f}
            onChange=${() => setWho(f)} /> ${t(`desk.slips.for_${f}`)}</label>`)}
        </fieldset>
      </div>
      ${classId && pupils.length > 0 && html`<details class="only">
        <summary>${chosen.length ? t("desk.slips.only_some", { n: plural("desk.pupils", chosen.length) }) : t("desk.slips.only_all")}</summary>
        <fieldset>
          <legend class="sr">${t("desk.slips.only")}</legend>
          ${chosen.length === 0 && html`<p class="hint">${t("desk.slips.only_hint")}</p>`}
          ${chosen.length > 0 && html`<button type="button" onClick=${() => setChosen([])}>${t("desk.slips.whole_class")}</button>`}
          <ul class="ticks">${pupils.map((p) => html`<li><label class="check"><input type="checkbox" checked=${chosen.includes(p.id)}
            onChange=${tick(p.id)} /> ${p.full_name || p.name}</label></li>`)}</ul>
        </fieldset>
      </details>`}
    </div>
    ${classId && html`<${Preview} preview=${preview} slips=${slips} />`}
    ${classId && html`<${Issue} key=${`${classId}|${who}|${chosen.join(",")}`} base=${base} request=${request}
      disabled=${preview.data ? slips.length === 0 : false} />`}
  </section>`;
}

// Who would get a slip, as the box answers before anything is made.
function Preview({ preview, slips }) {
  return html`<section class="preview" aria-labelledby="preview-title">
    <h2 id="preview-title">${t("desk.slips.preview")}${preview.data ? ` — ${plural("desk.slips", slips.length)}` : ""}</h2>
    ${preview.loading && html`<${Loading} />`}
    <${ErrorNote} error=${preview.error} retry=${preview.reload} />
    ${preview.data && slips.length === 0 && html`<p class="hint">${t("desk.slips.nobody")}</p>`}
    ${slips.length > 0 && html`<table class="list stack people">
      <thead><tr><th scope="col">${t("desk.slips.person")}</th><th scope="col">${t("desk.slips.role")}</th><th scope="col">${t("desk.slips.login")}</th></tr></thead>
      <tbody>${slips.map((s) => html`<tr><td>${s.name}</td><td>${s.description || s.role}</td><td><code>${s.login}</code></td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

// Print to a school printer, or open the PDF here: both make the new passwords.
function Issue({ base, request, disabled }) {
  const [pdf, setPdf] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    setError(null);
    try {
      setPdf(await postPdf(base, request));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="card issue" aria-labelledby="issue-title">
    <h2 id="issue-title">${t("desk.slips.issue")}</h2>
    <p class="warn-note">${t("desk.slips.resets")}</p>
    ${disabled
      ? html`<p class="hint">${t("desk.slips.nothing")}</p>`
      : html`<${PrintTo} id="slips-printer" label=${t("desk.slips.print")} send=${(printer) => api("POST", base, { ...request, printer })} />
        <p class="or">${t("desk.slips.or")}</p>
        <div class="buttons"><button type="button" disabled=${busy} onClick=${open}>${t("desk.slips.make_pdf")}</button>
          ${pdf && html`<${PdfLink} blob=${pdf} name="login-slips.pdf" label=${t("desk.slips.open_pdf")} />`}</div>
        ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}`}
  </section>`;
}
