#!/usr/bin/env python3
"""The layer check must be able to fail: the same build, told that the domain links SQLite and that
the kiosk core links the store, has to be refused with both rules named."""
import json
import os
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
check = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_layers.py")
layers = json.load(open(os.path.join(build, "layers.json")))
layers["classbook_domain"]["link"] = "SQLite::SQLite3"
layers["classbook_kiosk_core"]["link"] += "|classbook_store"
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
    json.dump(layers, f)
try:
    r = subprocess.run([sys.executable, check, build, source], env={**os.environ, "LAYERS_JSON": f.name},
                       capture_output=True, text=True)
finally:
    os.unlink(f.name)
print(r.stdout)
assert r.returncode == 1, f"the check passed a domain that links SQLite (exit {r.returncode})"
assert "domain links nothing: SQLite::SQLite3" in r.stdout, "the domain's link was not named"
assert "kiosk and drivers know nothing of the server: classbook_kiosk_core links classbook_store" in r.stdout
print("layer check self-test: both planted breaks were refused")
