// The journal grid's rules (server/web/src/parts/journal_cells.js): what a typed cell means and
// which API calls save it. Run by `node --test` (CTest: unit.web.journal_cells).
import test from "node:test";
import assert from "node:assert/strict";
import { parseCell, cellText, cellExtra, saveCalls, weightedAverage } from "../../server/web/src/parts/journal_cells.js";

const scale = { min: 1, max: 5 };
const mark = (id, value, weight = 1) => ({ id, value, weight });
const where = { studentId: "s1", lessonId: "l1", marks: [], absence: undefined, workType: "classwork" };

test("a typed cell is a mark on the scale, an absence, late minutes, nothing, or refused", () => {
  assert.deepEqual(parseCell(" 5 ", scale), { kind: "mark", value: 5 });
  assert.deepEqual(parseCell("6", scale), { kind: "invalid", reason: "scale" });
  assert.deepEqual(parseCell("0", scale), { kind: "invalid", reason: "scale" });
  assert.deepEqual(parseCell("Н", scale), { kind: "absence", status: "absent_unexcused", late_minutes: 0 });
  assert.deepEqual(parseCell("n", scale), { kind: "absence", status: "absent_unexcused", late_minutes: 0 });
  assert.deepEqual(parseCell("б", scale), { kind: "absence", status: "absent_illness", late_minutes: 0 });
  assert.deepEqual(parseCell("у", scale), { kind: "absence", status: "absent_excused", late_minutes: 0 });
  assert.deepEqual(parseCell("о10", scale), { kind: "absence", status: "late", late_minutes: 10 });
  assert.deepEqual(parseCell("l5", scale), { kind: "absence", status: "late", late_minutes: 5 });
  assert.equal(parseCell("о99", scale).kind, "invalid", "late beyond 45 minutes is refused as the server does");
  assert.equal(parseCell("x", scale).kind, "invalid");
  assert.deepEqual(parseCell("", scale), { kind: "empty" });
  assert.deepEqual(parseCell("10", { min: 1, max: 10 }), { kind: "mark", value: 10 }, "a ten-point school");
});

test("a cell shows its last mark, else its absence", () => {
  assert.equal(cellText([mark("a", 3), mark("b", 5)], undefined), "5");
  assert.equal(cellText([], { status: "absent_illness" }), "б");
  assert.equal(cellText([], { status: "late", late_minutes: 7 }), "о7");
  assert.equal(cellText([], undefined), "");
});

test("an absence beside a mark is shown small before it, with the earlier marks", () => {
  assert.equal(cellExtra([mark("a", 5)], undefined), "");
  assert.equal(cellExtra([mark("a", 3), mark("b", 4), mark("c", 5)], undefined), "3 4");
  assert.equal(cellExtra([mark("a", 5)], { status: "absent_unexcused" }), "н", "typed over a mark, the absence must show");
  assert.equal(cellExtra([mark("a", 3), mark("b", 5)], { status: "late", late_minutes: 10 }), "о10 3");
  assert.equal(cellExtra([], { status: "absent_illness" }), "", "alone, the absence is the cell's text");
});

test("saving posts a new mark with the column's work type, patches a changed one, deletes a cleared one", () => {
  assert.deepEqual(saveCalls({ kind: "mark", value: 4 }, where),
    [{ method: "POST", path: "/api/v1/marks", body: { student_id: "s1", lesson_id: "l1", value: 4, work_type: "classwork" } }]);
  const held = { ...where, marks: [mark("m1", 3)], reason: "Исправлено в журнале" };
  assert.deepEqual(saveCalls({ kind: "mark", value: 4 }, held), [{ method: "PATCH", path: "/api/v1/marks/m1", body: { value: 4, reason: "Исправлено в журнале" } }],
    "the box keeps a reason with every change of a mark");
  assert.deepEqual(saveCalls({ kind: "mark", value: 3 }, held), [], "the same value sends nothing");
  assert.deepEqual(saveCalls({ kind: "empty" }, held), [{ method: "DELETE", path: "/api/v1/marks/m1", body: { reason: "Исправлено в журнале" } }]);
});

test("saving an absence puts the lesson's attendance for that pupil; clearing it puts present", () => {
  assert.deepEqual(saveCalls(parseCell("н", scale), where), [{ method: "PUT", path: "/api/v1/lessons/l1/attendance",
    body: { students: [{ student_id: "s1", status: "absent_unexcused" }] } }]);
  assert.deepEqual(saveCalls(parseCell("о10", scale), where), [{ method: "PUT", path: "/api/v1/lessons/l1/attendance",
    body: { students: [{ student_id: "s1", status: "late", late_minutes: 10 }] } }]);
  const absent = { ...where, absence: { status: "absent_unexcused" } };
  assert.deepEqual(saveCalls(parseCell("н", scale), absent), [], "the same absence sends nothing");
  assert.deepEqual(saveCalls({ kind: "empty" }, absent), [{ method: "PUT", path: "/api/v1/lessons/l1/attendance",
    body: { students: [{ student_id: "s1", status: "present" }] } }]);
  assert.deepEqual(saveCalls({ kind: "empty" }, where), [], "an empty cell left empty sends nothing");
  assert.deepEqual(saveCalls({ kind: "invalid" }, where), [], "a refused entry is never sent");
});

test("the average weighs each mark by its work type, as the server does", () => {
  assert.equal(weightedAverage([]), null);
  assert.equal(weightedAverage([mark("a", 5, 1), mark("b", 4, 3)]), 4.25);
  assert.equal(weightedAverage([mark("a", 2, 2), mark("b", 5, 2)]), 3.5);
});

test("a teacher's change makes a learning platform's mark theirs; a teacher's own mark gets no source", async () => {
  const { afterCall } = await import("../../server/web/src/parts/journal_cells.js");
  const from = { client: "Платформа", title: "Тест", score: 13, max: 20, overridden: false };
  const call = { method: "PATCH", path: "/api/v1/marks/m1", body: { value: 5, reason: "r" } };
  const cell = afterCall({ marks: [{ ...mark("m1", 4), source: from }, mark("m2", 3)] }, call, { id: "m1", value: 5 });
  assert.deepEqual(cell.marks[0].source, { ...from, overridden: true });
  assert.equal(cell.marks[0].value, 5);
  assert.equal(cell.marks[1].source, undefined);
  const own = afterCall({ marks: [mark("m1", 4)] }, call, { id: "m1", value: 5 });
  assert.equal(own.marks[0].source, undefined);
});
