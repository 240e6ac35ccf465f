// web_bench.mjs: the web app's figures in real headless Chromium against a real classbookd.
//   node web_bench.mjs CONFIG.json     (run by tests/bench/web_bench.py; `./run bench-web`)
// For each run: a fresh browser context (a cold cache) signs in, then opens the week diary and
// measures its first contentful paint and the bytes transferred; then a teacher, in the app, opens
// the journal of the largest class and subject (grown to 35 pupils by web_bench.py), measured in
// the page from the click on its link: until the whole grid is drawn (every cell laid out and
// painted) and until it takes typing (the bottom-right cell pressed as soon as the page is free
// after that frame, until the editor has the focus in it). The same through the driver
// (Playwright's waits and click, with their round trips) is printed beside it without a target.
// Prints each figure beside its target.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const require = createRequire(path.resolve(config.web_dir, "package.json"));
const { chromium } = require("playwright-core");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
});

async function signedInContext(who) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  // Sign in over the API (not measured), so the diary load below starts from a cold cache.
  const r = await context.request.post(`${config.url}/api/v1/session`, { data: { login: who.login, password: who.password } });
  if (!r.ok()) throw new Error(`sign-in failed: ${r.status()} ${await r.text()}`);
  return context;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fcp = [], bytes = [], grid = [], drawn = [], typing = [], gridAnswer = [], lessons = [], beforeConnect = [], afterHtml = [], fcpWarm = [], warmTransferred = [];
