#!/usr/bin/env python3
"""sync_bench: the sync's figures (issue 13, "Measured") — the benchmark school (5,000 pupils, 34 weeks;
built once by tests/bench/bench.py's rules into var/bench, reused) copied to a scratch folder, a fresh
real classbook-portal beside it on loopback, then `classbookctl sync`:

  1. the first full push (the snapshot of the whole journal, then the outbox)   target ≤ 60 s
  2. a school day's delta (tests/integration/support/school_days.py)            target ≤ 2 s
  3. the sync's extra memory: peak RSS of the full push minus that of a sync
     with nothing to send (the same program, its libraries and its store open)  target ≤ 64 MiB
  4. (--beside) the tap and diary figures of ./run bench while a sync runs: a second copy of the
     school served by classbookd, its taps (8 connections) and diary reads (256) measured before,
     during that copy's first full push to a second portal, and after; "during" against the mean of
     before and after (run-to-run drift alone moves a figure a few per cent)       target within 10 %

It reports; it does not judge: the exit status is non-zero only when something broke.

    tests/bench/sync_bench.py                 # the full school (~5 min to build once, then ~2 min)
    tests/bench/sync_bench.py --quick         # 300 pupils, 4 weeks: the smoke test
    tests/bench/sync_bench.py --beside        # and 4., ~3 min more
"""
import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "integration"))
sys.path.insert(0, os.path.join(HERE, "..", "integration", "support"))
import bench  # noqa: E402  (the school, the build paths)
import school_days  # noqa: E402
import test_portal  # noqa: E402  (the portal process)

FIRST_PUSH_S = 60
DELTA_S = 2
EXTRA_RSS_MIB = 64
BESIDE_SHARE = 0.10  # the tap and diary figures during a sync: within 10 % of those without one
BESIDE_DURATION_S, BESIDE_WARMUP_S = 10, 2


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def copy_school(src, dst):
    """A copy of the school's folder without its sync identity (the sync writes its state into it)."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("sync", bench.MARKER, "*.log"))
    db = sqlite3.connect(os.path.join(dst, "classbook.db"))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def write_config(path, portal_data):
    with open(path, "w", encoding="utf-8") as f:
        f.write("[portal]\n")
        f.write(f'client_file = "{portal_data}/client.json"\n')
        f.write(f'ca_file = "{portal_data}/tls/ca.crt"\n')


def run_measured(data, config):
    """One sync in a child Python whose only child is classbookctl: its RUSAGE_CHILDREN max RSS is the sync's."""
    code = ("import json,resource,sys,time,subprocess;t=time.monotonic();"
            "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
            "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(json.dumps({'rc':p.returncode,'s':time.monotonic()-t,'out':p.stdout,'err':p.stderr,"
            "'rss_kib':u.ru_maxrss,'cpu':u.ru_utime+u.ru_stime}))")
    r = subprocess.run([sys.executable, "-c", code, bench.CTL, "sync", "--data", data, "--config", config],
                       capture_output=True, text=True, check=True)
    res = json.loads(r.stdout)
    if res["rc"] != 0:
        raise bench.BenchError(f"classbookctl sync failed ({res['rc']}): {res['err'].strip() or res['out'].strip()}")
    lines = [x for x in res["out"].splitlines() if x.strip()]
    return res["s"], res["rss_kib"] / 1024, lines[-1] if lines else "", res["cpu"]


