// desk_tap: "tap the card on the desk reader" — the reader on the office's desk (a kiosk in `desk`
// mode) sends each card it reads to the secretary's open pages as a live `desk_card` event
// {kiosk, card, student, blocked, at}. A form waiting for a tap takes the next one; Escape stops
// waiting. What the card already is (someone's, blocked) is said before it is given.
import { useEffect, useState } from "preact/hooks";
import { useLive } from "../../live.js";

// → {waiting, start(), stop(), tap: the last card read while waiting, or null}
export function useDeskTap(onCard) {
  const [waiting, setWaiting] = useState(false);
  const [tap, setTap] = useState(null);
  useLive(["desk_card"], (kind, d) => {
    if (!waiting || kind !== "desk_card" || !d.card) return;
    setWaiting(false);
    setTap(d);
    onCard(d);
  });
  useEffect(() => {
    if (!waiting) return undefined;
    const esc = (e) => e.key === "Escape" && setWaiting(false);
    document.addEventListener("keydown", esc);
    return () => document.removeEventListener("keydown", esc);
  }, [waiting]);
  return { waiting, tap, start: () => { setTap(null); setWaiting(true); }, stop: () => setWaiting(false) };
}
