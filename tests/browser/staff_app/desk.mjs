// desk.mjs: the browser scenarios of the desk screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";

// One row (tab-separated columns) of the box's database, read with the sqlite3 CLI.
function sql(config, query, ...params) {
  const text = query.replace(/\?/g, () => `'${String(params.shift()).replace(/'/g, "''")}'`);
  return execFileSync("sqlite3", ["-separator", "\t", path.join(config.data, "classbook.db"), text], { encoding: "utf8" }).trim();
}

export default function scenarios({ config, openAs, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // The secretary registers an applicant with the keyboard alone, as at the desk, then refuses the
    // application on one of the five grounds; the decision is a real PDF, the register shows it refused
    // after a reload, and the database holds the refusal with its ground.
    "desk application registered and refused": async (s) => {
      const page = await openAs(s, config.secretary, "/office/applications");
      const name = page.locator("#f-applicant_name");
      await name.waitFor({ timeout: TIMEOUT });
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === "f-applicant_name", null, { timeout: TIMEOUT });
      const started = Date.now();
      await page.keyboard.type("Заявкина Ольга Петровна");
      await page.keyboard.press("Tab");  // applying as: a parent (the default)
      await page.keyboard.press("Tab");
      await page.keyboard.type("+79005550101");
      await page.keyboard.press("Tab");  // the class
      await page.waitForFunction(() => document.querySelectorAll("#app-class option").length > 1, null, { timeout: TIMEOUT });
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(() => document.querySelectorAll("#f-student_id option").length > 1, null, { timeout: TIMEOUT });
      await page.keyboard.press("Tab");  // the pupil
      await page.keyboard.press("ArrowDown");
      const pupil = await page.locator("#f-student_id").inputValue();
      s.expect(pupil !== "", "the pupil was not chosen with the keyboard");
      for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement.id)) !== "f-arrived"; i += 1) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const done = page.locator(".application-form p.ok");
      await done.waitFor({ timeout: TIMEOUT });
      const seconds = (Date.now() - started) / 1000;
      s.expect(seconds < 60, `registering took ${seconds} s`);
      const number = /(\d{4}-\d+)/.exec(await done.textContent())[1];
      s.expect((await page.evaluate(() => document.activeElement.id)) === "f-applicant_name", "the focus did not go back to the applicant's name");
      s.expect((await name.inputValue()) === "", "the form was not emptied for the next applicant");
      const row = sql(config, "SELECT a.status, a.applicant_kind, s.uuid, a.documents FROM access_applications a JOIN students s ON s.id = a.student_id WHERE a.number = ?", number);
      const [status, kind, student, documents] = row.split("\t");
      s.expect(status === "registered" && kind === "parent" && student === pupil, `the database holds ${row} for ${number}`);
      s.expect(["request", "birth_certificate", "identity_document"].every((d) => documents.includes(d)), `documents ${documents}`);
      await s.check("desk-applications-registered");

      // The answer: refused because the documents contradict each other.
      const answer = page.locator("tr", { hasText: number }).getByRole("button");
      await answer.focus();
      await page.keyboard.press("Enter");
      await page.locator(".card.decide").waitFor({ timeout: TIMEOUT });
      await page.getByRole("button", { name: /^(Отказать…|Refuse…)$/ }).click();
      await page.locator("#ground-documents_conflict").check();
      await page.locator("#deny-comment").fill("в свидетельстве другая дата рождения");
      await page.getByRole("button", { name: /^(Отказать|Refuse)$/ }).click();
      await page.locator(".decided").waitFor({ timeout: TIMEOUT });
      await s.check("desk-application-refused");
      const href = await page.locator(".decided a", { hasText: /PDF/ }).getAttribute("href");
      const pdf = await page.evaluate(async (u) => {
        const r = await fetch(u);
        const b = new Uint8Array(await r.arrayBuffer());
        return { type: r.headers.get("content-type"), head: String.fromCharCode(...b.slice(0, 5)), size: b.length };
      }, href);
      s.expect(pdf.type === "application/pdf" && pdf.head === "%PDF-" && pdf.size > 1000, `the decision is ${JSON.stringify(pdf)}`);
      s.expect(await page.locator(".decided .print-to select option").count() > 0, "the decision has no printer to print on");
      const decided = sql(config, "SELECT status, reason, comment FROM access_applications WHERE number = ?", number);
      s.expect(decided === "denied\tdocuments_conflict\tв свидетельстве другая дата рождения", `the database holds ${decided}`);
      await page.reload();
      const after = page.locator("tr", { hasText: number });
      await after.waitFor({ timeout: TIMEOUT });
      s.expect(/отказано/.test(await after.textContent()), `after a reload the row says ${await after.textContent()}`);
      s.expect(/противоречив/.test(await after.textContent()), "after a reload the row does not give the ground");

      // At 360 px: the form and the register fit without sideways scrolling.
      await page.setViewportSize(PHONE);
      await s.check("desk-applications-phone");
      await page.locator("table.apps").scrollIntoViewIfNeeded();
      await s.shoot("desk-applications-list-phone");
    },

    // Slips for a class: the preview lists who gets one (nothing reset), the slips print on the test
    // print server's office queue, whose file is a PDF, and the page follows the job to the end.
    "desk login slips previewed and printed": async (s) => {
      const page = await openAs(s, config.secretary, "/office/slips");
      await page.waitForFunction(() => document.querySelectorAll("#slips-class option").length > 1, null, { timeout: TIMEOUT });
      const classId = await page.locator("#slips-class option").nth(1).getAttribute("value");
      await page.locator("#slips-class").selectOption(classId);
      await page.locator(".only summary").click();
      const ticks = page.locator("ul.ticks input");
      await ticks.nth(0).check();
      await ticks.nth(1).check();
      const base = `/api/v1/classes/${classId}/login-slips`;
      const hashes = () => sql(config, "SELECT group_concat(u.password_hash) FROM users u JOIN students s ON s.id = u.person_id AND u.role = 'student' WHERE s.class_id = (SELECT id FROM classes WHERE uuid = ?)", classId);
      const before = hashes();
      const people = page.locator(".preview table.people tbody tr");
      await people.first().waitFor({ timeout: TIMEOUT });
      s.expect((await people.count()) === 2, `the preview lists ${await people.count()} people for two ticked pupils`);
      s.expect(hashes() === before, "the preview changed passwords");
      await s.check("desk-slips-preview");
      // The PDF itself, opened here …
      await page.getByRole("button", { name: /^(Сделать PDF|Make a PDF)$/ }).click();
      const link = page.locator(".issue a.pdf-link");
      await link.waitFor({ timeout: TIMEOUT });
      const head = await page.evaluate(async (u) => String.fromCharCode(...new Uint8Array(await (await fetch(u)).arrayBuffer()).slice(0, 5)), await link.getAttribute("href"));
      s.expect(head === "%PDF-", `the slips' PDF starts ${head}`);
      s.expect(hashes() !== before, "making the slips changed no password");
      const made = hashes();
      // … and printed on the office's queue, followed to the end.
      if (fs.existsSync(config.cups_outputs)) fs.unlinkSync(config.cups_outputs);
      await page.getByRole("button", { name: /^(Напечатать листки|Print the slips)$/ }).click();
      await page.locator(".issue .job-completed").waitFor({ timeout: 30000 });
      const deadline = Date.now() + 20000;
      while (!(fs.existsSync(config.cups_outputs) && fs.statSync(config.cups_outputs).size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const out = fs.existsSync(config.cups_outputs) ? fs.readFileSync(config.cups_outputs) : Buffer.alloc(0);
      s.expect(out.subarray(0, 5).toString() === "%PDF-", `the office queue wrote ${out.length} bytes, not a PDF`);
      s.expect(hashes() !== made, "printing the slips changed no password");
      await s.check("desk-slips-printed");
    },

    // The timetable: a class's week as a grid with every lesson of the box's week, and a lesson
    // cancelled on a school day shown in the day's changes (and kept after a reload and in the database).
    "desk timetable week and a cancellation": async (s) => {
      const page = await openAs(s, config.secretary, "/office/timetable");
      const lines = page.locator(".week-grid .lesson-line");
      await lines.first().waitFor({ timeout: TIMEOUT });
      const classId = await page.locator("#tt-class").inputValue();
      const week = await page.evaluate(async (id) => (await (await fetch(`/api/v1/classes/${id}/timetable`)).json()), classId);
      s.expect((await lines.count()) === week.lessons.length, `the grid shows ${await lines.count()} lessons, the box has ${week.lessons.length}`);
      await s.check("desk-timetable-week");
      await page.setViewportSize(PHONE);
      await s.check("desk-timetable-week-phone");
      await page.setViewportSize(DESKTOP);

      await page.locator(".tabs a", { hasText: /Замены|Substitutions/ }).click();
      await page.locator("#change-class").waitFor({ timeout: TIMEOUT });
      await page.waitForFunction(() => document.querySelectorAll("#change-class option").length > 1, null, { timeout: TIMEOUT });
      await page.locator("#change-class").selectOption(classId);
      const days = new Set(week.lessons.map((l) => l.weekday));
      let made = null;
      for (let n = 1; n <= 21 && !made; n += 1) {
        const d = new Date(Date.now() + n * 86400000);
        const weekday = ((d.getDay() + 6) % 7) + 1;
        if (!days.has(weekday)) continue;
        const date = d.toISOString().slice(0, 10);
        await page.locator("#changes-date").fill(date);
        await page.waitForFunction(() => document.querySelectorAll("#change-slot option").length > 1, null, { timeout: TIMEOUT });
        await page.locator("#change-slot").selectOption({ index: 1 });
        await page.locator("#change-note").fill("экскурсия в музей");
        await page.getByRole("button", { name: /^(Внести изменение|Record the change)$/ }).click();
        const outcome = page.locator(".change-form p.ok, .change-form .refusal");
        await outcome.first().waitFor({ timeout: TIMEOUT });
        if (await page.locator(".change-form p.ok").count()) made = date;
      }
      s.expect(made, "no school day in three weeks took a cancellation");
      if (!made) return;
      const row = page.locator("table.changes tr.change-cancelled");
      await row.first().waitFor({ timeout: TIMEOUT });
      s.expect(/экскурсия в музей/.test(await row.first().textContent()), "the cancellation's note is not in the list");
      await s.check("desk-timetable-changes");
      await page.reload();
      await page.locator("#changes-date").fill(made);
      await row.first().waitFor({ timeout: TIMEOUT });
      const db = sql(config, "SELECT kind, note FROM timetable_changes WHERE date = ? AND class_id = (SELECT id FROM classes WHERE uuid = ?)", made, classId);
      s.expect(db === "cancelled\tэкскурсия в музей", `the database holds ${db}`);
      // The other tabs open and pass the same checks: the bells with their meal breaks, the rooms, making lessons.
      for (const [tab, ready] of [["bells", "#wd-1"], ["rooms", "#room-name"], ["make", "#make-from"]]) {
        await page.goto(`${config.url}/office/timetable/${tab}`);
        await page.locator(ready).waitFor({ timeout: TIMEOUT });
        await s.check(`desk-timetable-${tab}`);
      }
      const breaks = await page.evaluate(async () => (await (await fetch("/api/v1/bells")).json()).variants.flatMap((v) => v.periods).filter((p) => p.break_after).length);
      await page.goto(`${config.url}/office/timetable/bells`);
      await page.locator("#wd-1").waitFor({ timeout: TIMEOUT });
      const shown = await page.evaluate(() => [...document.querySelectorAll("table.bells select")].filter((x) => x.value).length);
      s.expect(shown === breaks, `the bells show ${shown} meal breaks, the box has ${breaks}`);
    },

    // An event made and cancelled with a reason; the list marks it, the database keeps the reason.
    "desk event created and cancelled": async (s) => {
      const page = await openAs(s, config.secretary, "/office/events");
      await page.locator("#event-new").waitFor({ timeout: TIMEOUT });
      await page.locator("#event-new").click();
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === "f-title", null, { timeout: TIMEOUT });
      await page.keyboard.type("Осенний концерт");
      const date = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
      await page.locator("#f-date").fill(date);
      await page.locator("#f-start").fill("18:00");
      await page.locator("#f-place").fill("Актовый зал");
      await page.locator("#f-place").press("Enter");
      const row = page.locator("table.events-list tr", { hasText: "Осенний концерт" });
      await row.waitFor({ timeout: TIMEOUT });
      await s.check("desk-events-created");
      await row.getByRole("button", { name: /^(Отменить|Cancel)/ }).click();
      await page.keyboard.type("зал на ремонте");
      await page.keyboard.press("Enter");
      await page.locator("table.events-list tr.cancelled", { hasText: "Осенний концерт" }).waitFor({ timeout: TIMEOUT });
      await page.reload();
      const after = page.locator("table.events-list tr.cancelled", { hasText: "Осенний концерт" });
      await after.waitFor({ timeout: TIMEOUT });
      s.expect(/зал на ремонте/.test(await after.textContent()), "the reason is not shown after a reload");
      const db = sql(config, "SELECT date, cancel_reason FROM events WHERE title = ?", "Осенний концерт");
      s.expect(db === `${date}\tзал на ремонте`, `the database holds ${db}`);
      await page.setViewportSize(PHONE);
      await s.check("desk-events-phone");
    },
  };
}
