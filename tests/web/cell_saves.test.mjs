// A journal cell's saves one after another (server/web/src/parts/cell_saves.js): a value typed while
// the cell's save is under way becomes an edit of what that save made, never a second mark, and the
// newest value is what the box holds in the end. Run by `node --test` (CTest: unit.web.cell_saves).
import test from "node:test";
import assert from "node:assert/strict";
import { CellSaves } from "../../server/web/src/parts/cell_saves.js";
import { parseCell, saveCalls } from "../../server/web/src/parts/journal_cells.js";

const scale = { min: 1, max: 5 };

// A box that holds marks and absences per cell and answers each call only when told to.
class FakeBox {
  constructor() {
    this.cells = {};  // "sid/lid" → {marks: [{id, value}], absence}
    this.waiting = [];  // [{call, settle}]
    this.sent = [];
    this.ids = 0;
  }
  send = (call) => {
    this.sent.push(`${call.method} ${call.path}`);
    return new Promise((resolve, reject) => this.waiting.push({ call, resolve, reject }));
  };
  cell(key) {
    return (this.cells[key] ||= { marks: [], absence: undefined });
  }
  // Answers the i-th waiting call (the box does what it asks), or refuses it without doing it.
  async answer(i = 0, refuse = null) {
    const [{ call, resolve, reject }] = this.waiting.splice(i, 1);
    if (refuse) reject(refuse);
    else resolve(this.apply(call));
    await flush();
  }
  // Does what the i-th waiting call asks, but its answer is lost on the way back.
  async lose(i = 0) {
    const [{ call, reject }] = this.waiting.splice(i, 1);
    this.apply(call);
    reject(Object.assign(new Error("the connection dropped"), { status: 0 }));
    await flush();
  }
  apply(call) {
    if (call.path === "/api/v1/marks") {
      // A POST with an id the box knows answers with that mark, as the box does (nothing new).
      const made = call.body.id && Object.values(this.cells).flatMap((c) => c.marks).find((m) => m.id === call.body.id);
      if (made) return made;
      const m = { id: call.body.id || `m${++this.ids}`, value: call.body.value, student_id: call.body.student_id, lesson_id: call.body.lesson_id };
      this.cell(`${m.student_id}/${m.lesson_id}`).marks.push(m);
      return m;
    }
    const id = call.path.startsWith("/api/v1/marks/") ? call.path.slice("/api/v1/marks/".length) : null;
    if (id) {
      if (!call.body || !call.body.reason) throw Object.assign(new Error("'reason' is required"), { status: 400 });
      for (const c of Object.values(this.cells)) {
        const i = c.marks.findIndex((m) => m.id === id);
        if (i < 0) continue;
        if (call.method === "DELETE") c.marks.splice(i, 1);
        else c.marks[i] = { ...c.marks[i], ...call.body };
        return call.method === "DELETE" ? null : c.marks[i];
      }
      throw new Error(`no mark ${id}`);
    }
    const lid = call.path.split("/")[4];
    const s = call.body.students[0];
    this.cell(`${s.student_id}/${lid}`).absence = s.status === "present" ? undefined : { status: s.status, late_minutes: s.late_minutes || 0 };
    return { saved: 1 };
  }
  // The cell as a journal read now would show it.
  read(key) {
    const c = this.cell(key);
    return { marks: c.marks.map((m) => ({ ...m })), absence: c.absence && { ...c.absence } };
  }
}

const flush = () => new Promise((r) => setImmediate(r));

// The grid's save of `text` into a cell, against the journal the grid last read (`journal()`);
// `newId()`, when given, names each new mark as the grid's crypto.randomUUID() does.
function typeInto(saves, key, text, journal, newId = () => undefined) {
  const [sid, lid] = key.split("/");
  const parsed = parseCell(text, scale);
  return saves.save(key, journal, (cell) => saveCalls(parsed, { studentId: sid, lessonId: lid, marks: cell.marks || [],
    absence: cell.absence, workType: "oral", reason: "Исправлено в журнале", newId: newId() }));
}
const idMaker = () => {
  let n = 0;
  return () => `u${++n}`;
};

test("a second value typed while the first mark is being saved changes that mark", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const empty = () => ({ marks: [] });  // the journal as read before either save
  const first = typeInto(saves, "s1/l1", "5", empty);
  const second = typeInto(saves, "s1/l1", "4", empty);
  await flush();
  assert.deepEqual(box.sent, ["POST /api/v1/marks"], "the second value waits for the first's answer");
  assert.ok(saves.busy("s1/l1"));
  await box.answer();
  assert.deepEqual(await first, { outcome: "saved", sent: 1 });
  assert.deepEqual(box.sent, ["POST /api/v1/marks", "PATCH /api/v1/marks/m1"], "the second value edits the mark made");
  await box.answer();
  assert.deepEqual(await second, { outcome: "saved", sent: 1 });
  assert.deepEqual(box.cell("s1/l1").marks.map((m) => m.value), [4]);
  assert.ok(!saves.busy("s1/l1"));
});

