// unread: how many messages wait unread in all the user's conversations — the one number the
// "Messages" item in the navigation shows. Read from GET /api/v1/threads: on the first page, again
// when the user moves on (at most every MIN_GAP_MS), and at once when the messages screen has read
// the list itself or marked a conversation read, or the live stream brings a message.
import { signal } from "@preact/signals";
import { api } from "../api.js";

const MIN_GAP_MS = 30_000;  // moving between pages should not read every thread each time
export const unreadTotal = signal(0);
let lastAsked = 0;

export function setUnread(total) {
  unreadTotal.value = Number.isFinite(total) ? total : 0;
  lastAsked = Date.now();
}

// A failed read keeps the last number: the badge is a hint, the messages screen says what failed.
export async function refreshUnread(force = false) {
  if (!force && Date.now() - lastAsked < MIN_GAP_MS) return;
  lastAsked = Date.now();
  try {
    const r = await api("GET", "/api/v1/threads");
    setUnread(r.unread);
  } catch {
    /* kept */
  }
}
