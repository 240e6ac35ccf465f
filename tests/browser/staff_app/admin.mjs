// admin.mjs: the browser scenarios of the admin screens (issue 12); run by staff_app.mjs with its kit
// ({config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT}).
// What each scenario claims is read back from the box: its database (sqlite3 on
// config.data/classbook.db), its files (the CA certificate, the backups folder) and its answers to a
// client outside the page (signing in over HTTPS from Node), and from the page after a reload.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import https from "node:https";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";

const sql = (config, query) =>
  execFileSync("sqlite3", [path.join(config.data, "classbook.db"), query], { encoding: "utf8" }).trim();
const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

// A request to the box from outside any browser, trusting only the box's CA; `tls` may add a client
// certificate ({key, cert}: a kiosk's), `headers` a session's cookie. → {status, body, headers}.
function request(config, method, route, body, tls = {}, headers = {}) {
  const url = new URL(route, config.url);
  const ca = fs.readFileSync(path.join(config.data, "tls", "ca.crt"));
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca, ...tls, headers: { Accept: "application/json", ...(data ? { "Content-Type": "application/json" } : {}), ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, body: json, headers: res.headers });
      });
    });
    req.on("error", reject);
    req.end(data);
  });
}

// The SHA-256 of the box CA's DER, lower-case hex: what the enrolment page must show.
function caFingerprint(config) {
  const pem = fs.readFileSync(path.join(config.data, "tls", "ca.crt"), "utf8");
  return new crypto.X509Certificate(pem).fingerprint256.replace(/:/g, "").toLowerCase();
}

// A kiosk's key and certificate request, as classbook-kiosk enrol makes them.
function kioskCsr(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "admin-kiosk-"));
  try {
    const key = path.join(dir, "key.pem");
    execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], { stdio: "ignore" });
    const csr = execFileSync("openssl", ["req", "-new", "-key", key, "-subj", `/CN=${name}`], { encoding: "utf8" });
    return { key: fs.readFileSync(key, "utf8"), csr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Whether the element of this id gets the focus (within a frame or two: screens move it after drawing).
async function focused(page, id) {
  return page.waitForFunction((x) => document.activeElement && document.activeElement.id === x, id, { timeout: 2000 }).then(() => true, () => false);
}

// A JSON read from inside a page, with the page's session.
async function read(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Accept: "application/json" } });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, url);
}

// issue 13: GET/POST /api/v1/sync is being written in parallel with these screens; until it is on
// this branch the scenarios answer it in the browser (page.route) with the contract's JSON, so what
// they check is the screen's reading of that JSON, its requests and its following of a run.
const SYNC_BASE = {
  configured: true, running: false, last_success_at: "2026-12-07T02:31:00Z", last_attempt_at: "2026-12-07T08:31:00Z",
  items_waiting: 12, acknowledged_through: 340, last_error: { message: "the portal did not answer within 30 s", at: "2026-12-07T08:31:00Z" },
  anchor: { seq: 1207, at: "2026-12-07T02:31:00Z" }, refused: [{ seq: 301, reason: "class 5Б is unknown to the portal", at: "2026-12-06T22:10:00Z" }],
  next_run_at: "2026-12-07T09:01:00Z",
};

// The line's words for an instant, as a person in this machine's time zone reads them.
const dayTime = (locale, iso) =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

// The OAuth token endpoint asked from outside any browser (as another system would), with a client's
// id and secret by HTTP Basic → {status, body}.
function token(config, clientId, secret) {
  const url = new URL("/oauth/token", config.url);
  const ca = fs.readFileSync(path.join(config.data, "tls", "ca.crt"));
  const auth = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64");
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: "POST", ca, headers: { Authorization: `Basic ${auth}`, "Content-Type": "application/x-www-form-urlencoded" } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        let body = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = null;
        }
        resolve({ status: res.statusCode, body });
      });
    });
    req.on("error", reject);
    req.end("grant_type=client_credentials");
  });
}