def cpu_seconds(pid):
    """User + system CPU seconds a process has used so far (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def portal_counts(portal):
    status, body = portal.operate("GET", "/status")
    if status != 200:
        raise bench.BenchError(f"the portal's status: HTTP {status}")
    return body


def beside_sync(data, info, tmp):
    """Taps and diary reads against a served copy of the school before, during and after that copy's
    first full push to a fresh portal: {scenario: {"before", "during", "after"}} of bench.run_scenario
    results, and the sync's seconds. The push must outlast the runs "during"; it is waited for."""
    box = os.path.join(tmp, "box-served")
    copy_school(data, box)
    portal = test_portal.Portal(os.path.join(tmp, "portal-beside"))
    config = os.path.join(tmp, "classbookd-beside.toml")
    write_config(config, portal.data)
    daemon = sync = None
    try:
        log("sync-bench: serving a copy of the school for the taps and diary reads beside a sync")
        daemon = bench.Daemon(box)
        if not daemon.checks_done.wait(bench.INTEGRITY_TIMEOUT):
            log("sync-bench: WARNING — classbookd's start-up checks have not finished; measuring anyway")
        files, _, _ = bench.prepare(daemon, info, box, tmp, random.Random(1))
        taps = ["--kiosk-key", info["kiosk_key"], "--cards", files["cards"]]
        diary = ["--targets", files["diary_targets"], "--cookie-file", files["cookies"]]
        runs = [("taps", f"taps, closed loop, {bench.TAP_CONNECTIONS} connections", "taps", bench.TAP_CONNECTIONS, taps),
                ("diary", f"diary reads, closed loop, {bench.DIARY_CONNECTIONS} connections", "get",
                 bench.DIARY_CONNECTIONS, diary)]
        d = (BESIDE_DURATION_S, BESIDE_WARMUP_S)
        out = {name: {} for name, *_ in runs}

        def measure(when):
            for name, label, mode, conns, extra in runs:
                out[name][when] = bench.run_scenario(name, f"{label}, {when}", daemon, mode, conns, 0, d, 1, extra, daemon)

        measure("before")
        log("sync-bench: the served copy's first full push starts")
        t0 = time.monotonic()
        sync = subprocess.Popen([bench.CTL, "sync", "--data", box, "--config", config],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)  # past the sync's start (its keys, its token, the roster) into the push itself
        measure("during")
        if sync.poll() is not None:
            log("sync-bench: WARNING — the sync ended before the runs beside it did; they were partly alone")
        stdout, stderr = sync.communicate(timeout=3600)
        sync_s = time.monotonic() - t0
        if sync.returncode != 0:
            raise bench.BenchError(f"the sync beside the load failed ({sync.returncode}): {stderr.strip() or stdout.strip()}")
        measure("after")
        return out, sync_s
    finally:
        if sync and sync.poll() is None:
            sync.kill()
            sync.wait()
        if daemon:
            daemon.stop()
        portal.stop()


def beside_figures(out, sync_s):
    print(f"  beside a sync (the served copy's first full push took {sync_s:.1f} s; during / mean of before and after):")
    for name, key, better in (("taps", "rps", "higher"), ("taps", "p99_ms", "lower"),
                              ("diary", "rps", "higher"), ("diary", "p99_ms", "lower")):
        runs = out[name]
        base = (runs["before"][key] + runs["after"][key]) / 2
        during = runs["during"][key]
        change = (during - base) / base if base else 0.0
        worse = -change if better == "higher" else change
        # Before and after must agree first: when they do not, the machine's other load moved the
        # figures more than a sync may, and no verdict can be drawn from this run.
        drift = abs(runs["after"][key] - runs["before"][key]) / max(runs["before"][key], 1e-9)
        ok = ("no verdict: before and after differ by %.0f %%, the machine was not quiet" % (100 * drift)
              if drift > BESIDE_SHARE else "met" if worse <= BESIDE_SHARE else "NOT MET")
        print(f"  {name + ' ' + key:<20} before {runs['before'][key]:>9.2f}  during {during:>9.2f}  after "
              f"{runs['after'][key]:>9.2f}   {change:+.1%}   target worse by ≤ {BESIDE_SHARE:.0%}   {ok}")


