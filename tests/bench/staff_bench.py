#!/usr/bin/env python3
"""staff_bench: the staff screens' figures (`./run bench-staff`, issue 12) — a real classbookd with a
900-pupil demo school whose staff the office tops up to 70 teachers, and real headless Chromium
(tests/bench/staff_bench.mjs): each office list (pupils, teachers, classes) from the click in the menu
to its rows on screen and the search box taking typing, and a search narrowing 900 pupils. Prints
each figure beside its target (≤ 300 ms); exits non-zero only when something broke."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..")
sys.path.insert(0, os.path.join(root, "tests", "integration"))
os.environ.setdefault("CLASSBOOK_BUILD", os.path.join(root, "build"))
from box import Box  # noqa: E402

FIRST = ["Ольга", "Ирина", "Сергей", "Андрей", "Марина", "Павел", "Елена", "Игорь", "Татьяна", "Николай"]
LAST = ["Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=900)
    ap.add_argument("--teachers", type=int, default=70)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    box = Box(students=args.students, weeks=1).start()
    try:
        office = box.signed_in(box.account("secretary"))
        status, body = office.request("GET", "/api/v1/teachers")
        assert status == 200, (status, body)
        for i in range(len(body["teachers"]), args.teachers):
            last = LAST[i % len(LAST)] + ("а" if FIRST[i % len(FIRST)][-1] == "а" else "")
            status, r = office.request("POST", "/api/v1/teachers", {"last_name": last, "first_name": FIRST[i % len(FIRST)]})
            assert status == 201, (status, r)
        with box.db() as db:
            pupils = db.execute("SELECT count(*) FROM students WHERE left_on IS NULL").fetchone()[0]
            teachers = db.execute("SELECT count(*) FROM teachers").fetchone()[0]
        secretary = box.account("secretary")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}", "web_dir": os.path.join(root, "server", "web"),
                       "runs": args.runs, "pupils": pupils, "teachers": teachers,
                       "secretary": {"login": secretary["login"], "password": secretary["password"]}}, f)
            config = f.name
        return subprocess.run([shutil.which("node") or "/usr/bin/node", os.path.join(here, "staff_bench.mjs"), config]).returncode
    finally:
        box.cleanup()


if __name__ == "__main__":
    sys.exit(main())