test("values typed while a save is under way: only the newest goes after it", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const empty = () => ({ marks: [] });
  const outcomes = ["5", "4", "3", "2"].map((v) => typeInto(saves, "s1/l1", v, empty));
  await box.answer();
  await box.answer();
  assert.deepEqual((await Promise.all(outcomes)).map((o) => o.outcome), ["saved", "superseded", "superseded", "saved"]);
  assert.deepEqual(box.sent, ["POST /api/v1/marks", "PATCH /api/v1/marks/m1"]);
  assert.deepEqual(box.cell("s1/l1").marks.map((m) => m.value), [2]);
});

test("attendance saves of a cell cannot overtake each other", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const none = () => ({ marks: [] });
  typeInto(saves, "s1/l1", "н", none);
  const second = typeInto(saves, "s1/l1", "б", none);
  await flush();
  assert.equal(box.waiting.length, 1, "the second PUT is not sent while the first is unanswered");
  await box.answer();
  await box.answer();
  await second;
  assert.deepEqual(box.cell("s1/l1").absence, { status: "absent_illness", late_minutes: 0 });
  // Cleared afterwards: "present", as the box now holds an absence the old journal did not show.
  const cleared = typeInto(saves, "s1/l1", "", none);
  await box.answer();
  await cleared;
  assert.equal(box.cell("s1/l1").absence, undefined);
});

test("a failed save leaves nothing known: the next plans from the journal, and other cells go on", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const empty = () => ({ marks: [] });
  const failed = typeInto(saves, "s1/l1", "5", empty);
  const retried = typeInto(saves, "s1/l1", "5", empty);
  const other = typeInto(saves, "s2/l1", "3", empty);
  await flush();
  assert.equal(box.waiting.length, 2, "another cell's save does not wait for this one");
  const refusal = Object.assign(new Error("no network"), { status: 0 });
  await box.answer(0, refusal);
  assert.deepEqual(await failed, { outcome: "failed", error: refusal });
  assert.deepEqual(box.sent.slice(-1), ["POST /api/v1/marks"], "the retry posts: the failed one made nothing");
  await box.answer(0);
  await box.answer(0);
  assert.deepEqual([(await retried).outcome, (await other).outcome], ["saved", "saved"]);
  assert.equal(box.cell("s1/l1").marks.length, 1);
});

test("a POST whose answer was lost is sent again unchanged: the mark it made is found, not made twice", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const empty = () => ({ marks: [] });
  const ids = idMaker();
  const first = typeInto(saves, "s1/l1", "5", empty, ids);
  await flush();
  await box.lose();
  assert.equal((await first).outcome, "failed");
  assert.equal(box.cell("s1/l1").marks.length, 1, "the box made the mark; the app does not know it");
  // The grid tries the same value again: the same POST goes, and nothing more is needed.
  const again = typeInto(saves, "s1/l1", "5", empty, ids);
  await flush();
  assert.deepEqual(box.waiting.map((w) => w.call.body), [{ id: "u1", student_id: "s1", lesson_id: "l1", value: 5, work_type: "oral" }]);
  await box.answer();
  // The grid learns that the box was asked (the journal must be read again to show the mark).
  assert.deepEqual(await again, { outcome: "saved", sent: 1 });
  assert.deepEqual(box.cell("s1/l1").marks.map((m) => [m.id, m.value]), [["u1", 5]]);
  // Typed over after another lost answer: the lost POST is asked first, then its mark is changed.
  const lost = typeInto(saves, "s2/l1", "3", empty, ids);
  await flush();
  await box.lose();
  await lost;
  const changed = typeInto(saves, "s2/l1", "4", empty, ids);
  await box.answer();
  await box.answer();
  assert.deepEqual(await changed, { outcome: "saved", sent: 2 });
  // (u2 was named by the plan of the save above, which needed no POST.)
  assert.deepEqual(box.sent.slice(-2), ["POST /api/v1/marks", "PATCH /api/v1/marks/u3"]);
  assert.deepEqual(box.cell("s2/l1").marks.map((m) => [m.id, m.value]), [["u3", 4]]);
});

test("a lost POST refused when sent again (it made nothing) is planned afresh with a new id", async () => {
  const box = new FakeBox();
  const saves = new CellSaves(box.send, () => 0);
  const ids = idMaker();
  const first = typeInto(saves, "s1/l1", "5", () => ({ marks: [] }), ids);
  await flush();
  await box.answer(0, Object.assign(new Error("the connection dropped"), { status: 0 }));  // lost before the box
  await first;
  const again = typeInto(saves, "s1/l1", "5", () => ({ marks: [] }), ids);
  await flush();
  await box.answer(0, Object.assign(new Error("busy"), { status: 503 }));  // the box could not look: still unknown
  assert.equal((await again).outcome, "failed");
  const third = typeInto(saves, "s1/l1", "5", () => ({ marks: [] }), ids);
  await flush();
  assert.equal(box.waiting[0].call.body.id, "u1", "still the first POST");
  await box.answer(0, Object.assign(new Error("another mark's id"), { status: 409, code: "mark.id_taken" }));
  await flush();
  assert.equal(box.waiting[0].call.body.id, "u2", "refused after looking: a new POST with a new id");
  await box.answer();
  assert.deepEqual(await third, { outcome: "saved", sent: 1 });
  assert.deepEqual(box.cell("s1/l1").marks.map((m) => m.id), ["u2"]);
});

