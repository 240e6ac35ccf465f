#!/usr/bin/env python3
"""web_bench: the web app's figures (`./run bench-web`) — a real classbookd with a demo school of
a normal size and a class of 35 pupils with a term's lessons, and real headless Chromium
(tests/bench/web_bench.mjs): the diary's first contentful paint and bytes on a cold cache, and the
journal grid interactive, and a saved mark reaching an open diary. Prints each figure beside its target; exits non-zero only when
something broke."""
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10, help="cold loads to measure (default 10)")
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--marks", type=int, default=40, help="marks saved for the live figure (default 40)")
    ap.add_argument("--weeks", type=int, default=8)
    args = ap.parse_args()
    box = Box(students=args.students, weeks=args.weeks, first_monday="2026-11-02").start()
    try:
        guardian = box.account("guardian", lambda a: len(a["children"]) >= 1)
        # The teacher and class-subject with the most pupils × lessons: the grid to time.
        with box.db() as db:
            row = db.execute(
                "SELECT t.uuid, c.uuid, sub.uuid, "
                "(SELECT count(*) FROM students s WHERE s.class_id=c.id) AS pupils, count(*) AS lessons "
                "FROM lessons l JOIN classes c ON c.id=l.class_id JOIN subjects sub ON sub.id=l.subject_id "
                "JOIN teachers t ON t.id=l.teacher_id GROUP BY l.class_id, l.subject_id, l.teacher_id "
                "ORDER BY pupils * count(*) DESC LIMIT 1").fetchone()
        teacher = next(a for a in box.accounts if a["role"] == "teacher" and a["person_id"] == row[0])
        # The live figure: a lesson of the guardian's child in the diary's week, and its teacher.
        lesson, lesson_teacher = box.lessons_of(guardian["children"][0], "2026-11-09", "2026-11-15")[0]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}", "web_dir": os.path.join(root, "server", "web"),
                       "runs": args.runs, "week": "2026-W46",
                       "guardian": {"login": guardian["login"], "password": guardian["password"], "child": guardian["children"][0]},
                       "teacher": {"login": teacher["login"], "password": teacher["password"]},
                       "journal": {"class": row[1], "subject": row[2], "term": 2},
                       "live": {"teacher": {"login": lesson_teacher["login"], "password": lesson_teacher["password"]},
                                "lesson": lesson, "marks": args.marks}}, f)
            config = f.name
        return subprocess.run([shutil.which("node") or "/usr/bin/node", os.path.join(here, "web_bench.mjs"), config]).returncode
    finally:
        box.cleanup()


if __name__ == "__main__":
    sys.exit(main())
