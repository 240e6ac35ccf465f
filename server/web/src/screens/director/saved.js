// saved: "Saved" said beside a form for a few seconds after the box took the change, so the director
// sees the click did something without a dialog to close.
import { useEffect, useState } from "preact/hooks";
import { html } from "../../html.js";
import { t } from "../../i18n.js";

const SHOWN_MS = 4000;

export function useSaved() {
  const [at, setAt] = useState(0);
  useEffect(() => {
    if (!at) return undefined;
    const timer = setTimeout(() => setAt(0), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [at]);
  return [at > 0, () => setAt(Date.now())];
}

export function Saved({ shown, text }) {
  return html`<span class="saved ok" role="status">${shown ? text || t("director.settings.saved") : ""}</span>`;
}
