// harness: what every browser test of the app shares — real headless Chromium (Debian's, driven by
// playwright-core from server/web's pinned tools), a Scenario that checks each screen it reaches
// (no sideways scrolling, axe-core WCAG 2.1 A/AA: serious or critical fails, a screenshot kept), signing
// in with the keyboard alone, and the loop that runs scenarios and prints "ok"/"FAIL" per scenario.
//   const h = await harness(config); … await h.run(scenarios)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1920, height: 1080 };
export const TIMEOUT = 10000;

export async function harness(config) {
  const require = createRequire(path.resolve(config.web_dir, "package.json"));
  const { chromium } = require("playwright-core");
  const axePath = require.resolve("axe-core/axe.min.js");
  fs.mkdirSync(config.out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
           "--disable-component-update", "--no-first-run"],
  });
  class Scenario {
    constructor(name) {
      this.name = name;
      this.problems = [];
      this.shots = [];
    }
    expect(ok, problem) {
      if (!ok) this.problems.push(problem);
    }
    // bypassCSP: only so that axe-core can be injected; the app itself runs under the box's CSP.
    async open(viewport) {
      this.context = await browser.newContext({ viewport, ignoreHTTPSErrors: true, bypassCSP: true });
      this.page = await this.context.newPage();
      this.page.on("pageerror", (e) => this.problems.push(`page error: ${e.message}`));
      return this.page;
    }
    // The screen as it is now: no sideways scrolling, no serious axe finding, a screenshot kept.
    async check(screen) {
      const page = this.page;
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      this.expect(sideways <= 0, `${screen}: the page scrolls sideways by ${sideways} px`);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations);
      for (const v of violations.filter((x) => x.impact === "serious" || x.impact === "critical"))
        this.problems.push(`${screen}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
      await this.shoot(screen);
    }
    // The screen at the viewport's size (what a person sees first), and the whole page beside it.
    async shoot(screen) {
      const file = path.join(config.out, `${screen}.png`);
      await this.page.screenshot({ path: file });
      await this.page.screenshot({ path: path.join(config.out, `${screen}-full.png`), fullPage: true });
      this.shots.push(file);
    }
    async close() {
      if (this.context) await this.context.close();
    }
  }

  // WEB_APP_ONLY=text runs only the scenarios whose names contain it (while working on one).
  async function run(scenarios) {
    const only = process.env.WEB_APP_ONLY || "";
    const chosen = Object.entries(scenarios).filter(([name]) => name.includes(only));
    let failed = 0;
    for (const [name, play] of chosen) {
      const s = new Scenario(name);
      const started = Date.now();
      try {
        await play(s);
      } catch (e) {
        s.problems.push(String(e.message || e).split("\n")[0]);
        if (s.page) await s.shoot(`failed-${name.replace(/\W+/g, "-")}`).catch(() => {});
      }
      await s.close().catch(() => {});
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${s.problems.length ? "FAIL" : "ok  "} ${name.padEnd(40)} ${secs} s  ${s.shots.join(" ")}`);
      for (const p of s.problems) console.log(`     ${p}`);
      if (s.problems.length) failed += 1;
    }
    await browser.close();
    console.log(`${chosen.length - failed}/${chosen.length} scenarios passed`);
    return failed ? 1 : 0;
  }
  return { browser, Scenario, run };
}

// Sign in on the sign-in page with the keyboard alone: login, Tab, password, Enter.
export async function signIn(page, who) {
  const login = page.getByLabel(/^(Логин|Login)$/);
  await login.waitFor({ timeout: TIMEOUT });
  await login.focus();
  await page.keyboard.type(who.login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(who.password);
  await page.keyboard.press("Enter");
}


// phone header (issue 10): below 700 px the sections are behind the menu button; open it if so.
export async function openMenu(page) {
  const toggle = page.locator(".menu-toggle");
  if (await toggle.isVisible() && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

