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

// state: the screen state (banner "diary"); t: the texts; post(path): sends an input to the agent.
function renderDiary(state, t, post) {
  const diary = state.diary;
  const root = el("div", "diary-view");
  const who = diary && diary.student ? `${diary.student.name || diary.student.full_name || ""}` : state.person;
  const cls = diary && diary.student ? diary.student.class : state.class_name;
  root.append(el("div", "diary-bar",
    button("nav", t.prevWeek, () => post("week/-1")),
    el("div", "diary-title", el("div", "diary-who", who || "", cls ? el("span", "diary-class", ` ${cls}`) : null),
       el("div", "diary-week", weekText(diary, state.week, t))),
    button("nav", t.nextWeek, () => post("week/1")),
    button("nav print", t.print, () => post("print")),
    button("nav done", t.done, () => post("done"))));

  if (!diary || !Array.isArray(diary.days)) {
    root.append(el("div", "diary-missing", t.diaryMissing, state.diary_error ? el("small", null, state.diary_error) : null));
    return root;
  }
  // The agent answers the Print button with detail "printing_later" until kiosk printing exists.
  if (state.detail === "printing_later") root.append(el("div", "diary-notice", t.printingLater));
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
