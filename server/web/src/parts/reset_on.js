// reset_on: a panel's state made again when the panel is switched to another thing (another lesson,
// cell or pupil) — but not when it first opens. Its state was made from the same props then, and an
// effect run after the first paint (useEffect's moment, later still on a busy machine) would wipe
// what a quick hand, or autofill, had already typed. A layout effect: it runs in the same task as
// the render, before the browser handles the next key.
import { useLayoutEffect, useRef } from "preact/hooks";

export function useResetOn(key, reset) {
  const seen = useRef(key);
  useLayoutEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    reset();
  }, [key]);
}
