// live: the box's live updates (GET /api/v1/stream, Server-Sent Events) for the open page. One
// stream per tab while the tab is seen; a screen subscribes to the kinds of change it shows and reads
// again when one arrives. A dropped stream comes back by itself and the box resends what it missed
// (Last-Event-ID); when it cannot, it says "reload" and every screen reads again.
import { signal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";

// "off" (not started or signed out), "connecting", "open", "paused" (the tab is hidden), "refused"
// (too many live pages for this account: tried again later).
export const liveState = signal("off");

const listeners = new Set();
let source = null;
let lastId = "";
let hiddenTimer = 0;
let retryTimer = 0;
let onSignedOut = () => {};

// A hidden tab lets its stream go after this long, so that a family's many tabs do not hold the
// account's streams (and the browser's six connections to the box); it resumes from the last id.
const HIDDEN_GRACE_MS = 60_000;
const REFUSED_RETRY_MS = 30_000;
const KINDS = ["mark", "attendance", "lesson", "dot", "term_grade", "absence_notice", "acknowledgement", "behaviour",
  "message", "announcement", "card_anomaly", "desk_card"];

function setState(s) {
  liveState.value = s;
  document.documentElement.dataset.live = s;
}

function deliver(kind, data) {
  for (const l of [...listeners]) if (l.kinds === null || l.kinds.includes(kind) || kind === "reload") l.fn(kind, data);
}

function track(e) {
  if (e.lastEventId) lastId = e.lastEventId;
}

function open() {
  if (source) return;
  clearTimeout(retryTimer);
  const url = lastId ? `/api/v1/stream?last_event_id=${encodeURIComponent(lastId)}` : "/api/v1/stream";
  const es = new EventSource(url);
  source = es;
  setState("connecting");
  es.addEventListener("open", () => setState("open"));
  es.addEventListener("ready", track);
  es.addEventListener("heartbeat", track);
  es.addEventListener("reload", (e) => {
    track(e);
    deliver("reload", {});
  });
  es.addEventListener("signed_out", () => {
    close("off");
    onSignedOut();
  });
  for (const kind of KINDS)
    es.addEventListener(kind, (e) => {
      track(e);
      let data = {};
      try {
        data = JSON.parse(e.data);
      } catch {
        data = {};
      }
      deliver(kind, data);
    });
  es.addEventListener("error", () => {
    // A dropped connection: the browser reconnects by itself with Last-Event-ID. A refusal (429,
    // 401) closes the stream for good: try again later, or stop when the session is gone.
    if (es.readyState === EventSource.CLOSED) {
      source = null;
      setState("refused");
      retryTimer = setTimeout(open, REFUSED_RETRY_MS);
    } else {
      setState("connecting");
    }
  });
}

function close(state) {
  clearTimeout(retryTimer);
  if (source) source.close();
  source = null;
  setState(state);
}

function onVisibility() {
  clearTimeout(hiddenTimer);
  if (document.visibilityState === "hidden") {
    hiddenTimer = setTimeout(() => close("paused"), HIDDEN_GRACE_MS);
  } else if (!source && liveState.value !== "off") {
    open();
  }
}

// Starts the stream for a signed-in user; `signedOut` runs when the box ends the session.
export function startLive(signedOut) {
  onSignedOut = signedOut || (() => {});
  document.addEventListener("visibilitychange", onVisibility);
  open();
}

export function stopLive() {
  document.removeEventListener("visibilitychange", onVisibility);
  clearTimeout(hiddenTimer);
  lastId = "";
  close("off");
}

// Calls fn(kind, data) for each change of the given kinds (and on "reload"), while mounted.
export function useLive(kinds, fn) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const l = { kinds, fn: (k, d) => latest.current(k, d) };
    listeners.add(l);
    return () => listeners.delete(l);
  }, [kinds && kinds.join(",")]);
}
