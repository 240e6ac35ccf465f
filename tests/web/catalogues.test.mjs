// The app's message catalogues (server/web/src/texts): Russian and English say the same things —
// every key of one is in the other, in the base catalogue and in each staff area's (issue 12) — and
// every key the code names literally, t("…"), is in the Russian one. CTest: unit.web.catalogues.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "server", "web", "src");
const AREAS = ["", "office_", "desk_", "director_", "admin_"];
const load = async (file) => import(path.join(src, "texts", file));

test("each catalogue has the same keys in Russian and English", async () => {
  for (const area of AREAS) {
    const ru = await load(`${area || ""}ru.js`);
    const en = await load(`${area || ""}en.js`);
    for (const table of ["TEXTS", "PLURALS", "SAY"]) {
      const r = Object.keys(ru[table] || {}), e = Object.keys(en[table] || {});
      assert.deepEqual(r.filter((k) => !e.includes(k)), [], `${area}en.js ${table} lacks these keys of ${area}ru.js`);
      assert.deepEqual(e.filter((k) => !r.includes(k)), [], `${area}ru.js ${table} lacks these keys of ${area}en.js`);
    }
  }
});

test("no key is defined by two catalogues (one would silently hide the other)", async () => {
  const seen = new Map();
  for (const area of AREAS) {
    const ru = await load(`${area || ""}ru.js`);
    for (const key of Object.keys(ru.TEXTS || {})) {
      assert.ok(!seen.has(key), `"${key}" is in ${seen.get(key)}ru.js and ${area}ru.js`);
      seen.set(key, area);
    }
  }
});

test("every key the code names is in the catalogues", async () => {
  const known = new Set();
  for (const area of AREAS) for (const k of Object.keys((await load(`${area || ""}ru.js`)).TEXTS)) known.add(k);
  const missing = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== "texts") walk(p); continue; }
      if (!e.name.endsWith(".js") || e.name === "i18n.js") continue;  // i18n.js names keys only in its comments
      for (const m of fs.readFileSync(p, "utf8").matchAll(/\bt\("([\w.]+)"\s*[,)]/g))
        if (!known.has(m[1])) missing.push(`${path.relative(src, p)}: ${m[1]}`);
    }
  };
  walk(src);
  assert.deepEqual(missing, []);
});
