// timetable_week: one week of lessons as the timetable screen shows it — the weekly template of a
// pupil's class with the week's per-date changes (substitutions, cancellations, rooms, moves) put
// on the lessons they change, or a teacher's own week as the box composes it (GET
// /api/v1/me/timetable); each day its bells with the breaks and meals between lessons. Pure
// functions over the API's answers; tested by node --test.
import { addDays, formatDate } from "./week.js";

const MINUTE = /^(\d{1,2}):(\d{2})$/;
const minutes = (hhmm) => {
  const m = MINUTE.exec(hhmm || "");
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

// The periods that ring on an ISO weekday (1 = Monday), by number; [] when no bells ring.
export function periodsOn(bells, weekday) {
  const day = (bells.weekdays || []).find((d) => d.weekday === weekday);
  const variant = day && day.variant && (bells.variants || []).find((v) => v.name === day.variant);
  return variant ? [...variant.periods].sort((a, b) => a.number - b.number) : [];
}

// The day's rows in order: each period with its lessons, and between two periods the break with
// its length in minutes and its meal ("breakfast", "lunch" or null).
function rowsOf(periods, lessonsAt) {
  const rows = [];
  periods.forEach((p, i) => {
    rows.push({ kind: "period", number: p.number, starts: p.starts, ends: p.ends, lessons: lessonsAt(p.number) });
    const next = periods[i + 1];
    if (next) {
      const gap = minutes(next.starts) - minutes(p.ends);
      rows.push({ kind: "break", after: p.number, minutes: Number.isFinite(gap) ? gap : null, meal: p.break_after || null });
    }
  });
  return rows;
}

// Does the change (of a date) concern the template lesson? Same class, template period and group.
const changes = (change, classId, lesson) =>
  change.class.id === classId && change.period === lesson.period && (change.group || 0) === (lesson.group || 0);

// One week from Monday: {date, weekday, rows}. `lessons` are the template lessons of a pupil's
// class (already only the pupil's group), each with `class` ({id, name}) added; `changes` are the
// week's per-date changes. Lessons without a day of bells are left out (the office sees to that).
export function composeWeek({ monday, bells, lessons, changes: weekChanges = [] }) {
  const days = [];
  for (let i = 0; i < 7; i += 1) {
    const date = addDays(monday, i);
    const day = formatDate(date);
    const weekday = i + 1;
    const periods = periodsOn(bells, weekday);
    const todays = weekChanges.filter((c) => c.date === day);
    const placed = [];
    for (const l of lessons.filter((x) => x.weekday === weekday)) {
      const change = todays.find((c) => changes(c, l.class.id, l)) || null;
      const entry = { ...l, change };
      if (change && change.kind === "moved" && change.to_period) {
        placed.push({ ...entry, period: l.period, moved: "away" });
        placed.push({ ...entry, period: change.to_period, room: change.room || l.room, moved: "here" });
      } else {
        placed.push(entry);
      }
    }
    if (periods.length === 0 && placed.length === 0) continue;
    const at = (n) => placed.filter((p) => p.period === n).sort((a, b) => (a.group || 0) - (b.group || 0));
    days.push({ date: day, weekday, rows: rowsOf(periods, at) });
  }
  return days;
}

// A teacher's own week (GET /api/v1/me/timetable) as the same days: {date, weekday, school_day,
// rows}, each period's lessons as the box gives them (already changed, and marked how). Days
// without bells and without lessons are left out, as composeWeek leaves them.
export function teacherWeek(answer) {
  const days = [];
  for (const d of answer.days || []) {
    const periods = d.bells ? [...d.bells.periods].sort((a, b) => a.number - b.number) : [];
    if (periods.length === 0 && d.lessons.length === 0) continue;
    const at = (n) => d.lessons.filter((l) => l.period === n).sort((a, b) => a.group - b.group);
    days.push({ date: d.date, weekday: d.weekday, school_day: d.school_day, rows: rowsOf(periods, at) });
  }
  return days;
}

// What a lesson looks like after its change: {subject, teacher, room, cancelled, note}. The
// template's values stay where the change says nothing.
export function effective(lesson) {
  const c = lesson.change;
  const out = { subject: lesson.subject, teacher: lesson.teacher, room: lesson.room || null, cancelled: false, note: c ? c.note || "" : "" };
  if (!c) return out;
  if (c.kind === "cancelled") out.cancelled = true;
  if (c.kind === "substitution") {
    out.teacher = c.teacher || out.teacher;
    if (c.subject) out.subject = c.subject;
    if (c.room) out.room = c.room;
  }
  if (c.kind === "room" && c.room) out.room = c.room;
  if (c.kind === "moved" && lesson.moved === "away") out.cancelled = true;
  return out;
}
