// focus: put the focus where the user will type next when a form or panel appears (the autofocus
// attribute is honoured only once per page, not for what a screen shows later).
import { useEffect } from "preact/hooks";

export function useFocus(id, when = true) {
  useEffect(() => {
    if (!when) return;
    const el = document.getElementById(id);
    if (el) el.focus();
  }, [id, when]);
}
