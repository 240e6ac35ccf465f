// sync_status: what the box says of its sync with the city portal (GET /api/v1/sync, issue 13), read
// once per page load and every few minutes, shared by the quiet line every page shows and the
// admin's "City portal" page (which reads it more often while a sync runs and puts what it read here,
// so the line never says less than the page).
// syncStatus: undefined while unread; null when there is nothing to say (no such route on this box,
// a refusal, no connection); else the box's answer.
import { signal } from "@preact/signals";
import { api } from "../api.js";

export const SYNC_LINE_REFRESH_MS = 5 * 60 * 1000;  // the portal syncs every few minutes at the most

export const syncStatus = signal(undefined);

export async function readSync() {
  try {
    syncStatus.value = await api("GET", "/api/v1/sync");
  } catch {
    // A box without the route (404), or one that cannot answer now: the line stays quiet rather than
    // alarming a guardian; the admin's page says what went wrong.
    syncStatus.value = null;
  }
}
