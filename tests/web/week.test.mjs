// Weeks and terms as the app computes them (server/web/src/week.js). CTest: unit.web.week.
import test from "node:test";
import assert from "node:assert/strict";
import { isoWeek, isWeek, mondayOf, shiftWeek, parseDate, formatDate, termOn } from "../../server/web/src/week.js";

test("ISO weeks, including the ones that straddle a new year", () => {
  assert.equal(isoWeek(parseDate("2026-11-23")), "2026-W48");
  assert.equal(isoWeek(parseDate("2026-12-31")), "2026-W53");
  assert.equal(isoWeek(parseDate("2027-01-03")), "2026-W53");
  assert.equal(isoWeek(parseDate("2027-01-04")), "2027-W01");
  assert.equal(formatDate(mondayOf("2026-W48")), "2026-11-23");
  assert.equal(formatDate(mondayOf("2027-W01")), "2027-01-04");
  assert.equal(shiftWeek("2026-W53", 1), "2027-W01");
  assert.equal(shiftWeek("2027-W01", -1), "2026-W53");
});

test("only real weeks are weeks", () => {
  assert.ok(isWeek("2026-W53"));
  assert.ok(!isWeek("2027-W53"), "2027 has 52 weeks");
  assert.ok(!isWeek("2026-W00"));
  assert.ok(!isWeek("2026-48"));
  assert.ok(!isWeek(undefined));
});

test("the term is the school's: the one holding the day, else the last one before it", () => {
  const terms = [{ number: 1, from: "2026-09-01", to: "2026-10-27" }, { number: 2, from: "2026-11-05", to: "2026-12-28" }];
  assert.equal(termOn(terms, parseDate("2026-11-23")).number, 2);
  assert.equal(termOn(terms, parseDate("2026-11-01")).number, 1, "the holidays between terms belong to the term before");
  assert.equal(termOn(terms, parseDate("2026-08-01")).number, 1, "before the year: the first term");
  assert.equal(termOn([], parseDate("2026-11-23")), null);
});
