// director.mjs: the browser scenarios of the director screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
// The box's database (config.data/classbook.db) is read with the sqlite3 command to choose the pupils,
// marks and teachers the scenarios work with and to check what the screens changed.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

const sql = (config, query) => {
  const out = execFileSync("sqlite3", ["-json", path.join(config.data, "classbook.db"), query], { encoding: "utf8" });
  return out.trim() ? JSON.parse(out) : [];
};
const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;


// The average as the grades screen shows it (ru: "4,25").
const shown = (x) => new Intl.NumberFormat("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

// A JSON call from inside a page, with the page's session; `csrf` for changes.
async function call(page, method, url, body, csrf) {
  return page.evaluate(async ([m, u, b, c]) => {
    const headers = { Accept: "application/json" };
    if (b !== null) headers["Content-Type"] = "application/json";
    if (c) headers["X-CSRF-Token"] = c;
    const r = await fetch(u, { method: m, headers, credentials: "same-origin", body: b === null ? undefined : JSON.stringify(b) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }, [method, url, body === undefined ? null : body, csrf || ""]);
}

export default function scenarios({ config, browser, openAs, openMenu, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // The director signs in and lands on the area's start page, which lists its sections; at 360 px the
    // menu opens with the area first.
    "director start page": async (s) => {
      const page = await openAs(s, config.director, "/", PHONE);
      await page.waitForURL((u) => u.pathname === "/director", { timeout: TIMEOUT });
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      await s.check("director-start-phone");
      await openMenu(page);
      const first = page.locator(".main-nav a").first();
      s.expect((await first.getAttribute("href")) === "/director", `the menu's first item is ${await first.getAttribute("href")}, not /director`);
      await page.setViewportSize(DESKTOP);
      await s.check("director-start-desktop");
    },

    // The director raises a work type's weight on the settings screen (confirming that the averages
    // are recomputed) and a pupil's average on the grades screen changes to what the box now says.
    "director changes a work type's weight": async (s) => {
      const page = await openAs(s, config.director, "/director", DESKTOP);
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      const school = (await call(page, "GET", "/api/v1/school")).body;
      // The term of the demo's marks (they are of a few weeks, not necessarily of today's term).
      const [{ d: latest }] = sql(config, "SELECT max(l.date) AS d FROM marks m JOIN lessons l ON l.id = m.lesson_id");
      const term = school.terms.find((x) => x.from <= latest && latest <= x.to);
      // A pupil and subject of the term whose marks of one work type average differently from the
      // others': changing that type's weight must move the average.
      const [pick] = sql(config, `SELECT st.uuid AS pupil, su.name AS subject, w.code, w.name AS type_name, w.weight
        FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students st ON st.id = m.student_id
        JOIN subjects su ON su.id = l.subject_id JOIN work_types w ON w.id = m.work_type_id
        WHERE m.deleted_at IS NULL AND l.date BETWEEN ${quote(term.from)} AND ${quote(term.to)}
        GROUP BY m.student_id, l.subject_id, m.work_type_id
        HAVING AVG(m.value) <> (SELECT AVG(m2.value) FROM marks m2 JOIN lessons l2 ON l2.id = m2.lesson_id
          WHERE m2.student_id = m.student_id AND l2.subject_id = l.subject_id AND m2.work_type_id <> m.work_type_id
          AND m2.deleted_at IS NULL AND l2.date BETWEEN ${quote(term.from)} AND ${quote(term.to)})
        LIMIT 1`);
      if (!pick) throw new Error(`no pupil in term ${term.number} has marks of two work types averaging differently`);
      const newWeight = pick.weight >= 5 ? pick.weight - 2 : pick.weight + 2;
      const average = async () => {
        await page.goto(`${config.url}/pupils/${pick.pupil}/grades/${term.number}`);
        const card = page.locator(".subject-card", { has: page.locator("h2", { hasText: new RegExp(`^${pick.subject}$`) }) });
        await card.waitFor({ timeout: TIMEOUT });
        return (await card.locator(".facts div").first().locator("dd").textContent()).trim();
      };
      const before = await average();

      await page.goto(`${config.url}/director/settings`);
      const weight = page.locator(`#weight-${pick.code}`);
      await weight.waitFor({ timeout: TIMEOUT });
      await s.check("director-settings-desktop");
      await weight.fill(String(newWeight));
      await weight.press("Enter");
      const confirm = page.locator(".confirm[role=alertdialog]");
      await confirm.waitFor({ timeout: TIMEOUT });
      const asked = await confirm.textContent();
      s.expect(/пересчитаны/.test(asked) && /журнал изменений/.test(asked), `the confirmation does not say the averages are recomputed and audited: ${asked}`);
      s.expect(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains("primary")),
        "the confirmation's button is not focused");
      await s.check("director-settings-confirm");
      await page.keyboard.press("Enter");
      await page.locator(".work-type .saved", { hasText: /./ }).waitFor({ timeout: TIMEOUT });
      const [stored] = sql(config, `SELECT weight FROM work_types WHERE code = ${quote(pick.code)}`);
      s.expect(stored.weight === newWeight, `work type ${pick.code} weighs ${stored.weight} in the database, not ${newWeight}`);

      const after = await average();
      const server = (await call(page, "GET", `/api/v1/students/${pick.pupil}/grades?term=${term.number}`)).body;
      const subject = server.subjects.find((x) => x.subject === pick.subject);
      s.expect(after !== before, `the average of ${pick.subject} stayed ${before} after the weight changed`);
      s.expect(subject && after === shown(subject.average), `the screen shows ${after}, the box says ${subject && subject.average}`);
      await page.setViewportSize(PHONE);
      await page.goto(`${config.url}/director/settings`);
      await page.locator(`#weight-${pick.code}`).waitFor({ timeout: TIMEOUT });
      await s.check("director-settings-phone");
    },

    // A teacher changes a mark of their own class (with a reason); the director searches the audit by that pupil and
    // sees who changed it, from what to what and why — and the chain check at the top.
    "director finds who changed a mark": async (s) => {
      const teachers = JSON.parse(fs.readFileSync(path.join(config.data, "demo-accounts.json"), "utf8")).filter((a) => a.role === "teacher");
      const [mark] = sql(config, `SELECT m.uuid AS mark, m.value, st.uuid AS pupil, c.uuid AS klass, t.uuid AS teacher,
          t.last_name AS teacher_last
        FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students st ON st.id = m.student_id
        JOIN classes c ON c.id = st.class_id JOIN teachers t ON t.id = l.teacher_id
        JOIN teaching x ON x.class_id = l.class_id AND x.subject_id = l.subject_id AND x.teacher_id = l.teacher_id
        WHERE m.deleted_at IS NULL AND l.date <= date('now') AND t.uuid IN (${teachers.map((a) => quote(a.person_id)).join(",")})
        ORDER BY l.date DESC LIMIT 1`);
      if (!mark) throw new Error("no mark by a class's own teacher with a demo account");
      const account = teachers.find((a) => a.person_id === mark.teacher);
      const newValue = mark.value === 5 ? 4 : 5;
      const reason = "Ошибка при вводе оценки";

      // The teacher, in a browser of their own.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const teacherPage = await context.newPage();
      await teacherPage.goto(`${config.url}/sign-in`);
      const session = await call(teacherPage, "POST", "/api/v1/session", { login: account.login, password: account.password });
      s.expect(session.status === 200, `the teacher could not sign in: ${session.status}`);
      const changed = await call(teacherPage, "PATCH", `/api/v1/marks/${mark.mark}`, { value: newValue, reason }, session.body.csrf_token);
      await context.close();
      if (changed.status !== 200) throw new Error(`the teacher's change was refused: ${changed.status} ${JSON.stringify(changed.body)}`);

      const page = await openAs(s, config.director, "/director", DESKTOP);
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      await openMenu(page);
      await page.locator(".main-nav a[href='/director/audit']").click();
      await page.locator(".verification .ok, .verification .field-error").first().waitFor({ timeout: TIMEOUT });
      s.expect(await page.locator(".verification.intact").count() === 1, `the chain check says: ${await page.locator(".verification").textContent()}`);
      await page.selectOption("#audit-class", mark.klass);
      await page.locator(`#audit-pupil option[value="${mark.pupil}"]`).waitFor({ state: "attached", timeout: TIMEOUT });
      await page.selectOption("#audit-pupil", mark.pupil);
      await page.selectOption("#audit-kind", "mark");
      const entry = page.locator(".audit-entry", { hasText: reason });
      await entry.first().waitFor({ timeout: TIMEOUT });
      const text = await entry.first().textContent();
      s.expect(text.includes(mark.teacher_last), `the entry does not name the teacher ${mark.teacher_last}: ${text}`);
      const from = (await entry.first().locator(".before").textContent()).trim();
      const to = (await entry.first().locator(".after").textContent()).trim();
      const has = (text, v) => new RegExp(`(^|\\D)${v}(\\D|$)`).test(text);
      s.expect(has(from, mark.value) && has(to, newValue), `the entry says ${from} → ${to}, not ${mark.value} → ${newValue}`);
      await s.check("director-audit-desktop");
      await page.setViewportSize(PHONE);
      await s.check("director-audit-phone");
    },

    // The security log of the demo's weeks at 360 px, each event's kind in words and as many rows as
    // the box logged; a class's card anomalies below it; the settings screen read at 360 px too.
    "director security log": async (s) => {
      const [span] = sql(config, "SELECT min(date) AS from_, max(date) AS to_ FROM lessons");
      const page = await openAs(s, config.director, `/director/security?from=${span.from_}&to=${span.to_}`, PHONE);
      await page.locator("#director-security-title, h1").first().waitFor({ timeout: TIMEOUT });
      await page.locator(".security-log, .empty").first().waitFor({ timeout: TIMEOUT });
      // The box's school day is Moscow's (UTC+3): the same days' events by their local date.
      const [{ n: logged }] = sql(config, `SELECT count(*) AS n FROM security_events
        WHERE date(at, '+3 hours') BETWEEN ${quote(span.from_)} AND ${quote(span.to_)}`);
      const rows = await page.locator(".security-log tbody tr").count();
      s.expect(rows === logged, `the log shows ${rows} events, the box logged ${logged}`);
      const kinds = await page.locator(".security-log .badge").allTextContents();
      s.expect(kinds.every((k) => !/_/.test(k)), `an event's kind is not in words: ${kinds.find((k) => /_/.test(k))}`);
      await s.check("director-security-phone");
      const [klass] = sql(config, `SELECT c.uuid AS id, count(*) AS n FROM security_events e JOIN students st ON st.id = e.student_id
        JOIN classes c ON c.id = st.class_id WHERE e.kind IN ('two_entrances', 'already_inside')
        AND date(e.at, '+3 hours') BETWEEN ${quote(span.from_)} AND ${quote(span.to_)} GROUP BY c.id ORDER BY n DESC LIMIT 1`);
      if (klass) {
        await page.selectOption("#security-class", klass.id);
        await page.locator(".anomaly-list").waitFor({ timeout: TIMEOUT });
        const shownAnomalies = await page.locator(".anomaly-list > li").count();
        s.expect(shownAnomalies === klass.n, `the class's anomalies: ${shownAnomalies} shown, ${klass.n} logged`);
      }
      await page.setViewportSize(DESKTOP);
      await s.check("director-security-desktop");
      await page.goto(`${config.url}/director/settings`);
      await page.locator(".work-type").first().waitFor({ timeout: TIMEOUT });
      const [{ n: types }] = sql(config, "SELECT count(*) AS n FROM work_types");
      s.expect(await page.locator(".work-type").count() === types, `the settings list ${await page.locator(".work-type").count()} work types of ${types}`);
      await s.check("director-settings-read-desktop");
      await page.setViewportSize(PHONE);
      await s.check("director-settings-read-phone");
    },

    // A report at 360 px and at 1920 px: a table of classes (not of pupils), and its CSV link gives a
    // CSV whose first line is the headers.
    "director attendance report": async (s) => {
      const page = await openAs(s, config.director, "/director/reports/attendance", PHONE);
      const table = page.locator("table.report").first();
      await table.waitFor({ timeout: TIMEOUT });
      const rows = await table.locator("tbody tr").count();
      const [{ n: classes }] = sql(config, "SELECT COUNT(*) AS n FROM classes");
      s.expect(rows > 0 && rows <= classes, `the report by class has ${rows} rows for ${classes} classes`);
      await s.check("director-report-phone");
      await page.setViewportSize(DESKTOP);
      await s.check("director-report-desktop");
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: TIMEOUT }),
        page.locator(".report-files a", { hasText: "CSV" }).click()]);
      const file = await download.path();
      const first = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/)[0];
      s.expect(/[;,]/.test(first) && /класс|class/i.test(first) && !/^\d/.test(first), `the CSV's first line is not the headers: ${first}`);
    },
  };
}
