// week: ISO weeks and dates as the API names them ("2026-W48", "2026-11-23"), in local calendar
// days. Pure functions; the screens ask these, never Date arithmetic of their own.

const DAY = 86400000;

// "2026-11-23" → a Date at local noon (noon: no daylight-saving edge can move it to another day).
export function parseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) : null;
}

export function formatDate(d) {
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function isoWeek(d) {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y = t.getUTCFullYear();
  const w = Math.ceil(((t - Date.UTC(y, 0, 1)) / DAY + 1) / 7);
  return `${y}-W${String(w).padStart(2, "0")}`;
}

export function isWeek(text) {
  const m = /^(\d{4})-W(\d{2})$/.exec(text || "");
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 53 && isoWeek(mondayOf(text)) === text;
}

// The Monday of an ISO week, as a local Date.
export function mondayOf(week) {
  const [y, n] = week.split("-W").map(Number);
  const jan4 = new Date(y, 0, 4, 12);
  const back = (jan4.getDay() || 7) - 1;
  return new Date(y, 0, 4 - back + (n - 1) * 7, 12);
}

export function shiftWeek(week, by) {
  const m = mondayOf(week);
  return isoWeek(new Date(m.getFullYear(), m.getMonth(), m.getDate() + 7 * by, 12));
}

export function addDays(d, n) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, 12);
}

// The school's term holding `date` (terms from GET /api/v1/school), else the nearest one before it,
// else the first: the term is the school's, never guessed from the month.
export function termOn(terms, date) {
  const day = formatDate(date);
  const sorted = [...(terms || [])].sort((a, b) => a.number - b.number);
  const inside = sorted.find((t) => t.from <= day && day <= t.to);
  if (inside) return inside;
  const before = sorted.filter((t) => t.to < day);
  return before.length ? before[before.length - 1] : sorted[0] || null;
}
