// use_api: a screen's read from the API — {data, error, loading, reload} — fetched again whenever
// the path changes. Data read for another path is never shown for this one (a late answer for the
// previous week is dropped); a failed reload of the same path keeps what was shown, with the error.
import { useEffect, useState, useCallback } from "preact/hooks";
import { api } from "../api.js";

export function useApi(path) {
  const [state, setState] = useState({ path: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    api("GET", path).then(
      (data) => live && setState({ path, data, error: null }),
      (error) => live && setState((s) => ({ path, data: s.path === path ? s.data : null, error })),
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
    loading: !!path && (!mine || (!state.data && !state.error)),
    reload,
  };
}
