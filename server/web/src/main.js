// Classbook web: sign in, then a guardian's or pupil's week diary and term grades, or a teacher's journal.
import "./style.css";
const $ = (id) => document.getElementById(id);
let csrf = null, me = null, pupil = null, week = null;

// What the server's refusals mean, in the page's language, by their stable code (docs/openapi.yaml,
// components.x-error-codes); a code not listed here shows the server's English message.
const SAY = {
  "sign_in.wrong_credentials": "Неверный логин или пароль.",
  "sign_in.throttled": "Слишком много неудачных попыток входа. Попробуйте позже.",
  "sign_in.one_time_password_expired": "Срок одноразового пароля истёк. Попросите в канцелярии новый.",
  "sign_in.login_malformed": "Логин — от 1 до 64 символов.",
  "session.required": "Войдите в дневник.",
  "session.expired": "Сеанс истёк. Войдите снова.",
  "session.ended": "Сеанс завершён. Войдите снова.",
  "session.csrf_token_wrong": "Страница устарела. Обновите её и повторите.",
  "account.disabled": "Учётная запись отключена.",
  "password.current_wrong": "Текущий пароль неверен.",
  "password.too_weak": "Новый пароль слишком короткий или простой.",
  "password.too_long": "Пароль слишком длинный.",
  "password.same_as_one_time": "Новый пароль должен отличаться от одноразового.",
  "password.check_throttled": "Слишком много неверных паролей. Попробуйте позже.",
  "password.change_required": "Сначала смените одноразовый пароль.",
  "pin.not_acceptable": "PIN — от 4 до 6 цифр, не слишком простой.",
  "pin.not_allowed": "Вы не можете задать PIN этому ученику.",
  "pupil.not_visible": "Дневник этого ученика вам недоступен.",
  "pupil.not_found": "Ученик не найден.",
  "diary.sign_guardian_only": "Неделю подписывает только родитель.",
  "diary.sign_not_allowed": "Вы не можете подписать эту неделю.",
  "journal.not_your_class": "Журнал этого класса вам недоступен.",
  "lesson.not_your_lesson": "Это не ваш урок.",
  "mark.value_out_of_scale": "Оценка вне шкалы школы.",
  "server.hashing_busy": "Сервер занят. Повторите через несколько секунд.",
  "store.busy": "Журнал сейчас недоступен. Повторите через минуту.",
  "store.queue_full": "Журнал сейчас занят. Повторите через минуту.",
};

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf && method !== "GET") headers["X-CSRF-Token"] = csrf;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = r.status === 204 ? null : await r.json();
  if (!r.ok) {
    const e = data && data.error ? data.error : {};
    const err = new Error(SAY[e.code] || e.message || r.statusText);
    err.code = e.code;
    err.kind = e.kind;
    throw err;
  }
  return data;
}

function show(...ids) {
  for (const s of document.querySelectorAll("main > section")) s.hidden = !ids.includes(s.id);
}

function isoWeek(d) {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y = t.getUTCFullYear();
  const w = Math.ceil(((t - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
  return `${y}-W${String(w).padStart(2, "0")}`;
}
function shiftWeek(w, by) {
  const [y, n] = w.split("-W").map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86400000 + ((n - 1) * 7 + by * 7) * 86400000);
  return isoWeek(new Date(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate()));
}

const STATUS = { absent_illness: "Н (болезнь)", absent_excused: "Н (уваж.)", absent_unexcused: "Н", late: "опоздание" };
const text = (s) => document.createTextNode(s);
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) e.append(typeof c === "string" ? text(c) : c);
  return e;
}

