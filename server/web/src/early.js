// early: the reads a page opened cold will need, started the moment the app's script runs instead
// of one after another as screens mount — who is signed in, the school, and the screen's own read
// when the address names it. A screen's first read of the same path takes the answer already under
// way; each is taken once, and only while fresh, so nothing read before a sign-in is shown after it.
const FRESH_MS = 5000;
const started = new Map();

// The screens whose read the address alone decides (path pattern → the read).
// Pupil ids are UUIDs: the pattern admits nothing that would need encoding.
const ROUTE_READS = [
  [/^\/pupils\/([0-9a-f-]+)\/diary\/(\d{4}-W\d{2})$/, (pupil, week) => `/api/v1/students/${pupil}/diary?week=${week}`],
  [/^\/pupils\/([0-9a-f-]+)\/grades\/([1-9])$/, (pupil, term) => `/api/v1/students/${pupil}/grades?term=${term}`],
  [/^\/journal\/([0-9a-f-]+)\/([0-9a-f-]+)\/([1-9])$/, (klass, subject, term) => `/api/v1/classes/${klass}/journal?subject=${subject}&term=${term}`],
];

function start(path) {
  const answer = fetch(path, { method: "GET", headers: { Accept: "application/json" }, credentials: "same-origin" });
  answer.catch(() => {});  // a failure is met, and said, by the screen that takes it
  started.set(path, { answer, at: performance.now() });
}

export function startEarlyReads(pathname) {
  start("/api/v1/me");
  start("/api/v1/school");
  startScreenRead(pathname);
}

// The read of the screen at `pathname`, when the address alone decides it: at a cold load, and on a
// click on a link within the app, before the router draws the screen and it asks (a frame or two
// later; for the journal grid that is a sizeable part of the wait).
export function startScreenRead(pathname) {
  for (const [pattern, read] of ROUTE_READS) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    const path = read(...m.slice(1));
    const early = started.get(path);
    if (!early || performance.now() - early.at > FRESH_MS) start(path);
  }
}

// A click on a link within the app starts the next screen's read (capture: before the router's own
// handler). Only a plain left click that the router will follow.
export function startReadsOnClicks(doc) {
  doc.addEventListener("click", (e) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a || a.target || a.origin !== location.origin) return;
    startScreenRead(a.pathname);
  }, true);
}

// The answer to GET `path` already under way, or undefined: then the caller fetches it itself.
export function takeEarly(path) {
  const early = started.get(path);
  if (!early) return undefined;
  started.delete(path);
  return performance.now() - early.at <= FRESH_MS ? early.answer : undefined;
}

// Signing in or out changes every answer: what was started before is of no use after.
export function dropEarly() {
  started.clear();
}
