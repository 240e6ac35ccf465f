"""The administrator's pages against the real classbookd (issue 12): accounts found, disabled (their
sessions end at once, signing in answers account.disabled) and enabled again, never the own account;
an account's sessions listed and ended; one account's login slip read back with pdftotext, after which
the old password fails; backups made through the API, listed, downloaded and opened with sqlite3,
names with paths refused; the box's figures against the files the test reads itself (the database's
size, the certificate's expiry by Python's ssl); the spool depth a kiosk reports shown in GET /kiosks."""
import datetime
import os
import re
import shutil
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

ADMIN_PASSWORD = "Tower-lamp-2026-river"
OTP = re.compile(r"[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{2}")
ROOT = os.path.join(os.path.dirname(__file__), "../..")


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class AdminBox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, seed=5).start()
        try:
            cls.admin = cls.box.client()
            assert cls.admin.sign_in("admin", cls.box.admin_password)[0] == 200
            assert cls.admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                                    "new_password": ADMIN_PASSWORD})[0] == 204
            cls.passwords = {a["login"]: a["password"] for a in cls.box.accounts}
        except BaseException:
            cls.box.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def teacher(self, n):
        return [a for a in self.box.accounts if a["role"] == "teacher"][n]

    def audit(self, action, uuid_):
        with self.box.db() as db:
            return db.execute("SELECT after FROM audit WHERE entity='user' AND action=? AND uuid=? ORDER BY seq",
                              (action, uuid_)).fetchall()

    def user_row(self, login):
        s, r = self.admin.request("GET", f"/api/v1/users?q={login}")
        self.assertEqual(s, 200, r)
        rows = [u for u in r["users"] if u["login"] == login]
        self.assertEqual(len(rows), 1, r)
        return rows[0]

    # --- accounts ------------------------------------------------------------------------------
    def test_users_are_found_by_login_name_and_role_by_the_administrator_only(self):
        t = self.teacher(0)
        with self.box.db() as db:
            uuid_, name, person = db.execute(
                "SELECT u.uuid, u.display_name, t.uuid FROM users u JOIN teachers t ON t.id=u.person_id WHERE u.login=?",
                (t["login"],)).fetchone()
        row = self.user_row(t["login"])
        self.assertEqual((row["id"], row["name"], row["role"], row["person_id"]), (uuid_, name, "teacher", person))
        self.assertFalse(row["disabled"])
        # A part of the name in other letter case finds it too (Cyrillic folded).
        part = name.split()[0][:4].upper()
        s, r = self.admin.request("GET", "/api/v1/users?q=" + urllib.parse.quote(part))
        self.assertEqual(s, 200, r)
        self.assertIn(t["login"], [u["login"] for u in r["users"]])
        s, r = self.admin.request("GET", "/api/v1/users?role=guardian&limit=5")
        self.assertEqual(s, 200, r)
        self.assertEqual(len(r["users"]), 5)
        self.assertTrue(r["truncated"])
        self.assertEqual({u["role"] for u in r["users"]}, {"guardian"})
        self.assertTrue(all(u["person_id"] for u in r["users"]))
        s, r = self.admin.request("GET", "/api/v1/users?role=wizard")
        self.assertEqual((s, r["error"]["code"]), (400, "account.role_unknown"))
        s, r = self.admin.request("GET", "/api/v1/users?limit=0")
        self.assertEqual((s, r["error"]["code"]), (400, "account.limit_out_of_range"))
        office = self.box.signed_in(self.box.account("secretary"))
        s, r = office.request("GET", "/api/v1/users")
        self.assertEqual((s, r["error"]["code"]), (403, "account.admin_only"))

    def test_a_disabled_account_is_signed_out_at_once_and_refused_until_enabled(self):
        t = self.teacher(1)
        signed = self.box.signed_in(t)
        self.assertEqual(signed.request("GET", "/api/v1/me")[0], 200)
        self.assertEqual(self.user_row(t["login"])["open_sessions"], 1)
        s, r = self.admin.request("POST", f"/api/v1/users/{t['login']}/disable", {"reason": "left the school"})
        self.assertEqual(s, 204, r)
        s, r = signed.request("GET", "/api/v1/me")
        self.assertEqual(s, 401, r)
        s, r = self.box.client().sign_in(t["login"], t["password"])
        self.assertEqual((s, r["error"]["code"]), (401, "account.disabled"))
        s, r = self.box.client().sign_in(t["login"], "not the password")
        self.assertEqual((s, r["error"]["code"]), (401, "sign_in.wrong_credentials"))
        row = self.user_row(t["login"])
        self.assertTrue(row["disabled"])
        self.assertEqual(row["open_sessions"], 0)
        after = self.audit("disable", row["id"])
        self.assertEqual(len(after), 1)
        self.assertIn("left the school", after[0][0])
        # Again: nothing changes, nothing more audited.
        self.assertEqual(self.admin.request("POST", f"/api/v1/users/{t['login']}/disable", {})[0], 204)
        self.assertEqual(len(self.audit("disable", row["id"])), 1)
        s, r = self.admin.request("POST", f"/api/v1/users/{t['login']}/enable")
        self.assertEqual(s, 204, r)
        self.assertEqual(len(self.audit("enable", row["id"])), 1)
        self.assertEqual(self.box.client().sign_in(t["login"], t["password"])[0], 200)
        s, r = self.admin.request("POST", "/api/v1/users/no.such.login/disable", {})
        self.assertEqual((s, r["error"]["code"]), (404, "account.not_found"))
        s, r = self.admin.request("POST", f"/api/v1/users/{t['login']}/disable", {"reason": "two\nlines"})
        self.assertEqual((s, r["error"]["code"]), (400, "account.reason_invalid"))

    def test_the_administrator_cannot_disable_their_own_account(self):
        s, r = self.admin.request("POST", "/api/v1/users/admin/disable", {"reason": "oops"})
        self.assertEqual((s, r["error"]["code"]), (409, "account.cannot_disable_self"))
        self.assertEqual(self.admin.request("GET", "/api/v1/me")[0], 200)
        self.assertFalse(self.user_row("admin")["disabled"])

    def test_an_account_s_sessions_are_listed_and_ended_everywhere(self):
        t = self.teacher(2)
        one, two = self.box.signed_in(t), self.box.signed_in(t)
        s, r = self.admin.request("GET", f"/api/v1/users/{t['login']}/sessions")
        self.assertEqual(s, 200, r)
        self.assertEqual(len(r["sessions"]), 2)
        self.assertTrue(all(x["address"] == "127.0.0.1" and not x["current"] for x in r["sessions"]))
        self.assertEqual(self.admin.request("DELETE", f"/api/v1/users/{t['login']}/sessions")[0], 204)
        self.assertEqual(one.request("GET", "/api/v1/me")[0], 401)
        self.assertEqual(two.request("GET", "/api/v1/me")[0], 401)
        self.assertEqual(self.admin.request("GET", f"/api/v1/users/{t['login']}/sessions")[1]["sessions"], [])
        self.assertEqual(len(self.audit("sessions_ended", self.user_row(t["login"])["id"])), 1)
        self.assertEqual(self.box.client().sign_in(t["login"], t["password"])[0], 200)  # not disabled

    def test_a_login_slip_for_one_account_replaces_its_password(self):
        t = self.teacher(3)
        signed = self.box.signed_in(t)
        s, pdf = self.admin.request("POST", f"/api/v1/users/{t['login']}/login-slip", binary=True)
        self.assertEqual(s, 200, pdf[:300])
        self.assertEqual(self.admin.last_headers["content-type"], "application/pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", f.name, "-"], capture_output=True, text=True,
                                  check=True).stdout
        self.assertIn(t["login"], text)
        password = OTP.search(text, text.index(t["login"])).group(0)
        self.assertEqual(signed.request("GET", "/api/v1/me")[0], 401)  # its sessions ended
        s, r = self.box.client().sign_in(t["login"], t["password"])
        self.assertEqual((s, r["error"]["code"]), (401, "sign_in.wrong_credentials"))
        s, r = self.box.client().sign_in(t["login"], password)
        self.assertEqual(s, 200, r)
        self.assertTrue(r["must_change_password"])
        self.assertEqual(len(self.audit("password_reset", self.user_row(t["login"])["id"])), 1)
        # The office prints pupils' slips, never staff's; the administrator never pupils'.
        office = self.box.signed_in(self.box.account("secretary"))
        s, r = office.request("POST", f"/api/v1/users/{self.teacher(4)['login']}/login-slip")
        self.assertEqual((s, r["error"]["code"]), (403, "password_reset.no_such_account"))
        pupil = self.box.account("student")
        s, _ = office.request("POST", f"/api/v1/users/{pupil['login']}/login-slip", binary=True)
        self.assertEqual(s, 200)
        s, r = self.admin.request("POST", f"/api/v1/users/{self.box.account('guardian')['login']}/login-slip")
        self.assertEqual((s, r["error"]["code"]), (403, "password_reset.no_such_account"))

    # --- backups -------------------------------------------------------------------------------
    def wait_for_backup(self, name):
        for _ in range(300):
            s, r = self.admin.request("GET", "/api/v1/backups")
            self.assertEqual(s, 200, r)
            if r["running"] is None:
                self.assertIsNone(r["last_failure"], r)
                return r
            time.sleep(0.1)
        self.fail(f"the backup {name} was not made within 30 s")

    def test_a_backup_made_now_is_listed_downloaded_and_opens_as_the_school_s_database(self):
        s, r = self.admin.request("POST", "/api/v1/backups")
        self.assertEqual(s, 202, r)
        name = r["backup"]["name"]
        self.assertRegex(name, r"^classbook-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.db$")
        s2, r2 = self.admin.request("POST", "/api/v1/backups")  # while the first is still being made
        self.assertEqual((s2, r2["error"]["code"]), (409, "backup.already_running"))
        listing = self.wait_for_backup(name)
        made = [b for b in listing["backups"] if b["name"] == name]
        self.assertEqual(len(made), 1, listing)
        self.assertEqual(made[0]["kind"], "manual")
        path = os.path.join(self.box.data, "backups", name)
        self.assertEqual(made[0]["bytes"], os.path.getsize(path))
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.assertEqual(listing["last_backup_at"], listing["backups"][0]["made_at"])
        self.assertTrue(0 <= listing["last_backup_age_seconds"] < 60, listing)
        s, data = self.admin.request("GET", f"/api/v1/backups/{name}", binary=True)
        self.assertEqual(s, 200)
        self.assertEqual(self.admin.last_headers["content-type"], "application/vnd.sqlite3")
        self.assertEqual(len(data), made[0]["bytes"])
        with tempfile.TemporaryDirectory() as d:
            copy = os.path.join(d, "copy.db")
            with open(copy, "wb") as f:
                f.write(data)
            with sqlite3.connect(copy) as db:
                self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                pupils = db.execute("SELECT count(*) FROM students").fetchone()[0]
        with self.box.db() as live:
            self.assertEqual(pupils, live.execute("SELECT count(*) FROM students").fetchone()[0])
        self.assertGreater(pupils, 0)
        with self.box.db() as live:
            self.assertEqual(live.execute("SELECT count(*) FROM audit WHERE entity='backup' AND action='make' AND uuid=?",
                                          (name,)).fetchone()[0], 1)

    def test_backup_names_with_paths_or_outside_the_list_are_refused(self):
        backups = os.path.join(self.box.data, "backups")
        os.makedirs(backups, exist_ok=True)
        # A link in the folder that looks like a backup is not one the box made.
        link = os.path.join(backups, "classbook-link.db")
        if not os.path.lexists(link):
            os.symlink(os.path.join(self.box.data, "classbook.db"), link)
        for name in ["..%2Fclassbook.db", "%2E%2E%2Fclassbook.db", "classbook.db", "classbook-..%2F..%2Fclassbook.db",
                     "classbook-2020-01-01T00-00-00.000Z.db", "classbook-link.db", "..%2Ftls%2Fca.key", "%2Fetc%2Fpasswd"]:
            s, r = self.admin.request("GET", f"/api/v1/backups/{name}")
            self.assertEqual(s, 404, (name, r))
            self.assertEqual(r["error"]["code"], "backup.not_found", name)
        s, r = self.admin.request("GET", "/api/v1/backups")
        self.assertNotIn("classbook-link.db", [b["name"] for b in r["backups"]])
        office = self.box.signed_in(self.box.account("secretary"))
        for method, path in [("GET", "/api/v1/backups"), ("POST", "/api/v1/backups"), ("GET", "/api/v1/box")]:
            s, r = office.request(method, path)
            self.assertEqual((s, r["error"]["code"]), (403, "box.admin_only"), path)

    # --- the box -------------------------------------------------------------------------------
    def test_the_box_s_figures_match_the_files(self):
        db_path = os.path.join(self.box.data, "classbook.db")
        for _ in range(5):  # a checkpoint between the answer and the test's look changes the file: look again
            s, r = self.admin.request("GET", "/api/v1/box")
            self.assertEqual(s, 200, r)
            if r["database_bytes"] == os.path.getsize(db_path):
                break
        self.assertEqual(r["database_bytes"], os.path.getsize(db_path))
        wal = db_path + "-wal"
        self.assertGreaterEqual(r["wal_bytes"], 0)
        if not os.path.exists(wal):
            self.assertEqual(r["wal_bytes"], 0)
        with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
            version = re.search(r"project\(classbook VERSION (\S+)", f.read()).group(1)
        self.assertEqual(r["version"], version)
        self.assertTrue(0 <= r["uptime_seconds"] < 3600, r)
        started = datetime.datetime.strptime(r["started_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        self.assertLess(abs((datetime.datetime.now(datetime.timezone.utc) - started).total_seconds() - r["uptime_seconds"]), 5)
        disk = shutil.disk_usage(self.box.data)
        self.assertEqual(r["disk_total_bytes"], disk.total)
        self.assertLess(abs(r["free_disk_bytes"] - disk.free), max(disk.total // 100, 64 << 20))
        # The certificate as Python's ssl reads it.
        cert = ssl._ssl._test_decode_cert(os.path.join(self.box.data, "tls/server.crt"))
        not_after = datetime.datetime.utcfromtimestamp(ssl.cert_time_to_seconds(cert["notAfter"])).replace(
            tzinfo=datetime.timezone.utc)
        self.assertEqual(r["certificate"]["not_after"], not_after.strftime("%Y-%m-%dT%H:%M:%SZ"))
        days = (not_after - datetime.datetime.now(datetime.timezone.utc)).days
        self.assertIn(r["certificate"]["days_left"], (days, days - 1))
        self.assertGreater(r["certificate"]["days_left"], 300)
        cn = dict(x[0] for x in cert["subject"])["commonName"]
        self.assertEqual(r["certificate"]["subject"], cn)
        self.assertEqual({h["name"]: h["ok"] for h in r["health"]}, {"database": True, "schema": True})
        with self.box.db() as db:
            self.assertEqual(r["schema_version"], db.execute("PRAGMA user_version").fetchone()[0])
        s, listing = self.admin.request("GET", "/api/v1/backups")
        self.assertEqual(r["last_backup_at"], listing["last_backup_at"])

    # --- kiosks --------------------------------------------------------------------------------
    def test_the_spool_depth_a_kiosk_reports_shows_in_the_kiosks_list(self):
        def entrance():
            s, r = self.admin.request("GET", "/api/v1/kiosks")
            self.assertEqual(s, 200, r)
            return next(k for k in r["kiosks"] if k["name"] == "entrance-1")

        self.assertIsNone(entrance()["spool_depth"])  # not reported since the box started
        device = self.box.client()
        key = {"Authorization": "Bearer " + self.box.kiosk_key}

        def tap(extra):
            body = {"tap_id": str(uuid.uuid4()), "card": "DEADBEEF01", "reader": "reader-1", "at": now_utc()}
            s, r = device.request("POST", "/api/v1/taps", body, headers={**key, **extra})
            self.assertIn(s, (200, 201), r)

        tap({"Classbook-Spool-Depth": "12"})
        k = entrance()
        self.assertEqual(k["spool_depth"], 12)
        self.assertIsNotNone(k["spool_reported_at"])
        tap({})  # an older kiosk says nothing: what was reported stays
        tap({"Classbook-Spool-Depth": "lots"})  # not a count: ignored
        self.assertEqual(entrance()["spool_depth"], 12)
        tap({"Classbook-Spool-Depth": "0"})
        self.assertEqual(entrance()["spool_depth"], 0)


if __name__ == "__main__":
    unittest.main()
