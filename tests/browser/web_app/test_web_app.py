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
import uuid

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
        other = next(a["person_id"] for a in box.accounts
                     if a["role"] == "student" and a["person_id"] not in guardian["children"])
        pupil = box.account("student")
        teacher = box.account("teacher")
        person = lambda a: {"login": a["login"], "password": a["password"]}  # noqa: E731
        # A conversation for the guardian to answer: the child's class teacher writes first.
        with box.db() as db:
            lead = db.execute("SELECT t.uuid FROM students s JOIN classes c ON c.id=s.class_id "
                              "JOIN teachers t ON t.id=c.class_teacher_id WHERE s.uuid=?",
                              (guardian["children"][0],)).fetchone()[0]
            guardian_user = db.execute("SELECT uuid FROM users WHERE login=?", (guardian["login"],)).fetchone()[0]
        homeroom = next(a for a in box.accounts if a["role"] == "teacher" and a["person_id"] == lead)
        # For the live scenarios: a lesson of the child's class in the demo week, and its teacher.
        live_lesson, live_teacher = box.lessons_of(guardian["children"][0], "2026-11-16", "2026-11-22")[0]
        status, thread = box.signed_in(homeroom).request(
            "POST", "/api/v1/threads", {"to_user_id": guardian_user, "subject": "Экскурсия в пятницу",
                                        "body": "Добрый день! В пятницу экскурсия, нужна форма."})
        assert status == 201, (status, thread)
        # issue 10 (pupil's more, class day): a club for the child and the class teacher's note on its week.
        child = guardian["children"][0]
        with box.db() as db:
            child_id = db.execute("SELECT id FROM students WHERE uuid=?", (child,)).fetchone()[0]
            db.execute("INSERT INTO clubs(uuid, name) VALUES (?, 'Шахматы')", (str(uuid.uuid4()),))
            club = db.execute("SELECT id FROM clubs WHERE name='Шахматы'").fetchone()[0]
            db.execute("INSERT INTO club_sessions VALUES (?,3,900,990)", (club,))
            db.execute("INSERT INTO club_members VALUES (?,?)", (club, child_id))
            db.execute("INSERT INTO clubs(uuid, name) VALUES (?, 'Хор')", (str(uuid.uuid4()),))
        status, note = box.signed_in(homeroom).request("PUT", f"/api/v1/students/{child}/weeks/2026-W47/behaviour",
                                                       {"text": "Старательная неделя, помогала дежурным."})
        assert status == 200, (status, note)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}", "web_dir": args.web_dir, "out": args.out,
                       "week": "2026-W47",
                       "guardian": {**person(guardian), "child": guardian["children"][0]},
                       "other_child": other, "pupil": person(pupil), "teacher": person(teacher),
                       "live": {"teacher": person(live_teacher), "lesson": live_lesson, "port": box.port},
                       # issue 10 (class day)
                       "class_teacher": person(homeroom), "class_day": "2026-11-17"}, f)
            config = f.name
        node = shutil.which("node") or "/usr/bin/node"
        return subprocess.run([node, os.path.join(here, "web_app.mjs"), config], timeout=600).returncode  # issue 10: more scenarios
    finally:
        box.cleanup()
        os.unlink(config)


if __name__ == "__main__":
    sys.exit(main())
