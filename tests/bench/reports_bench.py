#!/usr/bin/env python3
"""reports_bench: the director's reports over a whole school year (issue 12; target: a report over the
whole year for 5,000 pupils in ≤ 1 s) — a real classbookd with a demo school over TLS on loopback.
Prints p50/p95 (and classbookd's CPU per request) of each report (JSON, CSV, PDF) from the request to the last byte, of the audit search
by pupil, class, teacher and dates, and the time of one audit verification. Run by hand, not by ctest:
  tests/bench/reports_bench.py [--students 5000] [--weeks 34] [--runs 20] [--data DIR]
--data keeps the generated school in DIR and reuses it next time (generating 5,000 × 34 takes minutes)."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
os.environ.setdefault("CLASSBOOK_BUILD", os.path.join(here, "..", "..", "build"))
from box import CTL, Box  # noqa: E402

TARGET_MS = 1000
FIRST_MONDAY = "2026-09-07"
YEAR = "from=2026-09-01&to=2027-08-31"


def percentile(times, p):
    s = sorted(times)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def cpu_ms(pid):
    """classbookd's CPU time so far (user + system): on a shared, loaded machine the wall time of a
    request moves with the neighbours, the CPU it took much less."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def timed(client, path, runs, binary=False):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        status, body = client.request("GET", path, binary=binary)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise SystemExit(f"reports bench: {path} answered {status}: {str(body)[:300]}")
    return times, body


def kept_box(data):
    """A Box over a folder that already holds a school (not started)."""
    box = Box.__new__(Box)
    box.data = data
    with open(os.path.join(data, "demo-accounts.json"), encoding="utf-8") as f:
        box.accounts = json.load(f)
    box.proc = None
    box.port = None
    return box


def school(a):
    """The school in --data when it holds one; else a new one made there (or in a temp folder).
    Made here rather than by Box: a year of 5,000 pupils takes longer than Box's 10-minute limit."""
    if a.data and os.path.exists(os.path.join(a.data, "classbook.db")):
        return kept_box(a.data), 0.0
    data = a.data or tempfile.mkdtemp(prefix="classbook-reports-bench-")
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    t0 = time.perf_counter()
    for args in (["init", "--name", "Школа для замеров", "--host", "localhost"],
                 ["demo", "--students", str(a.students), "--weeks", str(a.weeks), "--first-monday", FIRST_MONDAY,
                  "--seed", "20260901"]):
        subprocess.run([CTL, *args, "--data", data], check=True, capture_output=True, text=True)
    return kept_box(data), time.perf_counter() - t0


def start_checks_done(box):
    """How many times classbookd's log says its journal-against-trail check ended."""
    log = os.path.join(box.data, "classbookd.log")
    if not os.path.exists(log):
        return 0
    text = open(log, encoding="utf-8").read()
    return text.count("the journal matches the audit trail") + text.count("differ from the audit trail")


def wait_for_start_checks(box, seen, seconds=600):
    """classbookd checks the file's integrity and the journal against the audit trail beside the
    server after it starts (tens of seconds on this school, on the same cores): measure after them."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if start_checks_done(box) > seen:
            return
        time.sleep(1)
    raise SystemExit("reports bench: classbookd's start-up checks did not finish")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=5000)
    ap.add_argument("--weeks", type=int, default=34)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--data", help="keep (and reuse) the school here")
    a = ap.parse_args()
    box, built = school(a)
    seen = start_checks_done(box)
    box.start()
    try:
        t0 = time.perf_counter()
        wait_for_start_checks(box, seen)
        print(f"waited {time.perf_counter() - t0:.0f} s for classbookd's start-up checks (integrity, journal against the trail)")
        with box.db() as db:
            counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("students", "classes", "lessons", "marks", "attendance", "term_grades", "audit")}
            pupil, klass = db.execute("SELECT s.uuid, c.uuid FROM students s JOIN classes c ON c.id = s.class_id "
                                      "ORDER BY s.id LIMIT 1 OFFSET 100").fetchone()
            teacher = db.execute("SELECT t.uuid FROM teachers t JOIN users u ON u.person_id = t.id AND u.role = 'teacher' "
                                 "JOIN lessons l ON l.teacher_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        print(f"school: {counts}" + (f", generated in {built:.0f} s" if built else ", reused"))
        director = box.signed_in(box.account("director"))
        rows = []
        for name, path, binary in (
                ("attendance, year", f"/api/v1/reports/attendance?{YEAR}", False),
                ("grades, year", f"/api/v1/reports/grades?{YEAR}", False),
                ("at-risk, year", f"/api/v1/reports/at-risk?{YEAR}", False),
                ("grades, term 2", "/api/v1/reports/grades?term=2", False),
                ("attendance.csv, year", f"/api/v1/reports/attendance.csv?{YEAR}", True),
                ("grades.csv, year", f"/api/v1/reports/grades.csv?{YEAR}", True),
                ("at-risk.csv, year", f"/api/v1/reports/at-risk.csv?{YEAR}", True),
                ("attendance.pdf, year", f"/api/v1/reports/attendance.pdf?{YEAR}", True),
                ("grades.pdf, year", f"/api/v1/reports/grades.pdf?{YEAR}", True),
                ("at-risk.pdf, year", f"/api/v1/reports/at-risk.pdf?{YEAR}", True),
                ("audit by pupil", f"/api/v1/audit?student_id={pupil}", False),
                ("audit by class", f"/api/v1/audit?class_id={klass}", False),
                ("audit by teacher", f"/api/v1/audit?teacher_id={teacher}", False),
                ("audit by dates (a day)", "/api/v1/audit?from=2026-11-17&to=2026-11-17", False),
                ("audit, marks by pupil and dates", f"/api/v1/audit?student_id={pupil}&entity=mark&from=2026-11-01&to=2026-11-30", False)):
            timed(director, path, 1, binary)  # warm: the pages in the cache, fonts loaded
            runs = a.runs if not name.endswith(".pdf, year") else max(3, a.runs // 4)
            cpu0 = cpu_ms(box.proc.pid)
            times, body = timed(director, path, runs, binary)
            cpu = (cpu_ms(box.proc.pid) - cpu0) / runs
            size = len(body) if binary else len(str(body))
            p50, p95 = percentile(times, 50), percentile(times, 95)
            mark = "" if "audit" in name or ".pdf" in name or ".csv" in name else ("  ok" if p95 <= TARGET_MS else "  OVER TARGET")
            rows.append(f"{name:34} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  server CPU {cpu:7.1f} ms/request"
                        f"  ({runs} runs, {size:,} bytes){mark}")
            print(rows[-1], flush=True)
        t0 = time.perf_counter()
        status, v = director.request("GET", "/api/v1/audit/verification")
        took = time.perf_counter() - t0
        print(f"audit verification: {took:.1f} s, ok={v.get('ok')}, {v.get('checked_entries')} entries, "
              f"{v.get('rows_checked')} rows (status {status})")
        print(f"target: JSON reports over the year p95 ≤ {TARGET_MS} ms")
    finally:
        box.stop()
        if not a.data:
            box.cleanup()


if __name__ == "__main__":
    main()
