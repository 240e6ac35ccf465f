#!/usr/bin/env python3
"""roster_bench: the office's list screens and the roster import's check (issue 12) — a real classbookd
with a demo school of 900 pupils and 70 teachers over TLS on loopback: GET /api/v1/students (everyone,
and a search by part of a name), GET /api/v1/teachers, each from the request to its last byte (target
≤ 300 ms for a screen: the answer is a small part of that), and the dry run of a 1,000-row roster CSV
with a few bad lines (target ≤ 2 s with its report). Prints each figure beside its target; exits
non-zero when a target is missed or an answer is wrong."""
import argparse
import os
import statistics
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
os.environ.setdefault("CLASSBOOK_BUILD", os.path.join(here, "..", "..", "build"))
from box import Box  # noqa: E402

LIST_MS = 300
IMPORT_DRY_RUN_MS = 2000
BAD_LINES = 5


def timed(runs, call):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def p95(times):
    return statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]


def roster_csv(classes, rows, bad=True):
    """`rows` pupils with a guardian each over the school's classes; with `bad`, BAD_LINES of them wrong."""
    letters = "абвгдежзиклмнопрстуфхцчшэюя"
    lines = ["class,last_name,first_name,middle_name,birth_date,group_no,card,guardian_last_name,guardian_first_name,"
             "guardian_middle_name,guardian_phone,guardian_email,guardian_relation"]
    for i in range(rows):
        tag = letters[i % 27] + letters[i // 27 % 27]
        birth = f"2015-03-{1 + i % 28:02d}"
        phone = f"+7902{i:07d}"
        if bad and i % (rows // BAD_LINES) == 7:  # a day that does not exist, and a phone that is not one
            birth, phone = "2015-02-30", "12"
        lines.append(f"{classes[i % len(classes)]},Скамейкина,Ученица{tag},Петровна,{birth},1,FC{i:06X},Скамейкина,"
                     f"Мать{tag},Ивановна,{phone},mother{i}@example.ru,mother")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=50, help="requests timed per list (default 50)")
    ap.add_argument("--students", type=int, default=900)
    ap.add_argument("--teachers", type=int, default=70)
    ap.add_argument("--rows", type=int, default=1000, help="rows of the roster CSV (default 1000)")
    a = ap.parse_args()
    box = Box(students=a.students, weeks=1, seed=12).start()
    failed = []
    try:
        office = box.signed_in(box.account("secretary"))
        with box.db() as db:
            teachers = db.execute("SELECT count(*) FROM teachers").fetchone()[0]
            classes = [r[0] for r in db.execute("SELECT name FROM classes ORDER BY grade, letter")]
            pupils = db.execute("SELECT count(*) FROM students WHERE left_on IS NULL").fetchone()[0]
        for i in range(teachers, a.teachers):
            letters = "абвгдежзиклмнопрстуфхцчшэюя"
            status, body = office.request("POST", "/api/v1/teachers",
                                          {"last_name": "Стендов", "first_name": "Учитель" + letters[i % 27] + letters[i // 27 % 27]})
            if status != 201:
                raise SystemExit(f"roster bench: POST /api/v1/teachers answered {status}: {body}")

        def get(path, key, expect):
            def call():
                status, body = office.request("GET", path)
                if status != 200 or len(body[key]) < expect:
                    raise SystemExit(f"roster bench: {path} answered {status}: {str(body)[:300]}")
                return body
            return call

        figures = []
        for label, path, key, expect in (
                (f"GET /students ({pupils} pupils)", "/api/v1/students", "students", pupils),
                ("GET /students?q=иван (search)", "/api/v1/students?q=%D0%B8%D0%B2%D0%B0%D0%BD", "students", 0),
                (f"GET /teachers ({a.teachers} teachers)", "/api/v1/teachers", "teachers", a.teachers)):
            timed(3, get(path, key, expect))  # warm: TLS up, statements prepared
            times, body = timed(a.runs, get(path, key, expect))
            figures.append((label, statistics.median(times), p95(times), LIST_MS, len(body[key])))
        # A file with a few bad lines stops at the lines' own checks; a clean one is checked against the
        # roster too (classes, pupils already at school, cards) and counted.
        for bad in (True, False):
            csv = roster_csv(classes, a.rows, bad).encode()

            def dry_run():
                status, body = office.request("POST", "/api/v1/roster/import?dry_run=true", raw=csv,
                                              headers={"Content-Type": "text/csv; charset=utf-8"})
                if status != 200 or (len(body["problems"]) < BAD_LINES if bad else body["pupils"] != a.rows):
                    raise SystemExit(f"roster bench: the dry run answered {status}: {str(body)[:300]}")
                return body

            timed(1, dry_run)
            times, body = timed(5, dry_run)
            what = f"{len(body['problems'])} problems" if bad else "clean"
            figures.append((f"import dry run ({a.rows} rows, {len(csv) // 1024} KB, {what})",
                            statistics.median(times), max(times), IMPORT_DRY_RUN_MS, len(body["problems"])))
        # Last, for scale (no target): the clean file imported for real — 2,000 accounts hashed, one write.
        t0 = time.perf_counter()
        status, body = office.request("POST", "/api/v1/roster/import", raw=csv, headers={"Content-Type": "text/csv; charset=utf-8"})
        if status != 201 or body["pupils"] != a.rows:
            raise SystemExit(f"roster bench: the import answered {status}: {str(body)[:300]}")
        imported_ms = (time.perf_counter() - t0) * 1000
        print(f"{'figure':<52} {'median ms':>10} {'p95/max ms':>11} {'target ms':>10}")
        for label, median, worst, target, _ in figures:
            verdict = "ok" if worst <= target else "MISSED"
            if worst > target:
                failed.append(label)
            print(f"{label:<52} {median:>10.1f} {worst:>11.1f} {target:>10}  {verdict}")
        label = f"import for real ({a.rows} pupils, {body['guardians_created']} guardians)"
        print(f"{label:<52} {imported_ms:>10.1f} {'':>11} {'none':>10}")
    finally:
        box.cleanup()
    if failed:
        raise SystemExit("roster bench: targets missed: " + "; ".join(failed))


if __name__ == "__main__":
    main()
