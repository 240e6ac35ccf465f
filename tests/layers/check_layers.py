#!/usr/bin/env python3
"""The layer arrows, checked against the build itself: what each library links, what its object
files really included (ninja's dependency log) and their include paths (compile_commands.json), so
an upward include or link fails a test instead of waiting for a reviewer.
Usage: check_layers.py BUILD_DIR SOURCE_DIR (after a build).
LAYERS_JSON, LAYERS_DEPS and LAYERS_COMPILE_COMMANDS name a layers.json, a `ninja -t deps` text and
a compile_commands.json to read instead of the build's own (check_layers_selftest.py plants breaks
in copies of them).

A rule named in tests/layers/pending.txt (one "rule: why" a line) is known to be broken and being
worked on: its findings are listed but do not fail the run. A pending rule that no longer finds
anything fails the run, so the list cannot outlive the debt it names."""
import json
import os
import re
import subprocess
import sys

build, source = sys.argv[1], os.path.realpath(sys.argv[2])
targets = json.load(open(os.environ.get("LAYERS_JSON", os.path.join(build, "layers.json"))))

# What a pure layer may never see: a header of an I/O library or of a layer above it.
IO_HEADERS = re.compile(r"(/sqlite3\.h$|/boost/|/openssl/|/cairo|/pango|/libusb|/ZXing/|/cups/)")
failures = []


def fail(rule, detail):
    failures.append(f"{rule}: {detail}")


if os.environ.get("LAYERS_DEPS"):
    DEPS_LOG = open(os.environ["LAYERS_DEPS"]).read()
else:
    DEPS_LOG = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout


def read_deps_log(text):
    """Every file each object file included, from ninja's deps log; the first is its own source."""
    result, current, real = {}, None, {}
    for line in text.splitlines():
        if line and not line.startswith(" "):
            obj = line.split(":")[0]
            current = obj if obj.endswith(".o") else None
            if current:
                result[current] = []
        elif current and line.strip():
            path = line.strip()
            if path not in real:
                real[path] = os.path.realpath(os.path.join(build, path))
            result[current].append(real[path])
    return result


ALL_DEPS = read_deps_log(DEPS_LOG)


def deps_of(target=None):
    """The deps of each object file of a target (of every target: None)."""
    marker = f"/CMakeFiles/{target}.dir/" if target else "/CMakeFiles/"
    return {obj: files for obj, files in ALL_DEPS.items() if marker in obj}


def links(name):
    t = targets[name]
    return set(filter(None, (t["link"] + "|" + t["interface_link"]).split("|")))


def check_headers(target, forbidden, why):
    objs = deps_of(target)
    if not objs:
        fail(why, f"no object files of {target} in ninja's deps log; build first")
    for obj, headers in objs.items():
        for h in headers:
            if forbidden(h):
                fail(why, f"{os.path.basename(obj)} includes {h}")
                break


def under(*parts):
    root = os.path.join(source, *parts) + os.sep
    return lambda h: h.startswith(root)


# 1. The domain links nothing and includes no I/O header.
for lib in links("classbook_domain"):
    fail("domain links nothing", lib)
check_headers("classbook_domain", lambda h: bool(IO_HEADERS.search(h)) or not (
    h.startswith(source + "/server/domain/") or h.startswith(source + "/common/include/") or not h.startswith(source)),
    "domain includes only itself, common's headers and the standard library")

# 2. http reaches the store only through app: no store header, no sqlite3.h, no store link. The rows
# app hands up are rows/'s, below app and store.
check_headers("classbook_http", lambda h: under("server", "store")(h) or h.endswith("/sqlite3.h"),
              "http includes no store header")
for lib in links("classbook_http"):
    if "store" in lib or "SQLite" in lib:
        fail("http links no store", lib)
for lib in links("classbook_rows"):
    if lib != "classbook_domain":
        fail("rows sits on the domain only", f"classbook_rows links {lib}")

# 3. SQLite stays inside store: its headers declare the handles and include no sqlite3.h, so the
# server's other layers never see it, and code that includes a store header sees SQLite only when
# its own source includes sqlite3.h (a test that drives SQLite directly).
for server_lib in ("classbook_app", "classbook_http", "classbook_auth", "classbook_demo", "classbookd", "classbookctl"):
    check_headers(server_lib, lambda h: h.endswith("/sqlite3.h"), "sqlite3.h stays inside store")
