#!/usr/bin/env python3
"""bench: the Classbook benchmark — builds (or reuses) a demo school, starts classbookd and a private
nginx serving the same response bytes as static files, drives both with classbook-loadgen over TLS
keep-alive, and prints every figure beside its target and nginx's. It reports; it does not judge:
the exit status is non-zero only when something broke (a request errored, a server did not start).

    tests/bench/bench.py                 # the 5,000-pupil, 34-week school; ~5 minutes once built
    tests/bench/bench.py --quick         # 300 pupils, 4 weeks, short runs: the CTest smoke test
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("CLASSBOOK_BUILD", os.path.join(REPO, "build"))
CTL = os.path.join(BUILD, "server/daemon/classbookctl")
DAEMON = os.path.join(BUILD, "server/daemon/classbookd")
LOADGEN = os.path.join(BUILD, "tests/bench/classbook-loadgen")
SLOW_FLUSH = os.path.join(BUILD, "tests/bench/libclassbook-slow-flush.so")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# The schools: the full one is the issue's; the quick one only has to exercise every path.
FULL = {"students": 5000, "weeks": 34, "first_monday": "2026-04-20", "seed": 20260901}
QUICK = {"students": 300, "weeks": 4, "first_monday": "2026-11-09", "seed": 7}
WEEK = "2026-W48"  # inside both schools' weeks

TAP_CONNECTIONS = 8
TAP_WIDE_CONNECTIONS = 64  # "at least 8": more taps in flight give the group commit bigger batches
TAP_OPEN_RATE = 200
DIARY_CONNECTIONS = 256
DIARY_OPEN_RATE = 3000  # the throughput target, offered open-loop: does p99 hold at that rate?
DIARY_SAMPLES = 200     # real diary responses copied into nginx's root
SESSIONS = 8            # director sessions, assigned round-robin to connections
RSS_SAMPLE_SECONDS = 0.2
START_TIMEOUT = 30
INTEGRITY_TIMEOUT = 300  # the start-up checks: integrity, then the journal against its audit trail
LOADGEN_SLACK = 60      # seconds past warmup+duration before a loadgen run counts as hung
MARKER = "bench-school.json"
# classbookd's log lines that end its start-up checks (classbookd.cpp): the audit comparison's
# outcome, or a failure that stops the checks early.
CHECKS_DONE_LINES = ("audit: the journal matches the audit trail", "new findings in the security log",
                     "audit: could not write the audit mismatches", "audit: comparing the journal with the audit trail failed",
                     "error store:")
# The targets (issue 9, "Measured").
CPU_PER_REQUEST_MS = 0.1
TAP_P99_MS = 5
RSS_MIB = 96
FSYNC_SHARE = 0.8          # taps/s at 8 connections against 8 ÷ the mean commit latency
# That target is for a disk that binds: where 8 ÷ the commit is above what the cores can serve at all
# (this VM's disk flushes in ~0.15 ms), the 8 connections measure the CPU. So the full run measures
# them once more with every flush this much slower (tests/bench/slow_flush.cpp): the disk of the
# machine the first figures came from, where a commit took 1.89 ms.
SLOW_DISK_FLUSH_MS = 2
TAPS_WIDE_TO_NGINX = 0.25  # taps/s at 64 connections against nginx's same-bytes figure
DIARY_TO_NGINX = 0.8
SCENARIOS = ("taps_closed", "taps_wide", "taps_open", "diary_closed", "diary_open")
# Issue 10: open live-update streams (GET /api/v1/stream) must cost little memory and leave the tap
# and diary figures within 10 %.
STREAM_RSS_MIB = 64
WITH_STREAMS_SHARE = 0.9
STREAM_HOLDER = os.path.join(HERE, "stream_holder.py")


class BenchError(Exception):
    """Something broke (not a missed target): the run ends non-zero with this message."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --- the school ------------------------------------------------------------------------------

def ctl(data, *args, timeout=600, quiet=True):
    r = subprocess.run([CTL, *args, "--data", data], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE if quiet else None, text=True, timeout=timeout)
    if r.returncode != 0:
        raise BenchError(f"classbookctl {' '.join(args)} failed: {r.stderr or r.stdout}")
    return r.stdout


def school(data, params, rebuild=False):
    """The benchmark school in `data`: reused when its marker matches, otherwise built from scratch."""
    marker = os.path.join(data, MARKER)
    if rebuild and os.path.exists(marker):
        log(f"bench: removing the school in {data} to build it again")
        shutil.rmtree(data)
    if os.path.exists(marker):
        with open(marker, encoding="utf-8") as f:
            info = json.load(f)
        if all(info.get(k) == v for k, v in params.items()):
            log(f"bench: reusing the school in {data}")
            return info
        raise BenchError(f"{data} holds a different benchmark school ({info}); pass another --data or remove it")
    if os.path.isdir(data) and os.listdir(data):
        if not os.path.exists(os.path.join(data, "classbook.db")):
            raise BenchError(f"{data} is not empty and not a benchmark school; pass another --data")
        log(f"bench: {data} holds an unfinished build; starting over")
        shutil.rmtree(data)
    for tool in (CTL, DAEMON):
        if not os.access(tool, os.X_OK):
            raise BenchError(f"{tool} is missing; build it: ninja -C {BUILD} classbookctl classbookd")
    os.makedirs(data, exist_ok=True)
    log(f"bench: building the school ({params['students']} pupils, {params['weeks']} weeks from "
        f"{params['first_monday']}) into {data} — this takes a while for a big school")
    t0 = time.monotonic()
    ctl(data, "init", "--name", "Школа бенчмарка", "--host", "localhost")
    ctl(data, "demo", "--students", str(params["students"]), "--weeks", str(params["weeks"]),
        "--first-monday", params["first_monday"], "--seed", str(params["seed"]), timeout=7200, quiet=False)
    out = ctl(data, "kiosk", "add", "bench-entrance")
    key = re.search(r"device key: (\S+)", out)
    if not key:
        raise BenchError("classbookctl kiosk add printed no device key: " + out)
    info = dict(params, kiosk_key=key.group(1), built_in_s=round(time.monotonic() - t0, 1))
    with open(marker + ".tmp", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
    os.chmod(marker + ".tmp", 0o600)  # it holds the kiosk key
    os.replace(marker + ".tmp", marker)
    log(f"bench: school built in {info['built_in_s']} s")
    return info


# --- talking to the servers ----------------------------------------------------------------

class Https(http.client.HTTPSConnection):
    """Keep-alive HTTPS to 127.0.0.1 that verifies the box certificate as "localhost"."""

    def __init__(self, port, ca, timeout=30):
        self.tls = ssl.create_default_context(cafile=ca)
        self.tls.minimum_version = ssl.TLSVersion.TLSv1_2
        super().__init__("localhost", port, context=self.tls, timeout=timeout)

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname="localhost")

    def call(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        self.request(method, path, body=data, headers=h)
        r = self.getresponse()
        return r.status, r.getheaders(), r.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid):
    """VmRSS and VmHWM in MiB from /proc/PID/status."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    k, v = line.split(":")
                    out[k] = int(v.split()[0]) / 1024
    except OSError:
        pass
    return out


def thread_cpu(pid):
    """CPU seconds per thread of a process: {tid: (name, seconds)}."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, ValueError):
            pass
    return out


