// build.mjs: bundles the browser app for classbookd to embed.
//   node build.mjs --out DIR
// DIR/index.html  the page, naming the bundles it loads (served with Cache-Control: no-cache)
// DIR/assets/…    the bundles, each name carrying a hash of its content (served as immutable), so a
//                 new build can never meet a stale copy in a browser's cache
// X.gz beside X   gzip at level 9 wherever it saves at least a tenth: the box compresses once, at
//                 build time, not per request
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, constants } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const at = process.argv.indexOf("--out");
if (at < 0 || !process.argv[at + 1]) {
  console.error("usage: node build.mjs --out DIR");
  process.exit(2);
}
const out = path.resolve(process.argv[at + 1]);
const entry = path.join(here, "src", "main.js");

fs.rmSync(out, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: "esm",
  splitting: true,  // screens loaded on demand become their own hashed chunks
  // The app uses preact-iso's router only. The package's index also offers prerender(), a dynamic
  // import of a server renderer, and that split the bundle: main.js then had to fetch a shared chunk
  // before it could run, one more round trip before the first screen.
  alias: { "preact-iso": path.join(here, "node_modules", "preact-iso", "src", "router.js") },
  target: ["chrome100", "firefox100", "safari15"],
  outdir: path.join(out, "assets"),
  entryNames: "[name]-[hash]",
  chunkNames: "chunks/[name]-[hash]",
  assetNames: "[name]-[hash]",
  charset: "utf8",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

// The entry's script and its stylesheet, as the page must name them.
const rel = (p) => "/" + path.relative(out, path.resolve(p)).split(path.sep).join("/");
const main = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint && path.resolve(o.entryPoint) === entry);
if (!main) throw new Error("esbuild produced no bundle for src/main.js");
const [script, info] = main;
const styles = info.cssBundle ? `<link rel="stylesheet" href="${rel(info.cssBundle)}">` : "";
// The staff's areas are loaded on demand (parts/lazy_screen.js), so code they share with the first
// screen sits in chunks main imports statically: named in the page, they are fetched beside main
// instead of one round trip after it.
const preloads = info.imports.filter((i) => i.kind === "import-statement")
  .map((i) => `<link rel="modulepreload" href="${rel(i.path)}">`).join("");

const template = fs.readFileSync(path.join(here, "src", "index.html"), "utf8");
for (const mark of ["<!-- classbook:styles -->", "<!-- classbook:script -->"])
  if (!template.includes(mark)) throw new Error(`src/index.html lacks the marker ${mark}`);
const page = template
  .replace("<!-- classbook:styles -->", styles + preloads)
  .replace("<!-- classbook:script -->", `<script type="module" src="${rel(script)}"></script>`);
fs.writeFileSync(path.join(out, "index.html"), page);

let files = 0, bytes = 0, gzipped = 0;
for (const name of fs.readdirSync(out, { recursive: true })) {
  const file = path.join(out, name);
  if (!fs.statSync(file).isFile() || file.endsWith(".gz")) continue;
  const body = fs.readFileSync(file);
  const gz = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  files += 1;
  bytes += body.length;
  if (gz.length <= body.length * 0.9) {
    fs.writeFileSync(file + ".gz", gz);
    gzipped += gz.length;
  } else {
    gzipped += body.length;
  }
}
console.log(`web: ${files} files, ${bytes} bytes, ${gzipped} bytes as sent gzipped, in ${out}`);
