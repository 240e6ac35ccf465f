// journal_cells: what a journal cell's text means and what saving it asks of the API — pure
// functions, so the grid's rules are tested without a browser.
//   ""            nothing: the mark is removed, an absence cleared
//   "5"           a mark on the school's scale
//   "н" or "n"    absent (no valid reason)       "б" or "i"   absent, ill
//   "у" or "e"    absent with a valid reason      "о10"/"l10"  10 minutes late

const ABSENCES = { "н": "absent_unexcused", "n": "absent_unexcused", "б": "absent_illness", "i": "absent_illness",
  "у": "absent_excused", "e": "absent_excused" };
const SHOWN = { absent_unexcused: "н", absent_illness: "б", absent_excused: "у" };

// {kind: "empty"} | {kind: "mark", value} | {kind: "absence", status, late_minutes} | {kind: "invalid"}
export function parseCell(text, scale) {
  const s = (text || "").trim().toLowerCase();
  if (s === "") return { kind: "empty" };
  if (/^-?\d+$/.test(s)) {
    const value = Number(s);
    const min = scale ? scale.min : 1, max = scale ? scale.max : 5;
    return value >= min && value <= max ? { kind: "mark", value } : { kind: "invalid", reason: "scale" };
  }
  if (s in ABSENCES) return { kind: "absence", status: ABSENCES[s], late_minutes: 0 };
  const late = /^[оl](\d{1,2})$/.exec(s);
  if (late && Number(late[1]) >= 1 && Number(late[1]) <= 45) return { kind: "absence", status: "late", late_minutes: Number(late[1]) };
  return { kind: "invalid", reason: "unknown" };
}

// What a cell shows for what the journal holds: its last mark, else its absence, else nothing.
export function cellText(marks, absence) {
  if (marks.length) return String(marks[marks.length - 1].value);
  if (absence) return absence.status === "late" ? `о${absence.late_minutes || ""}` : SHOWN[absence.status] || "";
  return "";
}

// What a cell shows small before its text: an absence beside the mark that hides it (typing "н" over a
// mark keeps the mark: a pupil may be marked for work handed in on a day away), then the earlier marks.
export function cellExtra(marks, absence) {
  const parts = marks.length > 1 ? marks.slice(0, -1).map((m) => String(m.value)) : [];
  if (marks.length && absence) parts.unshift(cellText([], absence));
  return parts.join(" ");
}

// The API calls that make the cell hold `parsed`: [{method, path, body}] (empty when nothing changes).
// `reason`: what a change or removal of a mark says in its history (the box asks for one); `newId`:
// the id a new mark is posted with (crypto.randomUUID()), so that the POST can be sent again safely.
export function saveCalls(parsed, { studentId, lessonId, marks, absence, workType, reason, newId }) {
  const last = marks.length ? marks[marks.length - 1] : null;
  const attendance = (status, late) => ({
    method: "PUT", path: `/api/v1/lessons/${encodeURIComponent(lessonId)}/attendance`,
    body: { students: [{ student_id: studentId, status, ...(status === "late" ? { late_minutes: late } : {}) }] },
  });
  if (parsed.kind === "mark") {
    if (last && last.value === parsed.value) return [];
    if (last) return [{ method: "PATCH", path: `/api/v1/marks/${encodeURIComponent(last.id)}`, body: { value: parsed.value, reason } }];
    return [{ method: "POST", path: "/api/v1/marks", body: { ...(newId ? { id: newId } : {}), student_id: studentId,
      lesson_id: lessonId, value: parsed.value, work_type: workType } }];
  }
  if (parsed.kind === "absence") {
    if (absence && absence.status === parsed.status && (absence.late_minutes || 0) === parsed.late_minutes) return [];
    return [attendance(parsed.status, parsed.late_minutes)];
  }
  if (parsed.kind === "empty") {
    if (last) return [{ method: "DELETE", path: `/api/v1/marks/${encodeURIComponent(last.id)}`, body: { reason } }];
    if (absence) return [attendance("present", 0)];
    return [];
  }
  return [];
}

// The cell as the box holds it once `call` (one of saveCalls') was answered with `answer`: a
// POST's new mark joins the cell's marks (so the next save changes it instead of making another), a
// PATCH changes the mark, a DELETE takes it away, an attendance PUT sets the absence.
export function afterCall(cell, call, answer) {
  const marks = cell.marks || [];
  if (call.method === "POST") return { ...cell, marks: [...marks, answer] };
  if (call.method === "PATCH") {
    const id = decodeURIComponent(call.path.slice(call.path.lastIndexOf("/") + 1));
    // A mark a OneRoster client made is the teacher's once they change it (docs/sync.md § Writes).
    const mine = (m) => (m.source ? { source: { ...m.source, overridden: true } } : {});
    return { ...cell, marks: marks.map((m) => (m.id === id ? { ...m, value: call.body.value, ...answer, ...mine(m) } : m)) };
  }
  if (call.method === "DELETE") {
    const id = decodeURIComponent(call.path.slice(call.path.lastIndexOf("/") + 1));
    return { ...cell, marks: marks.filter((m) => m.id !== id) };
  }
  if (call.method === "PUT") {
    const s = call.body.students[0];
    return { ...cell, absence: s.status === "present" ? undefined : { status: s.status, late_minutes: s.late_minutes || 0 } };
  }
  return cell;
}

// The weighted average as the server computes it: Σ(mark × weight) ÷ Σ weight; null without marks.
export function weightedAverage(marks) {
  let top = 0, bottom = 0;
  for (const m of marks) {
    top += m.value * m.weight;
    bottom += m.weight;
  }
  return bottom ? top / bottom : null;
}
