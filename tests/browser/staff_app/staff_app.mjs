// staff_app.mjs: the office's, the director's and the admin's screens (issue 12) in real headless
// Chromium against a real classbookd (test_staff_app.py starts it).
//   node staff_app.mjs CONFIG.json
// CONFIG: {"url", "web_dir", "out", "data" (the box's folder: its journal.db for checks),
//          "kiosk_key" (entrance-1's device key), "cups_outputs" (the PDF the private cupsd's office
//          queue writes), "secretary", "director", "admin": {login, password}}
// Each area's scenarios are in its own file (office.mjs, desk.mjs, director.mjs, admin.mjs): a
// function of the shared kit returning {name: async (scenario) => …}. Every screen a scenario
// checks is tested for sideways scrolling and by axe-core, and saved as a screenshot.
// Exit status: 0 when every scenario passed, 1 otherwise.
import fs from "node:fs";
import { harness, signIn, openMenu, PHONE, DESKTOP, TIMEOUT } from "../harness.mjs";
import office from "./office.mjs";
import desk from "./desk.mjs";
import director from "./director.mjs";
import admin from "./admin.mjs";

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { browser, Scenario, run } = await harness(config);

// Open the app at `path` as `who` (a config account) on a viewport, signed in with the keyboard.
async function openAs(s, who, path, viewport = DESKTOP) {
  const page = await s.open(viewport);
  await page.goto(config.url + path);
  await signIn(page, who);
  return page;
}

const kit = { config, browser, openAs, signIn, openMenu, PHONE, DESKTOP, TIMEOUT };
const scenarios = { ...office(kit), ...desk(kit), ...director(kit), ...admin(kit) };
process.exit(await run(scenarios));