test("a journal read begun before a save's answer does not make the cell forget that answer", async () => {
  const box = new FakeBox();
  let clock = 0;
  const saves = new CellSaves(box.send, () => clock);
  const stale = () => ({ marks: [] });
  const first = typeInto(saves, "s1/l1", "5", stale);
  clock = 10;
  await box.answer();  // answered at 10
  await first;
  saves.journalRead(5);  // a read begun at 5 (before the answer) arrives: it may not hold the mark
  const second = typeInto(saves, "s1/l1", "4", stale);
  await flush();
  assert.deepEqual(box.sent, ["POST /api/v1/marks", "PATCH /api/v1/marks/m1"]);
  await box.answer();
  await second;
  saves.journalRead(20);  // a later read holds it: the journal is the truth again
  assert.ok(!saves.cells.has("s1/l1"));
  const fresh = () => box.read("s1/l1");
  const third = typeInto(saves, "s1/l1", "", fresh);
  await box.answer();
  await third;
  assert.deepEqual(box.cell("s1/l1").marks, []);
});

// chrony's way: many random runs of typing into a few cells, answers in any order across cells, and
// journal reads that arrive late. In the end each cell holds its last typed value, never two marks.
// (A mark and an absence are apart in the box: typing "н" over a mark keeps the mark, as ever.)
// Some POSTs' answers are lost after the box made the mark; failed saves are tried again at the end,
// as the grid's retry timer does.
test("random typing, answers and late journal reads never double a mark nor lose the last value", async () => {
  const values = ["", "2", "3", "4", "5", "н", "б", "о5"];
  for (let seed = 1; seed <= 300; seed++) {
    let state = seed;
    const rand = (n) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const box = new FakeBox();
    let clock = 0;
    const saves = new CellSaves(box.send, () => clock);
    const keys = ["s1/l1", "s1/l2", "s2/l1"];
    const ids = idMaker();
    const latestSave = {};
    let journal = Object.fromEntries(keys.map((k) => [k, box.read(k)]));
    const reads = [];  // journal reads under way: {at, cells}
    const last = {};
    const pending = [];
    for (let step = 0; step < 40; step++) {
      clock += 1;
      const what = rand(4);
      if (what === 0) {
        const key = keys[rand(keys.length)];
        last[key] = values[rand(values.length)];
        latestSave[key] = typeInto(saves, key, last[key], () => journal[key], ids);
        pending.push(latestSave[key]);
      } else if (what === 1 && box.waiting.length) {
        const i = rand(box.waiting.length);
        if (box.waiting[i].call.method === "POST" && rand(3) === 0) await box.lose(i);
        else await box.answer(i);
      } else if (what === 2) {
        reads.push({ at: clock, cells: Object.fromEntries(keys.map((k) => [k, box.read(k)])) });
      } else if (reads.length) {
        // Reads arrive in the order they began: use_api drops a read once a newer one begins.
        const read = reads.pop();
        reads.length = 0;
        journal = read.cells;
        saves.journalRead(read.at);
      }
      await flush();
    }
    while (box.waiting.length) await box.answer(rand(box.waiting.length));
    await Promise.all(pending);
    for (let round = 0; round < 5; round++) {
      const failed = [];
      for (const key of Object.keys(latestSave)) if ((await latestSave[key]).outcome === "failed") failed.push(key);
      if (!failed.length) break;
      for (const key of failed) latestSave[key] = typeInto(saves, key, last[key], () => journal[key], ids);
      while (box.waiting.length) await box.answer(rand(box.waiting.length));
      await Promise.all(failed.map((key) => latestSave[key]));
    }
    for (const [key, text] of Object.entries(last)) {
      const c = box.cell(key);
      const parsed = parseCell(text, scale);
      assert.ok(c.marks.length <= 1, `seed ${seed}: ${key} holds ${c.marks.length} marks`);
      if (parsed.kind === "mark") assert.equal(c.marks[0] && c.marks[0].value, parsed.value, `seed ${seed}: ${key}`);
      if (parsed.kind === "absence") assert.equal(c.absence && c.absence.status, parsed.status, `seed ${seed}: ${key}`);
      // (Emptying a cell with a mark takes the mark away and leaves an absence: the grid's rule.)
      if (parsed.kind === "empty") assert.equal(c.marks.length, 0, `seed ${seed}: ${key} kept its mark`);
    }
  }
});
