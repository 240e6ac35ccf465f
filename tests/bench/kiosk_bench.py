"""kiosk_bench: the kiosk's figures (README, "Benchmarks") — tap to screen feedback online and
offline, 100 taps/s from one kiosk without loss, the kiosk's resident memory, QR decoding of a
640×480 frame. Real classbookd on loopback, the real classbook-kiosk with the simulated reader on
a FIFO; "screen feedback" is the moment the kiosk's page receives the new state over SSE.

    python3 tests/bench/kiosk_bench.py [--taps 1000] [--rate 100]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../integration"))
from box import BUILD, Box, ctl  # noqa: E402
from test_kiosk import KIOSK, SOURCE, Screen, Server, free_port, wait_for  # noqa: E402

SCAN_BENCH = os.path.join(BUILD, "tests/bench/classbook-scan-bench")
TARGETS = {"online p99 ms": 100, "offline p99 ms": 30, "rss MiB": 32, "qr median ms": 15}


def feed(fifo, cards, rate):
    """Writes the cards at `rate` per second; returns the send time of each."""
    sent = []
    start = time.monotonic()
    for i, c in enumerate(cards):
        due = start + i / rate
        while (now := time.monotonic()) < due:
            time.sleep(min(0.002, due - now))
        sent.append(time.monotonic())
        fifo.write(c + "\n")
    return sent


def pctl(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def online_latencies(stream, start_index, sent, names):
    """For tap i: the first state after its send time that shows its pupil green."""
    events = stream.timed()[start_index:]
    out, j = [], 0
    for t0, name in zip(sent, names):
        while j < len(events) and events[j][0] < t0:
            j += 1
        k = j
        while k < len(events) and not (events[k][1]["person"] == name and events[k][1]["banner"] in ("welcome", "goodbye")):
            k += 1
        if k < len(events):
            out.append((events[k][0] - t0) * 1000)
    return out


def offline_latencies(stream, start_index, sent, depth0):
    """For tap i: the first state showing the spool one deeper (amber, recorded)."""
    events = stream.timed()[start_index:]
    out = []
    for i, t0 in enumerate(sent):
        want = depth0 + i + 1
        hit = next((t for t, s in events if t >= t0 and s["spool_depth"] >= want), None)
        if hit is not None:
            out.append((hit - t0) * 1000)
    return out


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        text = f.read()
    return {k: int(re.search(rf"{k}:\s+(\d+)", text).group(1)) / 1024 for k in ("VmRSS", "VmHWM")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--taps", type=int, default=1000, help="taps in the 100/s run")
    ap.add_argument("--rate", type=float, default=100)
    ap.add_argument("--latency-taps", type=int, default=200)
    args = ap.parse_args()

    box = Box(students=300)
    server = Server(box, free_port())
    folder = tempfile.mkdtemp(prefix="classbook-kiosk-bench-")
    kiosk = None
    results = {}
    try:
        server.start()
        with box.db() as db:
            pupils = db.execute("SELECT card, first_name || ' ' || last_name FROM students WHERE card IS NOT NULL").fetchall()
            first_new = db.execute("SELECT coalesce(max(id), 0) + 1 FROM taps").fetchone()[0]
        out = ctl(box.data, "kiosk", "enrol", "Bench entrance").stdout
        code = re.search(r"code: (\S+)", out).group(1)
        fp = re.search(r"box CA fingerprint: (\S+)", out).group(1)
        fifo_path = os.path.join(folder, "cards.fifo")
        os.mkfifo(fifo_path)
        screen_port = free_port()
        config = os.path.join(folder, "kiosk.conf")
        with open(config, "w") as f:
            f.write(f"[server]\nurl = https://localhost:{server.port}\n[kiosk]\ndata = data\n[screen]\nport = {screen_port}\n"
                    f"[readers]\nprofiles = {SOURCE}/firmware-config/readers\nusb = no\nsimulated = cards.fifo\n"
                    "simulated_debounce_ms = 0\n[timing]\nhello_interval_ms = 300\nprobe_min_gap_ms = 200\n"
                    "retry_min_ms = 200\nretry_max_ms = 1000\n")
        r = subprocess.run([KIOSK, "enrol", "--config", config, "--code", code, "--ca-fingerprint", fp],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        log = open(os.path.join(folder, "kiosk.log"), "w")
        kiosk = subprocess.Popen([KIOSK, "run", "--config", config], stderr=log)
        stream = Screen(screen_port)
        wait_for("the kiosk online", lambda: (s := stream.state()) and s["server_reachable"])
        fifo = open(fifo_path, "w", buffering=1)
        names = dict(pupils)

        # Online latency at a walking pace (one tap each 50 ms), distinct pupils.
        cards = [c for c, _ in pupils[:args.latency_taps]]
        mark = len(stream.states())
        sent = feed(fifo, cards, 20)
        wait_for("all answers", lambda: (s := stream.state()) and s["spool_depth"] == 0, timeout=60)
        time.sleep(0.3)
        lat = online_latencies(stream, mark, sent, [names[c] for c in cards])
        amber = sum(1 for st in stream.states()[mark:] if st["banner"] == "recorded_offline")
        results["online taps shown green"] = f"{len(lat)}/{len(cards)} (amber states: {amber})"
        results["online median ms"] = round(statistics.median(lat), 1)
        results["online p99 ms"] = round(pctl(lat, 99), 1)

        # 100 taps/s without loss.
        burst = [pupils[i % len(pupils)][0] for i in range(args.taps)]
        t0 = time.monotonic()
        feed(fifo, burst, args.rate)
        offered = time.monotonic() - t0

        def delivered():
            with box.db() as db:
                return db.execute("SELECT count(*) FROM taps WHERE id>=?", (first_new,)).fetchone()[0] - len(cards)
        try:
            wait_for("the burst delivered", lambda: delivered() >= args.taps, timeout=120)
        except AssertionError:
            pass
        drained = time.monotonic() - t0
        got = delivered()
        results["burst taps delivered"] = f"{got}/{args.taps}"
        results["burst offered taps/s"] = round(args.taps / offered, 1)
        results["burst delivered within s"] = round(drained, 2)
        mem = rss_mib(kiosk.pid)

        # Offline: the box is down; each tap must be durable in the spool and on the screen.
        server.stop()
        wait_for("the kiosk offline", lambda: (s := stream.state()) and not s["server_reachable"], timeout=30)
        depth0 = stream.state()["spool_depth"]
        mark = len(stream.states())
        off_cards = [c for c, _ in pupils[:args.latency_taps]]
        sent = feed(fifo, off_cards, 20)
        wait_for("all recorded", lambda: (s := stream.state()) and s["spool_depth"] >= depth0 + len(off_cards), timeout=60)
        time.sleep(0.3)
        lat = offline_latencies(stream, mark, sent, depth0)
        results["offline median ms"] = round(statistics.median(lat), 1)
        results["offline p99 ms"] = round(pctl(lat, 99), 1)
        server.start()
        wait_for("the replay", lambda: (s := stream.state()) and s["server_reachable"] and s["spool_depth"] == 0, timeout=120)
        mem2 = rss_mib(kiosk.pid)
        results["rss MiB"] = round(max(mem["VmHWM"], mem2["VmHWM"]), 1)
        with box.db() as db:
            total = db.execute("SELECT count(*), count(DISTINCT tap_id) FROM taps WHERE id>=?", (first_new,)).fetchone()
        expected = len(cards) + args.taps + len(off_cards)
        results["all taps once"] = f"{total[0]} rows, {total[1]} distinct, {expected} made"
        fifo.close()
    finally:
        if kiosk:
            kiosk.terminate()
            kiosk.wait(timeout=30)
        server.stop()
        box.cleanup()

    if os.path.exists(SCAN_BENCH):
        out = subprocess.run([SCAN_BENCH, "--count", "200"], capture_output=True, text=True).stdout
        print(out.strip())
        m = re.search(r"QR.*?grey.*?median\D*([\d.]+)", out, re.S | re.I)
        if m:
            results["qr median ms"] = float(m.group(1))

    print("\nkiosk benchmark (uptime: %s)" % open("/proc/loadavg").read().split()[0])
    for k, v in results.items():
        target = TARGETS.get(k)
        verdict = "" if target is None else ("  ✓ ≤ %s" % target if v <= target else "  ✗ > %s" % target)
        print(f"  {k:28} {v}{verdict}")


if __name__ == "__main__":
    main()
