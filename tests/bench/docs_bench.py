#!/usr/bin/env python3
"""docs_bench: the documents' figures (`./run bench-docs`, issue 11) — a real classbookd with a demo
school over TLS on loopback: a week's diary extract from the request to the last byte of its PDF
(target ≤ 50 ms), a term's report card (target ≤ 100 ms), a school year's extract (no target: ~50
pages), a class's login slips through the API (new passwords, their hashes, the PDF, the write),
and classbookd's memory before and after many documents (it must stay flat). Then
classbook-slips-bench: 1,000 slips made as the box makes them (target ≤ 2 s) and its memory over
repeated runs. Prints each figure beside its target; exits non-zero only when something broke."""
import argparse
import os
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
os.environ.setdefault("CLASSBOOK_BUILD", os.path.join(here, "..", "..", "build"))
from box import Box  # noqa: E402
from bench import proc_status  # noqa: E402  (bench.py's reading of /proc/PID/status)

WEEK_EXTRACT_MS = 50
REPORT_CARD_MS = 100


def rss_mib(pid):
    return proc_status(pid).get("VmRSS", 0.0)


def timed(client, path, runs, method="GET", payload=None):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        status, pdf = client.request(method, path, payload, binary=True)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200 or not pdf.startswith(b"%PDF-"):
            raise SystemExit(f"docs bench: {path} answered {status}: {pdf[:200]!r}")
    return times, len(pdf)


def p95(times):
    return statistics.quantiles(times, n=20)[18]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=100, help="week extracts timed (default 100)")
    ap.add_argument("--students", type=int, default=300)
    ap.add_argument("--weeks", type=int, default=2,
                    help="weeks of lessons in the demo school from 2026-09-07 (default 2, from 2026-11-16; 34 for a year)")
    a = ap.parse_args()
    first = "2026-11-16" if a.weeks == 2 else "2026-09-07"
    box = Box(students=a.students, weeks=a.weeks, first_monday=first, seed=9).start()
    try:
        with box.db() as db:
            login, child = db.execute(
                "SELECT u.login, s.uuid FROM users u JOIN student_guardians sg ON sg.guardian_id = u.person_id "
                "JOIN students s ON s.id = sg.student_id JOIN marks m ON m.student_id = s.id "
                "WHERE u.role = 'guardian' ORDER BY u.id LIMIT 1").fetchone()
            class_id, pupils = db.execute(
                "SELECT c.uuid, count(*) FROM classes c JOIN students s ON s.class_id = c.id GROUP BY c.id "
                "ORDER BY count(*) DESC LIMIT 1").fetchone()
        g = box.signed_in(box.account("guardian", lambda x: x["login"] == login))
        office = box.signed_in(box.account("secretary"))
        week = f"/api/v1/students/{child}/diary-extract.pdf?from=2026-11-16&to=2026-11-22"
        card = f"/api/v1/students/{child}/report-card.pdf?term=2"
        year = f"/api/v1/students/{child}/diary-extract.pdf?from=2026-09-01&to=2027-08-31"
        timed(g, week, 5)  # warm: fonts loaded, class weeks cached, TLS up
        times, size = timed(g, week, a.runs)
        timed(g, card, 3)
        card_times, card_size = timed(g, card, a.runs)
        year_times, year_size = timed(g, year, 5)
        # Memory: measured once the year's class weeks are cached (the cache is bounded and meant to
        # stay), then after many more documents.
        rss_before = rss_mib(box.proc.pid)
        timed(g, week, 300)
        timed(g, card, 100)
        timed(g, year, 20)
        rss_after = rss_mib(box.proc.pid)
        # Last: slips reset passwords and end sessions (the guardian's too, if a child is in the class).
        slip_times, slip_size = timed(office, f"/api/v1/classes/{class_id}/login-slips", 5, "POST", {"for": "all"})
        rows = [
            (f"week extract, request → whole PDF ({size // 1024} KB), median", f"{statistics.median(times):.1f} ms", "", ""),
            (f"week extract, p95 of {a.runs}", f"{p95(times):.1f} ms", f"<= {WEEK_EXTRACT_MS} ms",
             "PASS" if p95(times) <= WEEK_EXTRACT_MS else "MISS"),
            (f"report card of a term ({card_size // 1024} KB), p95 of {a.runs}", f"{p95(card_times):.1f} ms",
             f"<= {REPORT_CARD_MS} ms", "PASS" if p95(card_times) <= REPORT_CARD_MS else "MISS"),
            (f"login slips of a class ({pupils} pupils and their guardians, {slip_size // 1024} KB), median of 5",
             f"{statistics.median(slip_times):.0f} ms", "(no target)", ""),
            (f"extract of 2026-09-01..2027-08-31, {a.weeks} weeks of lessons ({year_size // 1024} KB), median of 5",
             f"{statistics.median(year_times):.0f} ms",
             "(no target)", ""),
            ("classbookd RSS before / after 320 more extracts and 100 report cards",
             f"{rss_before:.1f} / {rss_after:.1f} MiB", "flat", ""),
        ]
        w = max(len(r[0]) for r in rows)
        print(f"docs bench: {a.students} pupils, {a.weeks} weeks of lessons; TLS keep-alive on loopback; one client")
        for r in rows:
            print(f"{r[0]:<{w}}  {r[1]:>16}  {r[2]:>12}  {r[3]}")
        # 1,000 slips at once, as app::print_slips makes them (what classbookctl slips and a grade's
        # printing do), and the memory of doing it again and again.
        bench = os.path.join(os.environ["CLASSBOOK_BUILD"], "tests", "bench", "classbook-slips-bench")
        print("\nlogin slips (classbook-slips-bench --slips 1000 --runs 10; the figures in ms and KiB):")
        sys.stdout.flush()
        if subprocess.run([bench, "--slips", "1000", "--runs", "10"]).returncode != 0:
            raise SystemExit("docs bench: classbook-slips-bench failed")
        return 0
    finally:
        box.cleanup()


if __name__ == "__main__":
    sys.exit(main())