def process_cpu(pids):
    """CPU seconds of the processes, their ended threads included (a thread that ends during a run,
    such as classbookd's start-up checker, would otherwise take its whole time out of the sum)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def machine_busy():
    """CPU seconds the whole machine has spent busy (all cores), and stolen by the hypervisor, from /proc/stat."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq, steal = [int(x) for x in f.readline().split()[1:9]]
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def wait_for_quiet(max_wait, threshold):
    """Others share this machine: wait (bounded) until the 1-minute load average drops below `threshold`."""
    deadline = time.monotonic() + max_wait
    while load_average()[0] >= threshold and time.monotonic() < deadline:
        log(f"bench: waiting for a quieter machine (load average {load_average()[0]:.2f})")
        time.sleep(min(30, max(1, deadline - time.monotonic())))
    return load_average()


def children_of(pid):
    kids = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    stat = f.read()
                if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                    kids.append(int(p))
            except (OSError, ValueError):
                pass
    return kids


class Daemon:
    """classbookd on a free loopback port; records its start-up and keeps its stderr."""

    def __init__(self, data, flush_delay_ms=0):
        self.data = data
        self.ca = os.path.join(data, "tls/ca.crt")
        self.stderr_lines = []
        self.integrity_ok = threading.Event()
        # classbookd checks the database and then compares the journal with its audit trail in the
        # background after start (over a minute on the bench school, reading every page): measuring
        # before that ends charges its CPU and page reads to the load. Its last log line says it ended.
        self.checks_done = threading.Event()
        self.checks_outcome = None
        env = dict(os.environ)
        if flush_delay_ms:  # a disk whose flush is slow (tests/bench/slow_flush.cpp)
            env.update(LD_PRELOAD=SLOW_FLUSH, CLASSBOOK_FLUSH_DELAY_US=str(round(flush_delay_ms * 1000)))
        t0 = time.monotonic()
        # The load generator is a whole school's clients from one address: lift the per-address cap.
        self.proc = subprocess.Popen([DAEMON, "--data", data, "--listen", "127.0.0.1", "--port", "0",
                                      "--max-per-address", "4096"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        line = self._readline(START_TIMEOUT)
        t_ready = time.monotonic()
        m = re.search(r"ready on https://[^:]+:(\d+)/ \(started in (\d+) ms\)", line or "")
        if not m:
            self.stop()
            raise BenchError("classbookd did not start: " + (line or "") + "".join(self.stderr_lines[-20:]))
        self.port = int(m.group(1))
        status, _, body = Https(self.port, self.ca).call("GET", "/healthz")
        t_health = time.monotonic()
        if status != 200:
            self.stop()
            raise BenchError(f"classbookd /healthz answered {status}: {body[:300]!r}")
        self.startup = {"reported_ms": int(m.group(2)), "exec_to_ready_ms": round((t_ready - t0) * 1000, 1),
                        "exec_to_healthz_ms": round((t_health - t0) * 1000, 1)}
        threading.Thread(target=self._drain_stdout, daemon=True).start()

    def _readline(self, timeout):
        box = []
        t = threading.Thread(target=lambda: box.append(self.proc.stdout.readline()), daemon=True)
        t.start()
        t.join(timeout)
        return box[0] if box else None

    def _drain_stdout(self):
        for _ in self.proc.stdout:
            pass

    def _drain_stderr(self):
        # $CLASSBOOK_BENCH_DAEMON_LOG keeps classbookd's whole log in a file, for looking into a run.
        keep = os.environ.get("CLASSBOOK_BENCH_DAEMON_LOG")
        sink = open(keep, "w") if keep else None
        for line in self.proc.stderr:
            self.stderr_lines.append(line)
            if sink:
                sink.write(line)
                sink.flush()
            if "integrity check" in line:
                self.integrity_ok.set()
            if not self.checks_done.is_set() and any(m in line for m in CHECKS_DONE_LINES):
                self.checks_outcome = line.strip()
                self.checks_done.set()

    def metrics(self):
        _, _, body = Https(self.port, self.ca).call("GET", "/metrics")
        out = {}
        for line in body.decode().splitlines():
            m = re.match(r"(classbook_writer_\w+|classbook_sessions_cached|classbook_connections_open) (\d+)", line)
            if m:
                out[m.group(1)] = int(m.group(2))
        return out

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Nginx:
    """A private nginx (own prefix, config, logs) on another loopback port, same certificate."""

    def __init__(self, data, www, tmp, workers):
        self.tmp = tmp
        self.port = free_port()
        self.ca = os.path.join(data, "tls/ca.crt")
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""daemon off;
master_process on;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/client_body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  default_type application/json;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 10000000;
  open_file_cache max=10000 inactive=120s;
  server {{
    listen 127.0.0.1:{self.port} ssl;
    server_name localhost;
    ssl_certificate {data}/tls/server.crt;
    ssl_certificate_key {data}/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20;
    root {www};
    location / {{ }}
  }}
}}
""")
        self.proc = subprocess.Popen([NGINX, "-p", tmp, "-c", conf, "-e", os.path.join(tmp, "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise BenchError("nginx did not start: " + self.proc.stderr.read() + self.error_log())
            try:
                status, _, _ = Https(self.port, self.ca, timeout=2).call("GET", "/bench/tap.json")
                if status == 200:
                    break
                raise BenchError(f"nginx answered {status} for /bench/tap.json: " + self.error_log())
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline:
                    self.stop()
                    raise BenchError("nginx did not answer within %d s: %s" % (START_TIMEOUT, self.error_log()))
                time.sleep(0.05)
        self.workers = children_of(self.proc.pid)

    def error_log(self):
        try:
            with open(os.path.join(self.tmp, "error.log")) as f:
                return f.read()[-2000:]
        except OSError:
            return ""

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # fast shutdown: open keep-alive connections don't matter
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class RssSampler:
    """The highest VmRSS seen while load runs."""

    def __init__(self, pid):
        self.pid = pid
        self.max_rss = 0.0
        self.samples = 0
        self.running = False

    def __enter__(self):
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self):
        while self.running:
            rss = proc_status(self.pid).get("VmRSS")
            if rss:
                self.max_rss = max(self.max_rss, rss)
                self.samples += 1
            time.sleep(RSS_SAMPLE_SECONDS)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


# --- preparing the requests --------------------------------------------------------------------

def write_lines(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def prepare(daemon, info, data, tmp, rng):
    """Cards, kiosk key, director cookies, diary targets; copies of real responses for nginx."""
    db = sqlite3.connect(f"file:{os.path.join(data, 'classbook.db')}?mode=ro", uri=True, timeout=10)
    cards = [r[0] for r in db.execute("SELECT card FROM students WHERE card IS NOT NULL AND card <> ''")]
    pupils = [r[0] for r in db.execute("SELECT uuid FROM students ORDER BY id")]
    db.close()
    if not cards or not pupils:
        raise BenchError("the benchmark school has no pupils with cards; was `classbookctl demo` finished?")
    with open(os.path.join(data, "demo-accounts.json"), encoding="utf-8") as f:
        accounts = json.load(f)
    director = next((a for a in accounts if a["role"] == "director"), None)
    if not director:
        raise BenchError("demo-accounts.json has no director account")

    cookies = []
    for _ in range(SESSIONS):
        c = Https(daemon.port, daemon.ca)
        status, headers, body = c.call("POST", "/api/v1/session", {"login": director["login"], "password": director["password"]})
        if status != 200:
            raise BenchError(f"signing in as {director['login']} answered {status}: {body[:300]!r}")
        if json.loads(body).get("must_change_password"):
            raise BenchError(f"{director['login']} must change the one-time password first; the bench needs a ready account")
        cookie = next(v for k, v in headers if k.lower() == "set-cookie").split(";")[0]
        cookies.append(cookie)

    www = os.path.join(tmp, "www")
    diary_path = "/api/v1/students/{}/diary?week=" + WEEK
    targets = [diary_path.format(p) for p in pupils]
    sample = rng.sample(pupils, min(DIARY_SAMPLES, len(pupils)))
    c = Https(daemon.port, daemon.ca)
    sizes, lessons = [], 0
    for p in sample:
        status, _, body = c.call("GET", diary_path.format(p), headers={"Cookie": cookies[0]})
        if status != 200:
            raise BenchError(f"diary of {p} answered {status}: {body[:300]!r}")
        d = json.loads(body)
        lessons += sum(len(day.get("lessons", [])) for day in d.get("days", []))
        path = os.path.join(www, f"api/v1/students/{p}/diary")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body)
        sizes.append(len(body))
    if lessons == 0:
        log(f"bench: WARNING — the sampled diaries of {WEEK} hold no lessons; the figures measure empty weeks")

    # One real tap, so nginx can serve a response of the same bytes.
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    status, _, tap_body = Https(daemon.port, daemon.ca).call(
        "POST", "/api/v1/taps", {"tap_id": str(uuid.uuid4()), "card": cards[0], "reader": "entrance-1", "at": now},
        headers={"Authorization": "Bearer " + info["kiosk_key"]})
    if status not in (200, 201):
        raise BenchError(f"a tap answered {status}: {tap_body[:300]!r}")
    os.makedirs(os.path.join(www, "bench"), exist_ok=True)
    with open(os.path.join(www, "bench/tap.json"), "wb") as f:
        f.write(tap_body)
    # nginx's workers run as nobody when we are root: let them read the tree.
    for d in (tmp, *[r for r, _, _ in os.walk(www)]):
        os.chmod(d, 0o755)
    for r, _, files in os.walk(www):
        for name in files:
            os.chmod(os.path.join(r, name), 0o644)

    files = {"cards": os.path.join(tmp, "cards.txt"), "cookies": os.path.join(tmp, "cookies.txt"),
             "diary_targets": os.path.join(tmp, "diary-targets.txt"),
             "nginx_diary_targets": os.path.join(tmp, "nginx-diary-targets.txt"),
             "nginx_tap_targets": os.path.join(tmp, "nginx-tap-targets.txt")}
    write_lines(files["cards"], cards)
    write_lines(files["cookies"], cookies)
    write_lines(files["diary_targets"], targets)
    write_lines(files["nginx_diary_targets"], [diary_path.format(p) for p in sample])
    write_lines(files["nginx_tap_targets"], ["/bench/tap.json"])
    return files, www, {"pupils": len(pupils), "cards": len(cards), "diary_bytes_mean": round(sum(sizes) / len(sizes)),
                        "diary_bytes_max": max(sizes), "lessons_in_sample": lessons, "tap_bytes": len(tap_body)}


# --- running the load ----------------------------------------------------------------------------

def loadgen(port, ca, mode, connections, rate, duration, warmup, threads, extra):
    args = [LOADGEN, "--host", "127.0.0.1", "--port", str(port), "--ca", ca, "--mode", mode,
            "--connections", str(connections), "--rate", str(rate), "--duration", str(duration),
            "--warmup", str(warmup), "--threads", str(threads), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=duration + warmup + LOADGEN_SLACK)
    except subprocess.TimeoutExpired:
        raise BenchError("classbook-loadgen hung: " + " ".join(args))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise BenchError(f"classbook-loadgen failed ({r.returncode}): {r.stderr.strip()}")
    try:
        out = json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise BenchError("classbook-loadgen printed no result: " + r.stdout + r.stderr)
    out["loadgen_cpu_s"] = round((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), 2)
    if r.stderr.strip():
        out["stderr"] = r.stderr.strip()[:2000]
        log("  loadgen: " + r.stderr.strip().replace("\n", "\n  loadgen: "))
    return out


def run_scenario(name, label, server, mode, connections, rate, durations, threads, extra, daemon=None):
    duration, warmup = durations
    log(f"bench: {label} …")
    pids = [server.proc.pid] + (getattr(server, "workers", []) or [])
    cpu0, (busy0, steal0), t0 = process_cpu(pids), machine_busy(), time.monotonic()
    threads0 = thread_cpu(daemon.proc.pid) if daemon else {}
    m0 = daemon.metrics() if daemon else {}
    out = loadgen(server.port, server.ca, mode, connections, rate, duration, warmup, threads, extra)
    busy1, steal1 = machine_busy()
    wall = time.monotonic() - t0
    server_cpu = process_cpu(pids) - cpu0
    out["server_cpu_pct"] = round(100 * server_cpu / wall, 1)
    out["loadgen_cpu_pct"] = round(100 * out["loadgen_cpu_s"] / wall, 1)
    # What everything else on the machine used meanwhile: the benchmark shares the cores.
    out["others_cpu_pct"] = round(max(0.0, 100 * (busy1 - busy0 - server_cpu - out["loadgen_cpu_s"]) / wall), 1)
    out["steal_cpu_pct"] = round(100 * (steal1 - steal0) / wall, 1)
    # Server CPU per request, counting warm-up requests at the measured rate: it moves less than
    # throughput does when others share the machine.
    served = out["rps"] * (duration + warmup)
    out["server_cpu_ms_per_request"] = round(1000 * server_cpu / served, 3) if served else None
    out["loadgen_cpu_ms_per_request"] = round(1000 * out["loadgen_cpu_s"] / served, 3) if served else None
    if daemon:
        m1 = daemon.metrics()
        commits = m1.get("classbook_writer_commits_total", 0) - m0.get("classbook_writer_commits_total", 0)
        jobs = m1.get("classbook_writer_jobs_total", 0) - m0.get("classbook_writer_jobs_total", 0)
        out["writer_commits"], out["writer_jobs"] = commits, jobs
        out["jobs_per_commit"] = round(jobs / commits, 2) if commits else None
        ns = m1.get("classbook_writer_commit_nanoseconds_total", 0) - m0.get("classbook_writer_commit_nanoseconds_total", 0)
        out["commit_ms_mean"] = round(ns / commits / 1e6, 3) if commits else None
        restarts = (m1.get("classbook_writer_wal_restart_nanoseconds_count", 0) -
                    m0.get("classbook_writer_wal_restart_nanoseconds_count", 0))
        rns = (m1.get("classbook_writer_wal_restart_nanoseconds_total", 0) -
               m0.get("classbook_writer_wal_restart_nanoseconds_total", 0))
        out["wal_restarts"] = restarts
        out["wal_restart_ms_mean"] = round(rns / restarts / 1e6, 3) if restarts else None
        out["rss_mib_after"] = proc_status(daemon.proc.pid).get("VmRSS")
        t1 = thread_cpu(daemon.proc.pid)
        pid = daemon.proc.pid
        out["threads_cpu_pct"] = {("main" if t == pid else f"thread{t - pid:+d}"):
                                  round(100 * (t1[t][1] - threads0.get(t, ("", 0))[1]) / wall, 1) for t in sorted(t1)}
    if not server.alive():
        raise BenchError(f"the server died during {label}")
    out["label"] = label
    log(f"  {out['requests']} requests, {out['rps']:.0f}/s, p50 {out['p50_ms']:.2f} ms, p99 {out['p99_ms']:.2f} ms, "
        f"errors {out['errors']}, CPU: server {out['server_cpu_pct']}%, loadgen {out['loadgen_cpu_pct']}%, "
        f"others {out['others_cpu_pct']}%")
    return out


def hold_streams(daemon, data, n, runs, only, durations, threads):
    """Opens n live streams from a separate process, measures the RSS they add, and runs the chosen
    scenarios again while they are open; the streams close before this returns."""
    rss_before = proc_status(daemon.proc.pid).get("VmRSS", 0)
    log(f"bench: opening {n} live streams (signing in as {-(-n // 5)} accounts first) …")
    holder = subprocess.Popen([sys.executable, STREAM_HOLDER, "--port", str(daemon.port), "--ca", daemon.ca,
                               "--accounts", os.path.join(data, "demo-accounts.json"), "--streams", str(n)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = holder.stdout.readline().strip()
        if line != f"open {n}":
            raise BenchError(f"stream_holder could not open {n} streams: {line or 'it ended'}")
        time.sleep(3)  # let the last TLS handshakes' buffers settle
        rss_open = proc_status(daemon.proc.pid).get("VmRSS", 0)
        metrics = Https(daemon.port, daemon.ca).call("GET", "/metrics")[2].decode()
        m = re.search(r"^classbook_live_streams (\d+)$", metrics, re.M)
        log(f"  {m.group(1) if m else '?'} streams open on the server; RSS {rss_before:.1f} → {rss_open:.1f} MiB")
        scenarios = {}
        for name, label, mode, conns, rate, extra, _ in runs:
            if name in only:
                scenarios[name] = run_scenario(name, f"{label}, with {n} streams open", daemon, mode, conns, rate,
                                               durations, threads, extra, daemon)
        holder.stdin.close()
        tail = holder.stdout.read().strip().splitlines()
        holder.wait(timeout=30)
        # The same scenarios once more without the streams: the runs before them were minutes earlier,
        # with a smaller database behind them, and run-to-run drift alone moved a p99 or a rate by ~10 %.
        # Compared with the mean of before and after, the streams' own cost stands apart from the drift.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            left = re.search(r"^classbook_live_streams (\d+)$",
                             Https(daemon.port, daemon.ca).call("GET", "/metrics")[2].decode(), re.M)
            if not left or left.group(1) == "0":
                break
            time.sleep(0.2)
        after = {}
        for name, label, mode, conns, rate, extra, _ in runs:
            if name in only:
                after[name] = run_scenario(name, f"{label}, again after the streams closed", daemon, mode, conns, rate,
                                           durations, threads, extra, daemon)
        return {"streams": n, "server_streams": int(m.group(1)) if m else None, "rss_before_mib": rss_before,
                "rss_open_mib": rss_open, "rss_added_mib": round(rss_open - rss_before, 1),
                "holder_said": tail[-1] if tail else "", "scenarios": scenarios, "after": after}
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


# --- the report ------------------------------------------------------------------------------------

def measured(scenario, key):
    """A scenario's figure, or None when no request completed in its window (nothing to judge)."""
    return scenario[key] if scenario["requests"] else None


