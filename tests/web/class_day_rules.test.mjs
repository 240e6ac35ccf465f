// class_day_rules: both ways taps and attendance disagree, only for lessons that are over and only
// when the entrance was in use that day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lessonOver, cellDisagreement, classDayFindings } from "../../server/web/src/parts/class_day_rules.js";

const at = (text) => new Date(`${text}:00`);  // local time

test("a lesson is over when its day has passed or its end time has", () => {
  assert.equal(lessonOver("2026-11-23", "09:15", at("2026-11-24T08:00")), true);
  assert.equal(lessonOver("2026-11-25", "09:15", at("2026-11-24T20:00")), false);
  assert.equal(lessonOver("2026-11-24", "09:15", at("2026-11-24T09:14")), false);
  assert.equal(lessonOver("2026-11-24", "09:15", at("2026-11-24T09:15")), true);
});

test("a cell disagrees one way by the box's flag and the other way when present but not inside", () => {
  const used = { over: true, entranceInUse: true };
  assert.equal(cellDisagreement({ status: "absent_unexcused", in_building: true, disagrees: true }, used), "absent_inside");
  assert.equal(cellDisagreement({ status: "present", in_building: false, disagrees: false }, used), "present_outside");
  assert.equal(cellDisagreement({ status: "late", in_building: false, disagrees: false }, used), "present_outside");
  assert.equal(cellDisagreement({ status: "absent_illness", in_building: false, disagrees: false }, used), null);
  assert.equal(cellDisagreement({ status: "present", in_building: true, disagrees: false }, used), null);
  assert.equal(cellDisagreement({ status: "present", in_building: false, disagrees: false }, { ...used, over: false }), null);
  assert.equal(cellDisagreement({ status: "present", in_building: false, disagrees: false }, { ...used, entranceInUse: false }), null);
});

test("the day's findings list both kinds with the pupil and the lesson", () => {
  const lessons = [{ id: "L1", period: 1, subject: "Математика", starts: "08:30", ends: "09:15" },
                   { id: "L2", period: 2, subject: "Физика", starts: "09:25", ends: "10:10" }];
  const pupil = (name, taps, cells) => ({ student: { id: name, name }, taps,
    lessons: cells.map(([id, status, in_building, disagrees]) => ({ lesson_id: id, status, recorded: true, in_building, disagrees })) });
  const day = { date: "2026-11-24", lessons, students: [
    pupil("Аня", [{ at: "08:10", direction: "in" }], [["L1", "absent_unexcused", true, true], ["L2", "present", true, false]]),
    pupil("Боря", [], [["L1", "present", false, false], ["L2", "absent_illness", false, false]]),
  ] };
  const f = classDayFindings(day, at("2026-11-24T09:30"));  // L1 over, L2 not yet
  assert.equal(f.entranceInUse, true);
  assert.deepEqual(f.absent_inside.map((x) => [x.student.name, x.lesson.id]), [["Аня", "L1"]]);
  assert.deepEqual(f.present_outside.map((x) => [x.student.name, x.lesson.id]), [["Боря", "L1"]]);
  assert.deepEqual(f.rows[1].lessons.map((c) => c.kind), ["present_outside", null]);
  // Nobody tapped: the entrance was not in use, so nobody is "present but outside".
  const quiet = classDayFindings({ ...day, students: [day.students[1]] }, at("2026-11-25T09:00"));
  assert.equal(quiet.entranceInUse, false);
  assert.deepEqual(quiet.present_outside, []);
});