async function showDiary() {
  $("week").textContent = week;
  const d = await api("GET", `/api/v1/students/${pupil.id}/diary?week=${week}`);
  const days = $("days");
  days.replaceChildren();
  for (const day of d.days) {
    const box = el("div", "day", el("h3", null, day.date));
    for (const l of day.lessons) {
      const marks = el("span");
      for (const m of l.marks) {
        const s = el("span", "mark m" + m.value, String(m.value));
        s.title = `${m.work_type_name}, вес ${m.weight}${m.comment ? " — " + m.comment : ""} (${m.teacher})`;
        marks.append(s);
      }
      if (l.attendance && l.attendance.status !== "present") marks.append(el("span", "absent", STATUS[l.attendance.status] || ""));
      const hw = l.homework.map((h) => h.text).join("; ");
      box.append(el("div", "lesson", `${l.period}. ${l.starts}`, l.subject, el("span", null, l.topic, el("br"), el("small", null, hw)), marks));
    }
    days.append(box);
  }
  $("sign-week").hidden = me.role !== "guardian";
  $("signed").textContent = d.acknowledged_at.length ? "Подписано " + d.acknowledged_at.at(-1).slice(0, 16).replace("T", " ") : "";
  const g = await api("GET", `/api/v1/students/${pupil.id}/grades?term=${currentTerm()}`);
  const body = $("grades").tBodies[0];
  body.replaceChildren();
  for (const s of g.subjects) {
    body.append(el("tr", null, el("td", null, s.subject), el("td", null, s.marks.map((m) => m.value).join(" ")),
      el("td", null, s.average === null ? "—" : s.average.toFixed(2)),
      el("td", null, s.final !== null ? String(s.final) : s.proposed ? `(${s.proposed.grade})` : "—"),
      el("td", null, `${s.absences.total} (уваж. ${s.absences.excused})`)));
  }
}
function currentTerm() {
  const m = new Date().getMonth() + 1;
  return m >= 9 && m <= 10 ? 1 : m >= 11 || m === 12 ? 2 : m <= 3 ? 3 : 4;
}

async function showJournal(t) {
  const j = await api("GET", `/api/v1/classes/${t.class_id}/journal?subject=${t.subject_id}&term=${currentTerm()}`);
  $("journal-title").textContent = `${j.class} — ${j.subject}, ${j.term} четверть`;
  const table = $("journal-table");
  table.replaceChildren(el("tr", null, el("th", null, "Ученик"), el("th", null, "Оценки"), el("th", null, "Средний"), el("th", null, "Предл.")));
  for (const r of j.students)
    table.append(el("tr", null, el("td", null, r.student.name), el("td", null, r.marks.map((m) => m.value).join(" ")),
      el("td", null, r.average === null ? "—" : r.average.toFixed(2)), el("td", null, r.proposed ? String(r.proposed.grade) : "—")));
  show("pupils", "journal");
}

async function start() {
  try {
    me = await api("GET", "/api/v1/me");
  } catch (e) {
    show("signin");
    return;
  }
  csrf = me.csrf_token;
  $("who").textContent = me.name;
  $("signout").hidden = false;
  if (me.must_change_password) return show("password");
  const pupils = me.children || (me.student ? [me.student] : []);
  const list = $("pupils");
  list.replaceChildren();
  for (const p of pupils) {
    const b = el("button", "pupil", `${p.name}, ${p.class}`);
    b.onclick = () => { pupil = p; showDiary().catch(alert); };
    list.append(b);
  }
  for (const t of me.teaches || []) {
    const b = el("button", "pupil", `${t.class} · ${t.subject}`);
    b.onclick = () => showJournal(t).catch(alert);
    list.append(b);
  }
  week = isoWeek(new Date());
  if (pupils.length) {
    pupil = pupils[0];
    show("pupils", "diary");
    await showDiary();
  } else {
    show("pupils");
  }
}

$("signin-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  try {
    const r = await api("POST", "/api/v1/session", { login: f.login.value, password: f.password.value });
    csrf = r.csrf_token;
    $("signin-error").textContent = "";
    await start();
  } catch (e) { $("signin-error").textContent = e.message; }
};
$("password-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  try {
    await api("POST", "/api/v1/me/password", { old_password: f.old.value, new_password: f.new.value });
    await start();
  } catch (e) { $("password-error").textContent = e.message; }
};
$("signout").onclick = async () => { await api("DELETE", "/api/v1/session").catch(() => {}); location.reload(); };
$("prev").onclick = () => { week = shiftWeek(week, -1); showDiary().catch(alert); };
$("next").onclick = () => { week = shiftWeek(week, 1); showDiary().catch(alert); };
// The hall kiosk shows the chosen pupil's diary after this PIN; the server checks the rule.
$("pin-form").onsubmit = async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  try {
    await api("PUT", `/api/v1/students/${pupil.id}/kiosk-pin`, { pin: f.pin.value });
    f.reset();
    $("pin-msg").textContent = `PIN сохранён: ${pupil.name}`;
  } catch (e) { $("pin-msg").textContent = e.message; }
};
$("pin-remove").onclick = async () => {
  try {
    await api("DELETE", `/api/v1/students/${pupil.id}/kiosk-pin`);
    $("pin-msg").textContent = "PIN удалён";
  } catch (e) { $("pin-msg").textContent = e.message; }
};
$("sign-week").onclick = async () => {
  try { await api("PUT", `/api/v1/students/${pupil.id}/weeks/${week}/acknowledgement`); await showDiary(); } catch (e) { alert(e.message); }
};
start();
