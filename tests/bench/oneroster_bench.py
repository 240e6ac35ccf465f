#!/usr/bin/env python3
"""oneroster_bench: the box as a OneRoster provider on a 5,000-pupil school — a demo school of
--demo-students (300; `classbookctl demo --students 5000` takes more than 10 minutes on a busy 2-core
machine, mostly hashing accounts' passwords, which no OneRoster read touches) grown to --students by
SQL with a guardian each (migration 22's triggers date them as the office's writes would) — a real classbookd over TLS
on loopback and an API client with roster.readonly: a page of 100 users at the start, the middle and
the end of the collection, a page of 1,000 students, the e-mail filter, one user by sourcedId, a page
of enrollments, and the whole users collection read page by page (limit 1000) as a client syncing
would. Each from the request to its last byte; target ≤ 300 ms p95 for a page (a screen's budget).
Prints each figure beside its target; exits non-zero when a target is missed or an answer is wrong.

    tests/bench/oneroster_bench.py [--students 5000] [--runs 30]"""
import argparse
import os
import re
import statistics
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
os.environ.setdefault("CLASSBOOK_BUILD", os.path.join(here, "..", "..", "build"))
from box import Box, ctl  # noqa: E402

PAGE_MS = 300
R = "/ims/oneroster/rostering/v1p2"


def p95(times):
    return statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--demo-students", type=int, default=300)
    a = ap.parse_args()
    t0 = time.perf_counter()
    box = Box(students=a.demo_students, weeks=1, seed=20260901)
    with box.db() as db:
        have = db.execute("SELECT count(*) FROM students").fetchone()[0]
        classes = [r[0] for r in db.execute("SELECT id FROM classes ORDER BY id")]
        for i in range(have, a.students):
            n = i - have
            db.execute("INSERT INTO students(uuid, last_name, first_name, middle_name, class_id, email) VALUES "
                       "(lower(hex(randomblob(16))), ?, ?, 'Петрович', ?, ?)",
                       (f"Стендов{n % 97}", f"Ученик{n}", classes[n % len(classes)], f"pupil{n}@bench.school.ru"))
            pupil = db.execute("SELECT last_insert_rowid()").fetchone()[0]
            db.execute("INSERT INTO guardians(uuid, last_name, first_name, email) VALUES (lower(hex(randomblob(16))), ?, ?, ?)",
                       (f"Стендов{n % 97}", f"Родитель{n}", f"parent{n}@bench.home.ru"))
            db.execute("INSERT INTO student_guardians(student_id, guardian_id) VALUES (?, last_insert_rowid())", (pupil,))
    box.start()
    print(f"a school of {a.students} pupils made and started in {time.perf_counter() - t0:.0f} s", flush=True)
    failed = []
    try:
        out = ctl(box.data, "api-client", "add", "Bench", "--scope", "roster.readonly").stdout
        client_id = re.search(r"client_id: (\S+)", out).group(1)
        secret = re.search(r"client_secret: (\S+)", out).group(1)
        c = box.client()
        status, body = c.request("POST", "/oauth/token", raw=urllib.parse.urlencode(
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, body
        auth = {"Authorization": "Bearer " + body["access_token"]}
        with box.db() as db:
            users = db.execute("SELECT (SELECT count(*) FROM students) + (SELECT count(*) FROM teachers) + "
                               "(SELECT count(*) FROM guardians)").fetchone()[0]
            email = db.execute("SELECT email FROM students WHERE email IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()[0]
            pupil = db.execute("SELECT uuid FROM students ORDER BY id DESC LIMIT 1").fetchone()[0]

        def get(path, key, expect):
            def call():
                status, body = c.request("GET", path, headers=auth)
                if status != 200 or len(body[key]) != expect:
                    raise SystemExit(f"oneroster bench: {path} answered {status} with "
                                     f"{len(body.get(key, [])) if isinstance(body, dict) else body!s:.300}")
                return body
            return call

        q = lambda **p: "?" + urllib.parse.urlencode(p, quote_via=urllib.parse.quote)  # noqa: E731
        cases = [
            (f"users, limit 100, offset 0 (of {users})", R + "/users" + q(limit=100), "users", 100),
            ("users, limit 100, the middle", R + "/users" + q(limit=100, offset=users // 2), "users", 100),
            ("users, limit 100, the last page", R + "/users" + q(limit=100, offset=users - 50), "users", 50),
            ("students, limit 1000", R + "/students" + q(limit=1000), "users", 1000),
            ("users, filter email='…'", R + "/users" + q(filter=f"email='{email}'"), "users", 1),
            ("users, sort familyName desc, limit 100", R + "/users" + q(limit=100, sort="familyName", orderBy="desc"), "users", 100),
            ("users/{sourcedId}", R + "/users/" + pupil, "user", 0),
            ("enrollments, limit 100", R + "/enrollments" + q(limit=100), "enrollments", 100),
        ]
        print(f"{'figure':<48} {'median ms':>10} {'p95 ms':>8} {'target ms':>10}")
        for label, path, key, expect in cases:
            call = get(path, key, expect) if expect else (lambda p=path: c.request("GET", p, headers=auth))
            for _ in range(3):
                call()
            times = []
            for _ in range(a.runs):
                t = time.perf_counter()
                call()
                times.append((time.perf_counter() - t) * 1000)
            worst = p95(times)
            verdict = "ok" if worst <= PAGE_MS else "MISSED"
            if worst > PAGE_MS:
                failed.append(label)
            print(f"{label:<48} {statistics.median(times):>10.1f} {worst:>8.1f} {PAGE_MS:>10}  {verdict}")
        # A client's full read, page by page.
        t = time.perf_counter()
        seen, offset = 0, 0
        while True:
            body = get(R + "/users" + q(limit=1000, offset=offset), "users", min(1000, users - offset))()
            seen += len(body["users"])
            offset += 1000
            if offset >= users:
                break
        whole = (time.perf_counter() - t) * 1000
        print(f"{f'the whole users collection, {seen} in pages of 1000':<48} {whole:>10.1f}")
        if seen != users:
            failed.append("whole read")
    finally:
        box.cleanup()
    if failed:
        print("MISSED: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
