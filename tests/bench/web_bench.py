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


def grow_class(box, teacher, klass, subject, more):
    """Demo classes are 25–30 strong; the target is for 35. The office enrols the missing pupils and
    the teacher gives each a mark in every other lesson of the subject so far."""
    if more <= 0:
        return
    office = box.signed_in(box.account("secretary"))
    with box.db() as db:
        lessons = [r[0] for r in db.execute(
            "SELECT l.uuid FROM lessons l JOIN classes c ON c.id=l.class_id JOIN subjects s ON s.id=l.subject_id "
            "WHERE c.uuid=? AND s.uuid=? AND l.cancelled=0 AND l.group_no=0 AND l.date <= date('now') "
            "ORDER BY l.date, l.period", (klass, subject))]
    marker = box.signed_in(teacher)
    names = ["Алиса", "Вера", "Глеб", "Денис", "Ева", "Захар", "Инна", "Кирилл", "Лев", "Мирон"]
    for i in range(more):
        status, r = office.request("POST", "/api/v1/students", {"last_name": "Новиков" if i % 2 else "Новикова",
                                                                 "first_name": names[i % len(names)], "class_id": klass})
        if status != 201:
            raise SystemExit(f"web bench: enrolling a pupil answered {status}: {r}")
        pupil = r["student"]["id"]
        for k, lesson in enumerate(lessons[i % 2::2]):
            status, r = marker.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": lesson,
                                                                  "value": 3 + (i + k) % 3, "work_type": "oral"})
            if status != 201:
                raise SystemExit(f"web bench: a mark for a new pupil answered {status}: {r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10, help="cold loads to measure (default 10)")
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--marks", type=int, default=40, help="marks saved for the live figure (default 40)")
    ap.add_argument("--weeks", type=int, default=8)
    ap.add_argument("--pupils", type=int, default=35, help="pupils in the timed journal's class (default 35)")
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
        grow_class(box, teacher, row[1], row[2], args.pupils - row[3])
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