export default function scenarios({ config, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT }) {
  return {
    // The admin signs in and lands on the area's start page, which lists its sections; at 360 px the
    // menu opens with the area first.
    "admin start page": async (s) => {
      const page = await openAs(s, config.admin, "/", PHONE);
      await page.waitForURL((u) => u.pathname === "/admin", { timeout: TIMEOUT });
      await page.locator(".area-home h1").waitFor({ timeout: TIMEOUT });
      const sections = await page.locator(".area-sections a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      for (const href of ["/admin/kiosks", "/admin/users", "/admin/box", "/admin/printers", "/admin/backups", "/admin/portal", "/admin/mail", "/admin/api-clients"])
        s.expect(sections.includes(href), `the start page does not offer ${href}: ${sections.join(", ")}`);
      await s.check("admin-start-phone");
      await openMenu(page);
      const first = page.locator(".main-nav a").first();
      s.expect((await first.getAttribute("href")) === "/admin", `the menu's first item is ${await first.getAttribute("href")}, not /admin`);
      await page.setViewportSize(DESKTOP);
      await s.check("admin-start-desktop");
    },

    // At 360 px: a hall kiosk's name typed and sent with Enter gives a code of three groups of four and
    // the box CA's fingerprint (the one in the box's tls/ca.crt) and the line to type on the kiosk; a
    // real kiosk request with that code enrols it (the list says so, and warns of the 3 taps its hello
    // says wait in its spool); Escape closes the code and the
    // focus is back in the name. Revoked after a "yes": the row says so after a reload, and so does the
    // database; the revoked kiosk's certificate is refused.
    "admin kiosks: enrol and revoke": async (s) => {
      const name = `web-hall-${Date.now().toString(36)}`;
      const page = await openAs(s, config.admin, "/admin/kiosks", PHONE);
      const nameInput = page.locator("#kiosk-name");
      await nameInput.waitFor({ timeout: TIMEOUT });
      await page.locator("#kiosk-mode").selectOption("hall");
      await nameInput.fill(name);
      await nameInput.press("Enter");
      const card = page.locator(".enrol-code");
      await card.waitFor({ timeout: TIMEOUT });
      const groups = await card.locator(".code .group").allInnerTexts();
      s.expect(groups.length === 3 && groups.every((g) => /^[A-Z0-9]{4}$/.test(g)), `the code is shown as ${JSON.stringify(groups)}`);
      const shown = (await card.locator(".fingerprint").innerText()).replace(/[\s:]/g, "").toLowerCase();
      s.expect(shown === caFingerprint(config), `the page shows the CA fingerprint ${shown}, the box's is ${caFingerprint(config)}`);
      const command = await card.locator("pre.command").innerText();
      s.expect(command.includes(groups.join("-")) && command.includes(caFingerprint(config)), `the line to type lacks the code or fingerprint: ${command}`);
      s.expect(await focused(page, "code-title"), "the focus is not on the code's heading");
      const row = page.locator(`tr[data-kiosk="${name}"]`);
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Ждёт кода/.test(await row.innerText()), `the new kiosk's row says ${await row.innerText()}`);
      await s.check("admin-kiosks-code-phone");

      // The kiosk itself trades the code for a certificate (as classbook-kiosk enrol does).
      const device = kioskCsr(name);
      const enrol = await request(config, "POST", "/api/v1/kiosks/enrol", { code: groups.join("-"), csr: device.csr });
      s.expect(enrol.status === 201, `the kiosk's enrolment was answered ${enrol.status}: ${JSON.stringify(enrol.body)}`);
      s.expect(enrol.body && enrol.body.kiosk && enrol.body.kiosk.mode === "hall", `the kiosk was enrolled as ${JSON.stringify(enrol.body && enrol.body.kiosk)}`);
      const tls = { key: device.key, cert: enrol.body && enrol.body.certificate };
      // Its first hello says three taps wait in its spool (a link to the box that was down).
      const hello = await request(config, "GET", "/api/v1/kiosk/hello", undefined, tls, { "Classbook-Spool-Depth": "3" });
      s.expect(hello.status === 200, `the enrolled kiosk's hello was answered ${hello.status}: ${JSON.stringify(hello.body)}`);
      await page.keyboard.press("Escape");
      await card.waitFor({ state: "detached", timeout: TIMEOUT });
      s.expect(await focused(page, "kiosk-name"), "after Escape the focus is not in the kiosk name");
      await page.reload();
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Подключён/.test(await row.innerText()), `after enrolment the row says ${await row.innerText()}`);
      s.expect(/Холл/.test(await row.innerText()), `the row does not say the hall mode: ${await row.innerText()}`);
      s.expect(/Очередь отметок:\s*Внимание: 3 отметки ждут отправки/.test(await row.innerText()), `the row does not warn of the spool: ${await row.innerText()}`);

      // Revoked: asked first (Escape keeps it), then done.
      await row.getByRole("button", { name: `Отозвать киоск «${name}»` }).click();
      const yes = page.locator("#revoke-yes");
      await yes.waitFor({ timeout: TIMEOUT });
      await s.check("admin-kiosks-revoke-phone");
      await page.keyboard.press("Escape");
      await yes.waitFor({ state: "detached", timeout: TIMEOUT });
      s.expect(sql(config, `SELECT revoked FROM kiosks WHERE name=${quote(name)}`) === "0", "Escape revoked the kiosk");
      await row.getByRole("button", { name: `Отозвать киоск «${name}»` }).click();
      await page.locator("#revoke-yes").click();
      await row.locator(".state-revoked").waitFor({ timeout: TIMEOUT });
      await page.reload();
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Отозван/.test(await row.locator(".kiosk-state").innerText()), `after a reload the row says ${await row.innerText()}`);
      s.expect(await row.getByRole("button", { name: /Отозвать/ }).count() === 0, "a revoked kiosk is still offered for revoking");
      s.expect(sql(config, `SELECT revoked FROM kiosks WHERE name=${quote(name)}`) === "1", "journal.db does not say the kiosk is revoked");
      const refused = await request(config, "GET", "/api/v1/kiosk/hello", undefined, tls);
      s.expect(refused.status === 401, `the revoked kiosk's hello was answered ${refused.status}: ${JSON.stringify(refused.body)}`);
      s.expect(/Последняя связь:\s*(только что|\d+ минут)/.test(await row.innerText()), `the row's last contact reads ${await row.innerText()}`);
      await page.setViewportSize(DESKTOP);
      await s.check("admin-kiosks-desktop");
    },

    // At 360 px: the secretary's login typed in the search finds her; her page disables her with a
    // reason (Enter) — signing in as her is then refused (401 account.disabled) and the database says
    // so; enabled again, she signs in. A teacher's password is reset after a "yes": the slip opened
    // from the page is a PDF.
    "admin users: find, disable, enable, slip": async (s) => {
      const login = config.secretary.login;
      const page = await openAs(s, config.admin, "/admin/users", PHONE);
      const q = page.locator("#user-q");
      await q.waitFor({ timeout: TIMEOUT });
      s.expect(await focused(page, "user-q"), "the search is not focused");
      await q.fill(login);
      const link = page.locator("a.user-link", { hasText: login });
      await link.first().waitFor({ timeout: TIMEOUT });
      await s.check("admin-users-phone");
      await link.first().click();
      await page.waitForURL((u) => u.pathname === "/admin/user" && u.searchParams.get("login") === login, { timeout: TIMEOUT });
      const reason = page.locator("#disable-reason");
      await reason.waitFor({ timeout: TIMEOUT });
      await s.check("admin-user-phone");
      await reason.fill("Проверка: в отпуске");
      await reason.press("Enter");
      await page.locator("#enable").waitFor({ timeout: TIMEOUT });
      s.expect(sql(config, `SELECT disabled FROM users WHERE login=${quote(login)}`) === "1", "journal.db does not say the secretary is disabled");
      const refused = await request(config, "POST", "/api/v1/session", { login, password: config.secretary.password });
      s.expect(refused.status === 401 && refused.body && refused.body.error.code === "account.disabled",
        `a disabled secretary signing in was answered ${refused.status}: ${JSON.stringify(refused.body)}`);
      await page.reload();
      await page.locator("#enable").waitFor({ timeout: TIMEOUT });
      s.expect(/Отключена/.test(await page.locator(".user-state").innerText()), "after a reload the page does not say the account is disabled");
      await s.check("admin-user-disabled-phone");
      await page.locator("#enable").click();
      await reason.waitFor({ timeout: TIMEOUT });
      s.expect(sql(config, `SELECT disabled FROM users WHERE login=${quote(login)}`) === "0", "journal.db still says the secretary is disabled");
      const back = await request(config, "POST", "/api/v1/session", { login, password: config.secretary.password });
      s.expect(back.status === 200, `the secretary enabled again signs in with ${back.status}: ${JSON.stringify(back.body)}`);

      // That session is listed on her page and ended by "sign out everywhere": its cookie no longer works.
      const cookie = { Cookie: (back.headers["set-cookie"] || []).map((c) => c.split(";")[0]).join("; ") };
      s.expect((await request(config, "GET", "/api/v1/me", undefined, {}, cookie)).status === 200, "the secretary's new session does not work");
      await page.reload();
      const everywhere = page.locator("#sign-out-everywhere");
      await everywhere.waitFor({ timeout: TIMEOUT });
      s.expect(await page.locator(".sessions li").count() >= 1, "her page lists no session");
      await everywhere.click();
      await page.getByText("Все сеансы завершены.").waitFor({ timeout: TIMEOUT });
      const gone = await request(config, "GET", "/api/v1/me", undefined, {}, cookie);
      s.expect(gone.status === 401, `after "sign out everywhere" her session answers ${gone.status}`);

      // A teacher's one-time password on a slip.
      const { body } = await read(page, "/api/v1/users?role=teacher&limit=1");
      const teacher = body.users[0];
      await page.goto(`${config.url}/admin/user?login=${encodeURIComponent(teacher.login)}`);
      await page.locator("#reset-password").click();
      await page.locator("#reset-yes").waitFor({ timeout: TIMEOUT });
      s.expect(await focused(page, "reset-yes"), "the reset's confirmation is not focused");
      await page.locator("#reset-yes").click();
      const pdf = page.locator(".pdf-link");
      await pdf.waitFor({ timeout: TIMEOUT });
      const head = await page.evaluate(async (href) => new TextDecoder().decode((await (await fetch(href)).arrayBuffer()).slice(0, 5)), await pdf.getAttribute("href"));
      s.expect(head === "%PDF-", `the slip starts with ${JSON.stringify(head)}`);
      s.expect(sql(config, `SELECT must_change_password FROM users WHERE login=${quote(teacher.login)}`) === "1", "the teacher's password is not one-time after the slip");
      await page.setViewportSize(DESKTOP);
      await s.check("admin-user-slip-desktop");
    },

    // "Make a backup now": busy, then the new file is listed (and is in the box's backups folder); its
    // download answers 200 with an SQLite database.
    "admin backups: make one now, download": async (s) => {
      const page = await openAs(s, config.admin, "/admin/backups", DESKTOP);
      const now = page.locator("#backup-now");
      await now.waitFor({ timeout: TIMEOUT });
      await now.click();
      await page.locator("#backup-now-state.ok").waitFor({ timeout: 30000 });
      const name = (await page.locator("#backup-now-state").innerText()).match(/classbook-\S+\.db/)[0];
      const row = page.locator(`tr[data-backup="${name}"]`);
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(fs.existsSync(path.join(config.data, "backups", name)), `${name} is not in the box's backups folder`);
      s.expect(/Последняя копия сделана/.test(await page.locator(".ok-note").innerText()), "the last backup's age is not said");
      const href = await row.locator("a.download").getAttribute("href");
      const got = await page.evaluate(async (h) => {
        const r = await fetch(h);
        return { status: r.status, head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 15)) };
      }, href);
      s.expect(got.status === 200 && got.head === "SQLite format 3", `the download answered ${got.status}, starting ${JSON.stringify(got.head)}`);
      await s.check("admin-backups-desktop");
      await page.setViewportSize(PHONE);
      await s.check("admin-backups-phone");
    },

    // The box's figures: the database's size, the certificate's days left as a number, each health
    // check in words.
    "admin box: the figures": async (s) => {
      const page = await openAs(s, config.admin, "/admin/box", DESKTOP);
      const db = page.locator('[data-fact="database"]');
      await db.waitFor({ timeout: TIMEOUT });
      s.expect(Number(await db.getAttribute("data-bytes")) > 0, `the database size is ${await db.getAttribute("data-bytes")}`);
      s.expect(/\d/.test(await db.innerText()), `the database size reads ${await db.innerText()}`);
      const days = page.locator('[data-fact="cert-days"]');
      s.expect(Number.isInteger(Number(await days.getAttribute("data-days"))), `the certificate's days left are ${await days.getAttribute("data-days")}`);
      s.expect(/Осталось \d+/.test(await days.innerText()), `the certificate's days read ${await days.innerText()}`);
      const checks = await page.locator(".health li").allInnerTexts();
      s.expect(checks.length >= 2 && checks.every((c) => /в порядке/.test(c)), `the health checks read ${checks.join(" | ")}`);
      await s.check("admin-box-desktop");
      await page.setViewportSize(PHONE);
      await s.check("admin-box-phone");
    },

    // The printers as the print server sees them, and every job the box sent (the office's, the
    // director's — the administrator sees all): the page lists each printer of the box's [printing]
    // with its state in words, and as many jobs as the box keeps (the newest 50).
    "admin printers and their jobs": async (s) => {
      const page = await openAs(s, config.admin, "/admin/printers", DESKTOP);
      const row = page.locator('tr[data-printer="office"]');
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Канцелярия/.test(await row.innerText()), `the office printer's row reads ${await row.innerText()}`);
      s.expect((await row.locator("td").nth(1).innerText()).trim().length > 0, "the printer's state is not said");
      const kept = Math.min(50, Number(sql(config, "SELECT count(*) FROM print_jobs")));
      if (kept > 0) await page.locator("tr[data-job]").first().waitFor({ timeout: TIMEOUT });
      s.expect((await page.locator("tr[data-job]").count()) === kept, `the page lists ${await page.locator("tr[data-job]").count()} jobs, the box keeps ${kept}`);
      await s.check("admin-printers-desktop");
      await page.setViewportSize(PHONE);
      await s.check("admin-printers-phone");
    },

    // issue 13 — the City portal page (GET/POST /api/v1/sync answered by page.route, see SYNC_BASE):
    // the status in words (last success, waiting, confirmed, the last error with its time, the anchor,
    // the refused item, the next run); "Sync now" pressed with the keyboard starts a run (one POST),
    // the page follows it while `running` and stops reading when it ends, and says the new success
    // (also in the line at the foot of the page); a second press answered 409 sync.running says a
    // sync is running; 503 sync.not_configured says the server's message.
    "admin city portal: status and sync now": async (s) => {
      let state = { ...SYNC_BASE }, gets = 0, posts = 0, runningReads = 0, answer = "start";
      const done = "2026-12-07T09:15:00Z";
      const page = await s.open(DESKTOP);
      await page.route("**/api/v1/sync", async (route) => {
        const json = (status, body) => route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });
        if (route.request().method() === "POST") {
          posts += 1;
          if (answer === "running") return json(409, { error: { code: "sync.running", kind: "conflict", message: "a sync is running" } });
          if (answer === "unconfigured")
            return json(503, { error: { code: "sync.not_configured", kind: "unavailable", message: "no [portal] section in classbookd.toml" } });
          state = { ...state, running: true, last_attempt_at: done };
          return json(202, { started: true });
        }
        gets += 1;
        if (state.running && ++runningReads >= 3)  // the run ends after three reads
          state = { ...state, running: false, last_success_at: done, items_waiting: 0, acknowledged_through: 352, last_error: null };
        return json(200, state);
      });
      await page.goto(config.url + "/admin/portal");
      await signIn(page, config.admin);
      const lastRun = page.locator('[data-fact="last-run"]');
      await lastRun.waitFor({ timeout: TIMEOUT });
      const text = await page.locator(".admin-portal").innerText();
      for (const words of ["Последняя успешная синхронизация:", "12 изменений ждут отправки.", "Портал подтвердил получение изменений до № 340.",
        "синхронизация не удаётся:", "the portal did not answer within 30 s", "до записи № 1207", "№ 301", "class 5Б is unknown to the portal",
        "Следующая синхронизация по расписанию:"])
        s.expect(text.includes(words), `the portal page does not say "${words}": ${text}`);
      const line = page.locator("footer.sync-line");
      s.expect((await line.innerText()).includes(dayTime("ru-RU", SYNC_BASE.last_success_at)), `the foot line reads ${await line.innerText()}`);
      await s.check("admin-portal-desktop");

      await page.locator("#sync-now").focus();
      await page.keyboard.press("Enter");
      await page.locator("#sync-now-state", { hasText: "Идёт синхронизация" }).waitFor({ timeout: TIMEOUT });
      s.expect(await page.locator("#sync-now").isDisabled(), "the button stays pressable while the sync runs");
      await s.check("admin-portal-running");
      await page.locator("#sync-now-state", { hasText: "Синхронизация закончена." }).waitFor({ timeout: TIMEOUT });
      s.expect(posts === 1, `"Sync now" sent ${posts} POSTs`);
      await page.locator('[data-fact="waiting"]', { hasText: "Все изменения отправлены" }).waitFor({ timeout: TIMEOUT });
      s.expect(!(await page.locator('[data-fact="last-error"]').count()), "the old error is still shown after a successful run");
      s.expect((await line.innerText()).includes(dayTime("ru-RU", done)), `after the run the foot line reads ${await line.innerText()}`);
      const readsAtEnd = gets;
      await page.waitForTimeout(2500);
      s.expect(gets === readsAtEnd, `the page kept reading the status after the run ended (${gets - readsAtEnd} more reads)`);
      await s.check("admin-portal-finished");

      answer = "running";
      await page.locator("#sync-now").click();
      await page.locator(".sync-now .field-error", { hasText: "Синхронизация уже идёт" }).waitFor({ timeout: TIMEOUT });
      answer = "unconfigured";
      await page.locator("#sync-now").click();
      await page.locator(".sync-now .field-error", { hasText: "Синхронизировать нельзя: no [portal] section in classbookd.toml" }).waitFor({ timeout: TIMEOUT });
      await page.setViewportSize(PHONE);
      await s.check("admin-portal-phone");
      // No portal configured — answered either way the box may say it: the warning, no button, no foot line.
      for (const unconfigured of [{ status: 200, body: { ...SYNC_BASE, configured: false, last_success_at: null } },
        { status: 503, body: { error: { code: "sync.not_configured", kind: "unavailable", message: "this server was started without its sync runner" } } }]) {
        await page.unroute("**/api/v1/sync");
        await page.route("**/api/v1/sync", (route) => route.fulfill({ status: unconfigured.status, contentType: "application/json", body: JSON.stringify(unconfigured.body) }));
        await page.reload();
        await page.locator('[data-fact="not-configured"]').waitFor({ timeout: TIMEOUT });
        s.expect(/\[portal\]/.test(await page.locator('[data-fact="not-configured"]').innerText()), "the warning does not say how to configure the portal");
        s.expect(!(await page.locator("#sync-now").count()) && !(await line.count()), `with ${unconfigured.status} the page still offers "Sync now" or the foot line`);
      }
      await s.check("admin-portal-unconfigured-phone");
    },

    // issue 13 — the E-mail panel from the box's real GET /api/v1/mail (the test box has no [mail]: it
    // must say so and how to set one, with the notices the guardians' choices queued), then a relay
    // that fails, answered by page.route in the route's shape: the relay, the warning with its time,
    // what waits and for how long, the failed notices with the last reason.
    "admin e-mail status": async (s) => {
      const page = await openAs(s, config.admin, "/admin/mail", DESKTOP);
      const relay = page.locator('[data-fact="relay"]');
      await relay.waitFor({ timeout: TIMEOUT });
      s.expect(/почтовый сервер не настроен.*\[mail\]/.test(await relay.innerText()), `with no relay the page says ${await relay.innerText()}`);
      const queued = Number(sql(config, "SELECT count(*) FROM mail_queue WHERE state='queued'"));
      const said = await page.locator('[data-fact="queued"]').innerText();
      s.expect(queued ? said.includes(`${queued} `) : /Очередь пуста/.test(said), `the box holds ${queued} queued notices, the page says ${said}`);
      await s.check("admin-mail-no-relay-desktop");
      await page.route("**/api/v1/mail", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({
        relay_configured: true, relay: "smtp.school5.example.ru:587", from: "journal@school5.example.ru", digest_at: "18:00", queued: 3,
        oldest_queued_at: "2026-12-07T05:00:00Z", oldest_queued_age_seconds: 7500, failed: 1, last_success_at: "2026-12-06T15:00:00Z",
        last_error: { message: "the relay could not be reached: connection refused", at: "2026-12-07T05:00:02Z" },
        last_failure: { message: "the relay refused the address x@y.ru: 550 5.1.1 no such user", at: "2026-12-06T16:00:00Z" } }) }));
      await page.getByRole("button", { name: "Обновить" }).click();
      await page.locator('[data-fact="last-error"]').waitFor({ timeout: TIMEOUT });
      const text = await page.locator(".admin-mail").innerText();
      for (const words of ["smtp.school5.example.ru:587", "journal@school5.example.ru", "письма не уходят:", "connection refused",
        "3 письма ждут отправки.", "Самое старое ждёт 2 часа 5 минут.", "1 письмо не удалось отправить.", "550 5.1.1 no such user", "в 18:00"])
        s.expect(text.includes(words), `the mail panel does not say "${words}": ${text}`);
      await s.check("admin-mail-failing-desktop");
      await page.setViewportSize(PHONE);
      await s.check("admin-mail-failing-phone");
    },

    // issue 13 — API clients at 360 px: a client registered with the keyboard (name, two rights
    // ticked, Enter) shows its id, its secret once and the token URL; the secret copied by the button
    // is the one that gets a token from /oauth/token (asked from outside the browser) for exactly the
    // ticked scopes; the database holds only its hash. No rights ticked is refused beside the rights.
    // Revoked after "yes" (Escape first keeps it): the row says so after a reload, so does the
    // database, and the secret no longer gets a token.
    "admin api clients: register and revoke": async (s) => {
      const name = `Платформа ${Date.now().toString(36)}`;
      const page = await openAs(s, config.admin, "/admin/api-clients", PHONE);
      await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: config.url });
      const nameInput = page.locator("#client-name");
      await nameInput.waitFor({ timeout: TIMEOUT });
      await s.check("admin-clients-empty-phone");
      // nothing ticked: refused beside the rights, what was typed kept
      await page.locator("#scope-0").uncheck();
      await nameInput.fill(name);
      await nameInput.press("Enter");
      await page.locator("#client-scopes-error").waitFor({ timeout: TIMEOUT });
      s.expect(/хотя бы одно/.test(await page.locator("#client-scopes-error").innerText()), `no rights: ${await page.locator("#client-scopes-error").innerText()}`);
      s.expect((await nameInput.inputValue()) === name, "the typed name was lost after the refusal");
      await s.check("admin-clients-refused-phone");
      await page.locator("#scope-0").check();
      await page.locator("#scope-1").check();
      await nameInput.press("Enter");
      const card = page.locator(".client-secret");
      await card.waitFor({ timeout: TIMEOUT });
      s.expect(await focused(page, "secret-title"), "the focus is not on the new client's heading");
      const clientId = (await page.locator("#client-id").innerText()).trim();
      const secret = (await page.locator("#client-secret").innerText()).trim();
      const tokenUrl = (await page.locator("#token-url").innerText()).trim();
      s.expect(/^[0-9a-f]{32}$/.test(clientId), `the client id reads ${clientId}`);
      s.expect(tokenUrl === `${config.url}/oauth/token`, `the token URL reads ${tokenUrl}`);
      s.expect(/только сейчас/.test(await card.innerText()), "the secret is not said to be shown only once");
      await page.locator("#copy-secret").click();
      await page.getByText("Секрет скопирован.").waitFor({ timeout: TIMEOUT });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      s.expect(copied === secret, "the copy button did not copy the secret shown");
      await s.check("admin-clients-secret-phone");
      const stored = sql(config, `SELECT secret_hash FROM api_clients WHERE client_id=${quote(clientId)}`);
      s.expect(stored.length > 0 && !stored.includes(secret), "the database keeps the secret itself, or no row");
      const got = await token(config, clientId, copied);
      s.expect(got.status === 200 && got.body && /roster\.readonly/.test(got.body.scope) && /gradebook\.readonly/.test(got.body.scope)
        && !/createput|delete/.test(got.body.scope), `the copied secret got ${got.status} ${JSON.stringify(got.body && got.body.scope)}`);
      await page.keyboard.press("Escape");
      await card.waitFor({ state: "detached", timeout: TIMEOUT });
      s.expect(await focused(page, "client-name"), "after closing the secret the focus is not in the name");
      const row = page.locator(`tr[data-client="${clientId}"]`);
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Читать состав школы/.test(await row.innerText()) && /Читать оценки/.test(await row.innerText()) && !/Удалять/.test(await row.innerText()),
        `the new row's rights read ${await row.innerText()}`);
      s.expect(!(await page.locator(".admin-clients").innerText()).includes(secret), "the list shows the secret");

      await row.getByRole("button", { name: /Отозвать/ }).click();
      s.expect(await focused(page, "revoke-yes"), "the focus is not on the confirmation's yes");
      await page.keyboard.press("Escape");
      s.expect(await focused(page, `revoke-${clientId}`), "after Escape the focus is not back on Revoke");
      s.expect(sql(config, `SELECT revoked_at IS NULL FROM api_clients WHERE client_id=${quote(clientId)}`) === "1", "Escape revoked the client");
      await row.getByRole("button", { name: /Отозвать/ }).click();
      await s.check("admin-clients-confirm-phone");
      await page.locator("#revoke-yes").press("Enter");
      await row.locator(".state-revoked").waitFor({ timeout: TIMEOUT });
      await page.reload();
      await row.waitFor({ timeout: TIMEOUT });
      s.expect(/Отозван/.test(await row.innerText()), `after reload the row reads ${await row.innerText()}`);
      s.expect(sql(config, `SELECT revoked_at IS NOT NULL FROM api_clients WHERE client_id=${quote(clientId)}`) === "1", "the database does not say revoked");
      const after = await token(config, clientId, secret);
      s.expect(after.status === 401, `the revoked client's secret still gets ${after.status}`);
      await page.setViewportSize(DESKTOP);
      await s.check("admin-clients-desktop");
    },
  };
}
