"""The web app's reads end to end (issue 10): the school, /me's class ids, a pupil's homework over
dates, a guardian's own absence notices and a class's averages — real answers from the demo school,
and refusals that write nothing."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402


class WebApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        cls.guardian = cls.box.account("guardian", lambda a: len(a["children"]) >= 1)
        cls.child = cls.guardian["children"][0]
        cls.other_child = next(a["person_id"] for a in cls.box.accounts
                               if a["role"] == "student" and a["person_id"] not in cls.guardian["children"])
        cls.g = cls.box.signed_in(cls.guardian)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def query(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def class_of(self, student_uuid):
        return self.query("SELECT c.uuid FROM students s JOIN classes c ON c.id = s.class_id WHERE s.uuid=?",
                          student_uuid)[0][0]

    # --- GET /api/v1/school ----------------------------------------------------------------
    def test_school_gives_the_settings_the_server_holds(self):
        status, s = self.g.request("GET", "/api/v1/school")
        self.assertEqual(status, 200, s)
        self.assertEqual(s["name"], "Тестовая школа")
        year = int(self.query("SELECT value FROM settings WHERE key='academic_year'")[0][0])
        self.assertEqual(s["academic_year"], year)
        terms = [{"number": n, "from": a, "to": b} for n, a, b in self.query("SELECT number, start_date, end_date FROM terms ORDER BY number")]
        self.assertEqual(s["terms"], terms)
        self.assertGreaterEqual(len(terms), 2)
        self.assertEqual(s["scale"]["values"], list(range(s["scale"]["min"], s["scale"]["max"] + 1)))
        self.assertEqual((s["scale"]["min"], s["scale"]["max"]), (1, 5))
        kinds = {c: (n, w) for c, n, w in self.query("SELECT code, name, weight FROM work_types")}
        self.assertEqual({w["code"]: (w["name"], w["weight"]) for w in s["work_types"]}, kinds)
        subjects = {u: n for u, n in self.query("SELECT uuid, name FROM subjects")}
        self.assertEqual({x["id"]: x["name"] for x in s["subjects"]}, subjects)

    def test_school_follows_the_term_table_not_the_calendar(self):
        with self.box.db() as db:
            old = db.execute("SELECT end_date FROM terms WHERE number=1").fetchone()[0]
        # The server reads its settings at start: a changed term table shows after a restart.
        self.box.stop()
        with self.box.db() as db:
            db.execute("UPDATE terms SET end_date='2026-11-01' WHERE number=1")
        try:
            self.box.start()
            status, s = self.box.signed_in(self.guardian).request("GET", "/api/v1/school")
            self.assertEqual(status, 200, s)
            self.assertEqual(s["terms"][0]["to"], "2026-11-01")
        finally:
            self.box.stop()
            with self.box.db() as db:
                db.execute("UPDATE terms SET end_date=? WHERE number=1", (old,))
            self.box.start()
            type(self).g = self.box.signed_in(self.guardian)

    def test_school_needs_a_session(self):
        self.assertEqual(self.box.client().request("GET", "/api/v1/school")[0], 401)

    # --- GET /api/v1/me: class ids -----------------------------------------------------------
    def test_me_gives_each_childs_class_id(self):
        status, me = self.g.request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        self.assertEqual(sorted(ch["id"] for ch in me["children"]), sorted(self.guardian["children"]))
        for ch in me["children"]:
            self.assertEqual(ch["class_id"], self.class_of(ch["id"]))
            for kept in ("name", "full_name", "class"):
                self.assertIn(kept, ch)
        for kept in ("id", "login", "role", "name", "must_change_password", "csrf_token"):
            self.assertIn(kept, me)

    def test_me_gives_a_pupil_their_own_class_id(self):
        pupil = self.box.account("student")
        status, me = self.box.signed_in(pupil).request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        self.assertEqual(me["student"]["id"], pupil["person_id"])
        self.assertEqual(me["student"]["class_id"], self.class_of(pupil["person_id"]))


if __name__ == "__main__":
    unittest.main()
