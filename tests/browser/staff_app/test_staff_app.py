#!/usr/bin/env python3
"""browser.staff_app: the staff's screens (issue 12) in real headless Chromium against a real
classbookd with a demo school (tests/integration/box.py) printing to a private cupsd
(tests/integration/support/cupsd.py); the scenarios are in office.mjs, desk.mjs, director.mjs and
admin.mjs, run by staff_app.mjs. Screenshots are kept in --out. Exits 77 (skipped) only when
Chromium is not installed."""
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
from support.cupsd import Cupsd  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--web-dir", required=True, help="server/web, where npm ci installed playwright-core and axe-core")
    ap.add_argument("--out", required=True, help="folder for screenshots")
    args = ap.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        print(f"skipped: no Chromium at {chromium}")
        return 77
    cups = Cupsd()
    cups.add_queue("office_q")
    config_file = None
    box = None
    try:
        box = Box(students=60, weeks=2).start(config=(
            f'[printing]\ncups_server = "{cups.server}"\ndefault_queue = "office"\n'
            '[printing.queues.office]\ndestination = "office_q"\nlabel = "Канцелярия"\n'))
        # The admin's account starts with a one-time password: the scenarios sign in with a real one.
        admin = box.client()
        assert admin.sign_in("admin", box.admin_password)[0] == 200
        status, body = admin.request("POST", "/api/v1/me/password", {"old_password": box.admin_password,
                                                                     "new_password": "Kvadrat-Bereza-2026"})
        assert status in (200, 204), (status, body)
        person = lambda a: {"login": a["login"], "password": a["password"]}  # noqa: E731
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}", "web_dir": args.web_dir, "out": args.out,
                       "data": box.data, "kiosk_key": box.kiosk_key, "cups_outputs": cups.output("office_q"),
                       "secretary": person(box.account("secretary")),
                       "director": person(box.account("director")),
                       "admin": {"login": "admin", "password": "Kvadrat-Bereza-2026"}}, f)
            config_file = f.name
        node = shutil.which("node") or "/usr/bin/node"
        return subprocess.run([node, os.path.join(here, "staff_app.mjs"), config_file], timeout=800).returncode
    finally:
        if box:
            box.cleanup()
        cups.cleanup()
        if config_file:
            os.unlink(config_file)


if __name__ == "__main__":
    sys.exit(main())
