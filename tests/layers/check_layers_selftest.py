#!/usr/bin/env python3
"""The layer check must be able to fail: the same build, with a break planted in a copy of what the
check reads (layers.json, ninja's deps log, compile_commands.json) for each rule, has to be refused
with that rule named. A plant that the check passes fails this test."""
import json
import os
import re
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
check = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_layers.py")
LAYERS = json.load(open(os.path.join(build, "layers.json")))
DEPS = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout
COMMANDS = json.load(open(os.path.join(build, "compile_commands.json")))


def with_dep(deps, object_pattern, header):
    """The deps log with `header` added to the first object whose name matches `object_pattern`."""
    m = re.search(r"^(\S*" + object_pattern + r"\S*\.o): .*\n    \S+\n", deps, re.M)
    assert m, f"no object matching {object_pattern} in ninja's deps log"
    return deps[:m.end()] + f"    {header}\n" + deps[m.end():]


def run_check(layers=LAYERS, deps=DEPS, commands=COMMANDS):
    files = []
    try:
        env = dict(os.environ)
        for key, content in (("LAYERS_JSON", json.dumps(layers)), ("LAYERS_DEPS", deps),
                             ("LAYERS_COMPILE_COMMANDS", json.dumps(commands))):
            f = tempfile.NamedTemporaryFile("w", delete=False)
            f.write(content)
            f.close()
            files.append(f.name)
            env[key] = f.name
        return subprocess.run([sys.executable, check, build, source], env=env, capture_output=True, text=True)
    finally:
        for name in files:
            os.unlink(name)


def refused(what, expected, **planted):
    r = run_check(**planted)
    print(f"--- {what}\n{r.stdout}{r.stderr}")
    assert r.returncode == 1, f"the check passed {what} (exit {r.returncode})"
    for line in expected:
        assert line in r.stdout, f"{what}: the check did not say {line!r}"


# The copies themselves pass: a refusal below is the plant's doing, not the copying's.
r = run_check()
assert r.returncode == 0, f"the unplanted copies were refused:\n{r.stdout}{r.stderr}"

# The domain links SQLite; the kiosk core links the store.
layers = json.loads(json.dumps(LAYERS))
layers["classbook_domain"]["link"] = "SQLite::SQLite3"
layers["classbook_kiosk_core"]["link"] += "|classbook_store"
refused("a domain that links SQLite and a kiosk that links the store",
        ["domain links nothing: SQLite::SQLite3",
         "kiosk and drivers know nothing of the server: classbook_kiosk_core links classbook_store"], layers=layers)

# An http object includes a store header.
refused("http including store/db.hpp",
        ["http includes no store header: api.cpp.o includes " + os.path.realpath(os.path.join(source, "server/store/db.hpp"))],
        deps=with_dep(DEPS, "/classbook_http.dir/api.cpp", "include/classbook_store/store/db.hpp"))

# sqlite3.h reaches an app object, and a store test sees it through a store header.
refused("app seeing sqlite3.h", ["sqlite3.h stays inside store: reads.cpp.o includes /usr/include/sqlite3.h"],
        deps=with_dep(DEPS, "/classbook_app.dir/reads.cpp", "/usr/include/sqlite3.h"))
refused("a store test seeing sqlite3.h through a store header",
        ["sqlite3.h stays inside store: writer_test.cpp.o sees sqlite3.h through a store header"],
        deps=with_dep(DEPS, "/unit.store.dir/writer_test.cpp", "/usr/include/sqlite3.h"))

# app hands the store and auth on, the store hands SQLite on, rows stands on the store.
layers = json.loads(json.dumps(LAYERS))
layers["classbook_app"]["interface_link"] += "|classbook_store|classbook_auth"
layers["classbook_store"]["interface_link"] += "|SQLite::SQLite3"
layers["classbook_rows"]["interface_link"] += "|classbook_store"
refused("public links", ["links are private: classbook_app hands classbook_store on to its callers",
                         "links are private: classbook_app hands classbook_auth on to its callers",
                         "links are private: classbook_store hands SQLite::SQLite3 on to its callers",
                         "rows sits on the domain only: classbook_rows links classbook_store"], layers=layers)

# http compiled with the store's include folder on its path.
commands = json.loads(json.dumps(COMMANDS))
store_folder = os.path.join(os.path.realpath(build), "include", "classbook_store")
http = [c for c in commands if "/CMakeFiles/classbook_http.dir/" in c.get("output", "") + c["command"]]
assert http, "no http object in compile_commands.json"
http[0]["command"] += " -I" + store_folder
refused("http compiled with the store's include folder", ["links are private: " + os.path.basename(http[0]["file"]) +
                                                          " of http is compiled with " + store_folder], commands=commands)

# cairo reaches an app object, CUPS an http one; docs includes an app header and printing links the store.
deps = with_dep(with_dep(DEPS, "/classbook_app.dir/reads.cpp", "/usr/include/cairo/cairo.h"),
                "/classbook_http.dir/api.cpp", "/usr/include/cups/cups.h")
deps = with_dep(deps, "/classbook_docs.dir/pdf_flow.cpp", "include/classbook_app/app/context.hpp")
layers = json.loads(json.dumps(LAYERS))
layers["classbook_printing"]["link"] += "|classbook_store"
refused("drawing and printing outside their layers",
        ["cairo and pango stay inside docs: reads.cpp.o includes /usr/include/cairo/cairo.h",
         "CUPS stays inside printing: api.cpp.o includes /usr/include/cups/cups.h",
         "docs knows nothing of the store, HTTP or the use cases: pdf_flow.cpp.o includes " +
         os.path.realpath(os.path.join(source, "server/app/context.hpp")),
         "printing knows nothing of the store, HTTP or the use cases: classbook_printing links classbook_store"],
        deps=deps, layers=layers)

print("layer check self-test: every planted break was refused")
