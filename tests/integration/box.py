"""box: a real Classbook box for integration tests — classbookctl init + demo, a real classbookd
on loopback over real TLS, and a small HTTPS client that keeps cookies and the CSRF token."""
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import ssl
import subprocess
import tempfile
import time
import warnings

# Test clients are dropped with their connections open; that is the point of some tests.
warnings.simplefilter("ignore", ResourceWarning)

BUILD = os.environ.get("CLASSBOOK_BUILD", os.path.join(os.path.dirname(__file__), "../../build"))
CTL = os.path.join(BUILD, "server/daemon/classbookctl")
DAEMON = os.path.join(BUILD, "server/daemon/classbookd")


def ctl(data, *args, check=True):
    r = subprocess.run([CTL, *args, "--data", data], capture_output=True, text=True, timeout=600)
    if check and r.returncode != 0:
        raise RuntimeError(f"classbookctl {' '.join(args)} failed: {r.stderr}")
    return r


class Box:
    """A school in a temp folder; start() runs classbookd, stop() ends it."""

    # The demo weeks are fixed dates, and tests send guardians' notices for them whatever today is;
    # a limit of ten years back keeps them reachable. test_audit tests the school's default.
    LONG_NOTICE_REACH = 3650

    def __init__(self, students=60, weeks=2, first_monday="2026-11-16", seed=7, notice_days_back=LONG_NOTICE_REACH):
        self.data = tempfile.mkdtemp(prefix="classbook-test-")
        init = ctl(self.data, "init", "--name", "Тестовая школа", "--host", "localhost").stdout
        self.admin_password = re.search(r"admin login: admin\s+one-time password: (\S+)", init).group(1)
        ctl(self.data, "demo", "--students", str(students), "--weeks", str(weeks),
            "--first-monday", first_monday, "--seed", str(seed))
        if notice_days_back is not None:
            with self.db() as db:
                db.execute("INSERT INTO settings(key, value) VALUES ('notice_days_back', ?)", (str(notice_days_back),))
        out = ctl(self.data, "kiosk", "add", "entrance-1").stdout
        self.kiosk_key = re.search(r"device key: (\S+)", out).group(1)
        with open(os.path.join(self.data, "demo-accounts.json"), encoding="utf-8") as f:
            self.accounts = json.load(f)
        self.proc = None
        self.port = None

    def start(self, *options, env=None, config=""):
        """env: variables added to classbookd's environment (test-only hooks). config: the text of the
        box's classbookd.toml — its own, so that a machine's /etc/classbook/classbookd.toml never
        reaches a test."""
        self.config = os.path.join(self.data, "classbookd.toml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(config)
        self.log = open(os.path.join(self.data, "classbookd.log"), "a")
        self.proc = subprocess.Popen([DAEMON, "--config", self.config, "--data", self.data, "--listen", "127.0.0.1",
                                      "--port", "0", *options],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True,
                                     env=dict(os.environ, **env) if env else None)
        line = self.proc.stdout.readline()
        m = re.search(r"ready on https://[^:]+:(\d+)/", line)
        if not m:
            self.proc.kill()
            with open(os.path.join(self.data, "classbookd.log")) as f:
                raise RuntimeError("classbookd did not start: " + line + f.read())
        self.port = int(m.group(1))
        return self

    def wait_settled(self, timeout=120):
        """Waits for the box's start-up housekeeping (the lessons of the next two weeks made from the
        timetable, which writes outbox rows): a test that counts rows must not count those."""
        deadline = time.monotonic() + timeout
        path = os.path.join(self.data, "classbookd.log")
        while time.monotonic() < deadline:
            with open(path, encoding="utf-8") as f:
                if "housekeeping: lessons of the next " in f.read():
                    return self
            time.sleep(0.05)
        raise AssertionError(f"classbookd's start-up housekeeping did not finish within {timeout} s (see {path})")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.proc.stdout.close()
            self.log.close()
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data, ignore_errors=True)

    def db(self):
        return sqlite3.connect(os.path.join(self.data, "classbook.db"), timeout=10)

    def account(self, role, pred=lambda a: True):
        for a in self.accounts:
            if a["role"] == role and pred(a):
                return a
        raise LookupError(role)

    def lessons_of(self, student, date_from="0000-01-01", date_to="9999-12-31"):
        """The whole-class lessons of a pupil's class between two dates whose teacher has a demo
        account, in order: [(lesson uuid, the teacher's account)]."""
        teachers = {a["person_id"]: a for a in self.accounts if a["role"] == "teacher"}
        with self.db() as db:
            rows = db.execute(
                "SELECT l.uuid, t.uuid FROM students s JOIN lessons l ON l.class_id = s.class_id "
                "JOIN teachers t ON t.id = l.teacher_id WHERE s.uuid=? AND l.cancelled=0 AND l.group_no=0 "
                "AND l.date BETWEEN ? AND ? ORDER BY l.date, l.period", (student, date_from, date_to)).fetchall()
        return [(lesson, teachers[t]) for lesson, t in rows if t in teachers]

    def teacher_with_lesson(self, term):
        """A signed-in teacher, a class × subject they teach ({class_id, subject_id}), its last lesson of
        `term` and the class's pupils, from the journal the teacher sees."""
        for acc in (a for a in self.accounts if a["role"] == "teacher"):
            t = self.signed_in(acc)
            status, me = t.request("GET", "/api/v1/me")
            assert status == 200, me
            for teach in me["teaches"]:
                status, j = t.request("GET", f"/api/v1/classes/{teach['class_id']}/journal?subject={teach['subject_id']}&term={term}")
                assert status == 200, j
                if j["lessons"] and j["students"]:
                    return t, teach, j["lessons"][-1], [s["student"] for s in j["students"]]
        raise AssertionError("no teacher with lessons in the demo school")

    def client(self):
        return Client(self)

    def signed_in(self, account):
        c = Client(self)
        status, body = c.sign_in(account["login"], account["password"])
        assert status == 200, (status, body)
        return c


class Client:
    def __init__(self, box):
        ctx = ssl.create_default_context(cafile=os.path.join(box.data, "tls/ca.crt"))
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        self.box = box
        self.conn = http.client.HTTPSConnection("localhost", box.port, context=ctx, timeout=30)
        self.cookie = None
        self.csrf = None
        self.last_headers = {}

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True, binary=False):
        """(status, answer): JSON parsed, other text decoded, or the bytes as they came when `binary`."""
        h = {"Accept": "application/json"}
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        self.conn.request(method, path, body=data, headers=h)
        r = self.conn.getresponse()
        payload = r.read()
        self.last_headers = {k.lower(): v for k, v in r.getheaders()}
        if "set-cookie" in self.last_headers:
            cookie = self.last_headers["set-cookie"].split(";")[0]
            self.cookie = cookie if cookie.split("=", 1)[1] else None
        ctype = self.last_headers.get("content-type", "")
        if binary:
            return r.status, payload
        if payload and ctype.startswith("application/json"):
            return r.status, json.loads(payload)
        return r.status, payload.decode(errors="replace")

    def sign_in(self, login, password):
        status, body = self.request("POST", "/api/v1/session", {"login": login, "password": password})
        if status == 200:
            self.csrf = body["csrf_token"]
        return status, body
