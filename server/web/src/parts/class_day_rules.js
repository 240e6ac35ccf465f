// class_day_rules: where a class's entrance taps and its lesson attendance disagree, pure and tested
// by node --test. The box flags one way (marked absent while inside: `disagrees`); the other way —
// marked present (or late) while the entrance says the pupil was not inside — is flagged here, for
// lessons that are over, and only on a day the class's pupils tapped at all (a school or a day
// without entrance kiosks would otherwise flag every pupil).

const ABSENT = new Set(["absent_unexcused", "absent_excused", "absent_illness"]);

export function isAbsent(status) {
  return ABSENT.has(status);
}

// Is the lesson of `date` that ends at `ends` ("13:45") over at `now` (a Date, local time)?
export function lessonOver(date, ends, now) {
  const p = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
  if (date !== today) return date < today;
  return ends <= `${p(now.getHours())}:${p(now.getMinutes())}`;
}

// "absent_inside", "present_outside" or null for one pupil's cell of one lesson.
export function cellDisagreement(cell, { over, entranceInUse }) {
  if (cell.disagrees) return "absent_inside";
  if (entranceInUse && over && !isAbsent(cell.status) && !cell.in_building) return "present_outside";
  return null;
}

// The day (GET /api/v1/classes/{id}/attendance) with each cell's disagreement, and the lists of both
// kinds for the summary above the table.
export function classDayFindings(day, now) {
  const entranceInUse = day.students.some((s) => s.taps.length > 0);
  const over = new Map(day.lessons.map((l) => [l.id, lessonOver(day.date, l.ends, now)]));
  const lessonById = new Map(day.lessons.map((l) => [l.id, l]));
  const found = { absent_inside: [], present_outside: [] };
  const rows = day.students.map((s) => ({
    ...s,
    lessons: s.lessons.map((c) => {
      const kind = cellDisagreement(c, { over: over.get(c.lesson_id), entranceInUse });
      if (kind) found[kind].push({ student: s.student, lesson: lessonById.get(c.lesson_id) });
      return { ...c, kind };
    }),
  }));
  return { rows, entranceInUse, ...found };
}
