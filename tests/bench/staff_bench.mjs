// staff_bench.mjs: the office's lists in real headless Chromium (run by staff_bench.py).
// Each list is opened from the office's start page by its link, as the secretary does: the time from
// the click (taken in the page) to its rows on screen with the search box enabled — "interactive" —
// and then a search typed into the 900 pupils: from the input event to the narrowed rows painted.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const require = createRequire(path.resolve(config.web_dir, "package.json"));
const { chromium } = require("playwright-core");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, ignoreHTTPSErrors: true });
const page = await context.newPage();
await page.goto(`${config.url}/sign-in`);
await page.getByLabel(/^(Логин|Login)$/).fill(config.secretary.login);
await page.getByLabel(/^(Пароль|Password)$/).fill(config.secretary.password);
await page.keyboard.press("Enter");
await page.waitForURL((u) => u.pathname === "/office", { timeout: 15000 });

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

// From the click on the start page's link to `rows` painted and `search` enabled, measured in the page.
async function opened(href, rows, search) {
  await page.goto(`${config.url}/office`);
  await page.locator(`.area-sections a[href="${href}"]`).waitFor({ timeout: 15000 });
  return page.evaluate(([href, rows, search]) => new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector(`.area-sections a[href="${href}"]`).click();
    const ready = () => document.querySelectorAll(rows).length > 0 && document.querySelector(search) && !document.querySelector(search).disabled;
    const poll = () => (ready() ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(poll));
    poll();
  }), [href, rows, search]);
}

// Typing a name into the pupils' search: from the input event to the narrowed list painted.
async function searched(text) {
  return page.evaluate((text) => new Promise((resolve) => {
    const input = document.querySelector("#pupil-q");
    const before = document.querySelector(".found-count, [role=status]")?.textContent;
    const t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const poll = () => {
      const now = document.querySelector(".found-count, [role=status]")?.textContent;
      if (now !== before) requestAnimationFrame(() => resolve(performance.now() - t0));
      else requestAnimationFrame(poll);
    };
    poll();
  }), text);
}

const figures = { pupils: [], teachers: [], classes: [], search: [] };
for (let i = 0; i < config.runs; i++) {
  figures.pupils.push(await opened("/office/pupils", "table.pupils tbody tr", "#pupil-q"));
  figures.search.push(await searched(i % 2 ? "Ива" : "Смир"));
  figures.teachers.push(await opened("/office/teachers", "main table.list tbody tr", "#teacher-q"));
  figures.classes.push(await opened("/office/classes", "main table.list tbody tr", "#class-q"));
}
await browser.close();

const line = (name, xs, target) => {
  const p95 = Math.round(percentile(xs, 95));
  console.log(`${name.padEnd(58)} p50 ${String(Math.round(percentile(xs, 50))).padStart(5)} ms  p95 ${String(p95).padStart(5)} ms  <= ${target} ms  ${p95 <= target ? "PASS" : "MISS"}`);
};
console.log(`staff bench: ${config.runs} runs; ${config.pupils} pupils, ${config.teachers} teachers`);
line(`pupils list (${config.pupils}), click → interactive`, figures.pupils, 300);
line("pupils search typed → narrowed list painted", figures.search, 300);
line(`teachers list (${config.teachers}), click → interactive`, figures.teachers, 300);
line("classes list, click → interactive", figures.classes, 300);
