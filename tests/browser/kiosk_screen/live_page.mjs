// live_page: opens the kiosk screen on its real (never-ending) event stream in headless Chromium and
// waits — in real time, not Chromium's virtual time — until the page shows a text that only an SSE
// event can bring; then the screenshot, and the DOM on stdout. Virtual time could run thirty
// "seconds" of re-asks in a few real milliseconds on a busy machine, before the fixture had switched.
//   node live_page.mjs WEB_DIR URL SHOT TEXT
import path from "node:path";
import { createRequire } from "node:module";

const [webDir, url, shot, text] = process.argv.slice(2);
const require = createRequire(path.resolve(webDir, "package.json"));
const { chromium } = require("playwright-core");
const WAIT_MS = 30000;  // the event normally arrives within a second; this only bounds a failure

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
         "--force-device-scale-factor=1"],
});
let code = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  try {
    await page.getByText(text).first().waitFor({ timeout: WAIT_MS });
  } catch (e) {
    process.stderr.write(`the page did not show ${JSON.stringify(text)} within ${WAIT_MS} ms\n`);
    code = 1;
  }
  await page.screenshot({ path: shot });
  process.stdout.write(await page.content());
} finally {
  await browser.close();
}
process.exit(code);
