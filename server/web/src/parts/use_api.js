// use_api: a screen's read from the API — {data, error, loading, reload} — fetched again whenever
// the path changes. Data read for another path is never shown for this one (a late answer for the
// previous week is dropped); a failed reload of the same path keeps what was shown, with the error.
// `readAt` is when the read of the data shown began (performance.now()): what the box answered
// before then is in it.
import { useEffect, useState, useCallback } from "preact/hooks";
import { api } from "../api.js";

export function useApi(path) {
  const [state, setState] = useState({ path: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    const at = performance.now();
    api("GET", path).then(
      (data) => live && setState({ path, data, error: null, at }),
      (error) => live && setState((s) => ({ path, data: s.path === path ? s.data : null, error, at: s.path === path ? s.at : 0 })),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const mine = state.path === path;
  return {
    data: mine ? state.data : null,
    error: mine ? state.error : null,
    readAt: mine ? state.at : 0,
    loading: !!path && (!mine || (!state.data && !state.error)),
    reload,
  };
}
