// sync_line: the quiet line at the foot of every signed-in page (issue 13) — when the box last
// synced with the city portal ("Синхронизировано с городским порталом: 7 дек., 02:31"), or that it
// has not yet; nothing when no portal is configured or the box does not say.
import { useEffect } from "preact/hooks";
import { html } from "../html.js";
import { t, fmt } from "../i18n.js";
import { syncStatus, readSync, SYNC_LINE_REFRESH_MS } from "./sync_status.js";

export function SyncLine() {
  useEffect(() => {
    readSync();
    const timer = setInterval(readSync, SYNC_LINE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const s = syncStatus.value;
  if (!s || !s.configured) return null;
  return html`<footer class="sync-line" data-sync=${s.last_success_at ? "synced" : "never"}>
    ${s.last_success_at
      ? html`${t("sync.line")} <time datetime=${s.last_success_at} title=${fmt.moment(s.last_success_at)}>${fmt.dayTime(s.last_success_at)}</time>`
      : t("sync.line_never")}
  </footer>`;
}
