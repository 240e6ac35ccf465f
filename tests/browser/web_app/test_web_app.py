#!/usr/bin/env python3
"""browser.web_app: the browser app in real headless Chromium against a real classbookd with a demo
school (tests/integration/box.py); the scenarios are in web_app.mjs (playwright-core from
server/web's pinned tools). Screenshots are kept in --out. Exits 77 (skipped) only when Chromium
is not installed."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "integration"))
from box import Box  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--web-dir", required=True, help="server/web, where npm ci installed playwright-core and axe-core")
    ap.add_argument("--out", required=True, help="folder for screenshots")
    args = ap.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        print(f"skipped: no Chromium at {chromium}")
        return 77
    box = Box(students=60, weeks=2).start()
    try:
        guardian = box.account("guardian", lambda a: len(a["children"]) >= 1)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}/", "web_dir": args.web_dir, "out": args.out,
                       "guardian": {"login": guardian["login"], "password": guardian["password"]}}, f)
            config = f.name
        node = shutil.which("node") or "/usr/bin/node"
        return subprocess.run([node, os.path.join(here, "web_app.mjs"), config], timeout=300).returncode
    finally:
        box.cleanup()
        os.unlink(config)


if __name__ == "__main__":
    sys.exit(main())
