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
    def test_me_gives_the_contacts_the_school_holds_to_guardians_and_teachers_only(self):
        status, me = self.g.request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        phone, email = self.query("SELECT g.phone, g.email FROM guardians g JOIN users u ON u.person_id = g.id "
                                  "AND u.role = 'guardian' WHERE u.login = ?", self.guardian["login"])[0]
        self.assertEqual(me["contacts"], {"phone": phone, "email": email})
        teacher = self.box.account("teacher")
        status, t = self.box.signed_in(teacher).request("GET", "/api/v1/me")
        self.assertEqual(status, 200, t)
        phone, email = self.query("SELECT phone, email FROM teachers WHERE uuid = ?", teacher["person_id"])[0]
        self.assertEqual(t["contacts"], {"phone": phone, "email": email})
        status, p = self.box.signed_in(self.box.account("student")).request("GET", "/api/v1/me")
        self.assertEqual(status, 200, p)
        self.assertNotIn("contacts", p)

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

    # --- GET /api/v1/students/{id}/homework ---------------------------------------------------
    def homework_in_db(self, student, frm, to, subject=None, mandatory=None):
        rows = self.query(
            "SELECT h.uuid, l.date, sub.uuid, h.text, h.mandatory, h.due_date FROM students s "
            "JOIN lessons l ON l.class_id = s.class_id AND l.group_no IN (0, s.group_no) "
            "JOIN homework h ON h.lesson_id = l.id JOIN subjects sub ON sub.id = l.subject_id "
            "WHERE s.uuid=? AND l.date BETWEEN ? AND ?", student, frm, to)
        return sorted((u, d, sj, t, bool(m), due) for u, d, sj, t, m, due in rows
                      if (subject is None or sj == subject) and (mandatory is None or bool(m) == mandatory))

    def test_homework_of_own_child_over_two_weeks(self):
        status, h = self.g.request("GET", f"/api/v1/students/{self.child}/homework?from=2026-11-16&to=2026-11-29")
        self.assertEqual(status, 200, h)
        self.assertEqual(h["student"]["id"], self.child)
        self.assertEqual((h["from"], h["to"]), ("2026-11-16", "2026-11-29"))
        got = sorted((x["id"], x["lesson_date"], x["subject"]["id"], x["text"], x["mandatory"], x["due_date"]) for x in h["homework"])
        self.assertEqual(got, self.homework_in_db(self.child, "2026-11-16", "2026-11-29"))
        self.assertGreater(len(got), 0, "the demo school sets homework")
        dates = [x["lesson_date"] for x in h["homework"]]
        self.assertEqual(dates, sorted(dates))
        for x in h["homework"]:
            self.assertTrue(x["created_at"] and x["revised_at"] and x["subject"]["name"])

    def test_homework_filters_by_subject_and_mandatory(self):
        _, h = self.g.request("GET", f"/api/v1/students/{self.child}/homework?from=2026-11-16&to=2026-11-29")
        subject = h["homework"][0]["subject"]["id"]
        status, one = self.g.request("GET", f"/api/v1/students/{self.child}/homework?from=2026-11-16&to=2026-11-29&subject={subject}")
        self.assertEqual(status, 200, one)
        self.assertEqual(sorted(x["id"] for x in one["homework"]),
                         [r[0] for r in self.homework_in_db(self.child, "2026-11-16", "2026-11-29", subject=subject)])
        self.assertTrue(all(x["subject"]["id"] == subject for x in one["homework"]))
        for flag, value in (("true", True), ("false", False)):
            status, m = self.g.request("GET", f"/api/v1/students/{self.child}/homework?from=2026-11-16&to=2026-11-29&mandatory={flag}")
            self.assertEqual(status, 200, m)
            self.assertEqual(sorted(x["id"] for x in m["homework"]),
                             [r[0] for r in self.homework_in_db(self.child, "2026-11-16", "2026-11-29", mandatory=value)])

    def test_homework_refuses_bad_ranges_with_stable_codes(self):
        base = f"/api/v1/students/{self.child}/homework"
        for query, code in (("from=2026-11-16&to=2027-01-17", "date.range_too_long"),
                            ("from=2026-11-31&to=2026-12-01", "date.malformed"),
                            ("from=16.11.2026&to=2026-11-29", "date.malformed"),
                            ("to=2026-11-29", "date.malformed"),
                            ("from=2026-11-29&to=2026-11-16", "date.range_reversed"),
                            ("from=2026-11-16&to=2026-11-29&mandatory=yes", "request.wrong_type"),
                            ("from=2026-11-16&to=2026-11-29&subject=nonsense", "subject.not_found")):
            status, body = self.g.request("GET", f"{base}?{query}")
            self.assertEqual((status, body["error"]["code"]), (400, code), query)
            self.assertTrue(body["error"]["message"])
        # 62 days, both ends counted, is the most one request reads.
        self.assertEqual(self.g.request("GET", f"{base}?from=2026-11-16&to=2027-01-16")[0], 200)

    def test_homework_of_another_familys_pupil_is_refused(self):
        before = self.query("SELECT count(*) FROM homework")
        status, body = self.g.request("GET", f"/api/v1/students/{self.other_child}/homework?from=2026-11-16&to=2026-11-29")
        self.assertIn(status, (403, 404), body)
        self.assertNotIn("homework", body)
        self.assertEqual(self.query("SELECT count(*) FROM homework"), before)
        status, _ = self.g.request("GET", "/api/v1/students/00000000-0000-4000-8000-000000000000/homework?from=2026-11-16&to=2026-11-29")
        self.assertEqual(status, 404)

    def test_homework_for_the_pupil_and_a_teacher_of_the_class(self):
        pupil = self.box.account("student")
        status, h = self.box.signed_in(pupil).request("GET", f"/api/v1/students/{pupil['person_id']}/homework?from=2026-11-16&to=2026-11-29")
        self.assertEqual(status, 200, h)
        self.assertEqual(len(h["homework"]), len(self.homework_in_db(pupil["person_id"], "2026-11-16", "2026-11-29")))
        secretary = self.box.signed_in(self.box.account("secretary"))
        self.assertEqual(secretary.request("GET", f"/api/v1/students/{pupil['person_id']}/homework?from=2026-11-16&to=2026-11-29")[0], 403)

    # --- GET /api/v1/me/absence-notices ---------------------------------------------------------
    def test_a_guardians_own_notices_newest_first(self):
        c = self.box.signed_in(self.guardian)
        sent = []
        for frm, to in (("2026-11-17", "2026-11-17"), ("2026-11-19", "2026-11-20")):
            status, r = c.request("POST", f"/api/v1/students/{self.child}/absence-notices",
                                  {"from": frm, "to": to, "reason": "family", "comment": "к врачу"})
            self.assertEqual(status, 201, r)
            sent.append((frm, to))
        status, mine = c.request("GET", "/api/v1/me/absence-notices")
        self.assertEqual(status, 200, mine)
        guardian_id = self.query("SELECT person_id FROM users WHERE login=?", self.guardian["login"])[0][0]
        in_db = self.query("SELECT uuid FROM absence_notices WHERE guardian_id=? ORDER BY created_at DESC, id DESC", guardian_id)
        self.assertEqual([n["id"] for n in mine["notices"]], [u for (u,) in in_db])
        stamps = [n["created_at"] for n in mine["notices"]]
        self.assertEqual(stamps, sorted(stamps, reverse=True))
        ours = [(n["from"], n["to"]) for n in mine["notices"] if n["comment"] == "к врачу"]
        self.assertEqual(sorted(ours), sorted(sent))
        for n in mine["notices"]:
            self.assertIn(n["student_id"], self.guardian["children"])
            self.assertTrue(n["student"] and n["reason"])

    def test_notices_of_others_are_not_listed_and_other_roles_are_refused(self):
        other = self.box.account("guardian", lambda a: self.child not in a["children"] and a["children"])
        status, theirs = self.box.signed_in(other).request("GET", "/api/v1/me/absence-notices")
        self.assertEqual(status, 200, theirs)
        self.assertTrue(all(n["student_id"] in other["children"] for n in theirs["notices"]))
        for role in ("student", "teacher", "secretary", "director"):
            status, body = self.box.signed_in(self.box.account(role)).request("GET", "/api/v1/me/absence-notices")
            self.assertEqual((status, body["error"]["code"]), (403, "absence.not_allowed"), role)

    # --- GET /api/v1/classes/{id}/averages --------------------------------------------------------
    def averages_in_db(self, class_uuid, term):
        frm, to = self.query("SELECT start_date, end_date FROM terms WHERE number=?", term)[0]
        rows = self.query(
            "SELECT sub.uuid, m.student_id, m.value, w.weight FROM lessons l JOIN classes c ON c.id = l.class_id "
            "JOIN subjects sub ON sub.id = l.subject_id JOIN marks m ON m.lesson_id = l.id AND m.deleted_at IS NULL "
            "JOIN work_types w ON w.id = m.work_type_id WHERE c.uuid=? AND l.date BETWEEN ? AND ?", class_uuid, frm, to)
        by = {}
        for subject, pupil, value, weight in rows:
            acc = by.setdefault(subject, [0, 0, set()])
            acc[0] += value * weight
            acc[1] += weight
            acc[2].add(pupil)
        return {s: (round(a[0] / a[1], 2), len(a[2])) for s, a in by.items()}

    def test_class_averages_for_a_guardian_of_a_pupil_of_the_class(self):
        klass = self.class_of(self.child)
        status, a = self.g.request("GET", f"/api/v1/classes/{klass}/averages?term=2")
        self.assertEqual(status, 200, a)
        self.assertEqual((a["class"]["id"], a["term"]), (klass, 2))
        expected = self.averages_in_db(klass, 2)
        self.assertGreater(len(expected), 0, "the demo school has marks in term 2")
        got = {x["subject"]["id"]: (x["average"], x["pupils_with_marks"]) for x in a["subjects"] if x["average"] is not None}
        self.assertEqual(set(got), set(expected))
        for subject, (avg, pupils) in expected.items():
            self.assertAlmostEqual(got[subject][0], avg, places=2)
            self.assertEqual(got[subject][1], pupils)
        for x in a["subjects"]:
            self.assertEqual(set(x), {"subject", "average", "pupils_with_marks"}, "no pupil's own marks")

    def test_class_averages_refused_for_another_class_and_bad_terms(self):
        own_classes = {self.class_of(ch) for ch in self.guardian["children"]}
        other_class = next(u for (u,) in self.query("SELECT c.uuid FROM classes c JOIN students s ON s.class_id = c.id")
                           if u not in own_classes)
        status, body = self.g.request("GET", f"/api/v1/classes/{other_class}/averages?term=2")
        self.assertEqual((status, body["error"]["code"]), (403, "class.averages_not_allowed"))
        self.assertNotIn("subjects", body)
        klass = self.class_of(self.child)
        self.assertEqual(self.g.request("GET", f"/api/v1/classes/{klass}/averages?term=9")[1]["error"]["code"], "term.not_in_year")
        self.assertEqual(self.g.request("GET", f"/api/v1/classes/{klass}/averages?term=two")[1]["error"]["code"], "term.malformed")
        self.assertEqual(self.g.request("GET", "/api/v1/classes/00000000-0000-4000-8000-000000000000/averages?term=2")[0], 404)

    def test_class_averages_for_the_pupil_and_the_director_not_the_secretary(self):
        pupil = self.box.account("student")
        klass = self.class_of(pupil["person_id"])
        self.assertEqual(self.box.signed_in(pupil).request("GET", f"/api/v1/classes/{klass}/averages?term=2")[0], 200)
        self.assertEqual(self.box.signed_in(self.box.account("director")).request("GET", f"/api/v1/classes/{klass}/averages?term=2")[0], 200)
        self.assertEqual(self.box.signed_in(self.box.account("secretary")).request("GET", f"/api/v1/classes/{klass}/averages?term=2")[0], 403)

    # --- timetable (issue 10): /me gives a pupil's group and a teacher's own id -----------------
    def test_me_gives_each_pupils_group_and_a_teachers_own_id(self):
        status, me = self.g.request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        for ch in me["children"]:
            self.assertEqual(ch["group"], self.query("SELECT group_no FROM students WHERE uuid=?", ch["id"])[0][0])
        pupil = self.box.account("student")
        status, me = self.box.signed_in(pupil).request("GET", "/api/v1/me")
        self.assertEqual(me["student"]["group"], self.query("SELECT group_no FROM students WHERE uuid=?", pupil["person_id"])[0][0])
        teacher = self.box.account("teacher")
        status, me = self.box.signed_in(teacher).request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        self.assertEqual(me["teacher_id"], teacher["person_id"])
        # It is the id class timetables name the teacher by.
        klass = me["teaches"][0]["class_id"]
        status, tt = self.box.signed_in(teacher).request("GET", f"/api/v1/classes/{klass}/timetable")
        self.assertEqual(status, 200, tt)
        self.assertIn(me["teacher_id"], {l["teacher"]["id"] for l in tt["lessons"]} | {x["teacher"]["id"] for x in tt["teaching"]})


if __name__ == "__main__":
    unittest.main()