def figure(name, value, op, target, unit):
    ok = "" if value is None else ("met" if (value <= target if op == "≤" else value >= target) else "NOT MET")
    v = "no data" if value is None else f"{value:.2f} {unit}"
    print(f"  {name:<52} {v:>14}   target {op} {target} {unit}   {ok}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the small school (the smoke test)")
    ap.add_argument("--data", help="the benchmark school's folder (default $CLASSBOOK_BENCH_DATA or var/bench[-quick])")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (box copy, portal) and print where")
    ap.add_argument("--seed", type=int, default=1, help="the school day's random changes")
    ap.add_argument("--beside", action="store_true",
                    help="also measure ./run bench's taps and diary reads while a sync runs (a second copy, ~3 min)")
    a = ap.parse_args()
    params = bench.QUICK if a.quick else bench.FULL
    data = os.path.abspath(a.data or os.environ.get("CLASSBOOK_BENCH_DATA") or
                           os.path.join(bench.REPO, "var", "bench-quick" if a.quick else "bench"))
    portal_bin = test_portal.PORTAL
    for tool in (bench.CTL, portal_bin):
        if not os.access(tool, os.X_OK):
            raise bench.BenchError(f"{tool} is missing; build it: ninja -C {bench.BUILD} classbookctl classbook-portal")
    info = bench.school(data, params)
    tmp = tempfile.mkdtemp(prefix="classbook-sync-bench-")
    portal = None
    try:
        box = os.path.join(tmp, "box")
        log(f"sync-bench: copying the school from {data}")
        copy_school(data, box)
        db = sqlite3.connect(os.path.join(box, "classbook.db"))
        journal = db.execute("SELECT (SELECT count(*) FROM marks), (SELECT count(*) FROM attendance), "
                             "(SELECT count(*) FROM lessons), (SELECT count(*) FROM outbox)").fetchone()
        db.close()
        log(f"sync-bench: {journal[0]} marks, {journal[1]} attendance rows, {journal[2]} lessons, {journal[3]} outbox rows")
        portal = test_portal.Portal(os.path.join(tmp, "portal"))
        config = os.path.join(tmp, "classbookd.toml")
        write_config(config, portal.data)

        log("sync-bench: the first full push")
        load_before = os.getloadavg()[0]
        portal_cpu = cpu_seconds(portal.proc.pid)
        first_s, first_rss, first_line, first_cpu = run_measured(box, config)
        first_portal_cpu = cpu_seconds(portal.proc.pid) - portal_cpu
        log("  " + first_line)
        items = int(re.search(r"(\d+) items", first_line).group(1)) if re.search(r"(\d+) items", first_line) else 0
        counts = portal_counts(portal)
        stored = sum(counts["journal"].values())

        rng = random.Random(a.seed)
        day = school_days.school_day(os.path.join(box, "classbook.db"), rng)
        day_rows = sum(day.values())
        log(f"sync-bench: a school day's delta: {day_rows} outbox rows {day}")
        portal_cpu = cpu_seconds(portal.proc.pid)
        delta_s, delta_rss, delta_line, delta_cpu = run_measured(box, config)
        delta_portal_cpu = cpu_seconds(portal.proc.pid) - portal_cpu
        log("  " + delta_line)

        idle_s, idle_rss, idle_line, _ = run_measured(box, config)
        log(f"sync-bench: a sync with nothing to send: {idle_s:.2f} s, {idle_rss:.1f} MiB")
        portal.stop()
        portal = None
        beside = beside_sync(data, info, tmp) if a.beside else None

        print(f"sync-bench ({'quick' if a.quick else 'full'} school: {params['students']} pupils, {params['weeks']} weeks)"
              + (" — a smoke run: the targets are the full school's" if a.quick else ""))
        print(f"  first full push: {items} items sent in {first_s:.1f} s ({items / first_s:,.0f} items/s); "
              f"the portal holds {stored} objects {json.dumps(counts['journal'])}")
        print(f"  CPU: first push box {first_cpu:.1f} s + portal {first_portal_cpu:.1f} s "
              f"({items / max(first_portal_cpu, 0.001):,.0f} items per portal CPU-second); delta box {delta_cpu:.2f} s + "
              f"portal {delta_portal_cpu:.2f} s; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
              f"{os.cpu_count()} cores")
        figure("first full push", first_s, "≤", FIRST_PUSH_S, "s")
        figure(f"a school day's delta ({day_rows} outbox rows)", delta_s, "≤", DELTA_S, "s")
        figure("extra memory of the sync (peak RSS − idle sync's)", first_rss - idle_rss, "≤", EXTRA_RSS_MIB, "MiB")
        print(f"  peak RSS: first push {first_rss:.1f} MiB, delta {delta_rss:.1f} MiB, nothing to send {idle_rss:.1f} MiB")
        if beside:
            beside_figures(*beside)
        return 0
    finally:
        if portal:
            portal.stop()
        if a.keep:
            log(f"sync-bench: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except bench.BenchError as e:
        print(f"sync-bench: FAILED — {e}", file=sys.stderr)
        sys.exit(1)