def slow_disk_taps(daemon, data, flush_ms, durations, threads, taps):
    """The 8-connection taps once more, on a disk whose every flush takes `flush_ms` longer: classbookd
    restarted with tests/bench/slow_flush.cpp preloaded (the first classbookd is stopped for it)."""
    daemon.stop()
    log(f"bench: classbookd again, every flush {flush_ms:g} ms slower (--slow-disk-ms)")
    slow = Daemon(data, flush_ms)
    try:
        if not slow.checks_done.wait(INTEGRITY_TIMEOUT):
            log("bench: WARNING — classbookd's start-up checks have not finished; measuring anyway")
        return run_scenario("taps_closed_slow_disk", f"taps, closed loop, {TAP_CONNECTIONS} connections, every flush "
                            f"{flush_ms:g} ms slower", slow, "taps", TAP_CONNECTIONS, 0, durations, threads, taps, slow)
    finally:
        slow.stop()


def slow_disk_figures(run, flush_ms):
    if not run:
        return []
    commit_ms = run.get("commit_ms_mean")
    bound = TAP_CONNECTIONS / (commit_ms / 1000) if commit_ms else None
    rps = measured(run, "rps")
    return [
        figure(f"every flush {flush_ms:g} ms slower: taps/s at {TAP_CONNECTIONS} conns", rps, None, None, "/s"),
        figure(f"every flush {flush_ms:g} ms slower: mean commit", commit_ms, None, None, "ms"),
        figure(f"every flush {flush_ms:g} ms slower: fsync bound ({TAP_CONNECTIONS} ÷ mean commit)", bound, None, None, "/s"),
        figure(f"every flush {flush_ms:g} ms slower: taps/s as a share of that bound", ratio(rps, bound),
               ">=", FSYNC_SHARE, "×"),
    ]