// A lesson cell of the journal grid by pupil row and lesson column (the row's first cell is the
// pupil's name).
const cellSelector = (r, c) => `table.grid tbody tr:nth-child(${r + 1}) > td:nth-child(${c + 2})`;
const { class: klass, subject, term } = config.journal;
const journalPath = `/journal/${klass}/${subject}/${term}`;
let rows = 0, columns = 0;
for (let i = 0; i < config.runs; i++) {
  const context = await signedInContext(config.guardian);
  const page = await context.newPage();
  let transferred = 0;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.loadingFinished", (e) => { transferred += e.encodedDataLength; });
  // The first paint may be the page's shell (the header, drawn before any script runs); the week's
  // lessons on screen is the moment the diary itself is there, timed in the page from navigation.
  await page.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.querySelector(".lesson")) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.benchLessons = performance.now(); }));
    });
    seen.observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${config.url}/pupils/${config.guardian.child}/diary/${config.week}`);
  await page.locator(".lesson").first().waitFor({ timeout: 60000 });
  await page.waitForFunction(() => window.benchLessons);
  const paint = await page.evaluate(() => {
    const e = performance.getEntriesByName("first-contentful-paint")[0];
    return e ? e.startTime : null;
  });
  fcp.push(paint);
  // Where the first paint's time goes: before the browser opens a connection (its own start-up in
  // a fresh context), and after the page's HTML has arrived (stylesheet, the renderer, the paint).
  const nav = await page.evaluate(() => performance.getEntriesByType("navigation")[0].toJSON());
  beforeConnect.push(nav.connectStart);
  afterHtml.push(paint - nav.responseEnd);
  lessons.push(await page.evaluate(() => window.benchLessons));
  bytes.push(transferred);
  await context.close();

  // The same cold cache in a browser that is already running: the context first shows an API
  // answer of the box (401 JSON, nothing cached, no file of the app), so its network stack and a
  // renderer for the box's site are up — as on a parent's phone whose browser is open — and then
  // the diary loads. Not the target's figure: it tells the browser's start from the page's.
  const warm = await signedInContext(config.guardian);
  const wp = await warm.newPage();
  let warmBytes = 0;
  const wcdp = await warm.newCDPSession(wp);
  await wp.goto(`${config.url}/api/v1/warm-up`);
  await wcdp.send("Network.enable");
  wcdp.on("Network.loadingFinished", (e) => { warmBytes += e.encodedDataLength; });
  await wp.goto(`${config.url}/pupils/${config.guardian.child}/diary/${config.week}`);
  await wp.locator(".lesson").first().waitFor({ timeout: 60000 });
  fcpWarm.push(await wp.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0].startTime));
  warmTransferred.push(warmBytes);
  await warm.close();

  const teacher = await signedInContext(config.teacher);
  const tp = await teacher.newPage();
  await tp.goto(`${config.url}/journal`);  // the app's files, warm: the grid is what is timed
  await tp.locator(".teaches a").first().waitFor({ timeout: 60000 });  // not timed: a loaded machine may be slow here
  const j = await (await teacher.request.get(`${config.url}/api/v1/classes/${klass}/journal?subject=${subject}&term=${term}`)).json();
  rows = j.students.length;
  columns = j.lessons.length;
  // The teacher, in the app already, opens the class's journal: from the click to typing.
  await tp.evaluate((href) => {
    const a = document.createElement("a");
    a.href = href;
    a.id = "bench-link";
    a.textContent = "journal";
    document.body.append(a);
  }, journalPath);
  // In the page: the click, the moment the last cell exists, the first frame after it, and then
  // the grid taking a click: the bottom-right cell pressed as soon as that frame is out (the task
  // runs only once the page is free, as a person's click would), until the editor has the focus.
  await tp.evaluate((last) => {
    window.benchTimes = {};
    document.addEventListener("click", (e) => {
      if (e.target.id === "bench-link") window.benchTimes.click = e.timeStamp;  // when the click happened
    }, true);
    document.addEventListener("focusin", (e) => {
      if (window.benchTimes.pressed && !window.benchTimes.typing && e.target.matches("table.grid input.cell-editor") &&
          e.target.closest("td") === document.querySelector(last))
        window.benchTimes.typing = performance.now();
    });
    const seen = new MutationObserver(() => {
      if (!document.querySelector(last)) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        window.benchTimes.drawn = performance.now();
        window.benchTimes.pressed = true;
        document.querySelector(last).dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0 }));
      }));
    });
    seen.observe(document.body, { subtree: true, childList: true });
  }, cellSelector(rows - 1, columns - 1));
  const started = Date.now();
  await tp.click("#bench-link");
  await tp.locator(cellSelector(rows - 1, columns - 1)).waitFor({ timeout: 15000 });
  await tp.locator(cellSelector(0, 0)).click();
  await tp.waitForFunction(() => document.activeElement && document.activeElement.matches("table.grid input.cell-editor"));
  grid.push(Date.now() - started);
  await tp.waitForFunction(() => window.benchTimes.drawn && window.benchTimes.typing);
  drawn.push(await tp.evaluate(() => window.benchTimes.drawn - window.benchTimes.click));
  typing.push(await tp.evaluate(() => window.benchTimes.typing - window.benchTimes.click));
  gridAnswer.push(await tp.evaluate(() => {
    const r = performance.getEntriesByType("resource").filter((e) => e.name.includes("/journal?")).pop();
    return r.responseEnd - window.benchTimes.click;
  }));
  await teacher.close();
}

// A saved mark reaching an open diary: the guardian's diary is open; the teacher's browser saves a
// mark; from the save's answer to the mark on the guardian's screen (GET /api/v1/stream, then the
// diary read again).
const live = [];
{
  const guardian = await signedInContext(config.guardian);
  const gp = await guardian.newPage();
  await gp.goto(`${config.url}/pupils/${config.guardian.child}/diary/${config.week}`);
  await gp.locator(".lesson").first().waitFor({ timeout: 15000 });
  await gp.waitForFunction(() => document.documentElement.dataset.live === "open", null, { timeout: 15000 });
  const teacher = await signedInContext(config.live.teacher);
  const tp = await teacher.newPage();
  await tp.goto(`${config.url}/`);
  const csrf = await tp.evaluate(async () => (await (await fetch("/api/v1/me")).json()).csrf_token);
  for (let i = 0; i < config.live.marks; i++) {
    const saved = await tp.evaluate(async ({ lesson, child, csrf, value }) => {
      const r = await fetch("/api/v1/marks", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ student_id: child, lesson_id: lesson, value, work_type: "oral" }),
      });
      return r.json();
    }, { lesson: config.live.lesson, child: config.guardian.child, csrf, value: 2 + (i % 4) });
    const t0 = Date.now();
    await gp.locator(`[aria-controls="mark-${saved.id}"]`).waitFor({ timeout: 15000 });
    live.push(Date.now() - t0);
  }
  await teacher.close();
  await guardian.close();
}
await browser.close();

const line = (name, value, unit, op, target) =>
  console.log(`${name.padEnd(62)} ${String(value).padStart(9)} ${unit.padEnd(3)} ${op} ${target} ${unit}   ${(op === "<=" ? value <= target : value >= target) ? "PASS" : "MISS"}`);
console.log(`web bench: ${config.runs} cold loads; diary ${config.week}; journal ${rows} pupils × ${columns} lessons`);
line("diary first contentful paint, cold cache, p95", Math.round(percentile(fcp, 95)), "ms", "<=", 300);
const note = (name, value, why) => console.log(`${name.padEnd(62)} ${String(Math.round(value)).padStart(9)} ms  (no target: ${why})`);
note("  of which: navigation start → connection opened, p95", percentile(beforeConnect, 95), "the browser's own start in a fresh context");
note("  of which: the page's HTML arrived → first paint, p95", percentile(afterHtml, 95), "stylesheet, renderer, layout, paint");
note("diary week's lessons on screen, cold cache, p95", percentile(lessons, 95), "what the first paint leads to");
note("diary first paint, cold cache, browser already running, p95", percentile(fcpWarm, 95),
     `the page's own share; it fetched ${Math.round(Math.min(...warmTransferred) / 1024)} KB or more, the whole app`);
line("diary bytes transferred, cold cache (max)", Math.round(Math.max(...bytes) / 1024), "KB", "<=", 200);
line(`journal grid ${rows}×${columns} drawn (click → every cell painted), p95`, Math.round(percentile(drawn, 95)), "ms", "<=", 200);
note("  of which: the click → the journal's answer in, p95", percentile(gridAnswer, 95),
     "the fetch starts at the press; the rest is the page's parse, render, layout and paint");
line(`journal grid ${rows}×${columns} interactive (click → a cell takes typing), p95`, Math.round(percentile(typing, 95)), "ms", "<=", 200);
note("  the same through the driver (Playwright's waits and click), p95", percentile(grid, 95), "adds the driver's round trips to the page");
line(`saved mark reaching an open diary (${live.length} marks), p95`, Math.round(percentile(live, 95)), "ms", "<=", 1000);
