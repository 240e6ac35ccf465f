// The timetable screen's week (server/web/src/timetable_week.js): bells, breaks and meals, and the
// week's changes on the lessons they change. CTest: unit.web.timetable_week.
import test from "node:test";
import assert from "node:assert/strict";
import { composeWeek, effective, periodsOn, teacherWeek } from "../../server/web/src/timetable_week.js";
import { mondayOf } from "../../server/web/src/week.js";

const bells = {
  variants: [{ name: "основное", periods: [
    { number: 2, starts: "09:25", ends: "10:10", break_after: "lunch" },
    { number: 1, starts: "08:30", ends: "09:15", break_after: "breakfast" },
    { number: 3, starts: "10:30", ends: "11:15", break_after: null },
  ] }],
  weekdays: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, variant: d <= 5 ? "основное" : null })),
};
const A = { id: "class-a", name: "5А" };
const B = { id: "class-b", name: "6Б" };
const me = { id: "t-me", name: "Иванова М. П." };
const other = { id: "t-other", name: "Петров С. И." };
const lesson = (weekday, period, subject, extra = {}) =>
  ({ weekday, period, group: 0, class: A, subject: { id: subject, name: subject }, teacher: me, room: "12", ...extra });
const monday = mondayOf("2026-W48");  // 2026-11-23

test("a day is its periods in order with the breaks between, meals named", () => {
  assert.deepEqual(periodsOn(bells, 6), []);
  const [mon] = composeWeek({ monday, bells, lessons: [lesson(1, 1, "Математика")] });
  assert.equal(mon.date, "2026-11-23");
  assert.deepEqual(mon.rows.map((r) => r.kind === "break" ? `break ${r.minutes} ${r.meal}` : `${r.number} ${r.starts}`),
    ["1 08:30", "break 10 breakfast", "2 09:25", "break 20 lunch", "3 10:30"]);
  assert.equal(mon.rows[0].lessons[0].subject.name, "Математика");
  assert.deepEqual(mon.rows[2].lessons, []);
});

test("days without bells and lessons are left out; the week has the five school days", () => {
  const days = composeWeek({ monday, bells, lessons: [] });
  assert.deepEqual(days.map((d) => d.weekday), [1, 2, 3, 4, 5]);
});

test("a change applies on its date only, to the lesson of its class, period and group", () => {
  const lessons = [lesson(2, 1, "Математика"), lesson(2, 2, "Английский", { group: 1 }), lesson(2, 2, "Английский", { group: 2, room: "7" })];
  const changes = [
    { date: "2026-11-24", class: A, period: 1, group: 0, kind: "cancelled", note: "болезнь" },
    { date: "2026-11-24", class: A, period: 2, group: 2, kind: "room", room: "30" },
    { date: "2026-12-01", class: A, period: 1, group: 0, kind: "cancelled" },
    { date: "2026-11-24", class: B, period: 1, group: 0, kind: "cancelled" },
  ];
  const tue = composeWeek({ monday, bells, lessons, changes }).find((d) => d.weekday === 2);
  const [first] = tue.rows[0].lessons;
  assert.deepEqual(effective(first), { subject: first.subject, teacher: me, room: "12", cancelled: true, note: "болезнь" });
  const [g1, g2] = tue.rows[2].lessons;
  assert.equal(effective(g1).room, "12");
  assert.equal(g1.change, null);
  assert.equal(effective(g2).room, "30");
});

test("a substitution names the substitute; a move shows the lesson in both places", () => {
  const lessons = [lesson(3, 1, "Математика"), lesson(3, 3, "История")];
  const changes = [
    { date: "2026-11-25", class: A, period: 1, group: 0, kind: "substitution", teacher: other, subject: null, room: null, note: "" },
    { date: "2026-11-25", class: A, period: 3, group: 0, kind: "moved", to_period: 2, room: null, note: "" },
  ];
  const wed = composeWeek({ monday, bells, lessons, changes }).find((d) => d.weekday === 3);
  const sub = effective(wed.rows[0].lessons[0]);
  assert.equal(sub.teacher, other);
  assert.equal(sub.subject.name, "Математика");
  assert.equal(wed.rows[2].lessons[0].moved, "here");
  assert.equal(effective(wed.rows[2].lessons[0]).cancelled, false);
  assert.equal(wed.rows[4].lessons[0].moved, "away");
  assert.equal(effective(wed.rows[4].lessons[0]).cancelled, true);
});

test("a teacher's own week from the box keeps its days with bells or lessons, lessons in their periods", () => {
  const periods = bells.variants[0].periods;
  const lesson = (period, group, part, extra = {}) => ({ period, group, part, class: A, subject: { id: "s", name: "Физика" },
    starts: "", ends: "", cancelled: false, room: "5", changes: [], ...extra });
  const answer = { week: "2026-W48", teacher: me, days: [
    { date: "2026-11-23", weekday: 1, school_day: true, bells: { name: "основное", periods }, lessons: [
      lesson(3, 0, "own", { cancelled: true }), lesson(1, 2, "substitute", { class: B }), lesson(1, 1, "own")] },
    { date: "2026-11-24", weekday: 2, school_day: true, bells: { name: "основное", periods }, lessons: [] },
    { date: "2026-11-28", weekday: 6, school_day: true, bells: null, lessons: [] },
  ] };
  const days = teacherWeek(answer);
  assert.deepEqual(days.map((d) => d.date), ["2026-11-23", "2026-11-24"], "a day without bells or lessons is left out");
  const [mon, tue] = days;
  assert.deepEqual(mon.rows.map((r) => r.kind === "break" ? `break ${r.meal}` : `${r.number} ${r.starts}`),
    ["1 08:30", "break breakfast", "2 09:25", "break lunch", "3 10:30"], "periods in order, whatever the order given");
  assert.deepEqual(mon.rows[0].lessons.map((l) => [l.group, l.part, l.class.name]), [[1, "own", "5А"], [2, "substitute", "6Б"]]);
  assert.deepEqual(mon.rows[2].lessons, []);
  assert.equal(mon.rows[4].lessons[0].cancelled, true);
  assert.equal(tue.rows.filter((r) => r.kind === "period").every((r) => r.lessons.length === 0), true);
});
