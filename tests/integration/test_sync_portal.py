"""The sync end to end: a real classbookd (demo school, real TLS, real SQLite) and the real
classbook-portal on loopback with its own CA, [portal] taken from the portal's client.json. The box's
runner syncs at start (it never synced), the administrator's POST /api/v1/sync runs another, and the
portal's records — read with its own OneRoster and extension endpoints, with client.json — equal the
box's, mark by mark; a second sync sends nothing new; an edited mark arrives changed; the roles see
what they should; an outbox file exported with classbookctl and imported by the portal is not sent
again; classbookctl sync is refused at once while classbookd's run holds the lock, and classbookd
stops promptly in the middle of a run; without [portal] the box says so."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import CTL, Box  # noqa: E402
from test_portal import EXT, GRADEBOOK, PORTAL, Portal  # noqa: E402

TERM = 2
NEW_PASSWORD = "Sync-river-lamp-2026"


def portal_config(portal):
    """[portal] from the portal's client.json, as an administrator would write it."""
    return (f'[portal]\nclient_file = "{portal.data}/client.json"\nca_file = "{portal.data}/tls/ca.crt"\n'
            f'at = "02:30"\n')


class BlackHole:
    """A TCP listener that accepts and never answers: a portal that hangs, so a run stays in progress."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self):
        self.sock.close()
        for c in self.held:
            c.close()


class SyncWithPortal(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="sync-portal-")
        cls.portal = Portal(os.path.join(cls.tmp, "portal"))
        cls.box = Box(students=30, weeks=2)
        try:
            cls.box.start(config=portal_config(cls.portal)).wait_settled()
            cls.admin = cls.sign_in_admin()
        except BaseException:
            cls.box.cleanup()
            cls.portal.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        cls.portal.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def sign_in_admin(cls):
        admin = cls.box.client()
        if admin.sign_in("admin", NEW_PASSWORD)[0] != 200:
            assert admin.sign_in("admin", cls.box.admin_password)[0] == 200
            assert admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                                 "new_password": NEW_PASSWORD})[0] == 204
        return admin

    # --- helpers ---------------------------------------------------------------------------
    def sync_status(self):
        status, body = self.admin.request("GET", "/api/v1/sync")
        self.assertEqual(status, 200, body)
        return body

    def wait_done(self, timeout=60):
        """Polls GET /api/v1/sync until no run is in progress and one has been tried."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.sync_status()
            if not s["running"] and s["last_attempt_at"]:
                return s
            time.sleep(0.1)
        self.fail(f"the sync did not end within {timeout} s: {self.sync_status()}")

    def sync_now(self):
        """POST /api/v1/sync as the administrator, then the status once it has ended."""
        self.wait_done()
        status, body = self.admin.request("POST", "/api/v1/sync")
        self.assertEqual((status, body), (202, {"started": True}))
        s = self.wait_done()
        self.assertIsNone(s["last_error"], s)
        return s

    def portal_all(self, path, key):
        """Every record of a portal collection, page by page, with the school's own client."""
        token, out, offset = self.portal.token(), [], 0
        while True:
            status, headers, body = self.portal.get(f"{path}?limit=1000&offset={offset}", token)
            self.assertEqual(status, 200, body)
            out += body[key]
            offset += 1000
            if offset >= int(headers["x-total-count"]):
                return out

    def portal_batches(self):
        status, summary = self.portal.operate("GET", "/status")
        self.assertEqual(status, 200, summary)
        return summary["clients"][0]["batches"]

    def box_marks(self):
        with self.box.db() as db:
            return dict(db.execute("SELECT uuid, value FROM marks WHERE deleted_at IS NULL").fetchall())

    def assert_portal_equals_box(self):
        results = self.portal_all(GRADEBOOK + "/results", "results")
        active = {r["sourcedId"]: r["score"] for r in results if r["status"] == "active"}
        marks = self.box_marks()
        self.assertGreater(len(marks), 100, "the demo school has marks to compare")
        self.assertEqual(len(active), len(marks))
        self.assertEqual(active, marks)
        with self.box.db() as db:
            attendance = db.execute("SELECT count(*) FROM attendance").fetchone()[0]
            top = db.execute("SELECT max(seq) FROM outbox").fetchone()[0]
        portal_attendance = [a for a in self.portal_all(EXT + "/attendance", "attendance") if a["status"] == "active"]
        self.assertEqual(len(portal_attendance), attendance)
        s = self.sync_status()
        self.assertEqual(s["items_waiting"], 0)
        self.assertEqual(s["acknowledged_through"], top)
        self.assertEqual(self.portal.get(EXT + "/cursor", self.portal.token())[2], {"acknowledged_through": top})

    def teacher_with_lesson(self):
        t, _, lesson, pupils = self.box.teacher_with_lesson(TERM)
        return t, lesson, pupils

    def put_mark(self, t, lesson, pupil, value):
        status, mark = t.request("POST", "/api/v1/marks", {"student_id": pupil["id"], "lesson_id": lesson["id"],
                                                          "value": value, "work_type": "test"})
        self.assertEqual(status, 201, mark)
        return mark

    # --- the steps, in order ---------------------------------------------------------------
    def test_1_first_sync_at_start_then_on_demand_portal_equals_box(self):
        first = self.wait_done()  # never synced: the runner syncs at start
        self.assertIsNone(first["last_error"], first)
        self.assertTrue(first["last_success_at"])
        self.assertTrue(first["configured"])
        self.assertRegex(first["next_run_at"], r"T23:30:00\.000Z$")  # 02:30 Moscow time
        self.assertIsNotNone(first["anchor"])
        for r in first["refused"]:  # what the portal refused is listed item by item, with its reason
            self.assertEqual(set(r), {"seq", "reason", "at"})
            self.assertTrue(r["reason"])
        self.sync_now()
        self.assert_portal_equals_box()

    def test_2_second_sync_sends_nothing_new(self):
        before = self.portal_batches()
        s = self.sync_now()
        self.assertEqual(self.portal_batches(), before)
        self.assertEqual(s["items_waiting"], 0)

    def test_3_an_edited_mark_arrives_changed(self):
        t, lesson, pupils = self.teacher_with_lesson()
        mark = self.put_mark(t, lesson, pupils[0], 3)
        status, changed = t.request("PATCH", f"/api/v1/marks/{mark['id']}", {"value": 5, "reason": "пересдача"})
        self.assertEqual(status, 200, changed)
        gone = self.put_mark(t, lesson, pupils[1], 2)
        self.assertEqual(t.request("DELETE", f"/api/v1/marks/{gone['id']}", {"reason": "ошибка"})[0], 204)
        self.assertGreaterEqual(self.sync_status()["items_waiting"], 4)
        self.sync_now()
        token = self.portal.token()
        status, _, body = self.portal.get(f"{GRADEBOOK}/results/{mark['id']}", token)
        self.assertEqual(status, 200, body)
        self.assertEqual((body["result"]["score"], body["result"]["status"]), (5, "active"))
        status, _, body = self.portal.get(f"{GRADEBOOK}/results/{gone['id']}", token)
        self.assertEqual(body["result"]["status"], "tobedeleted")
        self.assert_portal_equals_box()

    def test_4_roles(self):
        admin_view = self.sync_status()
        for role in ("student", "guardian", "teacher"):
            c = self.box.signed_in(self.box.account(role))
            status, body = c.request("GET", "/api/v1/sync")
            self.assertEqual(status, 200, body)
            self.assertEqual(body, {"configured": True, "last_success_at": admin_view["last_success_at"]}, role)
            status, body = c.request("POST", "/api/v1/sync")
            self.assertEqual((status, body["error"]["code"]), (403, "sync.admin_only"), role)

    def test_5_an_exported_outbox_imported_by_the_portal_is_not_sent_again(self):
        t, lesson, pupils = self.teacher_with_lesson()
        new = [self.put_mark(t, lesson, p, 4) for p in pupils[2:5]]
        s = self.sync_status()
        waiting = s["items_waiting"]
        with self.box.db() as db:
            rows = db.execute("SELECT seq, entity, uuid, op FROM outbox WHERE seq > ?", (s["acknowledged_through"],)).fetchall()
        self.assertEqual(waiting, len(rows))
        self.assertTrue(new, "the lesson's group has pupils without a mark from the steps before")
        self.assertGreaterEqual(waiting, len(new), rows)
        stick = os.path.join(self.tmp, "stick", "outbox.zip")
        os.makedirs(os.path.dirname(stick))
        run = subprocess.run([CTL, "export-outbox", "--to", stick, "--data", self.box.data, "--config", self.box.config],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("wrote " + stick, run.stdout)
        self.assertEqual(os.listdir(os.path.dirname(stick)), ["outbox.zip"], "no temporary file is left beside it")
        self.assertEqual(self.sync_status()["items_waiting"], waiting, "exporting acknowledges nothing")
        run = subprocess.run([PORTAL, "--data", self.portal.data, "import", stick], capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertRegex(run.stdout, r"imported [1-9]\d* batches \(0 already here\)")
        token = self.portal.token()
        for m in new:
            status, _, body = self.portal.get(f"{GRADEBOOK}/results/{m['id']}", token)
            self.assertEqual((status, body["result"]["score"]), (200, 4))
        before = self.portal_batches()
        self.sync_now()
        self.assertEqual(self.portal_batches(), before, "what the portal imported is not sent again")
        self.assert_portal_equals_box()

    def test_6_one_sync_at_a_time_and_a_prompt_stop(self):
        hole = BlackHole()
        try:
            client = self.portal.client
            config = (f'[portal]\nurl = "https://127.0.0.1:{hole.port}"\nca_file = "{self.portal.data}/tls/ca.crt"\n'
                      f'client_id = "{client["client_id"]}"\nclient_secret = "{client["client_secret"]}"\n'
                      f'school = "{client["school"]}"\nconnect_timeout_seconds = 5\nread_timeout_seconds = 5\n')
            self.box.stop()
            self.box.start(config=config)
            SyncWithPortal.admin = self.sign_in_admin()
            self.assertFalse(self.sync_status()["running"], "the last success is recent: no catch-up at start")
            status, body = self.admin.request("POST", "/api/v1/sync")
            self.assertEqual(status, 202, body)
            self.assertTrue(self.sync_status()["running"])
            status, body = self.admin.request("POST", "/api/v1/sync")
            self.assertEqual((status, body["error"]["code"]), (409, "sync.running"))
            run = subprocess.run([CTL, "sync", "--data", self.box.data, "--config", self.box.config],
                                 capture_output=True, text=True, timeout=30)
            self.assertEqual(run.returncode, 1, run.stdout)
            self.assertIn("a sync with the city portal is running already", run.stderr)
            self.assertTrue(self.sync_status()["running"])
            started = time.monotonic()
            self.box.stop()
            self.assertLess(time.monotonic() - started, 8, "classbookd stops within the portal's read time-out")
        finally:
            hole.close()
        with open(os.path.join(self.box.data, "classbookd.log"), encoding="utf-8") as f:
            self.assertIn("sync: syncing with the city portal", f.read())

    def test_7_without_portal_the_box_says_so(self):
        self.box.stop()
        self.box.start(config="")
        SyncWithPortal.admin = self.sign_in_admin()
        s = self.sync_status()
        self.assertFalse(s["configured"])
        self.assertIsNone(s["next_run_at"])
        status, body = self.admin.request("POST", "/api/v1/sync")
        self.assertEqual((status, body["error"]["code"]), (503, "sync.not_configured"))
        self.assertIn("[portal]", body["error"]["message"])
        pupil = self.box.signed_in(self.box.account("student"))
        self.assertEqual(pupil.request("GET", "/api/v1/sync")[1]["configured"], False)


if __name__ == "__main__":
    unittest.main(verbosity=2)
