// web_app.mjs: real headless Chromium (Debian's, driven by playwright-core) against a real classbookd.
//   node web_app.mjs CONFIG.json
// CONFIG: {"url", "web_dir" (where npm ci put playwright-core and axe-core), "out" (screenshots),
//          "guardian": {"login", "password"}}
// Each scenario prints "ok" or "FAIL" with what went wrong; a failed scenario leaves its screenshot.
// Exit status: 0 when every scenario passed, 1 otherwise.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const require = createRequire(path.resolve(config.web_dir, "package.json"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");
fs.mkdirSync(config.out, { recursive: true });

const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1920, height: 1080 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
});

// Serious and critical WCAG 2.1 A/AA findings on the page as it is now.
async function axeFindings(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
}

async function noSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// A guardian signs in with the keyboard alone and reads the child's week.
async function guardianReadsTheWeek(viewportName) {
  const problems = [];
  // bypassCSP: only so that axe-core can be injected; the app itself runs under the box's CSP.
  const context = await browser.newContext({ viewport: VIEWPORTS[viewportName], ignoreHTTPSErrors: true, bypassCSP: true, locale: "ru-RU" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const shot = path.join(config.out, `guardian-diary-${viewportName}.png`);
  try {
    await page.goto(config.url, { waitUntil: "load" });
    await page.getByLabel("Логин").waitFor({ timeout: 10000 });
    await page.getByLabel("Логин").focus();
    await page.keyboard.type(config.guardian.login);
    await page.keyboard.press("Tab");
    await page.keyboard.type(config.guardian.password);
    await page.keyboard.press("Enter");
    await page.locator("#diary .day").first().waitFor({ timeout: 10000 });
    const days = await page.locator("#diary .day").count();
    if (days < 5) problems.push(`the week shows ${days} days, expected at least 5`);
    if (!(await noSideways(page))) problems.push("the page scrolls sideways");
    problems.push(...(await axeFindings(page)));
    problems.push(...errors.map((e) => `page error: ${e}`));
  } catch (e) {
    problems.push(String(e.message || e).split("\n")[0]);
  }
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  await context.close();
  return { name: `guardian reads the week (${viewportName})`, problems, shot };
}

let failed = 0;
for (const run of [() => guardianReadsTheWeek("phone"), () => guardianReadsTheWeek("desktop")]) {
  const started = Date.now();
  const r = await run();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${r.problems.length ? "FAIL" : "ok  "} ${r.name.padEnd(40)} ${secs} s  ${r.shot}`);
  for (const p of r.problems) console.log(`     ${p}`);
  if (r.problems.length) failed += 1;
}
await browser.close();
process.exit(failed ? 1 : 0);
