"""The journal grid's API end to end (issue 10, the teacher's grid): the class journal carries each
lesson's homework and teacher, late minutes, dots and the term grade set; and a substitute finds the
lessons they gave (GET /api/v1/me/substitute-lessons) and opens each as a one-column journal
(GET /api/v1/lessons/{id}/journal) while they may still write in it — and no other lesson."""
import datetime
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

SCHOOL_OFFSET = datetime.timedelta(minutes=180)  # the demo school's utc_offset_minutes


def school_today():
    return (datetime.datetime.now(datetime.timezone.utc) + SCHOOL_OFFSET).date()


class JournalGrid(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def q(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def teaching(self, skip=0):
        """(client, class uuid, subject uuid, class id, subject id, [lesson uuids by date]) of a teacher's assignment."""
        class_id, subject_id, teacher = self.q(
            "SELECT x.class_id, x.subject_id, t.uuid FROM teaching x JOIN teachers t ON t.id = x.teacher_id "
            "WHERE EXISTS (SELECT 1 FROM lessons l WHERE l.class_id = x.class_id AND l.subject_id = x.subject_id) "
            "ORDER BY x.class_id, x.subject_id LIMIT 1 OFFSET ?", skip)[0]
        account = next(a for a in self.box.accounts if a["role"] == "teacher" and a["person_id"] == teacher)
        klass = self.q("SELECT uuid FROM classes WHERE id = ?", class_id)[0][0]
        subject = self.q("SELECT uuid FROM subjects WHERE id = ?", subject_id)[0][0]
        lessons = [r[0] for r in self.q("SELECT uuid FROM lessons WHERE class_id = ? AND subject_id = ? ORDER BY date, period",
                                        class_id, subject_id)]
        return self.box.signed_in(account), klass, subject, class_id, subject_id, lessons

    def term_of(self, client, day):
        status, school = client.request("GET", "/api/v1/school")
        self.assertEqual(status, 200, school)
        return next((t["number"] for t in school["terms"] if t["from"] <= day <= t["to"]), None)

    def journal(self, client, klass, subject, term):
        status, j = client.request("GET", f"/api/v1/classes/{klass}/journal?subject={subject}&term={term}")
        self.assertEqual(status, 200, j)
        return j

    def test_the_journal_carries_homework_late_minutes_dots_and_the_term_grade(self):
        t, klass, subject, _, _, lessons = self.teaching()
        lesson = lessons[0]
        date = self.q("SELECT date FROM lessons WHERE uuid = ?", lesson)[0][0]
        term = self.term_of(t, date)
        j = self.journal(t, klass, subject, term)
        self.assertEqual(j["subject_id"], subject)
        pupil = j["students"][0]["student"]["id"]
        due = (datetime.date.fromisoformat(date) + datetime.timedelta(days=3)).isoformat()
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson}", {"topic": "Дроби", "homework": [
            {"text": "§ 4, № 1–5", "mandatory": True, "due_date": due}, {"text": "Кроссворд", "mandatory": False, "due_date": due}]})
        self.assertEqual(status, 204, r)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson}/attendance",
                              {"students": [{"student_id": pupil, "status": "late", "late_minutes": 12}]})
        self.assertEqual(status, 204, r)
        expires = (datetime.date.fromisoformat(date) + datetime.timedelta(days=7)).isoformat()
        status, dot = t.request("POST", "/api/v1/dots", {"student_id": pupil, "lesson_id": lesson, "expires_on": expires})
        self.assertEqual(status, 201, dot)
        status, grade = t.request("PUT", "/api/v1/term-grades", {"student_id": pupil, "subject_id": subject, "term": term, "grade": 3})
        self.assertEqual(status, 200, grade)

        j = self.journal(t, klass, subject, term)
        column = next(l for l in j["lessons"] if l["id"] == lesson)
        self.assertEqual(column["topic"], "Дроби")
        self.assertEqual([(h["text"], h["mandatory"], h["due_date"]) for h in column["homework"]],
                         [("§ 4, № 1–5", True, due), ("Кроссворд", False, due)])
        self.assertTrue(all(h["id"] for h in column["homework"]))
        self.assertTrue(column["teacher"])
        row = next(s for s in j["students"] if s["student"]["id"] == pupil)
        self.assertIn({"lesson_id": lesson, "status": "late", "late_minutes": 12}, row["absences"])
        state = "open" if expires >= school_today().isoformat() else "expired"
        self.assertIn({"lesson_id": lesson, "id": dot["id"], "expires_on": expires, "state": state}, row["dots"])
        self.assertEqual(row["final"], 3)
        others = [s["final"] for s in j["students"] if s["student"]["id"] != pupil]
        self.assertTrue(all(f is None for f in others), "a term grade set for one pupil shows for another")

        # A cancelled dot leaves the journal.
        self.assertEqual(t.request("DELETE", f"/api/v1/dots/{dot['id']}")[0], 204)
        row = next(s for s in self.journal(t, klass, subject, term)["students"] if s["student"]["id"] == pupil)
        self.assertEqual([d for d in row["dots"] if d["id"] == dot["id"]], [])

    def test_a_mark_posted_again_with_its_id_is_made_once(self):
        """The grid names each new mark (crypto.randomUUID()) so that a POST whose answer was lost can
        be sent again: the box answers with the mark the first one made, writes nothing, and refuses
        an id that is another mark's or was deleted since."""
        t, klass, subject, _, _, lessons = self.teaching()
        lesson = lessons[1]
        term = self.term_of(t, self.q("SELECT date FROM lessons WHERE uuid = ?", lesson)[0][0])
        pupils = [s["student"]["id"] for s in self.journal(t, klass, subject, term)["students"]]
        mark_id = str(uuid.uuid4())
        body = {"id": mark_id, "student_id": pupils[1], "lesson_id": lesson, "value": 4, "work_type": "oral"}
        status, made = t.request("POST", "/api/v1/marks", body)
        self.assertEqual(status, 201, made)
        self.assertEqual(made["id"], mark_id)
        audit = lambda: self.q("SELECT count(*) FROM audit WHERE entity = 'mark' AND uuid = ?", mark_id)[0][0]  # noqa: E731
        outbox = lambda: self.q("SELECT count(*) FROM outbox WHERE entity = 'mark' AND uuid = ?", mark_id)[0][0]  # noqa: E731
        self.assertEqual((audit(), outbox()), (1, 1))

        status, again = t.request("POST", "/api/v1/marks", body)
        self.assertEqual(status, 200, again)
        self.assertEqual(again, made)
        self.assertEqual(self.q("SELECT count(*) FROM marks WHERE student_id = (SELECT id FROM students WHERE uuid = ?) "
                                "AND lesson_id = (SELECT id FROM lessons WHERE uuid = ?) AND deleted_at IS NULL",
                                pupils[1], lesson)[0][0], 1)
        self.assertEqual((audit(), outbox()), (1, 1), "sent again, nothing is written twice")
        # Changed since: sent again, the answer is the mark as it is now.
        status, changed = t.request("PATCH", f"/api/v1/marks/{mark_id}", {"value": 5, "reason": "исправлено"})
        self.assertEqual(status, 200, changed)
        status, again = t.request("POST", "/api/v1/marks", body)
        self.assertEqual((status, again["value"]), (200, 5), again)

        for other, why in (({"student_id": pupils[2]}, "another pupil"), ({"lesson_id": lessons[2]}, "another lesson")):
            status, r = t.request("POST", "/api/v1/marks", dict(body, **other))
            self.assertEqual((status, r["error"]["code"]), (409, "mark.id_taken"), why)
        status, r = t.request("POST", "/api/v1/marks", dict(body, id="not-a-uuid"))
        self.assertEqual((status, r["error"]["code"], r["error"]["field"]), (400, "mark.id_malformed", "id"), r)
        # Another teacher of the school cannot take it over nor learn what it holds.
        me = t.request("GET", "/api/v1/me")[1]["teacher_id"]
        stranger = next(a for a in self.box.accounts if a["role"] == "teacher" and a["person_id"] != me)
        status, r = self.box.signed_in(stranger).request("POST", "/api/v1/marks", body)
        self.assertEqual((status, r["error"]["code"]), (409, "mark.id_taken"), r)
        self.assertNotIn("value", r)

        status, r = t.request("DELETE", f"/api/v1/marks/{mark_id}", {"reason": "не та"})
        self.assertEqual(status, 204, r)
        status, r = t.request("POST", "/api/v1/marks", body)
        self.assertEqual((status, r["error"]["code"]), (409, "mark.id_deleted"), r)

    def test_a_substitute_finds_the_lessons_given_and_opens_each_while_it_is_open(self):
        own, klass, subject, class_id, subject_id, lessons = self.teaching(skip=2)
        substitute_id, substitute = self.q(
            "SELECT t.id, t.uuid FROM teachers t WHERE NOT EXISTS "
            "(SELECT 1 FROM teaching x WHERE x.teacher_id = t.id AND x.class_id = ?) "
            "AND EXISTS (SELECT 1 FROM users u WHERE u.person_id = t.id AND u.role = 'teacher') LIMIT 1", class_id)[0]
        recent, old = lessons[-1], lessons[-2]
        before = self.q("SELECT uuid, date, teacher_id FROM lessons WHERE uuid IN (?, ?)", recent, old)
        # Moved to Sundays, when the class has no other lessons: one within the week before today,
        # one three weeks back; both given by the substitute.
        today = school_today()
        sunday = today - datetime.timedelta(days=today.isoweekday() % 7)
        earlier = sunday - datetime.timedelta(days=21)
        term = self.term_of(own, sunday.isoformat())
        if term is None or self.term_of(own, earlier.isoformat()) != term:
            self.skipTest(f"{sunday} and {earlier} are not in one term of the demo school's year")
        with self.box.db() as db:
            db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?", (substitute_id, sunday.isoformat(), recent))
            db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?", (substitute_id, earlier.isoformat(), old))

        def restore():
            with self.box.db() as db:
                for uuid_, date, teacher_id in before:
                    db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?", (teacher_id, date, uuid_))
        self.addCleanup(restore)
        account = next(a for a in self.box.accounts if a["role"] == "teacher" and a["person_id"] == substitute)
        s = self.box.signed_in(account)

        status, listed = s.request("GET", f"/api/v1/me/substitute-lessons?term={term}")
        self.assertEqual(status, 200, listed)
        mine = {l["id"]: l for l in listed["lessons"]}
        self.assertEqual(mine[recent]["date"], sunday.isoformat())
        self.assertEqual((mine[recent]["class_id"], mine[recent]["subject_id"]), (klass, subject))
        self.assertTrue(mine[recent]["writable"])
        self.assertFalse(mine[old]["writable"])
        # The substitute's own journals are not listed as substitutions.
        taught = {(c, sub) for c, sub in self.q("SELECT c.uuid, sub.uuid FROM teaching x JOIN classes c ON c.id = x.class_id "
                                                "JOIN subjects sub ON sub.id = x.subject_id WHERE x.teacher_id = ?", substitute_id)}
        self.assertFalse(any((l["class_id"], l["subject_id"]) in taught for l in listed["lessons"]))
        # The class's own teacher has none of these lessons as substitutions.
        status, theirs = own.request("GET", f"/api/v1/me/substitute-lessons?term={term}")
        self.assertEqual(status, 200, theirs)
        self.assertFalse({recent, old} & {l["id"] for l in theirs["lessons"]})

        # The recent lesson opens as a one-column journal; a mark typed there shows in it.
        status, sheet = s.request("GET", f"/api/v1/lessons/{recent}/journal")
        self.assertEqual(status, 200, sheet)
        self.assertEqual([l["id"] for l in sheet["lessons"]], [recent])
        pupils = self.q("SELECT count(*) FROM students WHERE class_id = ?", class_id)[0][0]
        self.assertEqual(len(sheet["students"]), pupils)
        pupil = sheet["students"][0]["student"]["id"]
        status, m = s.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": recent, "value": 5, "work_type": "oral"})
        self.assertEqual(status, 201, m)
        status, sheet = s.request("GET", f"/api/v1/lessons/{recent}/journal")
        row = next(r for r in sheet["students"] if r["student"]["id"] == pupil)
        self.assertEqual([(x["id"], x["value"]) for x in row["marks"]], [(m["id"], 5)])
        self.assertTrue(all(r["average"] is None and r["proposed"] is None and r["final"] is None for r in sheet["students"]),
                        "one lesson's sheet shows the term's figures")
        # The old lesson is closed to the substitute, with the reason; the whole journal too.
        status, r = s.request("GET", f"/api/v1/lessons/{old}/journal")
        self.assertEqual(status, 403, r)
        self.assertEqual(r["error"]["code"], "lesson.not_your_lesson")
        self.assertIn("after the lesson", r["error"]["message"])
        status, r = s.request("GET", f"/api/v1/classes/{klass}/journal?subject={subject}&term={term}")
        self.assertEqual(status, 403, r)
        # A lesson of the class the substitute did not give stays closed.
        status, r = s.request("GET", f"/api/v1/lessons/{lessons[0]}/journal")
        self.assertEqual(status, 403, r)
        # The class's own teacher opens any of its lessons.
        self.assertEqual(own.request("GET", f"/api/v1/lessons/{old}/journal")[0], 200)
        status, r = s.request("GET", "/api/v1/lessons/00000000-0000-4000-8000-000000000000/journal")
        self.assertEqual((status, r["error"]["code"]), (404, "lesson.not_found"))

    def test_substitute_lessons_need_a_term_and_a_teacher(self):
        t = self.teaching()[0]
        status, r = t.request("GET", "/api/v1/me/substitute-lessons")
        self.assertEqual((status, r["error"]["code"]), (400, "term.malformed"))
        guardian = self.box.signed_in(self.box.account("guardian"))
        self.assertEqual(guardian.request("GET", "/api/v1/me/substitute-lessons?term=2")[0], 403)


if __name__ == "__main__":
    unittest.main()