def figure(name, value, op, target, unit, nginx=...):
    """One row of the report; `nginx` is nginx's figure for the same load (None: no data; ...: no comparison)."""
    # op None: a figure shown for understanding, with no target of its own.
    ok = None if op is None else value is not None and (value >= target if op == ">=" else value <= target)
    f = {"name": name, "value": None if value is None else round(value, 3), "unit": unit,
         "target": "—" if op is None else f"{op} {target}", "pass": ok}
    if nginx is not ...:
        f["nginx"] = None if nginx is None else round(nginx, 3)
        f["ratio_to_nginx"] = round(value / nginx, 3) if value is not None and nginx else None
    return f


def ratio(a, b):
    return a / b if a is not None and b else None


def num(v):
    return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"


def table(figures, header):
    rows = [("figure", "measured", "target", "result", "nginx", "ours/nginx")]
    for f in figures:
        rows.append((f["name"], "no data" if f["value"] is None else f"{num(f['value'])} {f['unit']}",
                     "—" if f["pass"] is None else f"{f['target']} {f['unit']}",
                     "—" if f["value"] is None or f["pass"] is None else "PASS" if f["pass"] else "MISS",
                     "—" if f.get("nginx") is None else f"{num(f['nginx'])} {f['unit']}",
                     f"{f['ratio_to_nginx']:.3f}" if f.get("ratio_to_nginx") is not None else "—"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [header, ""]
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small school and short runs (the smoke test)")
    ap.add_argument("--duration", type=float, help="seconds measured per scenario (default 20, quick 1.5)")
    ap.add_argument("--warmup", type=float, help="seconds of unmeasured load first (default 3, quick 1)")
    ap.add_argument("--data", help="the school's folder (default $CLASSBOOK_BENCH_DATA or var/bench[-quick])")
    ap.add_argument("--rebuild", action="store_true",
                    help="build the school again (after the demo generator changed); it is otherwise reused")
    ap.add_argument("--loadgen-threads", type=int, default=1, choices=(1, 2))
    ap.add_argument("--nginx-workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1, help="picks the pupils copied for nginx")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                    help="first wait up to this long for the machine's load average to drop below 1")
    ap.add_argument("--only", metavar="SCENARIOS",
                    help="comma-separated subset of " + ",".join(SCENARIOS) + " (and nginx's counterparts) to run "
                         "while iterating; the figures of the others say 'no data'")
    ap.add_argument("--no-nginx", action="store_true", help="skip nginx's runs (no same-bytes comparison)")
    ap.add_argument("--streams", type=int, default=0, metavar="N",
                    help="then hold N live-update streams open (tests/bench/stream_holder.py), report the memory they "
                         "add, and run the chosen scenarios again beside them (issue 10: 2,000 streams)")
    ap.add_argument("--flush-delay-ms", type=float, default=0, metavar="MS",
                    help="make classbookd's every fdatasync/fsync take MS longer: a school's slower disk, where the "
                         "8-connection taps are bound by fsync rather than by CPU (tests/bench/slow_flush.cpp)")
    ap.add_argument("--slow-disk-ms", type=float, default=None, metavar="MS",
                    help=f"then measure the {TAP_CONNECTIONS}-connection taps again with every flush MS slower, against "
                         f"that run's fsync bound (default {SLOW_DISK_FLUSH_MS} for the full school; 0 skips it)")
    a = ap.parse_args()
    only = set(SCENARIOS) if not a.only else {x.strip() for x in a.only.split(",") if x.strip()}
    if only - set(SCENARIOS):
        ap.error(f"--only: unknown scenario(s) {', '.join(sorted(only - set(SCENARIOS)))}")
    params = QUICK if a.quick else FULL
    duration = a.duration or (1.5 if a.quick else 20)
    warmup = a.warmup if a.warmup is not None else (1 if a.quick else 3)
    data = os.path.abspath(a.data or os.environ.get("CLASSBOOK_BENCH_DATA") or
                           os.path.join(REPO, "var", "bench-quick" if a.quick else "bench"))
    if not os.access(LOADGEN, os.X_OK):
        raise BenchError(f"{LOADGEN} is missing; build it: ninja -C {BUILD} classbook-loadgen")
    if not os.access(NGINX, os.X_OK):
        raise BenchError("nginx is not installed (apt-get install nginx-light)")
    slow_ms = a.slow_disk_ms if a.slow_disk_ms is not None else 0 if a.quick or a.flush_delay_ms else SLOW_DISK_FLUSH_MS
    if "taps_closed" not in only:
        slow_ms = 0
    if a.flush_delay_ms < 0 or slow_ms < 0:
        ap.error("--flush-delay-ms, --slow-disk-ms: give 0 or more milliseconds")
    if (a.flush_delay_ms or slow_ms) and not os.access(SLOW_FLUSH, os.R_OK):
        raise BenchError(f"{SLOW_FLUSH} is missing; build it: ninja -C {BUILD} classbook-slow-flush")

    info = school(data, params, a.rebuild)
    load_before = wait_for_quiet(a.wait_quiet, 1.0) if a.wait_quiet else load_average()
    tmp = tempfile.mkdtemp(prefix="classbook-bench-")
    daemon = nginx = None
    try:
        log("bench: starting classbookd")
        if a.flush_delay_ms:
            log(f"bench: every flush of classbookd's takes {a.flush_delay_ms:g} ms longer (--flush-delay-ms)")
        daemon = Daemon(data, a.flush_delay_ms)
        idle = proc_status(daemon.proc.pid)
        log(f"  ready in {daemon.startup['exec_to_ready_ms']} ms (it says {daemon.startup['reported_ms']} ms), "
            f"/healthz after {daemon.startup['exec_to_healthz_ms']} ms, RSS {idle.get('VmRSS', 0):.1f} MiB")
        t_checks = time.monotonic()
        log("bench: waiting for classbookd's start-up checks (integrity, journal against audit trail) to finish")
        if not daemon.checks_done.wait(INTEGRITY_TIMEOUT):
            log("bench: WARNING — classbookd's start-up checks have not finished; measuring anyway")
        else:
            log(f"  done after {time.monotonic() - t_checks:.1f} s more: {daemon.checks_outcome}")
        checks_wait_s = round(time.monotonic() - t_checks, 1)
        after_integrity = proc_status(daemon.proc.pid)
        rng = random.Random(a.seed)
        files, www, shape = prepare(daemon, info, data, tmp, rng)
        log(f"bench: {shape['pupils']} pupils, diary of {WEEK} ~{shape['diary_bytes_mean']} bytes, tap answer "
            f"{shape['tap_bytes']} bytes; starting nginx")
        nginx = None if a.no_nginx else Nginx(data, www, tmp, a.nginx_workers)

        d = (duration, warmup)
        lt = a.loadgen_threads
        taps = ["--kiosk-key", info["kiosk_key"], "--cards", files["cards"]]
        diary = ["--targets", files["diary_targets"], "--cookie-file", files["cookies"]]
        s = {}
        empty = {"requests": 0, "rps": None, "p99_ms": None, "errors": 0, "server_cpu_ms_per_request": None}
        runs = [  # name, label, mode, connections, open-loop rate, load's arguments; nginx's counterpart
            ("taps_closed", f"taps, closed loop, {TAP_CONNECTIONS} connections", "taps", TAP_CONNECTIONS, 0, taps,
             ("nginx_tap_closed", f"nginx: GET of a tap-sized file, closed loop, {TAP_CONNECTIONS} connections", "tap")),
            ("taps_wide", f"taps, closed loop, {TAP_WIDE_CONNECTIONS} connections", "taps", TAP_WIDE_CONNECTIONS, 0, taps,
             ("nginx_tap_wide", f"nginx: GET of a tap-sized file, closed loop, {TAP_WIDE_CONNECTIONS} connections", "tap")),
            ("taps_open", f"taps, open loop {TAP_OPEN_RATE}/s, {TAP_CONNECTIONS} connections", "taps", TAP_CONNECTIONS,
             TAP_OPEN_RATE, taps, ("nginx_tap_open", f"nginx: GET of a tap-sized file, open loop {TAP_OPEN_RATE}/s", "tap")),
            ("diary_closed", f"diary reads, closed loop, {DIARY_CONNECTIONS} connections", "get", DIARY_CONNECTIONS, 0, diary,
             ("nginx_diary_closed", f"nginx: diary files, closed loop, {DIARY_CONNECTIONS} connections", "diary")),
            ("diary_open", f"diary reads, open loop {DIARY_OPEN_RATE}/s, {DIARY_CONNECTIONS} connections", "get",
             DIARY_CONNECTIONS, DIARY_OPEN_RATE, diary,
             ("nginx_diary_open", f"nginx: diary files, open loop {DIARY_OPEN_RATE}/s", "diary")),
        ]
        with RssSampler(daemon.proc.pid) as rss:
            for name, label, mode, conns, rate, extra, _ in runs:
                if name in only:
                    s[name] = run_scenario(name, label, daemon, mode, conns, rate, d, lt, extra, daemon)
        under_load = proc_status(daemon.proc.pid)
        nginx_args = {"tap": ["--targets", files["nginx_tap_targets"]],
                      "diary": ["--targets", files["nginx_diary_targets"], "--cookie-file", files["cookies"]]}
        for name, _, _, conns, rate, _, (nname, nlabel, kind) in runs:
            if name in only and not a.no_nginx:
                s[nname] = run_scenario(nname, nlabel, nginx, "get", conns, rate, d, lt, nginx_args[kind])
        g = lambda k: s.get(k, empty)  # noqa: E731 — a scenario not run reads as "no data"
        live = hold_streams(daemon, data, a.streams, runs, only, d, lt) if a.streams else None
        slow = slow_disk_taps(daemon, data, slow_ms, d, lt, taps) if slow_ms else None
        if slow:
            s["taps_closed_slow_disk"] = slow

        # At 8 connections each tap waits for its own commit: with a commit taking c seconds on
        # this disk, at most 8 / c taps/s can be acknowledged, whatever the CPU does.
        commit_ms = g("taps_closed").get("commit_ms_mean")
        fsync_bound = TAP_CONNECTIONS / (commit_ms / 1000) if commit_ms else None
        taps_rps = measured(g("taps_closed"), "rps")
        # The other ceiling: the two programs' CPU per tap on the machine's cores. Where it is below
        # the fsync bound, the 8 connections wait for CPU, not for the disk, and the share has no target.
        per_tap = [measured(g("taps_closed"), k) for k in ("server_cpu_ms_per_request", "loadgen_cpu_ms_per_request")]
        cpu_bound = os.cpu_count() / (sum(per_tap) / 1000) if all(per_tap) else None
        disk_binds = fsync_bound is None or cpu_bound is None or fsync_bound < cpu_bound
        figures = [
            figure(f"taps/s, closed loop, {TAP_CONNECTIONS} conns (nginx: GET of tap-sized file)", taps_rps,
                   ">=", 3000, "/s", measured(g("nginx_tap_closed"), "rps")),
            figure(f"mean commit (WAL fsync) during the {TAP_CONNECTIONS}-connection taps", commit_ms, None, None, "ms"),
            figure(f"fsync bound at {TAP_CONNECTIONS} conns ({TAP_CONNECTIONS} ÷ mean commit)", fsync_bound, None, None, "/s"),
            figure(f"taps/s at {TAP_CONNECTIONS} conns as a share of the fsync bound"
                   + ("" if disk_binds else " (CPU binds here: no target)"), ratio(taps_rps, fsync_bound),
                   ">=" if disk_binds else None, FSYNC_SHARE, "×"),
            figure(f"CPU ceiling at {TAP_CONNECTIONS} conns ({os.cpu_count()} CPUs ÷ server + loadgen CPU per tap)",
                   cpu_bound, None, None, "/s"),
            *slow_disk_figures(slow, slow_ms),
            figure(f"taps/s, closed loop, {TAP_WIDE_CONNECTIONS} conns (extra)", measured(g("taps_wide"), "rps"),
                   ">=", 3000, "/s", measured(g("nginx_tap_wide"), "rps")),
            figure(f"taps/s at {TAP_WIDE_CONNECTIONS} conns ÷ nginx's same-bytes figure",
                   ratio(measured(g("taps_wide"), "rps"), measured(g("nginx_tap_wide"), "rps")), ">=", TAPS_WIDE_TO_NGINX, "×"),
            figure(f"tap p99 at {TAP_OPEN_RATE}/s open loop (nginx: GET of tap-sized file)", measured(g("taps_open"), "p99_ms"),
                   "<=", TAP_P99_MS, "ms", measured(g("nginx_tap_open"), "p99_ms")),
            figure(f"server CPU per tap, {TAP_CONNECTIONS} conns (nginx: per same-bytes GET)",
                   measured(g("taps_closed"), "server_cpu_ms_per_request"), "<=", CPU_PER_REQUEST_MS, "ms",
                   measured(g("nginx_tap_closed"), "server_cpu_ms_per_request")),
            figure(f"server CPU per tap, {TAP_WIDE_CONNECTIONS} conns (nginx: per same-bytes GET)",
                   measured(g("taps_wide"), "server_cpu_ms_per_request"), "<=", CPU_PER_REQUEST_MS, "ms",
                   measured(g("nginx_tap_wide"), "server_cpu_ms_per_request")),
            figure(f"diary reads/s, closed loop, {DIARY_CONNECTIONS} conns", measured(g("diary_closed"), "rps"), ">=", 3000, "/s",
                   measured(g("nginx_diary_closed"), "rps")),
            figure(f"diary reads/s ÷ nginx's same-bytes figure",
                   ratio(measured(g("diary_closed"), "rps"), measured(g("nginx_diary_closed"), "rps")), ">=", DIARY_TO_NGINX, "×"),
            figure(f"server CPU per diary read, {DIARY_CONNECTIONS} conns (nginx: per same-bytes GET)",
                   measured(g("diary_closed"), "server_cpu_ms_per_request"), "<=", CPU_PER_REQUEST_MS, "ms",
                   measured(g("nginx_diary_closed"), "server_cpu_ms_per_request")),
            # The target "3,000/s with p99 <= 50 ms at 256 connections" is measured at 3,000/s offered over 256
            # connections; the closed loop's p99 is shown for understanding (Little's law: its mean latency is
            # connections / throughput, 256 / 3,000 = 85 ms, whatever the server does).
            figure(f"diary p99 at {DIARY_OPEN_RATE}/s open loop, {DIARY_CONNECTIONS} conns", measured(g("diary_open"), "p99_ms"),
                   "<=", 50, "ms", measured(g("nginx_diary_open"), "p99_ms")),
            figure(f"diary p99, closed loop, {DIARY_CONNECTIONS} conns (saturated; no target)", measured(g("diary_closed"), "p99_ms"),
                   None, None, "ms", measured(g("nginx_diary_closed"), "p99_ms")),
            figure("RSS under load (max VmRSS sampled)", rss.max_rss, "<=", RSS_MIB, "MiB"),
            figure("RSS high-water mark (VmHWM)", under_load.get("VmHWM", 0), "<=", RSS_MIB, "MiB"),
            figure("start-up, as classbookd reports it", daemon.startup["reported_ms"], "<=", 1000, "ms"),
            figure("start-up, exec to first good /healthz", daemon.startup["exec_to_healthz_ms"], "<=", 1000, "ms"),
        ]
        if live:
            figures.append(figure(f"RSS added by {a.streams} open live streams (sign-ins included)", live["rss_added_mib"],
                                  "<=", STREAM_RSS_MIB, "MiB"))
            for name, label, *_ in runs:
                if name in live["scenarios"]:
                    key = "p99_ms" if name.endswith("_open") else "rps"
                    with_ = measured(live["scenarios"][name], key)
                    # Without: the mean of the run before the streams opened and the one after they closed.
                    sides = [measured(g(name), key), measured(live["after"][name], key)]
                    without = sum(sides) / 2 if all(v is not None for v in sides) else None
                    share = ratio(with_, without) if key == "rps" else ratio(without, with_)
                    figures.append(figure(f"{label}: {'p99' if key == 'p99_ms' else 'throughput'} with {a.streams} "
                                          f"streams open, as a share of without (before and after)", share, ">=",
                                          WITH_STREAMS_SHARE, "×"))
                    s[name + "_with_streams"] = live["scenarios"][name]
                    s[name + "_after_streams"] = live["after"][name]
        errors = {k: v["errors"] for k, v in s.items() if v["errors"]}
        results = {
            "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "school": {k: info[k] for k in params} | {"week": WEEK} | shape,
            "machine": {"cpus": os.cpu_count(), "loadgen_threads": lt, "nginx_workers": a.nginx_workers,
                        "load_average_before": load_before, "load_average_after": load_average()},
            "duration_s": duration, "warmup_s": warmup, "flush_delay_ms": a.flush_delay_ms, "slow_disk_ms": slow_ms,
            "startup": daemon.startup | {"checks_waited_s": checks_wait_s, "checks_outcome": daemon.checks_outcome},
            "memory_mib": {"idle_rss": idle.get("VmRSS"), "after_integrity_check_rss": after_integrity.get("VmRSS"),
                           "max_rss_under_load": round(rss.max_rss, 1), "rss_samples": rss.samples,
                           "rss_after_load": under_load.get("VmRSS"), "hwm": under_load.get("VmHWM")},
            "figures": figures, "scenarios": s, "errors": errors,
            "live_streams": {k: v for k, v in (live or {}).items() if k not in ("scenarios", "after")},
        }
        with open(os.path.join(data, "results.json"), "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)
        header = (f"Classbook benchmark — {info['students']} pupils, {info['weeks']} weeks, diary week {WEEK}, "
                  f"{os.cpu_count()} CPUs shared by server and load generator ({lt} thread), {duration:g} s per run "
                  f"after {warmup:g} s warm-up, TLS keep-alive"
                  + (f"; every flush {a.flush_delay_ms:g} ms slower (--flush-delay-ms)" if a.flush_delay_ms else ""))
        print(table(figures, header))
        print()
        print("CPU per scenario (100% = one core):")
        for k, v in s.items():
            extra = ""
            if "jobs_per_commit" in v and v["writer_jobs"]:
                extra = (f"  writer: {v['writer_jobs']} jobs in {v['writer_commits']} commits ({v['jobs_per_commit']}/commit, "
                         f"commit {v['commit_ms_mean']} ms, {v['wal_restarts']} WAL restarts"
                         + (f" of {v['wal_restart_ms_mean']} ms)" if v['wal_restarts'] else ")"))
            per = v["server_cpu_ms_per_request"]
            if v.get("rss_mib_after"):
                extra += f"  RSS after {v['rss_mib_after']:.1f} MiB"
            print(f"  {v['label']:<72} server {v['server_cpu_pct']:>5}% ({'—' if per is None else f'{per:.3f}'} ms/request)  "
                  f"loadgen {v['loadgen_cpu_pct']:>5}%  others {v['others_cpu_pct']:>5}%{extra}")
        for k in ("taps_closed", "taps_wide", "diary_closed"):
            if k not in s:
                continue
            print(f"  classbookd threads, {s[k]['label']}: "
                  + ", ".join(f"{t} {pct}%" for t, pct in s[k]["threads_cpu_pct"].items()))
        print(f"Load average before/after: {load_before[0]:.2f} / {load_average()[0]:.2f} on {os.cpu_count()} CPUs "
              "(\"others\" above is CPU used by the rest of the machine during each run).")
        print(f"Closed-loop p99 at {DIARY_CONNECTIONS} connections is bounded below by Little's law: "
              f"mean latency = connections / throughput.")
        print(f"results: {os.path.join(data, 'results.json')}")
        if errors:
            raise BenchError(f"requests errored: {errors}")
        return 0
    finally:
        if nginx:
            nginx.stop()
        if daemon:
            daemon.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"bench: FAILED — {e}", file=sys.stderr)
        sys.exit(1)
