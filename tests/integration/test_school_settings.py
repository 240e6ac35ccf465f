"""The director's settings and the office's events and clubs (issue 12) against a real classbookd:
a work type's weight changes every later average (checked through a pupil's grades, the expected
average computed here from the marks the API returns), audited with before and after; terms replaced
whole or refused with nothing written; the grade scale; events created, changed, cancelled and still
listed; clubs with members, closed and no longer listed; and the refusals for other roles."""
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402
from test_live_stream import Stream  # noqa: E402

TERM = 2  # the demo's weeks (16–27 November 2026) lie in the second quarter
FROM, TO = "2026-11-16", "2026-11-29"


def weighted(marks):
    """Σ value·weight / Σ weight, unrounded."""
    total = sum(m["weight"] for m in marks)
    return sum(m["value"] * m["weight"] for m in marks) / total if total else None


class SchoolSettings(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        try:
            acc = cls.box.accounts
            cls.director = cls.box.signed_in(cls.box.account("director"))
            cls.office = cls.box.signed_in(cls.box.account("secretary"))
            cls.teacher_account = cls.box.account("teacher")
            cls.teacher = cls.box.signed_in(cls.teacher_account)
            cls.pupil_account = next(a for a in acc if a["role"] == "student")
            cls.pupil = cls.box.signed_in(cls.pupil_account)
            cls.guardian = cls.box.signed_in(cls.box.account("guardian"))
            cls.admin = cls.box.client()
        except BaseException:
            cls.box.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def refused(self, client, method, path, body, status, code):
        s, r = client.request(method, path, body)
        self.assertEqual(s, status, r)
        self.assertEqual(r["error"]["code"], code, r)
        return r["error"]

    def school(self):
        s, r = self.director.request("GET", "/api/v1/school")
        self.assertEqual(s, 200, r)
        return r

    def audit(self, entity):
        s, r = self.director.request("GET", f"/api/v1/audit?entity={entity}")
        self.assertEqual(s, 200, r)
        return r["entries"]

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    # --- weights ------------------------------------------------------------------------------------
    def subject_to_reweigh(self):
        """A subject of some pupil with marks of at least two work types whose averages differ, and
        one of those work types: changing its weight must move the pupil's average."""
        for a in self.box.accounts:
            if a["role"] != "student":
                continue
            s, grades = self.director.request("GET", f"/api/v1/students/{a['person_id']}/grades?term={TERM}")
            self.assertEqual(s, 200, grades)
            for subject in grades["subjects"]:
                by_type = {}
                for m in subject["marks"]:
                    by_type.setdefault(m["work_type"], []).append(m["value"])
                if len(by_type) < 2:
                    continue
                means = {k: sum(v) / len(v) for k, v in by_type.items()}
                overall = sum(m["value"] for m in subject["marks"]) / len(subject["marks"])
                for code, mean in means.items():
                    if abs(mean - overall) > 0.3:
                        return a["person_id"], subject["subject"], code
        self.fail("the demo school has no pupil whose average a weight would move")

    def grades_of(self, pupil, subject):
        s, grades = self.director.request("GET", f"/api/v1/students/{pupil}/grades?term={TERM}")
        self.assertEqual(s, 200, grades)
        return next(x for x in grades["subjects"] if x["subject"] == subject)

    def test_a_weight_change_moves_the_average_and_is_audited(self):
        pupil, subject, code = self.subject_to_reweigh()
        before = self.grades_of(pupil, subject)
        old = next(w for w in self.school()["work_types"] if w["code"] == code)
        # The API gives the average to two decimals.
        self.assertAlmostEqual(before["average"], weighted(before["marks"]), delta=0.005 + 1e-9)
        new_weight = 10 if old["weight"] < 6 else 1
        # Nobody but the director, and nothing out of range.
        for client in (self.office, self.teacher, self.pupil, self.guardian):
            self.refused(client, "PUT", f"/api/v1/work-types/{code}", {"weight": new_weight}, 403, "school.not_allowed")
        self.refused(self.director, "PUT", f"/api/v1/work-types/{code}", {"weight": 0}, 400, "work_type.weight_invalid")
        self.refused(self.director, "PUT", f"/api/v1/work-types/{code}", {"weight": 11}, 400, "work_type.weight_invalid")
        self.refused(self.director, "PUT", "/api/v1/work-types/no_such_kind", {"weight": 2}, 404, "work_type.not_found")
        self.refused(self.director, "PUT", f"/api/v1/work-types/{code}", {}, 400, "work_type.nothing_to_change")
        self.assertEqual(self.grades_of(pupil, subject)["average"], before["average"])

        page = Stream(self.box, self.pupil)  # a pupil's open diary
        self.assertEqual(page.status, 200)
        page.until(lambda e: e[1] == "ready")
        s, changed = self.director.request("PUT", f"/api/v1/work-types/{code}", {"weight": new_weight})
        self.assertEqual(s, 200, changed)
        heard = page.until(lambda e: e[1] == "school")
        page.close()
        self.assertIn({"part": "work_types", "code": code}, [e[2] for e in heard if e[1] == "school"])
        self.assertEqual(changed, dict(old, weight=new_weight))
        after = self.grades_of(pupil, subject)
        self.assertEqual({m["weight"] for m in after["marks"] if m["work_type"] == code}, {new_weight})
        expected = weighted(after["marks"])
        self.assertAlmostEqual(after["average"], expected, delta=0.005 + 1e-9)
        self.assertGreater(abs(expected - weighted(before["marks"])), 0.01, "the weight must move this pupil's average")
        self.assertNotEqual(after["average"], before["average"])
        # The pupil's own diary reads the same new weight, and GET /school shows it.
        s, own = self.pupil.request("GET", f"/api/v1/students/{self.pupil_account['person_id']}/grades?term={TERM}")
        self.assertEqual(s, 200, own)
        for x in own["subjects"]:
            for m in x["marks"]:
                if m["work_type"] == code:
                    self.assertEqual(m["weight"], new_weight)
        self.assertEqual(next(w for w in self.school()["work_types"] if w["code"] == code)["weight"], new_weight)
        entry = [e for e in self.audit("work_type") if e["id"] == code][-1]
        self.assertEqual(entry["action"], "update")
        self.assertEqual(entry["before"]["weight"], old["weight"])
        self.assertEqual(entry["after"]["weight"], new_weight)
        # Back as it was: the average is the first one again.
        s, _ = self.director.request("PUT", f"/api/v1/work-types/{code}", {"weight": old["weight"]})
        self.assertEqual(s, 200)
        self.assertEqual(self.grades_of(pupil, subject)["average"], before["average"])

    def test_a_new_work_type(self):
        code = "project_" + uuid.uuid4().hex[:6]
        body = {"code": code, "name": "Проектная работа", "weight": 4}
        self.refused(self.office, "POST", "/api/v1/work-types", body, 403, "school.not_allowed")
        self.refused(self.director, "POST", "/api/v1/work-types", dict(body, code="Project"), 400, "work_type.code_invalid")
        self.refused(self.director, "POST", "/api/v1/work-types", dict(body, rank=9), 400, "work_type.rank_invalid")
        s, made = self.director.request("POST", "/api/v1/work-types", body)
        self.assertEqual(s, 201, made)
        self.assertEqual(made, dict(body, rank=1))
        self.refused(self.director, "POST", "/api/v1/work-types", body, 409, "work_type.code_taken")
        self.assertIn(made, self.school()["work_types"])
        self.assertEqual([e["action"] for e in self.audit("work_type") if e["id"] == code], ["create"])

    # --- terms --------------------------------------------------------------------------------------
    def test_terms_are_replaced_whole_or_not_at_all(self):
        terms = self.school()["terms"]
        path = "/api/v1/school/terms"
        self.refused(self.office, "PUT", path, {"terms": terms}, 403, "school.not_allowed")
        stored = lambda: self.count("SELECT group_concat(number || start_date || end_date) FROM terms")  # noqa: E731
        kept = stored()
        overlapping = [dict(t) for t in terms]
        overlapping[1]["from"] = overlapping[0]["to"]
        self.assertIn("overlapping", self.refused(self.director, "PUT", path, {"terms": overlapping}, 400, "school.terms_invalid")["message"])
        misnumbered = [dict(t, number=t["number"] + 1) for t in terms]
        self.refused(self.director, "PUT", path, {"terms": misnumbered}, 400, "school.terms_invalid")
        next_year = [dict(t, **{"from": "2027-09-01", "to": "2027-10-01"}) for t in terms[:1]]
        self.refused(self.director, "PUT", path, {"terms": next_year}, 400, "school.terms_invalid")
        reversed_term = [dict(terms[0], **{"from": terms[0]["to"], "to": terms[0]["from"]})] + terms[1:]
        self.refused(self.director, "PUT", path, {"terms": reversed_term}, 400, "school.terms_invalid")
        self.refused(self.director, "PUT", path, {"terms": [dict(terms[0], **{"from": "2026-02-30"})] + terms[1:]}, 400, "date.malformed")
        # Term 2 starting after the demo's marks would leave them outside every term.
        late = [dict(t) for t in terms]
        late[1]["from"] = "2026-12-01"
        err = self.refused(self.director, "PUT", path, {"terms": late}, 409, "school.marks_outside_terms")
        marks = self.count("SELECT count(*) FROM marks m JOIN lessons l ON l.id=m.lesson_id WHERE m.deleted_at IS NULL "
                           "AND l.date < '2026-12-01' AND l.date >= ?", terms[1]["from"])
        self.assertTrue(err["message"].startswith(f"{marks} marks"), err)
        # A term grade given for term 4 keeps four terms.
        with self.box.db() as db:
            student, subject = db.execute("SELECT id, (SELECT id FROM subjects LIMIT 1) FROM students LIMIT 1").fetchone()
            db.execute("INSERT INTO term_grades(student_id, subject_id, term, uuid, grade, set_by, set_at) "
                       "VALUES (?,?,4,?,5,1,'2026-11-20T10:00:00Z')", (student, subject, str(uuid.uuid4())))
        try:
            three = [dict(t) for t in terms[:3]]
            three[2]["to"] = terms[3]["to"]
            err = self.refused(self.director, "PUT", path, {"terms": three}, 409, "school.term_grades_outside_terms")
            self.assertIn("1 term grades were given for term 4", err["message"])
        finally:
            with self.box.db() as db:
                db.execute("DELETE FROM term_grades WHERE term=4")
        self.assertEqual(stored(), kept, "a refused change wrote nothing")

        changed = [dict(t) for t in terms]
        changed[-1]["to"] = "2027-05-29"
        audit_before = len(self.audit("terms"))
        s, school = self.director.request("PUT", path, {"terms": changed})
        self.assertEqual(s, 200, school)
        self.assertEqual(school["terms"], changed)
        self.assertEqual(self.school()["terms"], changed)
        entries = self.audit("terms")
        self.assertEqual(len(entries), audit_before + 1)
        self.assertEqual(entries[-1]["before"]["terms"], terms)
        self.assertEqual(entries[-1]["after"]["terms"], changed)
        s, _ = self.director.request("PUT", path, {"terms": terms})
        self.assertEqual(s, 200)

    def test_score_thresholds(self):
        """A OneRoster client's score → a mark (docs/sync.md § Writes): the default, a change kept and
        audited, and values that are no thresholds refused with what to write."""
        self.assertEqual(self.school()["score_thresholds"], "85,65,45")
        s, school = self.director.request("PATCH", "/api/v1/school", {"score_thresholds": "90, 70,50"})
        self.assertEqual(s, 200, school)
        self.assertEqual(school["score_thresholds"], "90,70,50")
        self.assertEqual(self.school()["score_thresholds"], "90,70,50")
        entry = self.audit("school")[-1]
        self.assertEqual((entry["before"]["score_thresholds"], entry["after"]["score_thresholds"]), ("85,65,45", "90,70,50"))
        for bad in ["50,70", "85,65,45,30,10", "85,x", "101", ""]:
            self.refused(self.director, "PATCH", "/api/v1/school", {"score_thresholds": bad}, 400, "school.score_thresholds_invalid")
        self.assertEqual(self.school()["score_thresholds"], "90,70,50")
        s, _ = self.director.request("PATCH", "/api/v1/school", {"score_thresholds": "85,65,45"})
        self.assertEqual(s, 200)

    def test_name_and_year(self):
        s, school = self.director.request("PATCH", "/api/v1/school", {"name": "Школа № 12"})
        self.assertEqual(s, 200, school)
        self.assertEqual((school["name"], school["year"]), ("Школа № 12", "2026/2027"))
        self.assertEqual(self.school()["name"], "Школа № 12")
        self.assertEqual(self.audit("school")[-1]["after"], {"name": "Школа № 12", "academic_year": 2026,
                                                             "score_thresholds": school["score_thresholds"]})
        self.refused(self.director, "PATCH", "/api/v1/school", {"year": "2026-2027"}, 400, "school.year_invalid")
        self.refused(self.director, "PATCH", "/api/v1/school", {"year": "2027/2028"}, 409, "school.terms_outside_year")
        self.refused(self.director, "PATCH", "/api/v1/school", {"name": " "}, 400, "school.name_invalid")
        self.refused(self.director, "PATCH", "/api/v1/school", {}, 400, "school.nothing_to_change")
        self.refused(self.office, "PATCH", "/api/v1/school", {"name": "x"}, 403, "school.not_allowed")
        self.assertEqual(self.director.request("PATCH", "/api/v1/school", {"name": "Тестовая школа", "year": "2026/2027"})[0], 200)

    def test_grade_scale(self):
        path = "/api/v1/school/grade-scale"
        self.refused(self.director, "PUT", path, {"max": 7}, 400, "grade_scale.unknown")
        self.refused(self.office, "PUT", path, {"max": 10}, 403, "school.not_allowed")
        s, school = self.director.request("PUT", path, {"max": 10})
        self.assertEqual(s, 200, school)
        self.assertEqual(school["scale"]["values"], list(range(1, 11)))
        lesson, teacher = self.box.lessons_of(self.pupil_account["person_id"], FROM, "2026-11-27")[0]
        t = self.box.signed_in(teacher)
        s, mark = t.request("POST", "/api/v1/marks", {"student_id": self.pupil_account["person_id"], "lesson_id": lesson,
                                                      "value": 8, "work_type": "oral"})
        self.assertEqual(s, 201, mark)
        err = self.refused(self.director, "PUT", path, {"max": 5}, 409, "grade_scale.values_in_use")
        self.assertTrue(err["message"].startswith("1 marks and 0 term grades"), err)
        self.assertEqual(self.school()["scale"]["max"], 10)
        s, _ = t.request("DELETE", f"/api/v1/marks/{mark['id']}?reason=test")
        self.assertEqual(s, 204)
        s, school = self.director.request("PUT", path, {"max": 5})
        self.assertEqual(s, 200, school)
        self.assertEqual([(e["before"]["max"], e["after"]["max"]) for e in self.audit("grade_scale")], [(5, 10), (10, 5)])

    # --- events -------------------------------------------------------------------------------------
    def test_events_are_made_changed_and_cancelled_by_the_office(self):
        body = {"title": "Родительское собрание", "date": "2026-11-26", "start": "18:00", "end": "19:30", "place": "Актовый зал",
                "body": "Итоги четверти"}
        for client in (self.teacher, self.pupil, self.guardian):
            self.refused(client, "POST", "/api/v1/events", body, 403, "school_life.not_allowed")
        self.refused(self.office, "POST", "/api/v1/events", dict(body, end="17:00"), 400, "event.times_invalid")
        self.refused(self.office, "POST", "/api/v1/events", dict(body, start=None), 400, "event.times_invalid")
        self.refused(self.office, "POST", "/api/v1/events", dict(body, date="2026-11-31"), 400, "date.malformed")
        self.refused(self.office, "POST", "/api/v1/events", dict(body, start="6pm"), 400, "time.malformed")
        self.refused(self.office, "POST", "/api/v1/events", dict(body, class_id=str(uuid.uuid4())), 404, "roster.referenced_not_found")
        s, event = self.office.request("POST", "/api/v1/events", body)
        self.assertEqual(s, 201, event)
        self.assertEqual({k: event[k] for k in ("title", "date", "start", "end", "place", "body", "class", "cancelled")},
                         {**{k: body[k] for k in ("title", "date", "start", "end", "place", "body")}, "class": None, "cancelled": None})
        feed = lambda who: {e["id"]: e for e in who.request("GET", f"/api/v1/events?from={FROM}&to={TO}")[1]["events"]}  # noqa: E731
        self.assertEqual(feed(self.pupil)[event["id"]], event)

        s, changed = self.office.request("PATCH", f"/api/v1/events/{event['id']}", {"title": "Собрание", "end": None, "place": None})
        self.assertEqual(s, 200, changed)
        self.assertEqual((changed["title"], changed["start"], changed["end"], changed["place"]), ("Собрание", "18:00", None, None))
        self.refused(self.teacher, "PATCH", f"/api/v1/events/{event['id']}", {"title": "x"}, 403, "school_life.not_allowed")
        self.refused(self.office, "POST", f"/api/v1/events/{event['id']}/cancel", {"reason": ""}, 400, "event.reason_invalid")
        s, cancelled = self.office.request("POST", f"/api/v1/events/{event['id']}/cancel", {"reason": "Карантин"})
        self.assertEqual(s, 200, cancelled)
        self.assertEqual(cancelled["cancelled"]["reason"], "Карантин")
        self.assertEqual(feed(self.guardian)[event["id"]]["cancelled"]["reason"], "Карантин", "kept and shown as cancelled")
        self.refused(self.office, "PATCH", f"/api/v1/events/{event['id']}", {"title": "again"}, 409, "event.cancelled")
        self.refused(self.office, "POST", f"/api/v1/events/{event['id']}/cancel", {"reason": "again"}, 409, "event.cancelled")
        self.refused(self.office, "PATCH", f"/api/v1/events/{uuid.uuid4()}", {"title": "x"}, 404, "event.not_found")
        trail = [e for e in self.audit("event") if e["id"] == event["id"]]
        self.assertEqual([e["action"] for e in trail], ["create", "update", "cancel"])
        self.assertEqual((trail[1]["before"]["title"], trail[1]["after"]["title"]), ("Родительское собрание", "Собрание"))
        self.assertIsNone(trail[2]["before"]["cancel_reason"])
        self.assertEqual(trail[2]["after"]["cancel_reason"], "Карантин")

    def test_a_class_event_reaches_its_class_only(self):
        with self.box.db() as db:
            own, other = db.execute("SELECT c.uuid FROM students s JOIN classes c ON c.id=s.class_id WHERE s.uuid=?",
                                    (self.pupil_account["person_id"],)).fetchone()[0], None
            other = db.execute("SELECT uuid FROM classes WHERE uuid<>? LIMIT 1", (own,)).fetchone()[0]
        s, ours = self.director.request("POST", "/api/v1/events", {"title": "Экскурсия", "date": "2026-11-25", "class_id": own})
        self.assertEqual(s, 201, ours)
        s, theirs = self.office.request("POST", "/api/v1/events", {"title": "Олимпиада", "date": "2026-11-25", "class_id": other})
        self.assertEqual(s, 201, theirs)
        seen = {e["id"] for e in self.pupil.request("GET", f"/api/v1/events?from={FROM}&to={TO}")[1]["events"]}
        self.assertIn(ours["id"], seen)
        self.assertNotIn(theirs["id"], seen)

    # --- clubs --------------------------------------------------------------------------------------
    def test_clubs_with_members_closed_and_gone_from_the_lists(self):
        s, rooms = self.office.request("GET", "/api/v1/rooms")
        self.assertEqual(s, 200, rooms)
        room = rooms["rooms"][0]["name"]
        s, teachers = self.office.request("GET", "/api/v1/teachers")
        self.assertEqual(s, 200, teachers)
        teacher = teachers["teachers"][0]["id"]
        body = {"name": "Шахматы", "teacher_id": teacher, "room": room, "sessions": [{"weekday": 2, "starts": "15:00", "ends": "16:00"}]}
        for client in (self.teacher, self.pupil, self.guardian):
            self.refused(client, "POST", "/api/v1/clubs", body, 403, "school_life.not_allowed")
        clash = [{"weekday": 2, "starts": "15:00", "ends": "16:00"}, {"weekday": 2, "starts": "15:30", "ends": "16:30"}]
        self.refused(self.office, "POST", "/api/v1/clubs", dict(body, sessions=clash), 400, "club.sessions_invalid")
        self.refused(self.office, "POST", "/api/v1/clubs", dict(body, room="Луна-" + uuid.uuid4().hex[:4]), 404, "room.not_found")
        self.refused(self.office, "POST", "/api/v1/clubs", dict(body, name=""), 400, "club.name_invalid")
        s, club = self.office.request("POST", "/api/v1/clubs", body)
        self.assertEqual(s, 201, club)
        self.assertEqual((club["name"], club["room"], club["teacher_id"], club["member_count"], club["closed"]),
                         ("Шахматы", room, teacher, 0, None))
        self.assertEqual(club["sessions"], body["sessions"])
        pupil = self.pupil_account["person_id"]
        member = f"/api/v1/clubs/{club['id']}/members/{pupil}"
        self.refused(self.teacher, "PUT", member, None, 403, "school_life.not_allowed")
        for _ in range(2):  # twice is one membership
            s, c = self.office.request("PUT", member)
            self.assertEqual((s, c["member_count"]), (200, 1), c)
        mine = lambda: [c["id"] for c in self.pupil.request("GET", f"/api/v1/students/{pupil}/clubs")[1]["clubs"]]  # noqa: E731
        self.assertIn(club["id"], mine())
        s, c = self.office.request("DELETE", member)
        self.assertEqual((s, c["member_count"]), (200, 0), c)
        self.assertNotIn(club["id"], mine())
        self.assertEqual(self.office.request("PUT", member)[0], 200)
        s, c = self.office.request("PATCH", f"/api/v1/clubs/{club['id']}", {"name": "Шахматы и шашки", "room": None,
                                                                          "sessions": [{"weekday": 4, "starts": "16:00", "ends": "17:30"}]})
        self.assertEqual(s, 200, c)
        self.assertEqual((c["name"], c["room"], c["sessions"][0]["weekday"], c["member_count"]), ("Шахматы и шашки", "", 4, 1))
        listed = lambda: [x["id"] for x in self.pupil.request("GET", "/api/v1/clubs")[1]["clubs"]]  # noqa: E731
        self.assertIn(club["id"], listed())
        self.refused(self.teacher, "POST", f"/api/v1/clubs/{club['id']}/cancel", {}, 403, "school_life.not_allowed")
        s, closed = self.office.request("POST", f"/api/v1/clubs/{club['id']}/cancel", {"reason": "Нет руководителя"})
        self.assertEqual(s, 200, closed)
        self.assertEqual(closed["closed"]["reason"], "Нет руководителя")
        self.assertNotIn(club["id"], listed(), "a closed club is no longer listed")
        self.assertNotIn(club["id"], mine(), "nor in its members' diaries")
        self.assertEqual(self.count("SELECT count(*) FROM club_members m JOIN clubs c ON c.id=m.club_id WHERE c.uuid=?", club["id"]), 1,
                         "its members are kept for history")
        self.refused(self.office, "PATCH", f"/api/v1/clubs/{club['id']}", {"name": "x"}, 409, "club.closed")
        self.refused(self.office, "PUT", member, None, 409, "club.closed")
        trail = [e["action"] for e in self.audit("club") if e["id"] == club["id"]]
        self.assertEqual(trail, ["create", "update", "close"])
        self.assertEqual([e["action"] for e in self.audit("club_member") if e["id"] == f"{club['id']}/{pupil}"], ["add", "remove", "add"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
