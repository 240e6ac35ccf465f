// live_note: says so when this page has stopped updating itself — no connection for a while, or the
// account's live pages are all taken — so that nobody takes a stale screen for the current one.
import { useEffect, useState } from "preact/hooks";
import { html } from "../html.js";
import { t } from "../i18n.js";
import { liveState } from "../live.js";

// A reconnect usually takes a few seconds (the box asks for 3): say nothing unless it lasts.
const QUIET_MS = 8000;

export function LiveNote() {
  const state = liveState.value;
  const [stale, setStale] = useState(false);
  useEffect(() => {
    setStale(false);
    if (state !== "connecting") return undefined;
    const timer = setTimeout(() => setStale(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [state]);
  if (state === "refused") return html`<p class="note live-note" role="status">${t("live.refused")}</p>`;
  if (state === "connecting" && stale) return html`<p class="note live-note" role="status">${t("live.paused")}</p>`;
  return null;
}
