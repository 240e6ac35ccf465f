// diary: the hall kiosk's week — the server's diary JSON (GET /api/v1/students/{id}/diary) as big,
// touchable columns: days, lessons with subject, topic, homework, marks with weights, absences.
"use strict";

function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

function button(cls, label, onPress) {
  const b = el("button", cls, label);
  b.type = "button";
  b.addEventListener("click", onPress);
  return b;
}

// "2026-11-23" → "23 ноября" / "23 November".
function dayText(iso, t) {
  const [, m, d] = iso.split("-").map(Number);
  return `${d} ${t.months[m - 1] || ""}`;
}

function weekText(diary, week, t) {
  const days = diary && diary.days ? diary.days : [];
  if (days.length === 0) return (diary && diary.week) || week || "";
  const first = days[0].date, last = days[days.length - 1].date;
  if (first.slice(0, 7) === last.slice(0, 7)) return `${Number(first.slice(8))}–${dayText(last, t)}`;  // 23–28 ноября
  return `${dayText(first, t)} — ${dayText(last, t)}`;
}

function markNode(m, t) {
  const mark = el("span", `mark m${m.value}`, String(m.value));
  if (m.weight && m.weight !== 1) mark.append(el("sub", "weight", `×${m.weight}`));
  mark.title = [m.work_type_name, t.weight(m.weight), m.comment].filter(Boolean).join(", ");
  return mark;
}

function lessonNode(l, t) {
  const row = el("div", l.cancelled ? "lesson cancelled" : "lesson");
  row.append(el("div", "period", String(l.period), el("small", null, l.starts || "")));
  const body = el("div", "lesson-body", el("div", "subject", l.subject || "", l.cancelled ? el("em", null, ` (${t.cancelled})`) : null));
  if (l.topic) body.append(el("div", "topic", l.topic));
  for (const h of l.homework || []) body.append(el("div", "homework", `${t.homework}: ${h.text}`));
  row.append(body);
  const marks = el("div", "marks");
  for (const m of l.marks || []) marks.append(markNode(m, t));
  const a = l.attendance;
  if (a && a.status && a.status !== "present") {
    const text = a.status === "late" && a.late_minutes ? t.lateMinutes(a.late_minutes) : t.absence[a.status] || a.status;
    marks.append(el("span", "absence", text));
  }
  row.append(marks);
  return row;
}

// The server may add the week's average per subject: either {"Математика": 4.5} or
// [{"subject": "Математика", "average": 4.5}] under "averages". Shown only when present.
function averagesNode(diary, t) {
  let list = diary.averages;
  if (!list) return null;
  if (!Array.isArray(list)) list = Object.entries(list).map(([subject, average]) => ({ subject, average }));
  list = list.filter((a) => typeof a.average === "number");
  if (list.length === 0) return null;
  const box = el("div", "averages", el("span", "averages-title", `${t.average}:`));
  for (const a of list) box.append(el("span", "average", `${a.subject} `, el("b", null, a.average.toFixed(2))));
  return box;
}

// What the printer has, in words: the problem's own when the page has them, else the printer's.
function printerTrouble(p, t) {
  if (p.problem !== "other_problem" && t.printerTrouble[p.problem]) return t.printerTrouble[p.problem];
  return p.reason ? t.printerFault(p.reason) : t.printerTrouble.other_problem;
}

// The Print button's progress (state.print, from the agent) as a line and a smaller second line.
function printLines(p, t) {
  switch (p.stage) {
    case "unavailable": return [t.printUnavailable];
    case "preparing": return [t.printPreparing];
    case "printing": return [t.printPrinting];
    case "stopped": return [`${printerTrouble(p, t)} — ${t.callDuty}`, t.printResumes];
    case "printed": return [t.printPrinted, p.prints_left >= 0 ? t.printsLeft(p.prints_left) : ""];
    case "failed":
      if (t.printFailed[p.problem]) {
        const boxWords = p.problem === "box_refused" || p.problem === "box_unreachable";
        return [t.printFailed[p.problem], boxWords ? p.reason : ""];
      }
      // The printer could not print when asked: the box was not asked, no print was used up.
      return [`${printerTrouble(p, t)} — ${t.callDuty}`, t.printNotUsed];
    default: return [];
  }
}

function printNode(p, t) {
  if (!p || !p.stage || p.stage === "none") return null;
  const [line, more] = printLines(p, t);
  if (!line) return null;
  return el("div", `diary-notice print-${p.stage}`, line, more ? el("small", null, more) : null);
}

const PRINT_RUNNING = ["preparing", "printing", "stopped"];

// state: the screen state (banner "diary"); t: the texts; post(path): sends an input to the agent.
function renderDiary(state, t, post) {
  const diary = state.diary;
  const root = el("div", "diary-view");
  const who = diary && diary.student ? `${diary.student.name || diary.student.full_name || ""}` : state.person;
  const cls = diary && diary.student ? diary.student.class : state.class_name;
  const print = button("nav print", t.print, () => post("print"));
  print.disabled = Boolean(state.print && PRINT_RUNNING.includes(state.print.stage));  // the agent ignores it too
  root.append(el("div", "diary-bar",
    button("nav", t.prevWeek, () => post("week/-1")),
    el("div", "diary-title", el("div", "diary-who", who || "", cls ? el("span", "diary-class", ` ${cls}`) : null),
       el("div", "diary-week", weekText(diary, state.week, t))),
    button("nav", t.nextWeek, () => post("week/1")),
    print,
    button("nav done", t.done, () => post("done"))));
  const printing = printNode(state.print, t);
  if (printing) root.append(printing);

  if (!diary || !Array.isArray(diary.days)) {
    root.append(el("div", "diary-missing", t.diaryMissing, state.diary_error ? el("small", null, state.diary_error) : null));
    return root;
  }
  const averages = averagesNode(diary, t);
  if (averages) root.append(averages);
  const grid = el("div", "days");
  for (const day of diary.days) {
    const box = el("section", "day", el("h2", null, `${t.weekdays[day.weekday] || ""}, ${dayText(day.date, t)}`));
    if (!day.lessons || day.lessons.length === 0) box.append(el("div", "no-lessons", t.noLessons));
    for (const l of day.lessons || []) box.append(lessonNode(l, t));
    grid.append(box);
  }
  root.append(grid);
  return root;
}