SQLITE_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]sqlite3\.h[>"]', re.M)
for obj, files in deps_of().items():
    if "/classbook_store.dir/" in obj or not files:
        continue
    if any(f.endswith("/sqlite3.h") for f in files) and any(under("server", "store")(f) for f in files[1:]):
        try:
            own = open(files[0], errors="replace").read()
        except OSError:
            own = ""
        if not SQLITE_INCLUDE.search(own):
            fail("sqlite3.h stays inside store", f"{os.path.basename(obj)} sees sqlite3.h through a store header")

# 4. Links are private: what a layer uses is not handed on to its callers.
for name, t in targets.items():
    for lib in filter(None, t["interface_link"].split("|")):
        if lib.startswith("$<LINK_ONLY:"):
            continue
        allowed = {"classbook_app": {"classbook_rows", "classbook_domain", "classbook_common"},
                   "classbook_store": {"classbook_rows", "classbook_domain", "classbook_common"},
                   "classbook_rows": {"classbook_domain"},
                   "classbook_auth": {"classbook_common"},
                   "classbook_mail": {"classbook_common"}}.get(name)
        layered = lib.startswith("classbook_") or "SQLite" in lib or "OpenSSL" in lib
        if allowed is not None and layered and lib not in allowed:
            fail("links are private", f"{name} hands {lib} on to its callers")

# ...and so the compiler cannot even find a store header from http: no http object is compiled with
# store's include folder on its path (compile_commands.json, what the build really ran).
commands = json.load(open(os.environ.get("LAYERS_COMPILE_COMMANDS", os.path.join(build, "compile_commands.json"))))
store_folder = os.path.join(os.path.realpath(build), "include", "classbook_store")
http_commands = [c for c in commands if "/CMakeFiles/classbook_http.dir/" in c.get("output", "") + c["command"]]
if not http_commands:
    fail("links are private", "no http object in compile_commands.json; configure and build first")
for c in http_commands:
    if re.search(r"(^|\s)-(I|isystem\s*)" + re.escape(store_folder) + r"(\s|$)", c["command"]):
        fail("links are private", f"{os.path.basename(c['file'])} of http is compiled with {store_folder} on its path")

# 5. Each module's include path is its own folder, never the whole server tree.
whole_tree = {os.path.join(source, "server"), os.path.join(source, "server") + "/", source, source + "/"}
for name, t in targets.items():
    for d in filter(None, t["interface_include"].split("|")):
        if os.path.realpath(d) in {os.path.realpath(w) for w in whole_tree}:
            fail("own include folder only", f"{name} exposes {d}")

# 6. common does not hand OpenSSL to everyone.
for lib in links("classbook_common"):
    if "OpenSSL" in lib and not lib.startswith("$<LINK_ONLY:"):
        if lib in targets["classbook_common"]["interface_link"].split("|"):
            fail("OpenSSL is private to common", lib)

# 7. Nothing but the daemon links http; the kiosk and the drivers link nothing of the server.
for name, t in targets.items():
    if name.startswith(("classbook_kiosk", "classbook_drivers")):
        for lib in links(name):
            if lib in {"classbook_domain", "classbook_store", "classbook_app", "classbook_http", "classbook_auth"}:
                fail("kiosk and drivers know nothing of the server", f"{name} links {lib}")

# 8. SQL lives only in store/: app, http and the daemon's programs ask the store's functions.
SQL_CALL = re.compile(r"(\bprepare\(|(\.|->)exec\(|\bsqlite3_)")
for layer in ("app", "http", "daemon"):
    root = os.path.join(source, "server", layer)
    for dirpath, _, files in os.walk(root):
        for name in files:
            if not name.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if SQL_CALL.search(line):
                        fail("SQL lives only in store", f"{os.path.relpath(path, source)}:{number}: {line.strip()[:80]}")

# 9. Documents, printing and mail sit beside app, not above it: docs draws (cairo, pango), printing
# talks to CUPS and mail to an SMTP relay (OpenSSL, private), and none sees the store, HTTP or the app's use cases; their headers hand no
# cairo, pango or CUPS header on, so no other server layer includes them. (The kiosk's scanner
# drivers read PNGs with cairo: they are not the server.)
for lib, own in (("classbook_docs", "docs"), ("classbook_printing", "printing"), ("classbook_mail", "mail")):
    check_headers(lib, lambda h: any(under("server", layer)(h) for layer in ("store", "http", "app", "auth", "daemon")),
                  f"{own} knows nothing of the store, HTTP or the use cases")
    for dep in links(lib):
        if dep in {"classbook_store", "classbook_app", "classbook_http", "classbook_auth", "classbook_domain"}:
            fail(f"{own} knows nothing of the store, HTTP or the use cases", f"{lib} links {dep}")
DRAWING, CUPS = re.compile(r"/(cairo|pango)"), re.compile(r"/cups/")
SERVER_OBJECT = re.compile(r"/(classbook_(app|http|store|auth|domain|rows|printing|mail|config|demo)|classbookd|classbookctl)\.dir/")
for obj, files in deps_of().items():
    if not SERVER_OBJECT.search(obj):
        continue
    if any(DRAWING.search(f) for f in files):
        fail("cairo and pango stay inside docs", f"{os.path.basename(obj)} includes {next(f for f in files if DRAWING.search(f))}")
    if "/classbook_printing.dir/" not in obj and any(CUPS.search(f) for f in files):
        fail("CUPS stays inside printing", f"{os.path.basename(obj)} includes {next(f for f in files if CUPS.search(f))}")

# 10. OneRoster (server/sync/oneroster) is the standard as plain values, shared by the box, the
# reference portal and the sync client: the standard library, common and Boost.JSON only — no SQLite,
# no Asio/Beast, no OpenSSL, no store/app/http/auth — and libzip only inside bundle_zip.cpp, linked
# privately, so no header of it hands zip.h on.
if "classbook_oneroster" in targets:
    ONEROSTER_FORBIDDEN = re.compile(r"(/sqlite3\.h$|/boost/(asio|beast)/|/openssl/|/cairo|/pango|/libusb|/ZXing/|/cups/)")
    server_layers = ("store", "app", "http", "auth", "daemon", "domain", "rows", "docs", "printing", "demo")
    for obj, headers in deps_of("classbook_oneroster").items():
        for h in headers:
            if ONEROSTER_FORBIDDEN.search(h) or any(under("server", layer)(h) for layer in server_layers):
                fail("oneroster is pure", f"{os.path.basename(obj)} includes {h}")
                break
            if h.endswith("/zip.h") and not obj.endswith("/bundle_zip.cpp.o"):
                fail("libzip stays inside bundle_zip.cpp", f"{os.path.basename(obj)} includes {h}")
                break
    if not deps_of("classbook_oneroster"):
        fail("oneroster is pure", "no object files of classbook_oneroster in ninja's deps log; build first")
    for lib in links("classbook_oneroster"):
        bare = lib[len("$<LINK_ONLY:"):-1] if lib.startswith("$<LINK_ONLY:") else lib
        if bare.startswith("classbook_") and bare != "classbook_common":
            fail("oneroster is pure", f"classbook_oneroster links {bare}")
        elif not bare.startswith("classbook_") and not re.search(r"(Boost::json|Boost::headers|LIBZIP)", bare):
            fail("oneroster is pure", f"classbook_oneroster links {bare}")
    for lib in filter(None, targets["classbook_oneroster"]["interface_link"].split("|")):
        if "LIBZIP" in lib and not lib.startswith("$<LINK_ONLY:"):
            fail("libzip stays inside bundle_zip.cpp", "classbook_oneroster hands libzip on to its callers")
# 11. The sync client (issue 13, server/sync) sits beside the daemons: only classbookd and classbookctl
# (and the sync tests) link it or include its headers; it never reaches HTTP.
for name in targets:
    if name in ("classbookd", "classbookctl", "classbook_sync") or name.startswith(("unit.sync", "classbook_sync_")):
        continue
    if "classbook_sync" in links(name):
        fail("only the daemons use sync", f"{name} links classbook_sync")
for obj, files in deps_of().items():
    if re.search(r"/(classbookd|classbookctl|classbook_sync[a-z_]*|unit\.sync[.a-z_]*)\.dir/", obj) or not files:
        continue
    if any(under("server", "sync")(f) and not under("server", "sync", "oneroster")(f) for f in files):
        fail("only the daemons use sync", f"{os.path.basename(obj)} includes a sync header")
if "classbook_sync" in targets:
    check_headers("classbook_sync", under("server", "http"), "sync never reaches HTTP")

pending = {}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pending.txt")) as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            rule, _, why = line.partition(":")
            pending[rule.strip()] = why.strip()
broken = [f for f in failures if f.split(":")[0] not in pending]
for rule, why in pending.items():
    found = [f for f in failures if f.split(":")[0] == rule]
    if not found:
        broken.append(f"{rule}: listed in pending.txt but holds now; remove it from pending.txt")
    else:
        print(f"pending ({len(found)} findings): {rule} — {why}")
if broken:
    print("Layer rules broken:")
    for f in broken:
        print("  " + f)
    sys.exit(1)
print(f"layers: {len(targets)} libraries checked; every enforced arrow points down ({len(pending)} rules pending)")
