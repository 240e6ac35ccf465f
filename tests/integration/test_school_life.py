"""School life end to end — announcements, conversations, events, behaviour notes, clubs, support
appeals and the backpack — against a real classbookd over TLS with the demo school's accounts."""
import datetime
import json
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

WEEK = "2026-W48"
MONDAY = datetime.date(2026, 11, 23)
# The recommended maximum daily set by grade (SanPiN), as the API must apply it.
BACKPACK_MAX = {1: 1500, 2: 1500, 3: 2000, 4: 2000, 5: 2500, 6: 2500, 7: 3500, 8: 3500, 9: 4000, 10: 4000, 11: 4000}


class SchoolLife(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        cls.clients = {}
        acc = cls.box.accounts
        with cls.box.db() as db:
            def one(sql, *args):
                return db.execute(sql, args).fetchone()

            # A pupil with an account, a guardian account and a class teacher with an account.
            by_teacher_uuid = {a["person_id"]: a for a in acc if a["role"] == "teacher"}
            for pupil in (a for a in acc if a["role"] == "student"):
                row = one("SELECT c.id, c.uuid, c.name, t.uuid FROM students s JOIN classes c ON c.id=s.class_id "
                          "LEFT JOIN teachers t ON t.id=c.class_teacher_id WHERE s.uuid=?", pupil["person_id"])
                guardians = [a for a in acc if a["role"] == "guardian" and pupil["person_id"] in a["children"]]
                if row[3] in by_teacher_uuid and guardians:
                    cls.pupil, cls.guardian, cls.homeroom = pupil, guardians[0], by_teacher_uuid[row[3]]
                    cls.class_id, cls.class_uuid, cls.class_name = row[0], row[1], row[2]
                    break
            else:
                raise RuntimeError("the demo school has no pupil with a guardian and a class teacher")

            # A subject teacher of the class who does not lead it, and a teacher with nothing to do with
            # any class of the guardian's children.
            linked = {r[0] for r in db.execute(
                "SELECT t.uuid FROM teaching x JOIN teachers t ON t.id=x.teacher_id WHERE x.class_id=?", (cls.class_id,))}
            cls.subject_teacher = next(a for a in acc if a["role"] == "teacher" and a["person_id"] in linked
                                       and a is not cls.homeroom)
            family = {r[0] for r in db.execute(
                "SELECT t.uuid FROM students s JOIN teaching x ON x.class_id=s.class_id JOIN teachers t ON t.id=x.teacher_id "
                "WHERE s.uuid IN (SELECT value FROM json_each(?)) UNION SELECT t.uuid FROM students s "
                "JOIN classes c ON c.id=s.class_id JOIN teachers t ON t.id=c.class_teacher_id "
                "WHERE s.uuid IN (SELECT value FROM json_each(?))",
                (json.dumps(cls.guardian["children"]), json.dumps(cls.guardian["children"])))}
            cls.far_teacher = next(a for a in acc if a["role"] == "teacher" and a["person_id"] not in family | linked)
            # A pupil of another class, with a guardian who has no child in ours.
            ours = {r[0] for r in db.execute("SELECT uuid FROM students WHERE class_id=?", (cls.class_id,))}
            cls.other_guardian = next(a for a in acc if a["role"] == "guardian" and a["children"]
                                      and not set(a["children"]) & ours)
            cls.other_pupil = cls.other_guardian["children"][0]
            cls.other_class_id = one("SELECT class_id FROM students WHERE uuid=?", cls.other_pupil)[0]
        cls.secretary = cls.box.account("secretary")
        cls.director = cls.box.account("director")

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers -------------------------------------------------------------------------
    def as_(self, account):
        """A signed-in client per account, reused: sign-in hashes with argon2id and is slow on purpose."""
        if account["login"] not in self.clients:
            self.clients[account["login"]] = self.box.signed_in(account)
        return self.clients[account["login"]]

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    def user_id(self, account):
        return self.count("SELECT uuid FROM users WHERE login=?", account["login"])

    def assert_refused(self, status, body, code, field=None, error_code=None):
        self.assertEqual(status, code, body)
        self.assertTrue(body["error"]["message"], body)
        self.assertIn("kind", body["error"])
        if field is not None:
            self.assertEqual(body["error"].get("field"), field, body)
        if error_code is not None:
            self.assertEqual(body["error"]["code"], error_code, body)

    def audit_is_whole(self):
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)

    # --- announcements -------------------------------------------------------------------
    def test_announcements_reach_the_class_and_the_school(self):
        t = self.as_(self.homeroom)
        status, a = t.request("POST", "/api/v1/announcements",
                              {"title": "Экскурсия в музей", "body": "В пятницу идём в музей.", "class_id": self.class_uuid})
        self.assertEqual(status, 201, a)
        self.assertEqual(a["class"], {"id": self.class_uuid, "name": self.class_name})
        self.assertEqual(a["author"]["id"], self.user_id(self.homeroom))
        self.assertEqual(self.count("SELECT count(*) FROM announcements WHERE uuid=? AND class_id=?", a["id"], self.class_id), 1)

        status, school = self.as_(self.secretary).request("POST", "/api/v1/announcements",
                                                          {"title": "Субботник", "body": "В субботу субботник.", "class_id": None})
        self.assertEqual(status, 201, school)
        self.assertIsNone(school["class"])

        def seen_by(account):
            status, body = self.as_(account).request("GET", "/api/v1/announcements")
            self.assertEqual(status, 200, body)
            return [x["id"] for x in body["announcements"]]

        for account in (self.guardian, self.pupil, self.homeroom, self.subject_teacher, self.director, self.secretary):
            self.assertIn(a["id"], seen_by(account), account["role"])
            self.assertIn(school["id"], seen_by(account), account["role"])
        for account in (self.other_guardian, self.far_teacher):
            self.assertNotIn(a["id"], seen_by(account), account["role"])
            self.assertIn(school["id"], seen_by(account), account["role"])
        # Newest first.
        status, body = self.as_(self.guardian).request("GET", "/api/v1/announcements")
        times = [x["created_at"] for x in body["announcements"]]
        self.assertEqual(times, sorted(times, reverse=True))

    def test_who_may_announce_where(self):
        before = self.count("SELECT count(*) FROM announcements")
        ok = {"title": "Заголовок", "body": "Текст"}
        cases = [
            (self.far_teacher, dict(ok, class_id=self.class_uuid)),      # a class neither taught nor led
            (self.homeroom, ok),                                          # the whole school: office and director only
            (self.guardian, dict(ok, class_id=self.class_uuid)),
            (self.pupil, ok),
        ]
        for account, body in cases:
            status, r = self.as_(account).request("POST", "/api/v1/announcements", body)
            self.assert_refused(status, r, 403)
        status, r = self.as_(self.subject_teacher).request("POST", "/api/v1/announcements", dict(ok, class_id=self.class_uuid))
        self.assertEqual(status, 201, r)
        self.assertEqual(self.count("SELECT count(*) FROM announcements"), before + 1)

    def test_bad_announcements_write_nothing(self):
        t = self.as_(self.homeroom)
        before = self.count("SELECT count(*) FROM announcements")
        good = {"title": "Заголовок", "body": "Текст", "class_id": self.class_uuid}
        cases = [
            ({"body": "Текст", "class_id": self.class_uuid}, 400, "title"),
            (dict(good, title="  "), 400, "title"),
            (dict(good, title="две\nстроки"), 400, "title"),
            (dict(good, title="я" * 201), 400, "title"),
            (dict(good, body="я" * 5001), 400, "body"),
            (dict(good, body=5), 400, "body"),
            (dict(good, class_id="5А"), 400, "class_id"),
            (dict(good, class_id=str(uuid.uuid4())), 404, "class_id"),
            (dict(good, pinned=True), 400, "pinned"),
        ]
        for body, code, field in cases:
            status, r = t.request("POST", "/api/v1/announcements", body)
            self.assert_refused(status, r, code, field)
        status, r = t.request("POST", "/api/v1/announcements", raw=b"{not json", headers={"Content-Type": "application/json"})
        self.assert_refused(status, r, 400)
        status, r = t.request("POST", "/api/v1/announcements", good, csrf=False)
        self.assert_refused(status, r, 403)
        self.assertEqual(self.count("SELECT count(*) FROM announcements"), before)

    # --- conversations -------------------------------------------------------------------
    def test_a_conversation_between_a_guardian_and_the_class_teacher(self):
        g, t = self.as_(self.guardian), self.as_(self.homeroom)
        status, th = g.request("POST", "/api/v1/threads", {"to_user_id": self.user_id(self.homeroom),
                                                           "subject": "Справка", "body": "Здравствуйте! Принесём справку."})
        self.assertEqual(status, 201, th)
        self.assertEqual(sorted(m["id"] for m in th["members"]), sorted([self.user_id(self.guardian), self.user_id(self.homeroom)]))
        self.assertEqual([(m["body"], m["mine"]) for m in th["messages"]], [("Здравствуйте! Принесём справку.", True)])
        self.assertEqual(th["message_count"], 1)

        status, listing = t.request("GET", "/api/v1/threads")
        self.assertEqual(status, 200, listing)
        self.assertIn(th["id"], [x["id"] for x in listing["threads"]])
        self.assertNotIn("messages", listing["threads"][0])
        status, m = t.request("POST", f"/api/v1/threads/{th['id']}/messages", {"body": "Спасибо, жду."})
        self.assertEqual(status, 201, m)
        self.assertEqual((m["author"]["id"], m["mine"]), (self.user_id(self.homeroom), True))

        status, full = g.request("GET", f"/api/v1/threads/{th['id']}")
        self.assertEqual(status, 200, full)
        self.assertEqual([x["body"] for x in full["messages"]], ["Здравствуйте! Принесём справку.", "Спасибо, жду."])
        self.assertEqual([x["mine"] for x in full["messages"]], [True, False])
        self.assertEqual(full["message_count"], 2)
        self.assertEqual(self.count("SELECT count(*) FROM messages m JOIN threads t ON t.id=m.thread_id WHERE t.uuid=?", th["id"]), 2)

    def test_only_members_read_and_write_a_conversation(self):
        status, th = self.as_(self.homeroom).request("POST", "/api/v1/threads", {
            "to_user_id": self.user_id(self.guardian), "subject": "Собрание", "body": "Приходите в четверг."})
        self.assertEqual(status, 201, th)
        messages = self.count("SELECT count(*) FROM messages")
        for outsider in (self.far_teacher, self.other_guardian, self.pupil, self.director, self.secretary):
            c = self.as_(outsider)
            status, r = c.request("GET", f"/api/v1/threads/{th['id']}")
            self.assert_refused(status, r, 403)
            status, r = c.request("POST", f"/api/v1/threads/{th['id']}/messages", {"body": "Я тоже тут"})
            self.assert_refused(status, r, 403)
            status, listing = c.request("GET", "/api/v1/threads")
            self.assertNotIn(th["id"], [x["id"] for x in listing["threads"]])
        self.assertEqual(self.count("SELECT count(*) FROM messages"), messages)
        for bad in ("not-a-uuid", str(uuid.uuid4())):
            self.assert_refused(*self.as_(self.guardian).request("GET", f"/api/v1/threads/{bad}"), 404)
            self.assert_refused(*self.as_(self.guardian).request("POST", f"/api/v1/threads/{bad}/messages", {"body": "x"}), 404)

    def test_who_may_start_a_conversation_with_whom(self):
        before = self.count("SELECT count(*) FROM threads")
        allowed = [
            (self.pupil, self.subject_teacher),      # a pupil to a teacher of the own class
            (self.guardian, self.secretary),         # a guardian to the office
            (self.far_teacher, self.homeroom),       # staff to staff
            (self.director, self.other_guardian),
        ]
        refused = [
            (self.guardian, self.far_teacher),       # not a teacher of the child's class
            (self.guardian, self.other_guardian),    # guardians do not write to each other
            (self.pupil, self.far_teacher),
            (self.pupil, self.guardian),
            (self.far_teacher, self.guardian),       # not a guardian of a class the teacher has
        ]
        for sender, recipient in allowed:
            status, r = self.as_(sender).request("POST", "/api/v1/threads", {
                "to_user_id": self.user_id(recipient), "subject": "Вопрос", "body": "Здравствуйте!"})
            self.assertEqual(status, 201, (sender["role"], recipient["role"], r))
        for sender, recipient in refused:
            status, r = self.as_(sender).request("POST", "/api/v1/threads", {
                "to_user_id": self.user_id(recipient), "subject": "Вопрос", "body": "Здравствуйте!"})
            self.assert_refused(status, r, 403)
        self.assertEqual(self.count("SELECT count(*) FROM threads"), before + len(allowed))

    def test_bad_conversations_write_nothing(self):
        g = self.as_(self.guardian)
        counts = lambda: [self.count(f"SELECT count(*) FROM {t}") for t in ("threads", "thread_members", "messages")]  # noqa: E731
        before = counts()
        good = {"to_user_id": self.user_id(self.homeroom), "subject": "Тема", "body": "Текст"}
        cases = [
            (dict(good, to_user_id="homeroom"), 400, "to_user_id"),
            (dict(good, to_user_id=str(uuid.uuid4())), 404, "to_user_id"),
            (dict(good, to_user_id=self.user_id(self.guardian)), 400, "to_user_id"),
            (dict(good, subject=""), 400, "subject"),
            (dict(good, subject="a\nb"), 400, "subject"),
            (dict(good, body=" \n "), 400, "body"),
            (dict(good, body="я" * 5001), 400, "body"),
            ({"subject": "Тема", "body": "Текст"}, 400, "to_user_id"),
            (dict(good, cc="director"), 400, "cc"),
        ]
        for body, code, field in cases:
            status, r = g.request("POST", "/api/v1/threads", body)
            self.assert_refused(status, r, code, field)
        status, th = g.request("POST", "/api/v1/threads", good)
        self.assertEqual(status, 201, th)
        after_one = counts()
        for body in ({"body": ""}, {"body": "ok", "subject": "x"}, {}):
            status, r = g.request("POST", f"/api/v1/threads/{th['id']}/messages", body)
            self.assert_refused(status, r, 400)
        self.assertEqual(after_one, [before[0] + 1, before[1] + 2, before[2] + 1])
        self.assertEqual(counts(), after_one)

    # --- messages (issue 10): unread counts and the directory ---------------------------------
    def rows(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def directory(self, account):
        status, d = self.as_(account).request("GET", "/api/v1/directory")
        self.assertEqual(status, 200, d)
        return {p["id"]: p for p in d["people"]}

    def teacher_users_of(self, class_ids):
        """The enabled teacher accounts who teach or lead one of the classes, by user uuid."""
        ids = json.dumps(sorted(class_ids))
        return {u for (u,) in self.rows(
            "SELECT u.uuid FROM users u WHERE u.role='teacher' AND u.disabled=0 AND u.person_id IN ("
            " SELECT teacher_id FROM teaching WHERE class_id IN (SELECT value FROM json_each(?))"
            " UNION SELECT class_teacher_id FROM classes WHERE id IN (SELECT value FROM json_each(?)))", ids, ids)}

    def office_users(self):
        return {u for (u,) in self.rows("SELECT uuid FROM users WHERE role IN ('secretary','director') AND disabled=0")}

    def test_the_directory_of_a_guardian_names_the_childrens_teachers_with_subjects(self):
        children = self.rows("SELECT DISTINCT class_id FROM students WHERE uuid IN (SELECT value FROM json_each(?))",
                             json.dumps(self.guardian["children"]))
        people = self.directory(self.guardian)
        self.assertEqual(set(people), self.teacher_users_of({c for (c,) in children}) | self.office_users())
        self.assertNotIn(self.user_id(self.far_teacher), people)
        self.assertNotIn(self.user_id(self.other_guardian), people)
        self.assertNotIn(self.user_id(self.guardian), people)
        self.assertEqual({p["role"] for p in people.values()}, {"teacher", "secretary", "director"})
        # The subject teacher by name with the subjects taught in the child's class; the class teacher marked.
        st = people[self.user_id(self.subject_teacher)]
        self.assertEqual(st["name"], self.count("SELECT display_name FROM users WHERE login=?", self.subject_teacher["login"]))
        taught = {n for (n,) in self.rows("SELECT s.name FROM teaching x JOIN subjects s ON s.id=x.subject_id "
                                         "JOIN teachers t ON t.id=x.teacher_id WHERE x.class_id=? AND t.uuid=?",
                                         self.class_id, self.subject_teacher["person_id"])}
        self.assertEqual({l["subject"] for l in st["links"] if l["class"]["name"] == self.class_name and l["subject"]}, taught)
        self.assertTrue(taught)
        lead = people[self.user_id(self.homeroom)]
        self.assertIn({"class": {"id": self.class_uuid, "name": self.class_name}, "subject": None, "class_teacher": True, "child": None},
                      lead["links"])
        # Links name only the guardian's own children's classes.
        mine = {c for (c,) in self.rows("SELECT c.uuid FROM classes c WHERE c.id IN (SELECT class_id FROM students "
                                        "WHERE uuid IN (SELECT value FROM json_each(?)))", json.dumps(self.guardian["children"]))}
        self.assertLessEqual({l["class"]["id"] for p in people.values() for l in p["links"]}, mine)

    def test_the_directory_of_a_pupil_is_the_own_class_teachers(self):
        people = self.directory(self.pupil)
        self.assertEqual(set(people), self.teacher_users_of({self.class_id}))
        self.assertIn(self.user_id(self.homeroom), people)
        self.assertIn(self.user_id(self.subject_teacher), people)

    def test_the_directory_of_a_teacher_has_the_class_families_and_the_staff(self):
        people = self.directory(self.homeroom)
        self.assertIn(self.user_id(self.guardian), people)
        self.assertIn(self.user_id(self.pupil), people)
        self.assertIn(self.user_id(self.far_teacher), people)
        self.assertIn(self.user_id(self.secretary), people)
        self.assertNotIn(self.user_id(self.homeroom), people)
        child = self.count("SELECT last_name || ' ' || first_name FROM students WHERE uuid=?", self.pupil["person_id"])
        self.assertIn(child, {l["child"] for l in people[self.user_id(self.guardian)]["links"]})
        # A teacher with no class of the guardian's children does not see that family.
        far = self.directory(self.far_teacher)
        self.assertNotIn(self.user_id(self.guardian), far)
        self.assertNotIn(self.user_id(self.pupil), far)
        self.assertIn(self.user_id(self.homeroom), far)

    def test_the_directory_and_starting_a_thread_agree(self):
        g = self.as_(self.guardian)
        people = self.directory(self.guardian)
        before = self.count("SELECT count(*) FROM threads")
        for outsider in (self.far_teacher, self.other_guardian, self.pupil):
            self.assertNotIn(self.user_id(outsider), people)
            status, r = g.request("POST", "/api/v1/threads", {"to_user_id": self.user_id(outsider), "subject": "Вопрос", "body": "Добрый день"})
            self.assert_refused(status, r, 403, error_code="thread.not_allowed")
        self.assertEqual(self.count("SELECT count(*) FROM threads"), before)
        for person in people:
            status, r = g.request("POST", "/api/v1/threads", {"to_user_id": person, "subject": "Вопрос", "body": "Добрый день"})
            self.assertEqual(status, 201, (people[person], r))
        self.assertEqual(self.count("SELECT count(*) FROM threads"), before + len(people))

    def unread(self, account, thread_id):
        status, listing = self.as_(account).request("GET", "/api/v1/threads")
        self.assertEqual(status, 200, listing)
        self.assertEqual(listing["unread"], sum(t["unread"] for t in listing["threads"]))
        return next(t["unread"] for t in listing["threads"] if t["id"] == thread_id), listing["unread"]

    def test_unread_counts_follow_reading_and_answers(self):
        g, t = self.as_(self.guardian), self.as_(self.subject_teacher)
        status, th = g.request("POST", "/api/v1/threads", {"to_user_id": self.user_id(self.subject_teacher),
                                                           "subject": "Контрольная", "body": "Когда пересдача?"})
        self.assertEqual(status, 201, th)
        self.assertEqual(self.unread(self.guardian, th["id"])[0], 0)   # one's own message is read
        one, total = self.unread(self.subject_teacher, th["id"])
        self.assertEqual(one, 1)
        self.assertGreaterEqual(total, 1)
        status, r = t.request("PUT", f"/api/v1/threads/{th['id']}/read")
        self.assertEqual(status, 204, r)
        self.assertEqual(self.unread(self.subject_teacher, th["id"]), (0, total - 1))
        for text in ("В среду.", "После шестого урока."):
            self.assertEqual(t.request("POST", f"/api/v1/threads/{th['id']}/messages", {"body": text})[0], 201)
        self.assertEqual(self.unread(self.guardian, th["id"])[0], 2)
        self.assertEqual(self.unread(self.subject_teacher, th["id"])[0], 0)
        self.assertEqual(g.request("PUT", f"/api/v1/threads/{th['id']}/read")[0], 204)
        self.assertEqual(self.unread(self.guardian, th["id"])[0], 0)
        # Only members mark a thread read; nothing changes for an outsider's try.
        marks = self.rows("SELECT user_id, last_read_message FROM thread_members ORDER BY 1, 2")
        self.assert_refused(*self.as_(self.far_teacher).request("PUT", f"/api/v1/threads/{th['id']}/read"), 403)
        self.assert_refused(*g.request("PUT", f"/api/v1/threads/{uuid.uuid4()}/read"), 404)
        self.assertEqual(self.rows("SELECT user_id, last_read_message FROM thread_members ORDER BY 1, 2"), marks)

    # --- events --------------------------------------------------------------------------
    def test_events_feed_shows_the_school_and_the_own_classes(self):
        frm, to = "2026-11-16", "2026-11-29"
        with self.box.db() as db:
            rows = db.execute("SELECT uuid, class_id FROM events WHERE date BETWEEN ? AND ?", (frm, to)).fetchall()
            family = {r[0] for r in db.execute("SELECT class_id FROM students WHERE uuid IN (SELECT value FROM json_each(?))",
                                               (json.dumps(self.guardian["children"]),))}
        school = {u for u, c in rows if c is None}
        ours = {u for u, c in rows if c == self.class_id}
        everything = {u for u, _ in rows}
        self.assertTrue(school, "the demo school has school-wide events every week")
        self.assertTrue(ours, "the demo gives every class with a class teacher a parents' meeting")

        # A guardian follows every child's class; the pupil only the own one.
        status, feed = self.as_(self.guardian).request("GET", f"/api/v1/events?from={frm}&to={to}")
        self.assertEqual(status, 200, feed)
        self.assertEqual({e["id"] for e in feed["events"]}, school | {u for u, c in rows if c in family})
        dates = [e["date"] for e in feed["events"]]
        self.assertEqual(dates, sorted(dates))
        mine = next(e for e in feed["events"] if e["id"] in ours)
        self.assertEqual(mine["class"], {"id": self.class_uuid, "name": self.class_name})
        self.assertEqual({e["id"] for e in self.as_(self.pupil).request("GET", f"/api/v1/events?from={frm}&to={to}")[1]["events"]},
                         school | ours)
        status, feed = self.as_(self.director).request("GET", f"/api/v1/events?from={frm}&to={to}")
        self.assertEqual({e["id"] for e in feed["events"]}, everything)
        status, feed = self.as_(self.other_guardian).request("GET", f"/api/v1/events?from={frm}&to={to}")
        self.assertFalse({e["id"] for e in feed["events"]} & ours)

        for query, field in (("from=2026-11-16", "to"), ("to=2026-11-16", "from"), ("from=2026-13-01&to=2026-12-01", "from"),
                             ("from=2026-11-20&to=2026-11-19", "to"), ("from=2026-01-01&to=2027-01-02", "to")):
            status, r = self.as_(self.guardian).request("GET", f"/api/v1/events?{query}")
            self.assert_refused(status, r, 400, field)
        status, r = self.as_(self.guardian).request("GET", "/api/v1/events?from=2026-01-01&to=2027-01-01")
        self.assertEqual(status, 200, r)  # 366 days is the most

    # --- behaviour notes -----------------------------------------------------------------
    def test_the_class_teacher_writes_the_weekly_note_and_readers_see_it(self):
        path = f"/api/v1/students/{self.pupil['person_id']}/weeks/{WEEK}/behaviour"
        status, empty = self.as_(self.guardian).request("GET", path)
        self.assertEqual((status, empty["note"], empty["week"]), (200, None, WEEK))
        audit = self.count("SELECT count(*) FROM audit")

        status, n = self.as_(self.homeroom).request("PUT", path, {"text": "Активно работал на уроках."})
        self.assertEqual(status, 200, n)
        self.assertEqual(n["note"]["text"], "Активно работал на уроках.")
        self.assertEqual(n["note"]["author"]["id"], self.user_id(self.homeroom))
        status, n2 = self.as_(self.homeroom).request("PUT", path, {"text": "Активно работал, но опаздывал."})
        self.assertEqual(status, 200, n2)
        self.assertEqual(n2["note"]["id"], n["note"]["id"])  # rewritten, not a second note
        self.assertEqual(self.count("SELECT count(*) FROM behaviour_notes b JOIN students s ON s.id=b.student_id "
                                    "WHERE s.uuid=? AND b.week=?", self.pupil["person_id"], WEEK), 1)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='behaviour_note' AND uuid=?", n["note"]["id"]), 2)
        self.assertEqual(self.count("SELECT count(*) FROM audit"), audit + 2)
        self.audit_is_whole()

        for reader in (self.guardian, self.pupil, self.subject_teacher, self.homeroom, self.director):
            status, r = self.as_(reader).request("GET", path)
            self.assertEqual((status, r["note"]["text"] if status == 200 else r), (200, "Активно работал, но опаздывал."), reader["role"])
        for outsider in (self.other_guardian, self.far_teacher, self.secretary):
            status, r = self.as_(outsider).request("GET", path)
            self.assert_refused(status, r, 403)

    def test_only_the_class_teacher_writes_the_note_and_bad_notes_write_nothing(self):
        path = f"/api/v1/students/{self.pupil['person_id']}/weeks/2026-W47/behaviour"
        for writer in (self.subject_teacher, self.far_teacher, self.secretary, self.director, self.guardian, self.pupil):
            status, r = self.as_(writer).request("PUT", path, {"text": "Хорошо"})
            self.assert_refused(status, r, 403)
        t = self.as_(self.homeroom)
        for body, field in (({"text": ""}, "text"), ({"text": "  \n"}, "text"), ({"text": "я" * 1001}, "text"),
                            ({}, "text"), ({"text": "ok", "mood": 5}, "mood")):
            status, r = t.request("PUT", path, body)
            self.assert_refused(status, r, 400, field)
        for week in ("2026-47", "2026-W54", "w47"):
            status, r = t.request("PUT", f"/api/v1/students/{self.pupil['person_id']}/weeks/{week}/behaviour", {"text": "ok"})
            self.assert_refused(status, r, 400, "week")
        status, r = t.request("PUT", f"/api/v1/students/{uuid.uuid4()}/weeks/2026-W47/behaviour", {"text": "ok"})
        self.assert_refused(status, r, 404)
        self.assertEqual(self.count("SELECT count(*) FROM behaviour_notes WHERE week='2026-W47'"), 0)
        status, r = t.request("PUT", path, {"text": "я" * 1000})
        self.assertEqual(status, 200, r)  # exactly the limit

    # --- clubs ---------------------------------------------------------------------------
    def test_clubs_with_sessions_and_a_pupils_clubs(self):
        with self.box.db() as db:
            teacher = db.execute("SELECT id, last_name, first_name, middle_name FROM teachers WHERE uuid=?",
                                 (self.homeroom["person_id"],)).fetchone()
            pupil_id = db.execute("SELECT id FROM students WHERE uuid=?", (self.pupil["person_id"],)).fetchone()[0]
            club_uuid, other_uuid = str(uuid.uuid4()), str(uuid.uuid4())
            db.execute("INSERT INTO rooms(name) VALUES ('Кабинет шахмат (тест)')")
            room = db.execute("SELECT id FROM rooms WHERE name='Кабинет шахмат (тест)'").fetchone()[0]
            db.execute("INSERT INTO clubs(uuid, name, teacher_id, room_id) VALUES (?,?,?,?)", (club_uuid, "Шахматы", teacher[0], room))
            club = db.execute("SELECT id FROM clubs WHERE uuid=?", (club_uuid,)).fetchone()[0]
            db.execute("INSERT INTO club_sessions VALUES (?,3,900,990), (?,1,960,1035)", (club, club))
            db.execute("INSERT INTO club_members VALUES (?,?)", (club, pupil_id))
            db.execute("INSERT INTO clubs(uuid, name) VALUES (?, 'Хор')", (other_uuid,))

        status, r = self.as_(self.other_guardian).request("GET", "/api/v1/clubs")
        self.assertEqual(status, 200, r)
        chess = next(c for c in r["clubs"] if c["id"] == club_uuid)
        self.assertEqual(chess["teacher"], " ".join(x for x in teacher[1:] if x))
        self.assertEqual((chess["room"], chess["member_count"]), ("Кабинет шахмат (тест)", 1))
        self.assertEqual(chess["sessions"], [{"weekday": 1, "starts": "16:00", "ends": "17:15"},
                                             {"weekday": 3, "starts": "15:00", "ends": "16:30"}])
        choir = next(c for c in r["clubs"] if c["id"] == other_uuid)
        self.assertEqual((choir["teacher"], choir["sessions"], choir["member_count"]), ("", [], 0))

        def clubs_of(student_uuid):
            with self.box.db() as db:
                return {r[0] for r in db.execute("SELECT c.uuid FROM clubs c JOIN club_members m ON m.club_id=c.id "
                                                 "JOIN students s ON s.id=m.student_id WHERE s.uuid=?", (student_uuid,))}

        for reader in (self.guardian, self.pupil, self.homeroom):
            status, mine = self.as_(reader).request("GET", f"/api/v1/students/{self.pupil['person_id']}/clubs")
            self.assertEqual(status, 200, mine)
            self.assertIn(club_uuid, [c["id"] for c in mine["clubs"]])
            self.assertEqual({c["id"] for c in mine["clubs"]}, clubs_of(self.pupil["person_id"]))
        status, theirs = self.as_(self.other_guardian).request("GET", f"/api/v1/students/{self.other_pupil}/clubs")
        self.assertEqual(status, 200, theirs)
        self.assertNotIn(club_uuid, [c["id"] for c in theirs["clubs"]])
        self.assertEqual({c["id"] for c in theirs["clubs"]}, clubs_of(self.other_pupil))
        status, r = self.as_(self.other_guardian).request("GET", f"/api/v1/students/{self.pupil['person_id']}/clubs")
        self.assert_refused(status, r, 403)
        self.assert_refused(*self.as_(self.guardian).request("GET", "/api/v1/students/nobody/clubs"), 404)

    # --- support appeals -----------------------------------------------------------------
    def test_appeal_numbers_and_who_sees_which(self):
        g = self.as_(self.guardian)
        status, a = g.request("POST", "/api/v1/appeals", {"topic": "Не приходят уведомления", "body": "Уже неделю."})
        self.assertEqual(status, 201, a)
        self.assertRegex(a["number"], r"^\d{4}-\d{6}$")
        self.assertEqual((a["status"], a["answer"], a["answered_at"]), ("open", None, None))
        self.assertEqual(a["author"]["id"], self.user_id(self.guardian))
        status, b = self.as_(self.pupil).request("POST", "/api/v1/appeals", {"topic": "Пароль", "body": "Забыл пароль."})
        self.assertEqual(status, 201, b)
        year, seq = a["number"].split("-")
        self.assertEqual(b["number"], f"{year}-{int(seq) + 1:06d}")
        self.assertEqual(year, str(datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=3))).year))

        own = [x["id"] for x in g.request("GET", "/api/v1/appeals")[1]["appeals"]]
        self.assertIn(a["id"], own)
        self.assertNotIn(b["id"], own)
        for support in (self.secretary, self.director):
            status, r = self.as_(support).request("GET", "/api/v1/appeals")
            self.assertEqual(status, 200, r)
            self.assertTrue({a["id"], b["id"]} <= {x["id"] for x in r["appeals"]})
        status, r = self.as_(self.secretary).request("GET", "/api/v1/appeals?status=open")
        self.assertTrue(all(x["status"] == "open" for x in r["appeals"]))
        self.assert_refused(*self.as_(self.secretary).request("GET", "/api/v1/appeals?status=lost"), 400, "status")

    def test_bad_appeals_write_nothing(self):
        before = self.count("SELECT count(*) FROM appeals")
        g = self.as_(self.guardian)
        for body, field in (({"topic": "", "body": "x"}, "topic"), ({"topic": "a\nb", "body": "x"}, "topic"),
                            ({"topic": "Тема", "body": ""}, "body"), ({"topic": "Тема"}, "body"),
                            ({"topic": "Тема", "body": "x", "status": "closed"}, "status")):
            self.assert_refused(*g.request("POST", "/api/v1/appeals", body), 400, field)
        self.assert_refused(*g.request("POST", "/api/v1/appeals", {"topic": "Тема", "body": "x"}, csrf=False), 403)
        self.assertEqual(self.count("SELECT count(*) FROM appeals"), before)

    def test_appeal_lifecycle(self):
        g, s = self.as_(self.guardian), self.as_(self.secretary)
        status, a = g.request("POST", "/api/v1/appeals", {"topic": "Ошибка в расписании", "body": "Во вторник два урока сразу."})
        self.assertEqual(status, 201, a)
        path = f"/api/v1/appeals/{a['id']}"
        status_of = lambda: self.count("SELECT status FROM appeals WHERE uuid=?", a["id"])  # noqa: E731

        self.assert_refused(*g.request("PATCH", path, {"status": "in_progress"}), 403, "status")   # support takes it up
        self.assert_refused(*g.request("PATCH", path, {"status": "closed"}), 403, "status")
        self.assert_refused(*self.as_(self.other_guardian).request("PATCH", path, {"status": "in_progress"}), 403)
        self.assert_refused(*s.request("PATCH", path, {"status": "answered"}), 400, "answer",       # an answer is needed
                            error_code="appeal.answer_required")
        self.assert_refused(*s.request("PATCH", path, {"status": "in_progress", "answer": "x"}), 400, "answer")
        self.assert_refused(*s.request("PATCH", path, {"status": "done"}), 400, "status", error_code="appeal.status_unknown")
        self.assert_refused(*s.request("PATCH", path, {"status": "open"}), 409, "status",          # already open
                            error_code="appeal.transition_refused")
        self.assert_refused(*s.request("PATCH", path, {"status": "answered", "answer": "ok", "x": 1}), 400, "x")
        self.assertEqual(status_of(), "open")

        status, r = s.request("PATCH", path, {"status": "in_progress"})
        self.assertEqual((status, r["status"]), (200, "in_progress"), r)
        status, r = s.request("PATCH", path, {"status": "answered", "answer": "Исправили, спасибо."})
        self.assertEqual(status, 200, r)
        self.assertEqual((r["status"], r["answer"]), ("answered", "Исправили, спасибо."))
        self.assertTrue(r["answered_at"])
        status, r = g.request("PATCH", path, {"status": "in_progress"})                            # the author replies
        self.assertEqual((status, r["status"], r["answer"]), (200, "in_progress", "Исправили, спасибо."), r)
        self.assert_refused(*g.request("PATCH", path, {"status": "open"}), 409, "status")          # no way back to open
        status, r = s.request("PATCH", path, {"status": "closed"})
        self.assertEqual((status, r["status"]), (200, "closed"), r)
        self.assert_refused(*s.request("PATCH", path, {"status": "in_progress"}), 409, "status")   # closed is final
        self.assert_refused(*g.request("PATCH", path, {"status": "in_progress"}), 409, "status")
        self.assertEqual(status_of(), "closed")

        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='appeal' AND uuid=?", a["id"]), 4)
        self.audit_is_whole()
        self.assert_refused(*s.request("PATCH", f"/api/v1/appeals/{uuid.uuid4()}", {"status": "closed"}), 404,
                            error_code="appeal.not_found")

    # --- backpack ------------------------------------------------------------------------
    def expected_backpack(self, student_uuid):
        with self.box.db() as db:
            class_id, group_no, grade = db.execute(
                "SELECT s.class_id, s.group_no, c.grade FROM students s JOIN classes c ON c.id=s.class_id WHERE s.uuid=?",
                (student_uuid,)).fetchone()
            days = []
            for d in range(7):
                date = (MONDAY + datetime.timedelta(days=d)).isoformat()
                lessons = db.execute("SELECT subject_id, cancelled, group_no FROM lessons WHERE class_id=? AND date=?",
                                     (class_id, date)).fetchall()
                if not lessons and d >= 5:
                    continue
                subjects = {s for s, cancelled, g in lessons if not cancelled and g in (0, group_no)}
                grams = sum(max(0, db.execute("SELECT textbook_grams FROM subjects WHERE id=?", (s,)).fetchone()[0])
                            for s in subjects)
                days.append({"date": date, "weekday": d + 1, "grams": grams, "recommended_max_grams": BACKPACK_MAX[grade],
                             "too_heavy": grams > BACKPACK_MAX[grade]})
        return grade, days

    def test_backpack_weights_per_day(self):
        path = f"/api/v1/students/{self.pupil['person_id']}/backpack?week={WEEK}"
        status, bag = self.as_(self.guardian).request("GET", path)
        self.assertEqual(status, 200, bag)
        grade, days = self.expected_backpack(self.pupil["person_id"])
        self.assertEqual((bag["week"], bag["grade"], bag["recommended_max_grams"]), (WEEK, grade, BACKPACK_MAX[grade]))
        self.assertEqual(bag["days"], days)
        self.assertTrue(any(d["grams"] > 0 for d in bag["days"]), "the demo weighs every subject's books")

        # A cancelled lesson leaves its books at home; a heavy atlas makes the day too heavy.
        with self.box.db() as db:
            class_id = db.execute("SELECT class_id FROM students WHERE uuid=?", (self.pupil["person_id"],)).fetchone()[0]
            lesson, subject = db.execute("SELECT id, subject_id FROM lessons WHERE class_id=? AND date=? ORDER BY period LIMIT 1",
                                         (class_id, MONDAY.isoformat())).fetchone()
            other = db.execute("SELECT subject_id FROM lessons WHERE class_id=? AND date=? AND subject_id<>? LIMIT 1",
                               (class_id, MONDAY.isoformat(), subject)).fetchone()[0]
            grams = db.execute("SELECT textbook_grams FROM subjects WHERE id=?", (other,)).fetchone()[0]
            db.execute("UPDATE lessons SET cancelled=1 WHERE id=?", (lesson,))
            db.execute("UPDATE subjects SET textbook_grams=5000 WHERE id=?", (other,))
        try:
            status, bag = self.as_(self.pupil).request("GET", path)
            self.assertEqual(status, 200, bag)
            _, days = self.expected_backpack(self.pupil["person_id"])
            self.assertEqual(bag["days"], days)
            self.assertTrue(bag["days"][0]["too_heavy"])
        finally:
            with self.box.db() as db:
                db.execute("UPDATE lessons SET cancelled=0 WHERE id=?", (lesson,))
                db.execute("UPDATE subjects SET textbook_grams=? WHERE id=?", (grams, other))

        status, r = self.as_(self.subject_teacher).request("GET", path)
        self.assertEqual(status, 200, r)
        for outsider in (self.other_guardian, self.far_teacher, self.secretary):
            self.assert_refused(*self.as_(outsider).request("GET", path), 403)
        for week in ("", "2026-W60", "48"):
            self.assert_refused(*self.as_(self.guardian).request(
                "GET", f"/api/v1/students/{self.pupil['person_id']}/backpack?week={week}"), 400, "week")
        self.assert_refused(*self.as_(self.guardian).request("GET", f"/api/v1/students/{uuid.uuid4()}/backpack?week={WEEK}"), 404,
                            error_code="pupil.not_found")

    # --- everything here needs a session -------------------------------------------------
    def test_school_life_needs_a_session(self):
        c = self.box.client()
        for method, path in (("GET", "/api/v1/announcements"), ("GET", "/api/v1/threads"), ("GET", "/api/v1/clubs"),
                             ("GET", "/api/v1/appeals"), ("GET", "/api/v1/events?from=2026-11-23&to=2026-11-29"),
                             ("POST", "/api/v1/appeals")):
            status, r = c.request(method, path, {"topic": "x", "body": "y"} if method == "POST" else None)
            self.assertEqual(status, 401, (path, r))
        self.assert_refused(*self.as_(self.guardian).request("DELETE", "/api/v1/announcements"), 404)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
