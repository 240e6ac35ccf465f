// The reads a cold page starts early (server/web/src/early.js). CTest: unit.web.early.
import test from "node:test";
import assert from "node:assert/strict";
import { startEarlyReads, startReadsOnClicks, takeEarly, dropEarly } from "../../server/web/src/early.js";

const PUPIL = "01a176cb-576e-7926-92a7-200e9bfc8c98";
let asked = [];
globalThis.fetch = (path, init) => {
  asked.push([path, init.method, init.credentials]);
  return Promise.resolve({ path });
};

test("a diary address starts who-is-signed-in, the school and that week's diary, each once", async () => {
  asked = [];
  dropEarly();
  startEarlyReads(`/pupils/${PUPIL}/diary/2026-W46`);
  const diary = `/api/v1/students/${PUPIL}/diary?week=2026-W46`;
  assert.deepEqual(asked.map((a) => a[0]), ["/api/v1/me", "/api/v1/school", diary]);
  assert.ok(asked.every(([, method, credentials]) => method === "GET" && credentials === "same-origin"));
  assert.deepEqual(await takeEarly(diary), { path: diary });
  assert.equal(takeEarly(diary), undefined, "an early answer is taken once");
  assert.equal(takeEarly(`/api/v1/students/${PUPIL}/diary?week=2026-W47`), undefined, "another week was not started");
});

test("a term's marks by address; other addresses start only the two common reads", () => {
  asked = [];
  dropEarly();
  startEarlyReads(`/pupils/${PUPIL}/grades/2`);
  assert.equal(asked[2][0], `/api/v1/students/${PUPIL}/grades?term=2`);
  for (const path of ["/", "/journal", `/pupils/${PUPIL}/diary`, `/pupils/${PUPIL}/diary/next`, `/pupils/x%2F..%2Fy/diary/2026-W46`]) {
    asked = [];
    startEarlyReads(path);
    assert.deepEqual(asked.map((a) => a[0]), ["/api/v1/me", "/api/v1/school"], path);
  }
});

test("signing in or out drops what was started; an answer older than 5 s is not used", () => {
  dropEarly();
  startEarlyReads("/");
  dropEarly();
  assert.equal(takeEarly("/api/v1/me"), undefined);
  const realNow = performance.now.bind(performance);
  startEarlyReads("/");
  const later = realNow() + 5001;
  performance.now = () => later;
  try {
    assert.equal(takeEarly("/api/v1/me"), undefined, "stale");
  } finally {
    performance.now = realNow;
  }
});

const CLASS = "01a1aacf-af60-7d35-9127-699966dcea97", SUBJECT = "01a1bf1d-b6b0-7bf1-acb2-0a93bae09316";

test("a journal address starts the class's journal for that term", async () => {
  asked = [];
  dropEarly();
  startEarlyReads(`/journal/${CLASS}/${SUBJECT}/2`);
  const journal = `/api/v1/classes/${CLASS}/journal?subject=${SUBJECT}&term=2`;
  assert.deepEqual(asked.map((a) => a[0]), ["/api/v1/me", "/api/v1/school", journal]);
  assert.deepEqual(await takeEarly(journal), { path: journal });
});

test("a plain click on a link in the app starts the next screen's read, once while it is fresh", async () => {
  dropEarly();
  globalThis.location = { origin: "https://box" };
  let onClick = null;
  startReadsOnClicks({ addEventListener: (type, fn, capture) => { assert.equal(type, "click"); assert.equal(capture, true); onClick = fn; } });
  const link = (pathname, extra = {}) => ({ origin: "https://box", pathname, target: "", ...extra });
  const click = (a, extra = {}) => onClick({ button: 0, target: { closest: () => a }, ...extra });
  const journal = `/api/v1/classes/${CLASS}/journal?subject=${SUBJECT}&term=2`;
  asked = [];
  click(link(`/journal/${CLASS}/${SUBJECT}/2`));
  click(link(`/journal/${CLASS}/${SUBJECT}/2`));
  assert.deepEqual(asked.map((a) => a[0]), [journal], "started once");
  asked = [];
  click(link(`/journal/${CLASS}/${SUBJECT}/3`), { ctrlKey: true });
  click(link(`/journal/${CLASS}/${SUBJECT}/3`, { target: "_blank" }));
  click(link(`/journal/${CLASS}/${SUBJECT}/3`, { origin: "https://elsewhere" }));
  click(link(`/journal/${CLASS}/${SUBJECT}/3`), { button: 1 });
  click(link("/journal"));
  click(null);
  assert.deepEqual(asked, [], "a click the router does not follow, or an address that decides no read, starts nothing");
  assert.deepEqual(await takeEarly(journal), { path: journal });
});
