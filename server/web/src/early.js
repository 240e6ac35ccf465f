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
];

function start(path) {
  const answer = fetch(path, { method: "GET", headers: { Accept: "application/json" }, credentials: "same-origin" });
  answer.catch(() => {});  // a failure is met, and said, by the screen that takes it
  started.set(path, { answer, at: performance.now() });
}

export function startEarlyReads(pathname) {
  start("/api/v1/me");
  start("/api/v1/school");
  for (const [pattern, read] of ROUTE_READS) {
    const m = pattern.exec(pathname);
    if (m) start(read(...m.slice(1)));
  }
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
