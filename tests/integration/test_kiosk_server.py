"""The box's side of the kiosks end to end (docs/kiosk-protocol.md): a real classbookd over real TLS on
loopback, kiosks enrolled with CSRs made by `openssl req`, mutual TLS beside browsers without
certificates, revocation through the API and through classbookctl while the daemon runs, the hall
diary behind a PIN with its lock, taps with directions and the anomalies they raise."""
import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

MOSCOW = datetime.timezone(datetime.timedelta(hours=3))


def now_utc(seconds=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


class Device:
    """A kiosk's HTTPS client: the box's CA as the only trust, and its own certificate if it has one."""

    def __init__(self, box, cert=None, key=None, source="127.0.0.1", max_tls=None):
        ctx = ssl.create_default_context(cafile=os.path.join(box.data, "tls/ca.crt"))
        if max_tls:
            ctx.maximum_version = max_tls
        if cert:
            ctx.load_cert_chain(cert, key)
        self.conn = http.client.HTTPSConnection("localhost", box.port, context=ctx, timeout=30,
                                                source_address=(source, 0))
        self.headers = {}

    def request(self, method, path, body=None, headers=None, binary=False):
        h = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        self.conn.request(method, path, body=data, headers=h)
        r = self.conn.getresponse()
        payload = r.read()
        self.headers = {k.lower(): v for k, v in r.getheaders()}
        if binary and r.status == 200:
            return r.status, payload
        return r.status, (json.loads(payload) if payload else None)

    def close(self):
        self.conn.close()


class KioskServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        cls.work = tempfile.mkdtemp(prefix="classbook-kiosk-test-")
        try:
            cls.prepare()
        except BaseException:
            cls.tearDownClass()  # unittest does not when setUpClass fails: no daemon may be left running
            raise

    @classmethod
    def prepare(cls):
        cls.admin = cls.box.client()
        assert cls.admin.sign_in("admin", cls.box.admin_password)[0] == 200
        status, _ = cls.admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                                      "new_password": "Tightly-guarded-box-77"})
        assert status == 204, status
        with open(os.path.join(cls.box.data, "tls/ca.crt")) as f:
            cls.ca_pem = f.read()
        cls.ca_fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(cls.ca_pem)).hexdigest()
        # Pupils with cards whose class teacher has an account; each test takes its own.
        with cls.box.db() as db:
            rows = db.execute(
                "SELECT s.uuid, s.card, s.first_name || ' ' || s.last_name, c.name, t.uuid FROM students s "
                "JOIN classes c ON c.id = s.class_id JOIN teachers t ON t.id = c.class_teacher_id "
                "WHERE s.card IS NOT NULL ORDER BY s.id").fetchall()
        teachers = {a["person_id"]: a for a in cls.box.accounts if a["role"] == "teacher"}
        cls.pupils = [dict(id=r[0], card=r[1], name=r[2], cls=r[3], teacher=teachers[r[4]])
                      for r in rows if r[4] in teachers]
        assert len(cls.pupils) >= 6

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        shutil.rmtree(cls.work, ignore_errors=True)

    # --- helpers -------------------------------------------------------------------------
    def pupil(self, i):
        return self.pupils[i]

    def account_of(self, pupil):
        return next(a for a in self.box.accounts if a["role"] == "student" and a["person_id"] == pupil["id"])

    def make_csr(self, name):
        key, csr = os.path.join(self.work, name + ".key"), os.path.join(self.work, name + ".csr")
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", csr, "-subj", "/CN=asked-for-" + name, cwd=self.work)
        with open(csr) as f:
            return key, f.read()

    def code_for(self, name, mode="entrance"):
        status, r = self.admin.request("POST", "/api/v1/kiosks", {"name": name, "mode": mode})
        self.assertEqual(status, 201, r)
        return r

    def enrol(self, name, mode="entrance"):
        """A kiosk enrolled through the web: its certificate and key files, and its id."""
        issued = self.code_for(name, mode)
        key, csr = self.make_csr(name)
        status, r = Device(self.box).request("POST", "/api/v1/kiosks/enrol", {"code": issued["code"], "csr": csr})
        self.assertEqual(status, 201, r)
        cert = os.path.join(self.work, name + ".crt")
        with open(cert, "w") as f:
            f.write(r["certificate"])
        return cert, key, r["kiosk"]["id"]

    def kiosk(self, name, mode="entrance"):
        cert, key, kid = self.enrol(name, mode)
        return Device(self.box, cert, key), kid

    def tap(self, device, card, direction=None, at=None, tap_id=None):
        body = {"tap_id": tap_id or str(uuid.uuid4()), "card": card, "reader": "reader-1", "at": at or now_utc()}
        if direction:
            body["direction"] = direction
        return device.request("POST", "/api/v1/taps", body)

    def security_events(self, client):
        today = datetime.datetime.now(MOSCOW).date()
        status, r = client.request("GET", "/api/v1/security-events?from=%s&to=%s" % (
            today - datetime.timedelta(days=1), today + datetime.timedelta(days=1)))
        return status, r

    # --- mutual TLS beside browsers ------------------------------------------------------
    def test_browser_without_certificate_still_signs_in_and_kiosk_paths_want_one(self):
        g = self.box.signed_in(self.box.account("guardian"))
        status, me = g.request("GET", "/api/v1/me")
        self.assertEqual(status, 200)
        self.assertEqual(me["role"], "guardian")
        status, page = g.request("GET", "/")
        self.assertEqual(status, 200)
        # The page is the app; its bundle holds the pupil's and guardian's "PIN for the hall kiosk"
        # screen (tests/browser/web_app drives it in Chromium).
        script = re.search(r'<script type="module" src="(/assets/[^"]+)"', page)
        self.assertIsNotNone(script, page)
        status, bundle = g.request("GET", script.group(1))
        self.assertEqual(status, 200)
        self.assertIn("/kiosk-pin", bundle)
        for path, method, body in (("/api/v1/kiosk/hello", "GET", None),
                                   ("/api/v1/kiosk/diary", "POST", {"card": "AA", "pin": "4821"}),
                                   ("/api/v1/taps", "POST", {"tap_id": str(uuid.uuid4()), "card": "AA",
                                                             "reader": "r", "at": now_utc()})):
            status, r = Device(self.box).request(method, path, body)
            self.assertEqual(status, 401, path)
            self.assertEqual(r["error"]["code"], "kiosk_certificate_required")
            self.assertIn("classbook-kiosk enrol", r["error"]["message"])

    def test_a_certificate_from_another_ca_is_refused_at_the_handshake(self):
        d = self.work
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "other-ca.key", "-out", "other-ca.crt", "-subj", "/CN=Not the box", "-days", "2", cwd=d)
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "foreign.key", "-out", "foreign.csr", "-subj", "/CN=entrance-1", cwd=d)
        openssl("x509", "-req", "-in", "foreign.csr", "-CA", "other-ca.crt", "-CAkey", "other-ca.key",
                "-CAcreateserial", "-out", "foreign.crt", "-days", "1", cwd=d)
        cert, key = os.path.join(d, "foreign.crt"), os.path.join(d, "foreign.key")
        # TLS 1.2: the server's verdict comes inside the handshake itself.
        with self.assertRaises(ssl.SSLError):
            Device(self.box, cert, key, max_tls=ssl.TLSVersion.TLSv1_2).conn.connect()
        # TLS 1.3 finishes the client's half first; the refusal arrives before any HTTP answer.
        with self.assertRaises((ssl.SSLError, ConnectionError, http.client.RemoteDisconnected)):
            Device(self.box, cert, key).request("GET", "/api/v1/kiosk/hello")
        # A self-signed one fares no better.
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "self.key", "-out", "self.crt", "-subj", "/CN=self", "-days", "2", cwd=d)
        with self.assertRaises((ssl.SSLError, ConnectionError, http.client.RemoteDisconnected)):
            Device(self.box, os.path.join(d, "self.crt"), os.path.join(d, "self.key")).request("GET", "/healthz")
        status, _ = Device(self.box).request("GET", "/healthz")
        self.assertEqual(status, 200)

    # --- enrolment -----------------------------------------------------------------------
    def test_enrol_with_an_openssl_csr_then_hello_and_taps_over_mutual_tls(self):
        issued = self.code_for("hall-enrol", "hall")
        self.assertRegex(issued["code"], r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")
        self.assertEqual(issued["ca_fingerprint"], self.ca_fingerprint)
        self.assertEqual(issued["kiosk"]["mode"], "hall")
        key, csr = self.make_csr("hall-enrol")
        typed = issued["code"].lower().replace("-", " ")  # as someone types it off a screen
        status, r = Device(self.box).request("POST", "/api/v1/kiosks/enrol", {"code": typed, "csr": csr})
        self.assertEqual(status, 201, r)
        self.assertEqual(r["kiosk"], issued["kiosk"])
        self.assertEqual(r["ca"], self.ca_pem)
        self.assertEqual(r["school"], "Тестовая школа")
        cert = os.path.join(self.work, "hall-enrol.crt")
        with open(cert, "w") as f:
            f.write(r["certificate"])
        fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(r["certificate"])).hexdigest()
        subject = subprocess.run(["openssl", "x509", "-in", cert, "-noout", "-subject"], capture_output=True,
                                 text=True).stdout
        self.assertIn("hall-enrol", subject)  # the admin's name, not what the CSR asked for
        self.assertNotIn("asked-for", subject)

        k = Device(self.box, cert, key)
        status, hello = k.request("GET", "/api/v1/kiosk/hello")
        self.assertEqual(status, 200, hello)
        self.assertEqual(hello["kiosk"], issued["kiosk"])
        self.assertEqual(hello["school"], "Тестовая школа")
        self.assertEqual(hello["utc_offset"], "+03:00")
        self.assertLess(abs(datetime.datetime.strptime(hello["server_time"], "%Y-%m-%dT%H:%M:%S.%fZ")
                            - datetime.datetime.utcnow()).total_seconds(), 30)
        status, t = self.tap(k, self.pupil(0)["card"])
        self.assertEqual(status, 201, t)
        self.assertIn(t["result"], ("in", "out"))

        status, listed = self.admin.request("GET", "/api/v1/kiosks")
        self.assertEqual(status, 200)
        row = next(x for x in listed["kiosks"] if x["id"] == issued["kiosk"]["id"])
        self.assertEqual(row["cert_fingerprint"], fingerprint)
        self.assertFalse(row["revoked"])
        self.assertTrue(row["enrolled_at"])
        self.assertTrue(row["last_seen_at"])
        # The director may look, not change; a teacher may not even look.
        director = self.box.signed_in(self.box.account("director"))
        self.assertEqual(director.request("GET", "/api/v1/kiosks")[0], 200)
        self.assertEqual(director.request("POST", "/api/v1/kiosks", {"name": "x"})[0], 403)
        self.assertEqual(self.box.signed_in(self.box.account("teacher")).request("GET", "/api/v1/kiosks")[0], 403)
        with self.box.db() as db:
            actions = [a for (a,) in db.execute("SELECT action FROM audit WHERE entity='kiosk' AND uuid=? ORDER BY seq",
                                                (issued["kiosk"]["id"],))]
        self.assertEqual(actions, ["enrolment_code", "enrol"])

    def test_wrong_used_and_expired_codes_are_refused_alike(self):
        key, csr = self.make_csr("codes")
        d = Device(self.box)

        def refused(code):
            status, r = d.request("POST", "/api/v1/kiosks/enrol", {"code": code, "csr": csr})
            self.assertEqual(status, 403, r)
            self.assertEqual(r["error"]["code"], "enrolment_code_invalid")
            self.assertIn("ask the admin for a new one", r["error"]["message"])

        refused("2222-3333-4444")
        refused("not a code at all")
        issued = self.code_for("codes-used")
        self.assertEqual(d.request("POST", "/api/v1/kiosks/enrol", {"code": issued["code"], "csr": csr})[0], 201)
        refused(issued["code"])
        # classbookctl's code, beside the running daemon; then its half hour is over.
        out = ctl(self.box.data, "kiosk", "enrol", "codes-expired", "--mode", "hall").stdout
        code = re.search(r"code: (\S+)", out).group(1)
        self.assertIn("expires: ", out)
        self.assertIn("box CA fingerprint: " + self.ca_fingerprint, out)
        with self.box.db() as db:
            db.execute("UPDATE kiosks SET code_expires_at='2026-01-01T00:00:00.000Z' WHERE name='codes-expired'")
        refused(code)
        out = ctl(self.box.data, "kiosk", "enrol", "codes-expired", "--valid-minutes", "5").stdout
        code = re.search(r"code: (\S+)", out).group(1)
        status, r = d.request("POST", "/api/v1/kiosks/enrol", {"code": code, "csr": csr})
        self.assertEqual(status, 201, r)
        self.assertEqual(r["kiosk"]["mode"], "entrance")
        # An enrolled name is not given a second code.
        self.assertEqual(self.admin.request("POST", "/api/v1/kiosks", {"name": "codes-expired"})[0], 409)

    def test_guessing_codes_is_throttled_per_address(self):
        key, csr = self.make_csr("guess")
        guesser = Device(self.box, source="127.0.0.2")  # its own address: other tests enrol from 127.0.0.1
        codes = [guesser.request("POST", "/api/v1/kiosks/enrol", {"code": "2222-3333-%04d" % (4444 + i), "csr": csr})[0]
                 for i in range(11)]
        self.assertEqual(codes[:10], [403] * 10)
        self.assertEqual(codes[10], 429)
        self.assertGreater(int(guesser.headers["retry-after"]), 0)
        # Even the right code waits now, and is not used up by waiting.
        issued = self.code_for("guess")
        self.assertEqual(guesser.request("POST", "/api/v1/kiosks/enrol", {"code": issued["code"], "csr": csr})[0], 429)
        self.assertEqual(Device(self.box).request("POST", "/api/v1/kiosks/enrol",
                                                  {"code": issued["code"], "csr": csr})[0], 201)

    # --- revocation ----------------------------------------------------------------------
    def test_a_kiosk_revoked_through_the_api_is_refused_at_once(self):
        k, kid = self.kiosk("revoke-api")
        self.assertEqual(k.request("GET", "/api/v1/kiosk/hello")[0], 200)
        self.assertEqual(self.tap(k, self.pupil(0)["card"])[0], 201)  # its identity is cached now
        with self.box.db() as db:
            taps_before = db.execute("SELECT count(*) FROM taps WHERE kiosk=(SELECT id FROM kiosks WHERE uuid=?)", (kid,)).fetchone()[0]
        self.assertGreater(taps_before, 0)
        self.assertEqual(self.admin.request("DELETE", "/api/v1/kiosks/" + kid)[0], 204)
        # A tap first: its route takes the cached identity and its own transaction refuses the kiosk.
        status, r = self.tap(k, self.pupil(0)["card"])
        self.assertEqual((status, r["error"]["code"]), (401, "kiosk_revoked"))
        with self.box.db() as db:
            taps_after = db.execute("SELECT count(*) FROM taps WHERE kiosk=(SELECT id FROM kiosks WHERE uuid=?)", (kid,)).fetchone()[0]
        self.assertEqual(taps_after, taps_before)  # nothing of the refused tap was written
        status, r = k.request("GET", "/api/v1/kiosk/hello")  # the same connection, kept alive
        self.assertEqual(status, 401)
        self.assertEqual(r["error"]["code"], "kiosk_revoked")
        self.assertEqual(r["error"]["message"], "this kiosk was revoked; enrol it again")
        self.assertEqual(self.tap(k, self.pupil(0)["card"])[0], 401)
        status, listed = self.admin.request("GET", "/api/v1/kiosks")
        self.assertTrue(next(x for x in listed["kiosks"] if x["id"] == kid)["revoked"])
        # Once revoked, the name may be enrolled again; the old certificate stays refused.
        cert, key, kid2 = self.enrol("revoke-api")
        self.assertEqual(kid2, kid)
        self.assertEqual(Device(self.box, cert, key).request("GET", "/api/v1/kiosk/hello")[0], 200)
        self.assertEqual(k.request("GET", "/api/v1/kiosk/hello")[0], 401)

    def test_a_kiosk_revoked_by_classbookctl_beside_the_daemon_is_refused_at_once(self):
        k, _ = self.kiosk("revoke-ctl")
        self.assertEqual(k.request("GET", "/api/v1/kiosk/hello")[0], 200)  # cached in classbookd now
        out = ctl(self.box.data, "kiosk", "revoke", "revoke-ctl").stdout
        self.assertIn("revoked", out)
        status, r = k.request("GET", "/api/v1/kiosk/hello")
        self.assertEqual((status, r["error"]["code"]), (401, "kiosk_revoked"))
        listing = ctl(self.box.data, "kiosk", "list").stdout
        self.assertRegex(listing, r"revoke-ctl\s+entrance\s+revoked")
        # The older device key (`classbookctl kiosk add`) is revoked the same way, without a restart.
        bearer = {"Authorization": "Bearer " + self.box.kiosk_key}
        body = {"tap_id": str(uuid.uuid4()), "card": self.pupil(5)["card"], "reader": "r", "at": now_utc()}
        self.assertEqual(Device(self.box).request("POST", "/api/v1/taps", body, bearer)[0], 201)
        ctl(self.box.data, "kiosk", "revoke", "entrance-1")
        body["tap_id"] = str(uuid.uuid4())
        status, r = Device(self.box).request("POST", "/api/v1/taps", body, bearer)
        self.assertEqual((status, r["error"]["code"]), (401, "kiosk_revoked"))

    # --- the hall diary ------------------------------------------------------------------
    def test_hall_diary_behind_a_pin_with_its_lock(self):
        p = self.pupil(1)
        hall, _ = self.kiosk("hall-diary", "hall")
        door, _ = self.kiosk("entrance-diary")
        me = self.box.signed_in(self.account_of(p))
        self.assertEqual(hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "4821"})[1]["error"]["code"],
                         "no_pin")
        status, r = me.request("PUT", f"/api/v1/students/{p['id']}/kiosk-pin", {"pin": "1234"})
        self.assertEqual(status, 400)
        self.assertIn("run", r["error"]["message"])
        self.assertEqual(me.request("PUT", f"/api/v1/students/{p['id']}/kiosk-pin", {"pin": "4821"})[0], 204)
        self.assertEqual(me.request("PUT", f"/api/v1/students/{self.pupil(2)['id']}/kiosk-pin", {"pin": "4821"})[0], 403)
        with self.box.db() as db:
            stored = db.execute("SELECT pin_hash FROM kiosk_pins JOIN students s ON s.id = student_id WHERE s.uuid=?",
                                (p["id"],)).fetchone()[0]
        self.assertTrue(stored.startswith("$argon2id$"))
        self.assertNotIn("4821", stored)

        week = "2026-W48"
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"].lower(), "pin": "4821", "week": week})
        self.assertEqual(status, 200, r)
        self.assertEqual(r["student"], {"id": p["id"], "name": p["name"], "class": p["cls"]})
        self.assertEqual(r["week"], week)
        status, web = me.request("GET", f"/api/v1/students/{p['id']}/diary?week={week}")
        self.assertEqual(status, 200)
        self.assertEqual(r["diary"], web)  # the same JSON the web diary shows
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"qr": "classbook:card:" + p["card"], "pin": "4821"})
        self.assertEqual(status, 200, r)
        self.assertEqual(r["week"], r["diary"]["week"])

        self.assertEqual(hall.request("POST", "/api/v1/kiosk/diary", {"card": "DEADBEEF0001", "pin": "4821"})[1]["error"]["code"],
                         "unknown_card")
        status, r = door.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "4821"})
        self.assertEqual(status, 403, r)

        for left in (4, 3, 2, 1):
            status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "0000"})
            self.assertEqual(status, 403)
            self.assertEqual((r["error"]["code"], r["error"]["attempts_left"]), ("wrong_pin", left))
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "0000"})
        self.assertEqual((status, r["error"]["code"]), (423, "pin_locked"))
        locked_until = datetime.datetime.strptime(r["error"]["locked_until"], "%Y-%m-%dT%H:%M:%S.%fZ")
        self.assertAlmostEqual((locked_until - datetime.datetime.utcnow()).total_seconds(), 15 * 60, delta=60)
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "4821"})
        self.assertEqual((status, r["error"]["code"]), (423, "pin_locked"))  # the right PIN waits too

        # A restart does not unlock it: the count lives in the database.
        self.box.stop()
        self.box.start()
        hall = Device(self.box, *self.enrolled_files("hall-diary"))
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "4821"})
        self.assertEqual((status, r["error"]["code"]), (423, "pin_locked"))
        with self.box.db() as db:
            events = db.execute("SELECT count(*) FROM security_events WHERE kind='pin_locked'").fetchone()[0]
        self.assertEqual(events, 1)

        # A guardian sets a new PIN: that clears the lock, and the new PIN opens the diary.
        guardian = next(a for a in self.box.accounts if a["role"] == "guardian" and p["id"] in a["children"])
        g = self.box.signed_in(guardian)
        self.assertEqual(g.request("PUT", f"/api/v1/students/{p['id']}/kiosk-pin", {"pin": "5930"})[0], 204)
        self.assertEqual(hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "5930"})[0], 200)
        self.assertEqual(g.request("DELETE", f"/api/v1/students/{p['id']}/kiosk-pin")[0], 204)
        status, r = hall.request("POST", "/api/v1/kiosk/diary", {"card": p["card"], "pin": "5930"})
        self.assertEqual((status, r["error"]["code"]), (409, "no_pin"))
        self.assertIn("web diary", r["error"]["message"])
        # The sessions of other tests' clients ended with the restart; sign the admin in again.
        type(self).admin = self.box.client()
        assert self.admin.sign_in("admin", "Tightly-guarded-box-77")[0] == 200

    def test_a_hall_kiosk_prints_the_week_s_extract_within_the_day_s_limit(self):
        p = self.pupil(3)
        hall, _ = self.kiosk("hall-print", "hall")
        door, _ = self.kiosk("entrance-print")
        me = self.box.signed_in(self.account_of(p))
        self.assertEqual(me.request("PUT", f"/api/v1/students/{p['id']}/kiosk-pin", {"pin": "4826"})[0], 204)
        body = {"card": p["card"], "pin": "4826", "week": "2026-W48"}
        # A wrong PIN prints nothing and does not count against the day.
        status, r = hall.request("POST", "/api/v1/kiosk/diary-extract", {**body, "pin": "0000"})
        self.assertEqual((status, r["error"]["code"]), (403, "wrong_pin"))
        self.assertEqual(door.request("POST", "/api/v1/kiosk/diary-extract", body)[0], 403)
        for left in (2, 1, 0):
            status, pdf = hall.request("POST", "/api/v1/kiosk/diary-extract", body, binary=True)
            self.assertEqual(status, 200, pdf)
            self.assertTrue(pdf.startswith(b"%PDF-"))
            self.assertEqual(hall.headers["content-type"], "application/pdf")
            self.assertEqual(hall.headers["classbook-prints-left"], str(left))
        path = os.path.join(self.work, "kiosk-extract.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn("Выписка из электронного дневника", text)
        self.assertIn("23.11.2026 — 29.11.2026", text)
        last_name = p["name"].split()[-1]
        self.assertIn(last_name, text)
        with self.box.db() as db:
            made = db.execute("SELECT count(*), count(DISTINCT made_at_kiosk) FROM issued_documents d "
                              "JOIN students s ON s.id = d.student_id WHERE s.uuid=? AND made_at_kiosk IS NOT NULL",
                              (p["id"],)).fetchone()
        self.assertEqual(made, (3, 1))
        status, r = hall.request("POST", "/api/v1/kiosk/diary-extract", body)
        self.assertEqual((status, r["error"]["code"]), (429, "print_limit"))
        self.assertIn("tomorrow", r["error"]["message"])
        # The diary itself still opens.
        self.assertEqual(hall.request("POST", "/api/v1/kiosk/diary", body)[0], 200)

    # issue 10 (kiosk QR) -------------------------------------------------------------------
    def test_kiosk_qr_is_drawn_for_the_pupil_and_guardians_only(self):
        p, q = self.pupil(-1), self.pupil(-2)
        path = f"/api/v1/students/{p['id']}/kiosk-qr"
        me = self.box.signed_in(self.account_of(p))
        status, svg = me.request("GET", path)
        self.assertEqual(status, 200, svg)
        self.assertEqual(me.last_headers["content-type"], "image/svg+xml")
        self.assertEqual(me.last_headers["cache-control"], "no-store")  # it carries the card number
        self.assertEqual(me.last_headers["content-security-policy"], "default-src 'none'")
        self.assertTrue(svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 '), svg[:80])
        self.assertRegex(svg, r'<path fill="#000" d="(M\d+,\d+h\d+v1h-\d+z)+"/></svg>')
        self.assertNotIn("<script", svg)
        self.assertNotIn(p["card"], svg)  # only inside the modules, not as text anyone copies
        guardian = next(a for a in self.box.accounts if a["role"] == "guardian" and p["id"] in a["children"])
        status, by_guardian = self.box.signed_in(guardian).request("GET", path)
        self.assertEqual((status, by_guardian), (200, svg))  # the same code for the same card
        # Another pupil's code is another picture; nobody else gets this one.
        other = self.box.signed_in(self.account_of(q))
        status, theirs = other.request("GET", f"/api/v1/students/{q['id']}/kiosk-qr")
        self.assertEqual(status, 200)
        self.assertNotEqual(theirs, svg)
        status, r = other.request("GET", path)
        self.assertIn(status, (403, 404), r)
        status, r = self.box.signed_in(p["teacher"]).request("GET", path)
        self.assertIn(status, (403, 404), r)
        status, r = self.admin.request("GET", path)
        self.assertIn(status, (403, 404), r)
        status, r = self.box.client().request("GET", path)
        self.assertEqual(status, 401, r)
        # A pupil without a card on record has no code: said, not an empty picture.
        with self.box.db() as db:
            db.execute("UPDATE students SET card=NULL WHERE uuid=?", (q["id"],))
        try:
            status, r = other.request("GET", f"/api/v1/students/{q['id']}/kiosk-qr")
            self.assertEqual((status, r["error"]["code"]), (409, "kiosk_qr.no_card"), r)
        finally:
            with self.box.db() as db:
                db.execute("UPDATE students SET card=? WHERE uuid=?", (q["card"], q["id"]))

    def enrolled_files(self, name):
        return os.path.join(self.work, name + ".crt"), os.path.join(self.work, name + ".key")

    # --- taps, directions and anomalies --------------------------------------------------
    def test_directions_duplicates_and_anomalies_reach_the_log_and_the_class_teacher(self):
        p = self.pupil(3)
        a, _ = self.kiosk("entrance-north")
        b, _ = self.kiosk("entrance-south")
        first_id = str(uuid.uuid4())
        status, r = self.tap(a, p["card"], "in", tap_id=first_id)
        self.assertEqual(status, 201, r)
        self.assertEqual(r["result"], "in")
        self.assertEqual(r["student"], {"name": p["name"], "class": p["cls"]})
        self.assertNotIn("anomaly", r)
        status, r = self.tap(b, p["card"], "in")
        self.assertEqual(status, 201, r)
        self.assertEqual((r["result"], r["anomaly"]), ("in", "two_entrances"))
        status, r = self.tap(a, p["card"], "in", tap_id=first_id)  # the kiosk replays its spool
        self.assertEqual((status, r["result"], r["original"]), (200, "duplicate", "in"))
        status, r = self.tap(a, p["card"], "out")
        self.assertEqual((r["result"], r.get("anomaly")), ("out", "two_entrances"))
        self.assertEqual(self.tap(a, p["card"], "sideways")[0], 400)

        for i in range(3):
            status, r = self.tap(b, "F00D%04d" % i)
            self.assertEqual(r["result"], "unknown_card")
        self.assertEqual(r["anomaly"], "unknown_cards")

        director = self.box.signed_in(self.box.account("director"))
        status, log = self.security_events(director)
        self.assertEqual(status, 200, log)
        mine = [e for e in log["events"] if e.get("student", {}).get("id") == p["id"]]
        kinds = sorted(e["kind"] for e in mine)
        self.assertEqual(kinds, ["already_inside", "two_entrances", "two_entrances"])
        self.assertEqual({e["kiosk"] for e in mine if e["kind"] == "already_inside"}, {"entrance-south"})
        self.assertTrue(all(e["card"] == p["card"] and e["detail"] and e["id"] for e in mine))
        unknown = [e for e in log["events"] if e["kind"] == "unknown_cards"]
        self.assertEqual(len(unknown), 1)
        self.assertEqual((unknown[0]["kiosk"], unknown[0]["card"]), ("entrance-south", "F00D0002"))
        self.assertNotIn("student", unknown[0])
        self.assertEqual(self.security_events(self.box.signed_in(self.box.account("secretary")))[0], 200)
        self.assertEqual(self.security_events(self.admin)[0], 200)
        self.assertEqual(self.security_events(self.box.signed_in(self.box.account("teacher")))[0], 403)
        self.assertEqual(self.security_events(self.box.signed_in(self.account_of(p)))[0], 403)
        with open(os.path.join(self.box.data, "classbookd.log")) as f:
            log_text = f.read()
        self.assertRegex(log_text, r"warn entrance: two_entrances at kiosk 'entrance-south'")
        self.assertRegex(log_text, r"warn entrance: unknown_cards at kiosk 'entrance-south'")

        # The class teacher heard once per kind today, from the box.
        teacher = self.box.signed_in(p["teacher"])
        status, threads = teacher.request("GET", "/api/v1/threads")
        self.assertEqual(status, 200)
        alerts = [t for t in threads["threads"] if any(m["name"] == "Classbook" for m in t["members"])]
        self.assertEqual(len(alerts), 1)
        status, thread = teacher.request("GET", "/api/v1/threads/" + alerts[0]["id"])
        about = [m for m in thread["messages"] if p["name"] in m["body"]]
        self.assertEqual(len(about), 2, [m["body"] for m in thread["messages"]])
        self.assertTrue(all(m["author"]["name"] == "Classbook" for m in about))

        # The device key of `classbookctl kiosk add` still records taps, with a direction.
        out = ctl(self.box.data, "kiosk", "add", "entrance-legacy").stdout
        key = re.search(r"device key: (\S+)", out).group(1)
        status, r = Device(self.box).request("POST", "/api/v1/taps", {
            "tap_id": str(uuid.uuid4()), "card": self.pupil(4)["card"], "reader": "r", "at": now_utc(),
            "direction": "in"}, {"Authorization": "Bearer " + key})
        self.assertEqual((status, r["result"]), (201, "in"))


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
