// school_pupils: every pupil of the school, read once for the office's list (GET /api/v1/students).
// A box without that route yet (before issue 12's roster change) is read class by class instead, so
// the list works on either.
import { useEffect, useState, useCallback } from "preact/hooks";
import { api } from "../../api.js";

async function byClass(withLeft) {
  const { classes } = await api("GET", "/api/v1/classes");
  const lists = await Promise.all(classes.map((c) =>
    api("GET", `/api/v1/classes/${c.id}/students${withLeft ? "?include_left=true" : ""}`)));
  return lists.flatMap((l) => l.students);
}

async function read(withLeft) {
  try {
    return (await api("GET", `/api/v1/students${withLeft ? "?with_left=true" : ""}`)).students;
  } catch (e) {
    if (e.status === 404 || e.status === 405) return byClass(withLeft);
    throw e;
  }
}

// → {data: [pupil], error, loading, reload}
export function useSchoolPupils(withLeft) {
  const [state, setState] = useState({ key: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  const key = `${withLeft}|${tick}`;
  useEffect(() => {
    let live = true;
    read(withLeft).then((data) => live && setState({ key, data, error: null }), (error) => live && setState({ key, data: null, error }));
    return () => {
      live = false;
    };
  }, [key]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const mine = state.key === key;
  return { data: mine ? state.data : null, error: mine ? state.error : null, loading: !mine, reload };
}
