"""Guardians' e-mail notices against a real classbookd and a real local SMTP sink (aiosmtpd) with
STARTTLS (a test CA made with openssl, given to the box as [mail] ca_file) and AUTH: an absence at the
first lesson arrives once with the pupil's name and date; with the sink stopped the notice waits
(GET /api/v1/mail counts it) and arrives once when the sink is back, though classbookd restarted
meanwhile; two low marks make one digest at digest time; a 5xx for one address fails that notice
permanently with the relay's reason while the others are still sent."""
import datetime
import email
import email.policy
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

try:
    import aiosmtpd  # noqa: F401
except ImportError:  # a Python of its own (pyenv) beside Debian's, which ./setup gave python3-aiosmtpd
    sys.path.append("/usr/lib/python3/dist-packages")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

import ssl  # noqa: E402

USER, PASSWORD = "journal", "relay-pass-2026"
BAD_ADDRESS = "nobody@bad.example"
WAIT = 30  # seconds for a mail the box should send now


class Sink:
    """What the relay accepted, in order, with the envelope."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == BAD_ADDRESS:
            return "550 5.1.1 <nobody@bad.example>: Recipient address rejected: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos[:], msg))
        return "250 OK: queued"

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if address in rcpt]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


def make_pki(folder):
    """A CA and a relay certificate for 127.0.0.1, made with the openssl command."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    ca_key, ca_crt = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.crt")
    key, csr, crt = (os.path.join(folder, n) for n in ("relay.key", "relay.csr", "relay.crt"))
    ext = os.path.join(folder, "relay.ext")
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca_key, "-out", ca_crt,
        "-days", "2", "-subj", "/CN=Test relay CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial", "-out", crt, "-days", "2", "-extfile", ext)
    return ca_crt, crt, key


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class MailTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="classbook-mail-")
        cls.ca_file, crt, key = make_pki(cls.folder)
        cls.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cls.tls.load_cert_chain(crt, key)
        cls.port = free_port()
        cls.sink = Sink()
        cls.relay = None
        cls.start_relay()
        cls.password_file = os.path.join(cls.folder, "relay-password")
        with open(cls.password_file, "w") as f:
            f.write(PASSWORD + "\n")
        cls.box = Box(students=30, seed=11)
        try:
            cls.box.start(config=cls.config("23:59")).wait_settled()
            cls.admin = cls.box.client()
            assert cls.admin.sign_in("admin", cls.box.admin_password)[0] == 200
            assert cls.admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                                    "new_password": "Relay-lamp-2026-harbour"})[0] == 204
            cls.admin_password = "Relay-lamp-2026-harbour"
        except BaseException:
            cls.box.cleanup()
            cls.stop_relay()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        cls.stop_relay()

    @classmethod
    def config(cls, digest_at):
        return (f'[mail]\nhost = "127.0.0.1"\nport = {cls.port}\nstarttls = "required"\nusername = "{USER}"\n'
                f'password_file = "{cls.password_file}"\nfrom = "journal@school.example"\nca_file = "{cls.ca_file}"\n'
                f'digest_at = "{digest_at}"\n')

    @classmethod
    def start_relay(cls):
        cls.relay = Controller(cls.sink, hostname="127.0.0.1", port=cls.port, tls_context=cls.tls, require_starttls=True,
                               authenticator=authenticator, auth_required=True, auth_require_tls=True)
        cls.relay.start()

    @classmethod
    def stop_relay(cls):
        if cls.relay:
            cls.relay.stop()
            cls.relay = None

    def restart_box(self, digest_at="23:59"):
        self.box.stop()
        self.box.start(config=self.config(digest_at))
        # A new port: every client signs in again (the class's admin too, for the tests after this one).
        type(self).admin = self.box.client()
        self.assertEqual(self.admin.sign_in("admin", self.admin_password)[0], 200)

    # --- the school's objects -------------------------------------------------------------------
    def guardian_with_child(self, skip=()):
        """A guardian account, one of their children, and a signed-in client."""
        for a in self.box.accounts:
            if a["role"] == "guardian" and a["children"] and a["login"] not in skip:
                return a, a["children"][0], self.box.signed_in(a)
        raise LookupError("guardian")

    def first_lessons(self, pupil):
        """[(date, lesson uuid, teacher account)] of the days whose first lesson for the pupil is a
        whole-class lesson given by a teacher with a demo account."""
        teachers = {a["person_id"]: a for a in self.box.accounts if a["role"] == "teacher"}
        with self.box.db() as db:
            cls_id, group = db.execute("SELECT class_id, group_no FROM students WHERE uuid=?", (pupil,)).fetchone()
            rows = db.execute(
                "SELECT l.date, l.uuid, t.uuid, l.group_no FROM lessons l JOIN teachers t ON t.id = l.teacher_id "
                "WHERE l.class_id=? AND l.cancelled=0 AND l.group_no IN (0, ?) "
                "AND l.period = (SELECT MIN(period) FROM lessons m WHERE m.class_id=l.class_id AND m.date=l.date "
                "AND m.cancelled=0 AND m.group_no IN (0, ?)) ORDER BY l.date", (cls_id, group, group)).fetchall()
        return [(d, lesson, teachers[t]) for d, lesson, t, g in rows if g == 0 and t in teachers]

    def absent(self, lesson, teacher, pupil):
        t = self.box.signed_in(teacher)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson}/attendance",
                              {"students": [{"student_id": pupil, "status": "absent_unexcused"}]})
        self.assertEqual(status, 204, r)

    def pupil_name(self, pupil):
        with self.box.db() as db:
            return " ".join(db.execute("SELECT first_name, last_name FROM students WHERE uuid=?", (pupil,)).fetchone())

    def wait_mail(self, address, count, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.sink.to(address)
            if len(got) >= count:
                return got
            time.sleep(0.1)
        self.fail(f"{count} mails to {address} expected within {timeout} s, got {len(self.sink.to(address))}; "
                  f"GET /api/v1/mail: {self.admin.request('GET', '/api/v1/mail')[1]}")

    def mail_status(self):
        status, r = self.admin.request("GET", "/api/v1/mail")
        self.assertEqual(status, 200, r)
        return r

    # --- the tests, in order: they share one box and one sink -----------------------------------
    def test_1_absence_arrives_once_waits_for_the_relay_and_survives_a_restart(self):
        guardian, child, g = self.guardian_with_child()
        address = "parent.one@example.org"
        status, prefs = g.request("PUT", "/api/v1/me/notices/preferences",
                                  {"email": address, "absence": "immediate", "low_mark": "digest", "mark_below": 3})
        self.assertEqual(status, 200, prefs)
        self.assertEqual((prefs["email"], prefs["absence"], prefs["low_mark"], prefs["teacher_message"]),
                         (address, "immediate", "digest", "off"))
        self.assertEqual(prefs["digest_at"], "23:59")
        self.assertEqual(g.request("GET", "/api/v1/me/notices/preferences")[1]["absence"], "immediate")
        days = self.first_lessons(child)
        self.assertGreaterEqual(len(days), 2)
        (day1, lesson1, teacher1), (day2, lesson2, teacher2) = days[0], days[1]
        name = self.pupil_name(child)

        self.absent(lesson1, teacher1, child)
        self.absent(lesson1, teacher1, child)  # again: still one notice
        got = self.wait_mail(address, 1)
        time.sleep(3)  # a second one would have come by now
        got = self.sink.to(address)
        self.assertEqual(len(got), 1)
        text = got[0].get_body().get_content()
        self.assertIn(name, got[0]["Subject"])
        self.assertIn(name, text)
        self.assertIn(day1, text)
        first_id = got[0]["Message-ID"]
        self.assertRegex(first_id, r"^<[0-9a-f-]{36}@school\.example>$")
        self.assertEqual(self.mail_status()["queued"], 0)

        # The relay goes away: the notice waits, and the admin sees it waiting.
        self.stop_relay()
        self.absent(lesson2, teacher2, child)
        deadline = time.monotonic() + WAIT
        while True:
            st = self.mail_status()
            if st["queued"] == 1 and st["last_error"]:
                break
            self.assertLess(time.monotonic(), deadline, st)
            time.sleep(0.2)
        self.assertTrue(st["relay_configured"])
        self.assertEqual(st["relay"], f"127.0.0.1:{self.port}")
        self.assertIsNotNone(st["oldest_queued_at"])
        self.assertGreaterEqual(st["oldest_queued_age_seconds"], 0)
        self.assertIn("could not be reached", st["last_error"]["message"])
        # classbookd restarts while the relay is down; the row is still there after it.
        self.restart_box()
        self.assertEqual(self.mail_status()["queued"], 1)
        self.start_relay()
        got = self.wait_mail(address, 2, timeout=90)  # the relay's pause grows to 60 s at most
        time.sleep(3)
        got = self.sink.to(address)
        self.assertEqual(len(got), 2)
        self.assertIn(day2, got[1].get_body().get_content())
        self.assertNotEqual(got[1]["Message-ID"], first_id)
        st = self.mail_status()
        self.assertEqual(st["queued"], 0)
        self.assertIsNone(st["last_error"])
        self.assertIsNotNone(st["last_success_at"])
        status, prefs = self.box.signed_in(guardian).request("GET", "/api/v1/me/notices/preferences")
        self.assertEqual([n["state"] for n in prefs["recent"]], ["sent", "sent"])

    def test_2_two_low_marks_make_one_digest_at_digest_time(self):
        guardian, child, g = self.guardian_with_child()
        address = "parent.one@example.org"
        before = len(self.sink.to(address))
        lesson, teacher = self.first_lessons(child)[2][1:]
        t = self.box.signed_in(teacher)
        for _ in range(2):
            status, r = t.request("POST", "/api/v1/marks", {"student_id": child, "lesson_id": lesson, "value": 2, "work_type": "oral"})
            self.assertEqual(status, 201, r)
        status, r = t.request("POST", "/api/v1/marks", {"student_id": child, "lesson_id": lesson, "value": 5, "work_type": "oral"})
        self.assertEqual(status, 201, r)
        time.sleep(2)
        self.assertEqual(len(self.sink.to(address)), before)  # digests wait for digest_at
        self.assertEqual(self.mail_status()["queued"], 2)
        # The digest time is now: restarted with digest_at the school's clock time just reached.
        with self.box.db() as db:
            row = db.execute("SELECT value FROM settings WHERE key='utc_offset_minutes'").fetchone()
        offset = int(row[0]) if row else 180
        local = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=offset)
        if local.hour == 23 and local.minute >= 58:
            self.skipTest("too close to the school's midnight for a digest test")
        self.restart_box(digest_at=local.strftime("%H:%M"))
        got = self.wait_mail(address, before + 1)
        time.sleep(3)
        got = self.sink.to(address)
        self.assertEqual(len(got), before + 1)
        digest = got[-1].get_body().get_content()
        self.assertIn("Сводка", got[-1]["Subject"] + digest)
        self.assertEqual(digest.count("оценку 2"), 2)
        self.assertNotIn("оценку 5", digest)
        self.assertEqual(self.mail_status()["queued"], 0)

    def test_3_a_5xx_fails_that_notice_with_the_reason_and_the_others_go(self):
        first, child, g1 = self.guardian_with_child()
        other, other_child, g2 = self.guardian_with_child(skip={first["login"]} | {
            a["login"] for a in self.box.accounts if a["role"] == "guardian" and child in a["children"]})
        status, r = g2.request("PUT", "/api/v1/me/notices/preferences", {"email": BAD_ADDRESS, "absence": "immediate"})
        self.assertEqual(status, 200, r)
        status, r = g2.request("PUT", "/api/v1/me/notices/preferences", {"email": "not an address"})
        self.assertEqual((status, r["error"]["code"]), (400, "notices.email_invalid"))
        good = "parent.one@example.org"
        before = len(self.sink.to(good))
        (d_bad, lesson_bad, teacher_bad) = self.first_lessons(other_child)[0]
        (d_good, lesson_good, teacher_good) = self.first_lessons(child)[3]
        self.absent(lesson_bad, teacher_bad, other_child)
        self.absent(lesson_good, teacher_good, child)
        self.wait_mail(good, before + 1)
        deadline = time.monotonic() + WAIT
        while True:
            st = self.mail_status()
            if st["failed"] >= 1:
                break
            self.assertLess(time.monotonic(), deadline, st)
            time.sleep(0.2)
        self.assertIn("550", st["last_failure"]["message"])
        self.assertIn("no such user", st["last_failure"]["message"])
        status, prefs = g2.request("GET", "/api/v1/me/notices/preferences")
        self.assertEqual(prefs["recent"][0]["state"], "failed")
        self.assertIn("550", prefs["recent"][0]["last_error"])
        self.assertEqual(self.sink.to(BAD_ADDRESS), [])

    def test_4_who_may_ask(self):
        teacher = self.box.account("teacher")
        t = self.box.signed_in(teacher)
        status, r = t.request("GET", "/api/v1/me/notices/preferences")
        self.assertEqual((status, r["error"]["code"]), (403, "notices.guardians_only"))
        status, r = t.request("GET", "/api/v1/mail")
        self.assertEqual((status, r["error"]["code"]), (403, "mail.admin_only"))


if __name__ == "__main__":
    unittest.main()
