"""The office's roster API end to end — classes, pupils with accounts, guardians and their links, pupils
leaving, staff and teaching, the CSV import — against a real classbookd over TLS with the demo school."""
import datetime
import os
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

WEEK = "2026-W47"
NEW_PASSWORD = "Зелёный-кит-плывёт-42"
ROSTER_ENTITIES = ("class", "student", "guardian", "student_guardian", "teacher", "teaching", "user")
TODAY = datetime.date.today()  # classbookd runs on the real clock: dates near today are "recent"


class Roster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(weeks=1).start()
        cls.clients = {}
        acc = cls.box.accounts
        cls.secretary = cls.box.account("secretary")
        cls.director = cls.box.account("director")
        with cls.box.db() as db:
            # A class whose class teacher has an account, a pupil of it with marks, and another class.
            teachers = {a["person_id"]: a for a in acc if a["role"] == "teacher"}
            for class_id, class_uuid, teacher_uuid in db.execute(
                    "SELECT c.id, c.uuid, t.uuid FROM classes c JOIN teachers t ON t.id=c.class_teacher_id "
                    "WHERE (SELECT count(DISTINCT m.student_id) FROM marks m JOIN students s ON s.id=m.student_id "
                    "WHERE s.class_id=c.id) >= 2 ORDER BY c.id"):
                if teacher_uuid in teachers:
                    cls.class_id, cls.class_uuid, cls.homeroom = class_id, class_uuid, teachers[teacher_uuid]
                    break
            cls.other_class_uuid = db.execute("SELECT uuid FROM classes WHERE id<>? ORDER BY id LIMIT 1",
                                              (cls.class_id,)).fetchone()[0]
            cls.far_teacher = next(a for a in acc if a["role"] == "teacher" and a is not cls.homeroom and
                                   not db.execute("SELECT 1 FROM classes c JOIN teachers t ON t.id=c.class_teacher_id "
                                                  "WHERE t.uuid=? AND c.id=?", (a["person_id"], cls.class_id)).fetchone())
            cls.subject_uuid = db.execute("SELECT uuid FROM subjects ORDER BY id LIMIT 1").fetchone()[0]
            # A pupil and a guardian with nothing in our class, so that leaving pupils do not touch them.
            ours = {r[0] for r in db.execute("SELECT uuid FROM students WHERE class_id=?", (cls.class_id,))}
        cls.guardian = cls.box.account("guardian", lambda a: a["children"] and not set(a["children"]) & ours)
        cls.pupil = cls.box.account("student", lambda a: a["person_id"] not in ours)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers -------------------------------------------------------------------------
    def as_(self, account):
        """A signed-in client per account, reused: sign-in hashes with argon2id and is slow on purpose."""
        if account["login"] not in self.clients:
            self.clients[account["login"]] = self.box.signed_in(account)
        return self.clients[account["login"]]

    @property
    def office(self):
        return self.as_(self.secretary)

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    def counts(self):
        """Rows of every table a roster change touches (the trail and the outbox: the roster's entities only,
        since classbookd's own housekeeping writes there too)."""
        out = {t: self.count(f"SELECT count(*) FROM {t}")
               for t in ("classes", "students", "guardians", "student_guardians", "teachers", "teaching", "users")}
        for t in ("audit", "outbox"):
            out[t] = self.count(f"SELECT count(*) FROM {t} WHERE entity IN ({','.join('?' * len(ROSTER_ENTITIES))})",
                                *ROSTER_ENTITIES)
        return out

    def assert_refused(self, status, body, code, field=None, says=None, error_code=None):
        self.assertEqual(status, code, body)
        self.assertTrue(body["error"]["message"], body)
        self.assertIn("kind", body["error"])
        if field is not None:
            self.assertEqual(body["error"].get("field"), field, body)
        if error_code is not None:
            self.assertEqual(body["error"]["code"], error_code, body)
        if says is not None:
            self.assertIn(says, body["error"]["message"])

    def activate(self, login, one_time_password):
        """Signs in with a one-time password, changes it as forced, and returns the client."""
        c = self.box.client()
        status, body = c.sign_in(login, one_time_password)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["must_change_password"])
        status, body = c.request("GET", "/api/v1/classes")
        self.assert_refused(status, body, 403, "password_change_required", error_code="password.change_required")
        status, body = c.request("POST", "/api/v1/me/password",
                                 {"old_password": one_time_password, "new_password": NEW_PASSWORD})
        self.assertEqual(status, 204, body)
        return c

    def enrol(self, last="Щукина", first="Юлия", **extra):
        body = dict({"last_name": last, "first_name": first, "class_id": self.class_uuid}, **extra)
        status, r = self.office.request("POST", "/api/v1/students", body)
        self.assertEqual(status, 201, r)
        return r

    def new_guardian(self, last, first, **extra):
        status, r = self.office.request("POST", "/api/v1/guardians", dict({"last_name": last, "first_name": first}, **extra))
        self.assertEqual(status, 201, r)
        return r

    def last_audit(self, entity, uuid_):
        with self.box.db() as db:
            return db.execute("SELECT action, actor_user, before, after FROM audit WHERE entity=? AND uuid=? "
                              "ORDER BY seq DESC LIMIT 1", (entity, uuid_)).fetchone()

    def outbox_ops(self, entity, uuid_):
        with self.box.db() as db:
            return [r[0] for r in db.execute("SELECT op FROM outbox WHERE entity=? AND uuid=? ORDER BY seq", (entity, uuid_))]

    def secretary_user(self):
        return self.count("SELECT id FROM users WHERE login=?", self.secretary["login"])

    # --- classes -------------------------------------------------------------------------
    def test_classes_are_listed_created_and_changed(self):
        status, body = self.office.request("GET", "/api/v1/classes")
        self.assertEqual(status, 200, body)
        by_id = {c["id"]: c for c in body["classes"]}
        ours = by_id[self.class_uuid]
        today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=180)).date()  # the school's day
        self.assertEqual(ours["pupil_count"], self.count("SELECT count(*) FROM students WHERE class_id=? AND "
                                                         "(left_on IS NULL OR left_on>=?)", self.class_id, str(today)))
        self.assertEqual(ours["class_teacher"]["id"], self.homeroom["person_id"])
        self.assertEqual(len(body["classes"]), self.count("SELECT count(*) FROM classes"))

        status, c = self.office.request("POST", "/api/v1/classes", {"name": "9 д", "profile": "химико-биологический"})
        self.assertEqual(status, 201, c)
        self.assertEqual((c["name"], c["grade"], c["letter"], c["pupil_count"]), ("9Д", 9, "Д", 0))
        self.assertIsNone(c["class_teacher"])
        self.assertEqual(self.count("SELECT count(*) FROM classes WHERE uuid=? AND name='9Д' AND grade=9", c["id"]), 1)
        self.assertEqual(self.last_audit("class", c["id"])[:2], ("create", self.secretary_user()))
        self.assertEqual(self.outbox_ops("class", c["id"]), ["upsert"])

        status, changed = self.office.request("PATCH", f"/api/v1/classes/{c['id']}",
                                              {"class_teacher_id": self.homeroom["person_id"], "profile": None})
        self.assertEqual(status, 200, changed)
        self.assertEqual(changed["class_teacher"]["id"], self.homeroom["person_id"])
        self.assertIsNone(changed["profile"])
        self.assertEqual(self.outbox_ops("class", c["id"]), ["upsert", "upsert"])
        # Replacing a class teacher closes the class overview to them at once; they stay signed in.
        signed_in = self.box.signed_in(self.homeroom)
        overview = f"/api/v1/classes/{c['id']}/absence-notices?from=2026-09-01&to=2026-12-31"
        self.assertEqual(signed_in.request("GET", overview)[0], 200)
        status, changed = self.office.request("PATCH", f"/api/v1/classes/{c['id']}", {"class_teacher_id": None, "name": "10д"})
        self.assertEqual(status, 200, changed)
        self.assertIsNone(changed["class_teacher"])
        self.assertEqual(signed_in.request("GET", overview)[0], 403)
        self.assertEqual(signed_in.request("GET", "/api/v1/me")[0], 200)
        self.assertEqual((changed["name"], changed["grade"]), ("10Д", 10))

    def test_bad_classes_write_nothing(self):
        before = self.counts()
        existing = self.count("SELECT name FROM classes WHERE id=?", self.class_id)
        cases = [
            ({"name": "9D"}, 400, "name", "Latin"),
            ({"name": "12А"}, 400, "name", "1 to 11"),
            ({"name": "А9"}, 400, "name", None),
            ({"name": 9}, 400, "name", None),
            ({}, 400, "name", None),
            ({"name": existing}, 409, "name", "already exists"),
            ({"name": "9Ж", "class_teacher_id": str(uuid.uuid4())}, 404, "class_teacher_id", "GET /api/v1/teachers"),
            ({"name": "9Ж", "class_teacher_id": "Иванова"}, 400, "class_teacher_id", None),
            ({"name": "9Ж", "colour": "red"}, 400, "colour", None),
            ({"name": "9Ж", "profile": "x" * 61}, 400, "profile", None),
        ]
        for body, code, field, says in cases:
            with self.subTest(body=body):
                status, r = self.office.request("POST", "/api/v1/classes", body)
                self.assert_refused(status, r, code, field, says)
        status, r = self.office.request("PATCH", f"/api/v1/classes/{uuid.uuid4()}", {"profile": "x"})
        self.assert_refused(status, r, 404, "class_id", "GET /api/v1/classes")
        self.assertEqual(self.counts(), before)

    # --- pupils --------------------------------------------------------------------------
    def test_a_new_pupil_gets_an_account_that_must_change_its_password(self):
        before = self.counts()
        r = self.enrol("Щукина", "Юлия", middle_name="Андреевна", birth_date="2015-04-12", group_no=2, card="04a1b2c3")
        pupil, account = r["student"], r["account"]
        self.assertEqual(pupil["full_name"], "Щукина Юлия Андреевна")
        self.assertEqual(pupil["class"]["id"], self.class_uuid)
        self.assertEqual((pupil["birth_date"], pupil["group_no"], pupil["card"]), ("2015-04-12", 2, "04A1B2C3"))
        self.assertTrue(account["login"].startswith("shchukina.i"), account)
        self.assertEqual(account["role"], "student")
        self.assertTrue(account["must_change_password"])
        self.assertEqual(pupil["account"]["login"], account["login"])
        with self.box.db() as db:
            row = db.execute("SELECT u.must_change_password, u.disabled, u.display_name, u.role FROM users u "
                             "JOIN students s ON s.id=u.person_id WHERE u.login=? AND s.uuid=?",
                             (account["login"], pupil["id"])).fetchone()
        self.assertEqual(row, (1, 0, "Юлия Щукина", "student"))
        after = self.counts()
        self.assertEqual(after["students"], before["students"] + 1)
        self.assertEqual(after["users"], before["users"] + 1)
        self.assertEqual(after["audit"], before["audit"] + 2)   # the pupil and the account
        self.assertEqual(after["outbox"], before["outbox"] + 1)  # the pupil; accounts stay in the box
        self.assertEqual(self.last_audit("student", pupil["id"])[0], "create")
        self.assertEqual(self.outbox_ops("student", pupil["id"]), ["upsert"])

        # The one-time password signs in, is forced to change, and then the pupil sees their own diary.
        c = self.activate(account["login"], account["one_time_password"])
        status, me = c.request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        self.assertFalse(me["must_change_password"])
        self.assertEqual(me["student"]["id"], pupil["id"])
        status, diary = c.request("GET", f"/api/v1/students/{pupil['id']}/diary?week={WEEK}")
        self.assertEqual(status, 200, diary)
        # A namesake gets the next login.
        twin = self.enrol("Щукина", "Яна", class_id=self.other_class_uuid)
        self.assertRegex(twin["account"]["login"], r"^shchukina\.i\d+$")
        self.assertNotEqual(twin["account"]["login"], account["login"])
        # The same child entered twice is refused, naming the one already there.
        status, again = self.office.request("POST", "/api/v1/students", {
            "last_name": "Щукина", "first_name": "Юлия", "middle_name": "Андреевна", "birth_date": "2015-04-12",
            "class_id": self.class_uuid})
        self.assert_refused(status, again, 409, "last_name", pupil["id"])
        self.assertNotEqual(twin["account"]["one_time_password"], account["one_time_password"])

    def test_bad_pupils_write_nothing(self):
        holder = self.enrol("Картова", "Ирина", card="CAFE0001")["student"]
        before = self.counts()
        good = {"last_name": "Петров", "first_name": "Пётр", "class_id": self.class_uuid}
        cases = [
            ({"first_name": "Пётр", "class_id": self.class_uuid}, 400, "last_name", None),
            (dict(good, last_name="   "), 400, "last_name", "required"),
            (dict(good, last_name=5), 400, "last_name", None),
            (dict(good, first_name="Пётр1"), 400, "first_name", "remove '1'"),
            (dict(good, last_name="я" * 61), 400, "last_name", "at most 60"),
            (dict(good, birth_date="2015-02-30"), 400, "birth_date", None),
            (dict(good, birth_date="30.01.2015"), 400, "birth_date", None),
            (dict(good, birth_date=str(TODAY + datetime.timedelta(days=400))), 400, "birth_date", "future"),
            (dict(good, class_id=str(uuid.uuid4())), 404, "class_id", "GET /api/v1/classes"),
            (dict(good, class_id="5А"), 400, "class_id", "not a name"),
            (dict(good, group_no=9), 400, "group_no", None),
            (dict(good, group_no="2"), 400, "group_no", None),
            (dict(good, card="not-hex!"), 400, "card", None),
            (dict(good, nickname="Петя"), 400, "nickname", None),
            (dict(good, card="cafe0001"), 409, "card", "Картова"),
        ]
        for body, code, field, says in cases:
            with self.subTest(body=body):
                status, r = self.office.request("POST", "/api/v1/students", body)
                self.assert_refused(status, r, code, field, says)
        status, r = self.office.request("POST", "/api/v1/students", "not an object")
        self.assert_refused(status, r, 400)
        self.assertEqual(self.counts(), before)
        self.assertIn(holder["id"], self.office.request("POST", "/api/v1/students", dict(good, card="CAFE0001"))[1]["error"]["message"])

    def test_a_pupil_is_renamed_moved_and_given_a_card(self):
        other = self.enrol("Носова", "Дарья", card="BEEF0002")["student"]
        r = self.enrol("Орлов", "Глеб")
        pupil = r["student"]
        status, changed = self.office.request("PATCH", f"/api/v1/students/{pupil['id']}",
                                              {"last_name": "Орлов-Соколов", "class_id": self.other_class_uuid,
                                               "group_no": 2, "birth_date": "2014-01-02"})
        self.assertEqual(status, 200, changed)
        self.assertEqual(changed["last_name"], "Орлов-Соколов")
        self.assertEqual(changed["class"]["id"], self.other_class_uuid)
        self.assertEqual(self.count("SELECT display_name FROM users WHERE login=?", r["account"]["login"]), "Глеб Орлов-Соколов")
        action, _, before, after = self.last_audit("student", pupil["id"])
        self.assertEqual(action, "update")
        self.assertIn("Орлов", before)
        self.assertIn("Орлов-Соколов", after)
        self.assertEqual(self.outbox_ops("student", pupil["id"]), ["upsert", "upsert"])
        # Saving the form as it is changes nothing and writes nothing.
        trail = self.count("SELECT count(*) FROM audit WHERE uuid=?", pupil["id"])
        status, same = self.office.request("PATCH", f"/api/v1/students/{pupil['id']}", {"group_no": 2, "last_name": "Орлов-Соколов"})
        self.assertEqual(status, 200, same)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE uuid=?", pupil["id"]), trail)
        self.assertEqual(self.outbox_ops("student", pupil["id"]), ["upsert", "upsert"])

        audit_before = self.count("SELECT count(*) FROM audit")
        status, r2 = self.office.request("PATCH", f"/api/v1/students/{pupil['id']}", {"card": "beef0002"})
        self.assert_refused(status, r2, 409, "card", "Носова", error_code="card.taken")
        self.assertIn(other["id"], r2["error"]["message"])
        self.assertEqual(self.count("SELECT count(*) FROM audit"), audit_before)
        status, r2 = self.office.request("PATCH", f"/api/v1/students/{other['id']}", {"card": None})
        self.assertEqual(status, 200, r2)
        self.assertIsNone(r2["card"])
        status, r2 = self.office.request("PATCH", f"/api/v1/students/{pupil['id']}", {"card": "beef0002"})
        self.assertEqual(status, 200, r2)
        self.assertEqual(r2["card"], "BEEF0002")
        status, r2 = self.office.request("PATCH", f"/api/v1/students/{pupil['id']}", {"class_id": str(uuid.uuid4())})
        self.assert_refused(status, r2, 404, "class_id")
        status, r2 = self.office.request("PATCH", f"/api/v1/students/{uuid.uuid4()}", {"group_no": 1})
        self.assert_refused(status, r2, 404, "student_id", "GET /api/v1/classes/")

    def test_a_pupil_who_leaves_keeps_the_history_and_loses_access(self):
        # A demo pupil with marks and attendance, signed in before leaving.
        with self.box.db() as db:
            sid, suuid, card = db.execute(
                "SELECT s.id, s.uuid, s.card FROM students s WHERE s.card IS NOT NULL AND s.class_id=? "
                "AND EXISTS (SELECT 1 FROM marks m WHERE m.student_id=s.id) ORDER BY s.id LIMIT 1", (self.class_id,)).fetchone()
        account = next(a for a in self.box.accounts if a["role"] == "student" and a["person_id"] == suuid)
        pupil_client = self.box.signed_in(account)
        self.assertEqual(pupil_client.request("GET", "/api/v1/me")[0], 200)
        marks = self.count("SELECT count(*) FROM marks WHERE student_id=?", sid)
        attendance = self.count("SELECT count(*) FROM attendance WHERE student_id=?", sid)
        in_class = self.count("SELECT count(*) FROM students WHERE class_id=? AND left_on IS NULL", self.class_id)

        left_on = str(TODAY - datetime.timedelta(days=3))
        status, left = self.office.request("POST", f"/api/v1/students/{suuid}/leave",
                                           {"left_on": left_on, "reason": "переезд в другой город"})
        self.assertEqual(status, 200, left)
        self.assertEqual(left["left_on"], left_on)
        self.assertEqual(left["left_reason"], "переезд в другой город")
        self.assertIsNone(left["card"])  # the card is free for someone else
        self.assertTrue(left["account"]["disabled"])
        # The signed-in session ends at once, and the account no longer signs in.
        self.assertEqual(pupil_client.request("GET", "/api/v1/me")[0], 401)
        self.assertEqual(self.box.client().sign_in(account["login"], account["password"])[0], 401)
        self.assertEqual(self.count("SELECT count(*) FROM sessions s JOIN users u ON u.id=s.user_id WHERE u.login=?",
                                    account["login"]), 0)
        # Nothing the journal refers to is gone.
        self.assertEqual(self.count("SELECT count(*) FROM students WHERE id=? AND left_on=?", sid, left_on), 1)
        self.assertEqual(self.count("SELECT count(*) FROM marks WHERE student_id=?", sid), marks)
        self.assertEqual(self.count("SELECT count(*) FROM attendance WHERE student_id=?", sid), attendance)
        self.assertEqual(self.count("SELECT count(*) FROM students WHERE class_id=? AND left_on IS NULL", self.class_id),
                         in_class - 1)
        self.assertEqual(self.last_audit("student", suuid)[0], "update")
        self.assertIn('"status":"left"', self.count("SELECT payload FROM outbox WHERE entity='student' AND uuid=? "
                                                    "ORDER BY seq DESC LIMIT 1", suuid))
        # Listed only when asked for; the card can go to a new pupil; a second leave and changes are refused.
        status, listed = self.office.request("GET", f"/api/v1/classes/{self.class_uuid}/students")
        self.assertNotIn(suuid, [p["id"] for p in listed["students"]])
        status, listed = self.office.request("GET", f"/api/v1/classes/{self.class_uuid}/students?include_left=true")
        self.assertIn(suuid, [p["id"] for p in listed["students"]])
        self.enrol("Новенький", "Лев", card=card)
        self.assert_refused(*self.office.request("POST", f"/api/v1/students/{suuid}/leave", {"left_on": left_on}), 409)
        self.assert_refused(*self.office.request("PATCH", f"/api/v1/students/{suuid}", {"group_no": 1}), 409)
        long_ago = str(TODAY - datetime.timedelta(days=400))
        self.assert_refused(*self.office.request("POST", f"/api/v1/students/{suuid}/leave", {"left_on": long_ago}), 400,
                            "left_on")

    def test_a_pupil_who_left_yesterday_is_gone_from_todays_lists_and_keeps_the_history(self):
        """One rule for every class list, journal and count: a pupil is in the class up to the day they left."""
        today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=180)).date()  # the school's day
        with self.box.db() as db:
            term = db.execute("SELECT number, start_date FROM terms WHERE start_date<=? AND end_date>=?",
                              (str(today), str(today))).fetchone()
            if not term:
                self.skipTest("today is outside every term of the demo year: no journal of today to check")
            # Two pupils still at school with marks this term: one left yesterday, one leaves tomorrow.
            pupils = db.execute(
                "SELECT s.uuid, (SELECT m.uuid FROM marks m JOIN lessons l ON l.id=m.lesson_id WHERE m.student_id=s.id AND "
                "m.deleted_at IS NULL AND l.date BETWEEN ? AND ? ORDER BY m.id LIMIT 1) AS mark, "
                "(SELECT sj.uuid FROM marks m JOIN lessons l ON l.id=m.lesson_id JOIN subjects sj ON sj.id=l.subject_id "
                "WHERE m.student_id=s.id AND m.deleted_at IS NULL AND l.date BETWEEN ? AND ? ORDER BY m.id LIMIT 1) "
                "FROM students s WHERE s.class_id=? AND s.left_on IS NULL AND mark IS NOT NULL ORDER BY s.id DESC LIMIT 2",
                (term[1], str(today), term[1], str(today), self.class_id)).fetchall()
        self.assertEqual(len(pupils), 2, "the demo class has no two pupils with marks this term")
        (gone, mark, subject), (leaving, _, _) = pupils
        director = self.as_(self.director)

        def class_list():
            status, listed = director.request("GET", f"/api/v1/classes/{self.class_uuid}/students")
            self.assertEqual(status, 200, listed)
            return [p["id"] for p in listed["students"]], listed["class"]["pupil_count"]

        def journal():
            status, j = director.request("GET", f"/api/v1/classes/{self.class_uuid}/journal?subject={subject}&term={term[0]}")
            self.assertEqual(status, 200, j)
            return {row["student"]["id"]: row["marks"] for row in j["students"]}

        def day_overview():
            status, day = director.request("GET", f"/api/v1/classes/{self.class_uuid}/attendance?date={today}")
            self.assertEqual(status, 200, day)
            return [row["student"]["id"] for row in day["students"]]

        ids, count = class_list()
        self.assertIn(gone, ids)
        self.assertIn(mark, [m["id"] for m in journal()[gone]])
        for who, left_on in ((gone, today - datetime.timedelta(days=1)), (leaving, today + datetime.timedelta(days=1))):
            status, left = self.office.request("POST", f"/api/v1/students/{who}/leave", {"left_on": str(left_on)})
            self.assertEqual(status, 200, left)

        ids, count_after = class_list()
        self.assertNotIn(gone, ids)
        self.assertIn(leaving, ids)  # at school until tomorrow
        self.assertEqual(count_after, count - 1)
        self.assertEqual(len(ids), count_after)
        status, classes = director.request("GET", "/api/v1/classes")
        self.assertEqual(next(c["pupil_count"] for c in classes["classes"] if c["id"] == self.class_uuid), count_after)
        rows = journal()
        self.assertNotIn(gone, rows)
        self.assertIn(leaving, rows)
        self.assertNotIn(gone, day_overview())
        self.assertIn(leaving, day_overview())
        status, listed = director.request("GET", f"/api/v1/classes/{self.class_uuid}/students?include_left=true")
        self.assertIn(gone, [p["id"] for p in listed["students"]])
        # The history stays: the mark is still there, in the pupil's own diary and history.
        status, history = director.request("GET", f"/api/v1/marks/{mark}/history")
        self.assertEqual(status, 200, history)
        self.assertIsNotNone(history["current_value"])
        status, grades = director.request("GET", f"/api/v1/students/{gone}/grades?term={term[0]}")
        self.assertEqual(status, 200, grades)
        self.assertIn(mark, [m["id"] for s in grades["subjects"] for m in s["marks"]])

    # --- guardians -----------------------------------------------------------------------
    def test_a_linked_guardian_sees_the_child_and_an_unlinked_one_does_not(self):
        with self.box.db() as db:
            child = db.execute("SELECT uuid FROM students WHERE left_on IS NULL AND class_id=? ORDER BY id DESC LIMIT 1",
                               (self.class_id,)).fetchone()[0]
            second = db.execute("SELECT uuid FROM students WHERE left_on IS NULL AND class_id<>? ORDER BY id LIMIT 1",
                                (self.class_id,)).fetchone()[0]
        before = self.counts()
        r = self.new_guardian("Лебедева", "Ольга", middle_name="Ивановна", phone="8 (900) 765-43-21", email="Olga@Mail.RU")
        g, account = r["guardian"], r["account"]
        self.assertEqual((g["phone"], g["email"]), ("+79007654321", "Olga@mail.ru"))
        self.assertEqual(account["role"], "guardian")
        self.assertTrue(account["login"].startswith("lebedeva.o"))
        self.assertEqual(self.counts()["guardians"], before["guardians"] + 1)
        self.assertEqual(self.outbox_ops("guardian", g["id"]), ["upsert"])

        # The same parent twice (names and phone) is refused with the existing id.
        status, dup = self.office.request("POST", "/api/v1/guardians",
                                          {"last_name": "Лебедева", "first_name": "Ольга", "phone": "+7 900 765 43 21"})
        self.assert_refused(status, dup, 409, "phone", g["id"])

        status, link = self.office.request("PUT", f"/api/v1/students/{child}/guardians/{g['id']}", {"relation": "mother"})
        self.assertEqual(status, 201, link)
        self.assertEqual((link["id"], link["relation"]), (g["id"], "mother"))
        self.assertEqual(self.outbox_ops("student_guardian", f"{child}/{g['id']}"), ["upsert"])
        status, link = self.office.request("PUT", f"/api/v1/students/{second}/guardians/{g['id']}")
        self.assertEqual(status, 201, link)
        self.assertEqual(link["relation"], "parent")
        self.assertEqual(link["children"], 2)
        status, dup = self.office.request("PUT", f"/api/v1/students/{child}/guardians/{g['id']}", {"relation": "mother"})
        self.assert_refused(status, dup, 409, "guardian_id", "already linked", error_code="guardian.already_linked")

        status, listed = self.office.request("GET", f"/api/v1/students/{child}/guardians")
        self.assertEqual(status, 200, listed)
        ours = [x for x in listed["guardians"] if x["id"] == g["id"]]
        self.assertEqual(len(ours), 1)
        self.assertEqual(ours[0]["relation"], "mother")
        self.assertGreaterEqual(len(listed["guardians"]), 1)

        parent = self.activate(account["login"], account["one_time_password"])
        status, me = parent.request("GET", "/api/v1/me")
        self.assertEqual(sorted(k["id"] for k in me["children"]), sorted([child, second]))
        self.assertEqual(parent.request("GET", f"/api/v1/students/{child}/diary?week={WEEK}")[0], 200)
        self.assertEqual(parent.request("GET", f"/api/v1/students/{second}/diary?week={WEEK}")[0], 200)

        status, _ = self.office.request("DELETE", f"/api/v1/students/{child}/guardians/{g['id']}")
        self.assertEqual(status, 204)
        # The child's diary closes to the signed-in parent at once; the other child's stays open.
        self.assertEqual(parent.request("GET", f"/api/v1/students/{child}/diary?week={WEEK}")[0], 403)
        self.assertEqual(parent.request("GET", f"/api/v1/students/{second}/diary?week={WEEK}")[0], 200)
        status, me = parent.request("GET", "/api/v1/me")
        self.assertEqual([k["id"] for k in me["children"]], [second])
        # Linking again opens it again, also at once, without signing in anew.
        self.assertEqual(self.office.request("PUT", f"/api/v1/students/{child}/guardians/{g['id']}", {"relation": "mother"})[0], 201)
        self.assertEqual(parent.request("GET", f"/api/v1/students/{child}/diary?week={WEEK}")[0], 200)
        self.assertEqual(self.office.request("DELETE", f"/api/v1/students/{child}/guardians/{g['id']}")[0], 204)
        self.assertEqual(self.outbox_ops("student_guardian", f"{child}/{g['id']}"), ["upsert", "delete", "upsert", "delete"])
        self.assertEqual(self.last_audit("student_guardian", f"{child}/{g['id']}")[0], "delete")
        again = self.box.client()
        self.assertEqual(again.sign_in(account["login"], NEW_PASSWORD)[0], 200)
        status, me = again.request("GET", "/api/v1/me")
        self.assertEqual([k["id"] for k in me["children"]], [second])
        status, body = again.request("GET", f"/api/v1/students/{child}/diary?week={WEEK}")
        self.assert_refused(status, body, 403)
        self.assertEqual(again.request("GET", f"/api/v1/students/{second}/diary?week={WEEK}")[0], 200)
        status, body = self.office.request("DELETE", f"/api/v1/students/{child}/guardians/{g['id']}")
        self.assert_refused(status, body, 404, "guardian_id")

    def test_guardians_are_found_changed_and_bad_ones_write_nothing(self):
        g = self.new_guardian("Фомина", "Алла", phone="+7 911 000-11-22")["guardian"]
        status, found = self.office.request("GET", "/api/v1/guardians?q=" + urllib.parse.quote("Фомина"))
        self.assertEqual(status, 200, found)
        self.assertIn(g["id"], [x["id"] for x in found["guardians"]])
        status, found = self.office.request("GET", "/api/v1/guardians?q=89110001122")
        self.assertEqual([x["id"] for x in found["guardians"]], [g["id"]])
        self.assert_refused(*self.office.request("GET", "/api/v1/guardians?q=" + urllib.parse.quote("Ф")), 400, "q")
        status, changed = self.office.request("PATCH", f"/api/v1/guardians/{g['id']}", {"email": "alla@school.ru", "phone": None})
        self.assertEqual(status, 200, changed)
        self.assertEqual((changed["email"], changed["phone"]), ("alla@school.ru", None))

        pupil = self.enrol("Фомин", "Кирилл")["student"]
        before = self.counts()
        cases = [
            ("POST", "/api/v1/guardians", {"first_name": "Алла"}, 400, "last_name"),
            ("POST", "/api/v1/guardians", {"last_name": "Фомина", "first_name": "Алла", "phone": "123"}, 400, "phone"),
            ("POST", "/api/v1/guardians", {"last_name": "Фомина", "first_name": "Алла", "email": "alla@"}, 400, "email"),
            ("POST", "/api/v1/guardians", {"last_name": "Фомина", "first_name": "Алла", "children": []}, 400, "children"),
            ("PUT", f"/api/v1/students/{pupil['id']}/guardians/{uuid.uuid4()}", {"relation": "mother"}, 404, "guardian_id"),
            ("PUT", f"/api/v1/students/{uuid.uuid4()}/guardians/{g['id']}", {"relation": "mother"}, 404, "student_id"),
            ("PUT", f"/api/v1/students/{pupil['id']}/guardians/{g['id']}", {"relation": "мама"}, 400, "relation"),
            ("PUT", f"/api/v1/students/{pupil['id']}/guardians/{g['id']}", {"relation": "mother", "x": 1}, 400, "x"),
            ("DELETE", f"/api/v1/students/{pupil['id']}/guardians/{g['id']}", None, 404, "guardian_id"),
            ("PATCH", f"/api/v1/guardians/{uuid.uuid4()}", {"email": None}, 404, "guardian_id"),
        ]
        for method, path, body, code, field in cases:
            with self.subTest(method=method, path=path, body=body):
                status, r = self.office.request(method, path, body)
                self.assert_refused(status, r, code, field)
        status, r = self.office.request("PUT", f"/api/v1/students/{pupil['id']}/guardians/{uuid.uuid4()}")
        self.assertIn("GET /api/v1/guardians?q=", r["error"]["message"])
        self.assertEqual(self.counts(), before)

    # --- staff ---------------------------------------------------------------------------
    def test_a_new_teacher_is_given_teaching(self):
        r = self.office.request("POST", "/api/v1/teachers", {"last_name": "Хачатурян", "first_name": "Арам",
                                                              "email": "aram@school.ru"})
        self.assertEqual(r[0], 201, r[1])
        teacher, account = r[1]["teacher"], r[1]["account"]
        self.assertRegex(account["login"], r"^khachaturian\.a\d*$")
        self.assertEqual(self.outbox_ops("teacher", teacher["id"]), ["upsert"])
        status, staff = self.office.request("GET", "/api/v1/teachers")
        self.assertIn(teacher["id"], [t["id"] for t in staff["teachers"]])
        status, subjects = self.as_(self.homeroom).request("GET", "/api/v1/subjects")
        self.assertEqual(status, 200, subjects)
        self.assertEqual(len(subjects["subjects"]), self.count("SELECT count(*) FROM subjects"))

        path = f"/api/v1/classes/{self.class_uuid}/teaching/{self.subject_uuid}/{teacher['id']}"
        status, t = self.office.request("PUT", path)
        self.assertEqual(status, 201, t)
        self.assertEqual((t["class"]["id"], t["subject"]["id"], t["teacher"]["id"]),
                         (self.class_uuid, self.subject_uuid, teacher["id"]))
        key = f"{self.class_uuid}/{self.subject_uuid}/{teacher['id']}"
        self.assertEqual(self.outbox_ops("teaching", key), ["upsert"])
        self.assert_refused(*self.office.request("PUT", path), 409, "teacher_id", "already teaches",
                            error_code="teaching.already_assigned")
        status, listed = self.office.request("GET", f"/api/v1/classes/{self.class_uuid}/teaching")
        self.assertIn(teacher["id"], [x["teacher"]["id"] for x in listed["teaching"]])

        c = self.activate(account["login"], account["one_time_password"])
        status, me = c.request("GET", "/api/v1/me")
        self.assertEqual([(x["class_id"], x["subject_id"]) for x in me["teaches"]], [(self.class_uuid, self.subject_uuid)])

        journal = f"/api/v1/classes/{self.class_uuid}/journal?subject={self.subject_uuid}&term=2"
        self.assertEqual(c.request("GET", journal)[0], 200)
        self.assertEqual(self.office.request("DELETE", path)[0], 204)
        self.assertEqual(c.request("GET", journal)[0], 403)  # the journal closes to them at once
        status, me = c.request("GET", "/api/v1/me")
        self.assertEqual((status, me["teaches"]), (200, []))
        self.assertEqual(self.outbox_ops("teaching", key), ["upsert", "delete"])
        self.assertEqual(self.last_audit("teaching", key)[0], "delete")
        self.assert_refused(*self.office.request("DELETE", path), 404, "teacher_id")
        bad = f"/api/v1/classes/{self.class_uuid}/teaching/{uuid.uuid4()}/{teacher['id']}"
        self.assert_refused(*self.office.request("PUT", bad), 404, "subject_id", "GET /api/v1/subjects")

    # --- who may -------------------------------------------------------------------------
    def test_only_the_office_changes_and_the_class_teacher_and_director_read(self):
        path = f"/api/v1/classes/{self.class_uuid}/students"
        status, office = self.office.request("GET", path)
        self.assertEqual(status, 200, office)
        self.assertIn("card", office["students"][0])
        for account in (self.homeroom, self.director):
            status, body = self.as_(account).request("GET", path)
            self.assertEqual(status, 200, (account["role"], body))
            self.assertEqual([p["id"] for p in body["students"]], [p["id"] for p in office["students"]])
            self.assertNotIn("card", body["students"][0])
        some_pupil = office["students"][0]["id"]
        self.assertEqual(self.as_(self.homeroom).request("GET", f"/api/v1/students/{some_pupil}/guardians")[0], 200)
        for account in (self.far_teacher, self.guardian, self.pupil):
            with self.subTest(role=account["role"]):
                self.assert_refused(*self.as_(account).request("GET", path), 403)
                self.assert_refused(*self.as_(account).request("GET", f"/api/v1/students/{some_pupil}/guardians"), 403)
        for account in (self.homeroom, self.far_teacher, self.guardian, self.pupil):
            self.assert_refused(*self.as_(account).request("GET", "/api/v1/classes"), 403)
        self.assertEqual(self.as_(self.director).request("GET", "/api/v1/classes")[0], 200)

        before = self.counts()
        writes = [
            ("POST", "/api/v1/classes", {"name": "8Э"}),
            ("PATCH", f"/api/v1/classes/{self.class_uuid}", {"profile": "x"}),
            ("POST", "/api/v1/students", {"last_name": "Икс", "first_name": "Игрек", "class_id": self.class_uuid}),
            ("PATCH", f"/api/v1/students/{some_pupil}", {"group_no": 2}),
            ("POST", f"/api/v1/students/{some_pupil}/leave", {"left_on": str(TODAY)}),
            ("POST", "/api/v1/guardians", {"last_name": "Икс", "first_name": "Игрек"}),
            ("PUT", f"/api/v1/students/{some_pupil}/guardians/{uuid.uuid4()}", {"relation": "mother"}),
            ("POST", "/api/v1/teachers", {"last_name": "Икс", "first_name": "Игрек"}),
            ("PUT", f"/api/v1/classes/{self.class_uuid}/teaching/{self.subject_uuid}/{uuid.uuid4()}", None),
            ("GET", "/api/v1/guardians?q=" + urllib.parse.quote("Икс"), None),
        ]
        for account in (self.director, self.homeroom, self.guardian, self.pupil):
            for method, p, body in writes:
                with self.subTest(role=account["role"], method=method, path=p):
                    self.assert_refused(*self.as_(account).request(method, p, body), 403)
        self.assert_refused(*self.as_(self.director).request(
            "POST", "/api/v1/roster/import", raw="class,last_name,first_name\n5А,Икс,Игрек\n".encode(),
            headers={"Content-Type": "text/csv"}), 403)
        self.assertEqual(self.counts(), before)

    # --- the CSV import ------------------------------------------------------------------
    def import_csv(self, text, client=None, ctype="text/csv; charset=utf-8"):
        data = text.encode() if isinstance(text, str) else text
        return (client or self.office).request("POST", "/api/v1/roster/import", raw=data, headers={"Content-Type": ctype})

    def test_a_bad_file_lists_every_bad_line_and_writes_nothing(self):
        status, c = self.office.request("POST", "/api/v1/classes", {"name": "1Ю"})
        self.assertEqual(status, 201, c)
        before = self.counts()
        text = ("class,last_name,first_name,middle_name,birth_date,guardian_last_name,guardian_first_name,guardian_phone\n"
                "1Ю,Алексеев,Артём,,2019-05-01,Алексеева,Мария,+79001112233\n"      # 2: fine
                "1Y,Борисова,Вера,,2019-06-01,,,\n"                                 # 3: Latin Y
                "1Ю,Власов,,,2019-07-01,,,\n"                                        # 4: no first name
                "1Ю,Галкина,Дина,,2019-02-30,Галкин,,123\n"                          # 5: date, guardian name, phone
                "1Я,Демин,Егор,,,,,\n"                                               # 6: no such class
                "1Ю,Алексеев,Артём,,2019-05-01,,,\n")                                # 7: the same pupil as line 2
        status, body = self.import_csv(text)
        self.assert_refused(status, body, 400, "csv", "nothing was imported", error_code="roster_import.file_has_problems")
        got = {(r["line"], r["field"]) for r in body["error"]["rows"]}
        self.assertEqual(got, {(3, "class"), (4, "first_name"), (5, "birth_date"), (5, "guardian_first_name"),
                               (5, "guardian_phone"), (7, "last_name")})
        self.assertEqual(self.counts(), before)
        # Only the database knows line 6's class is missing: it is reported once the file itself is clean.
        status, body = self.import_csv("class,last_name,first_name\n1Ю,Алексеев,Артём\n1Я,Демин,Егор\n")
        self.assert_refused(status, body, 400, "csv")
        self.assertEqual([(r["line"], r["field"]) for r in body["error"]["rows"]], [(3, "class")])
        self.assertIn("POST /api/v1/classes", body["error"]["rows"][0]["message"])
        self.assertEqual(self.counts(), before)
        for raw, ctype, says in [
            ("class,last_name,first_name\n1Ю,Алексеев,Артём\n", "application/json", "text/csv"),
            ("class,last_name,first_name\n1Ю,Алексеев,Артём\n", "text/csv; charset=windows-1251", "UTF-8"),
            ("class,last_name,first_name\n1Ю,Алексеев,Артём\n".encode("cp1251"), "text/csv", "CSV UTF-8"),
            ("class,last_name,first_name\n1Ю,\"Алексеев,Артём\n", "text/csv", "never closed"),
            ("class,surname,first_name\n1Ю,Алексеев,Артём\n", "text/csv", "unknown column"),
            ("", "text/csv", "empty"),
        ]:
            with self.subTest(ctype=ctype, says=says):
                status, body = self.import_csv(raw, ctype=ctype)
                self.assertEqual(status, 400, body)
                shown = body["error"]["message"] + " ".join(r["message"] for r in body["error"].get("rows", []))
                self.assertIn(says, shown)
        self.assertEqual(self.counts(), before)

    def test_a_new_class_of_thirty_is_imported_with_login_slips(self):
        status, klass = self.office.request("POST", "/api/v1/classes", {"name": "1Ы"})
        self.assertEqual(status, 201, klass)
        known = self.new_guardian("Известная", "Анна", phone="+7 900 555-00-11")["guardian"]
        before = self.counts()
        lines = ["class;last_name;first_name;middle_name;birth_date;group_no;card;guardian_last_name;guardian_first_name;"
                 "guardian_phone;guardian_relation"]
        first_names = ["Артём", "Вера", "Глеб", "Дина", "Егор", "Жанна", "Захар", "Ирина", "Кирилл", "Лиза"]
        parents = ["Анна", "Борис", "Галина", "Денис", "Елена", "Жанна", "Зоя", "Игорь", "Кира", "Лев"]
        for i in range(30):
            last = ["Смирнов", "Кузнецова", "Попов"][i % 3]
            g_last, g_first, phone = last, parents[i % 10], f"+7 900 100-{i:02d}-00"
            if i in (1, 2):  # siblings: one mother named on both lines
                g_last, g_first, phone = "Общая", "Ольга", "+7 900 200-00-00"
            if i == 3:  # a parent the school knows already, the phone written another way
                g_last, g_first, phone = "Известная", "Анна", "8 900 555 00 11"
            card = f"AB{i:04d}" if i % 5 == 0 else ""
            lines.append(f"1ы;{last};{first_names[i % 10]};\"Иванович\";2019-0{1 + i % 9}-1{i % 10};{1 + i % 2};{card};"
                         f"{g_last};{g_first};{phone};mother")
        status, report = self.import_csv("\r\n".join(lines) + "\r\n")
        self.assertEqual(status, 201, report)
        self.assertEqual(report["pupils"], 30)
        self.assertEqual(report["guardians_linked"], 1)        # the known parent
        self.assertEqual(report["guardians_created"], 30 - 2)  # one shared by siblings, one known
        self.assertEqual(len(report["accounts"]), 30 + 28)
        logins = [a["login"] for a in report["accounts"]]
        self.assertEqual(len(set(logins)), len(logins))
        self.assertTrue(all(a["one_time_password"] and a["class"] == "1Ы" for a in report["accounts"]))
        self.assertEqual([a["line"] for a in report["accounts"] if a["role"] == "student"], list(range(2, 32)))
        after = self.counts()
        self.assertEqual(after["students"], before["students"] + 30)
        self.assertEqual(after["guardians"], before["guardians"] + 28)
        self.assertEqual(after["student_guardians"], before["student_guardians"] + 30)
        self.assertEqual(after["users"], before["users"] + 58)
        self.assertEqual(after["outbox"], before["outbox"] + 30 + 28 + 30)
        self.assertEqual(self.count("SELECT count(*) FROM student_guardians l JOIN guardians g ON g.id=l.guardian_id "
                                    "WHERE g.uuid=?", known["id"]), 1)
        self.assertEqual(self.count("SELECT count(*) FROM students s JOIN classes c ON c.id=s.class_id WHERE c.uuid=? "
                                    "AND s.middle_name='Иванович' AND s.card IS NOT NULL", klass["id"]), 6)
        status, listed = self.office.request("GET", f"/api/v1/classes/{klass['id']}/students")
        self.assertEqual(len(listed["students"]), 30)
        # A slip's password signs in and must be changed.
        pupil_slip = next(a for a in report["accounts"] if a["role"] == "student")
        guardian_slip = next(a for a in report["accounts"] if a["role"] == "guardian")
        self.activate(pupil_slip["login"], pupil_slip["one_time_password"])
        parent = self.activate(guardian_slip["login"], guardian_slip["one_time_password"])
        status, me = parent.request("GET", "/api/v1/me")
        self.assertEqual(len(me["children"]), 1)
        # The same file again: every pupil is at school already and every card is taken.
        status, body = self.import_csv("\r\n".join(lines))
        self.assertEqual(status, 400, body)
        rows = [(r["line"], r["field"]) for r in body["error"]["rows"]]
        self.assertEqual(sorted(l for l, f in rows if f == "last_name"), list(range(2, 32)))
        self.assertEqual(sorted(l for l, f in rows if f == "card"), [2, 7, 12, 17, 22, 27])
        self.assertEqual(len(rows), 36)
        self.assertEqual(self.counts(), after)

    # --- the trail -----------------------------------------------------------------------
    def test_zz_the_audit_chain_is_whole_after_all_of_this(self):
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)
        self.assertGreater(self.count("SELECT count(*) FROM audit WHERE actor_user=?", self.secretary_user()), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
