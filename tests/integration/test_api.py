"""The HTTP API end to end: a real classbookd over TLS on loopback, the demo school's accounts."""
import datetime
import json
import os
import subprocess
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

WEEK = "2026-W48"
TERM = 2


class Api(unittest.TestCase):
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

    # --- helpers -------------------------------------------------------------------------
    def teacher_with_lesson(self):
        """A teacher, one of the lessons they teach this week and a pupil of that class."""
        t, teach, lesson, pupils = self.box.teacher_with_lesson(TERM)
        return t, teach, lesson, pupils[0]

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    # --- sign-in -------------------------------------------------------------------------
    def test_sign_in_sets_a_hardened_cookie(self):
        c = self.box.client()
        status, body = c.sign_in(self.guardian["login"], self.guardian["password"])
        self.assertEqual(status, 200)
        self.assertEqual(body["user"]["role"], "guardian")
        self.assertEqual(body["user"]["name"], self.guardian["name"])
        cookie = c.last_headers["set-cookie"]
        for flag in ("__Host-classbook=", "Path=/", "Secure", "HttpOnly", "SameSite=Strict"):
            self.assertIn(flag, cookie)
        token = cookie.split(";")[0].split("=", 1)[1]
        self.assertGreaterEqual(len(token), 22)  # ≥128 bits in base64
        # Stored hashed: the token itself is nowhere in the database.
        self.assertEqual(self.count("SELECT count(*) FROM sessions WHERE token_hash=?", token), 0)

    def test_wrong_password_is_401_and_unknown_user_too(self):
        c = self.box.client()
        self.assertEqual(c.sign_in(self.guardian["login"], "wrong-password-1")[0], 401)
        status, body = c.sign_in("nobody.here", "whatever-123")
        self.assertEqual(status, 401)
        self.assertEqual((body["error"]["code"], body["error"]["kind"]), ("sign_in.wrong_credentials", "unauthenticated"))

    def test_throttling_after_repeated_failures(self):
        acc = [a for a in self.box.accounts if a["role"] == "student"][-1]  # an account no other test uses
        c = self.box.client()
        codes = [c.sign_in(acc["login"], "not-the-password-%d" % i)[0] for i in range(7)]
        self.assertEqual(codes[:5], [401] * 5)
        self.assertEqual(codes[5], 429)
        self.assertIn("retry-after", c.last_headers)
        # Even the right password waits now.
        self.assertEqual(c.sign_in(acc["login"], acc["password"])[0], 429)

    def test_me_lists_a_guardians_children(self):
        status, me = self.g.request("GET", "/api/v1/me")
        self.assertEqual(status, 200)
        self.assertEqual(sorted(ch["id"] for ch in me["children"]), sorted(self.guardian["children"]))

    def test_sessions_can_be_listed_and_revoked(self):
        other = self.box.signed_in(self.guardian)
        status, listing = other.request("GET", "/api/v1/sessions")
        self.assertEqual(status, 200)
        current = [s for s in listing["sessions"] if s["current"]]
        self.assertEqual(len(current), 1)
        status, _ = self.g.request("DELETE", f"/api/v1/sessions/{current[0]['id']}")
        self.assertEqual(status, 204)
        self.assertEqual(other.request("GET", "/api/v1/me")[0], 401)

    def test_sign_out_ends_the_session(self):
        c = self.box.signed_in(self.guardian)
        self.assertEqual(c.request("DELETE", "/api/v1/session")[0], 204)
        self.assertEqual(c.request("GET", "/api/v1/me")[0], 401)

    def test_requests_without_a_session_are_401(self):
        c = self.box.client()
        status, body = c.request("GET", f"/api/v1/students/{self.child}/diary?week={WEEK}")
        self.assertEqual(status, 401)
        self.assertIn("message", body["error"])

    # --- diary and grades ----------------------------------------------------------------
    def test_diary_week_of_own_child(self):
        status, d = self.g.request("GET", f"/api/v1/students/{self.child}/diary?week={WEEK}")
        self.assertEqual(status, 200, d)
        self.assertEqual(d["week"], WEEK)
        self.assertEqual(d["days"][0]["date"], "2026-11-23")
        lessons = [l for day in d["days"] for l in day["lessons"]]
        self.assertGreater(len(lessons), 10)
        first = lessons[0]
        for key in ("period", "starts", "ends", "subject", "teacher", "topic", "homework", "marks", "attendance"):
            self.assertIn(key, first)
        self.assertRegex(first["starts"], r"^\d\d:\d\d$")
        marks = [m for l in lessons for m in l["marks"]]
        self.assertTrue(marks, "the demo gives marks every week")
        for key in ("value", "work_type", "weight", "comment", "teacher", "created_at"):
            self.assertIn(key, marks[0])

    def test_diary_of_someone_elses_child_is_403(self):
        status, body = self.g.request("GET", f"/api/v1/students/{self.other_child}/diary?week={WEEK}")
        self.assertEqual(status, 403)
        self.assertEqual((body["error"]["code"], body["error"]["kind"]), ("pupil.not_visible", "forbidden"))

    def test_a_pupil_sees_only_themself(self):
        pupil = self.box.account("student")
        p = self.box.signed_in(pupil)
        self.assertEqual(p.request("GET", f"/api/v1/students/{pupil['person_id']}/diary?week={WEEK}")[0], 200)
        other = next(a["person_id"] for a in self.box.accounts if a["role"] == "student" and a is not pupil)
        self.assertEqual(p.request("GET", f"/api/v1/students/{other}/diary?week={WEEK}")[0], 403)

    def test_bad_weeks_and_terms_are_400(self):
        for week in ("2026-48", "2026-W54", "2021-W53", "abc", ""):
            status, body = self.g.request("GET", f"/api/v1/students/{self.child}/diary?week={week}")
            self.assertEqual(status, 400, week)
            self.assertEqual(body["error"]["field"], "week")
        self.assertEqual(self.g.request("GET", f"/api/v1/students/{self.child}/grades?term=9")[0], 400)
        self.assertEqual(self.g.request("GET", f"/api/v1/students/{self.child}/grades?term=x")[0], 400)
        self.assertEqual(self.g.request("GET", f"/api/v1/students/not-a-uuid/diary?week={WEEK}")[0], 404)

    def test_grades_with_weighted_average(self):
        status, g = self.g.request("GET", f"/api/v1/students/{self.child}/grades?term={TERM}")
        self.assertEqual(status, 200, g)
        graded = [s for s in g["subjects"] if s["marks"]]
        self.assertTrue(graded)
        s = graded[0]
        expected = sum(m["value"] * m["weight"] for m in s["marks"]) / sum(m["weight"] for m in s["marks"])
        self.assertAlmostEqual(s["average"], round(expected, 2), places=2)
        self.assertIn(s["proposed"]["grade"], range(1, 6))
        self.assertIn("total", s["absences"])

    # --- marks ---------------------------------------------------------------------------
    def test_teacher_puts_edits_and_deletes_a_mark(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        # The mark's own entries: the pupil's open dots it converts and housekeeping have theirs.
        before = self.count("SELECT count(*) FROM audit WHERE entity='mark'")
        last_seq = self.count("SELECT max(seq) FROM audit")  # the trail opens with the demo journal's entries
        status, mark = t.request("POST", "/api/v1/marks", {"student_id": pupil["id"], "lesson_id": lesson["id"],
                                                          "value": 4, "work_type": "test", "comment": "Хорошо"})
        self.assertEqual(status, 201, mark)
        self.assertEqual((mark["value"], mark["work_type"], mark["weight"]), (4, "test", 5))
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE uuid=?", mark["id"]), 1)

        status, body = t.request("PATCH", f"/api/v1/marks/{mark['id']}", {"value": 5})
        self.assertEqual(status, 400)
        self.assertEqual(body["error"]["field"], "reason")
        status, changed = t.request("PATCH", f"/api/v1/marks/{mark['id']}", {"value": 5, "reason": "пересдача"})
        self.assertEqual(status, 200, changed)
        self.assertEqual(changed["value"], 5)
        self.assertEqual(self.count("SELECT value FROM mark_history WHERE reason='пересдача'"), 4)

        self.assertEqual(t.request("DELETE", f"/api/v1/marks/{mark['id']}")[0], 400)
        self.assertEqual(t.request("DELETE", f"/api/v1/marks/{mark['id']}", {"reason": "ошибка"})[0], 204)
        self.assertEqual(t.request("PATCH", f"/api/v1/marks/{mark['id']}", {"value": 3, "reason": "x"})[0], 404)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='mark'") - before, 3)
        # The old values stay visible: to the teacher, the pupil's guardian and the director.
        status, h = t.request("GET", f"/api/v1/marks/{mark['id']}/history")
        self.assertEqual(status, 200, h)
        self.assertEqual([(e["value"], e["op"], e["reason"]) for e in h["history"]], [(4, "update", "пересдача"), (5, "delete", "ошибка")])
        self.assertIsNone(h["current_value"])
        self.assertEqual(h["deleted"]["reason"], "ошибка")
        self.assertEqual(self.box.signed_in(self._guardian_of(pupil["id"])).request("GET", f"/api/v1/marks/{mark['id']}/history")[0], 200)
        stranger = next(a for a in self.box.accounts if a["role"] == "guardian" and pupil["id"] not in a["children"])
        self.assertEqual(self.box.signed_in(stranger).request("GET", f"/api/v1/marks/{mark['id']}/history")[0], 403)
        director = self.box.signed_in(self.box.account("director"))
        status, trail = director.request("GET", f"/api/v1/audit?entity=mark&after={last_seq}")
        self.assertEqual(status, 200)
        mine = [e for e in trail["entries"] if e["id"] == mark["id"]]
        self.assertEqual([e["action"] for e in mine], ["create", "update", "delete"])
        self.assertEqual(mine[0]["after"]["value"], 4)
        self.assertEqual(t.request("GET", "/api/v1/audit")[0], 403)
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)

    def test_bad_mark_requests_write_nothing(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        marks = self.count("SELECT count(*) FROM marks")
        good = {"student_id": pupil["id"], "lesson_id": lesson["id"], "value": 4, "work_type": "oral"}
        cases = [
            (dict(good, value=6), 400, "value", "mark.value_out_of_scale"),
            (dict(good, value=0), 400, "value", "mark.value_out_of_scale"),
            (dict(good, value="5"), 400, "value", "request.wrong_type"),
            (dict(good, work_type="essay"), 400, "work_type", "mark.work_type_unknown"),
            (dict(good, extra=1), 400, "extra", "request.unknown_field"),
            (dict(good, student_id=self.other_child_not_in(pupil)), None, None, None),
            (dict(good, lesson_id=str(uuid.uuid4())), 404, "lesson_id", "lesson.not_found"),
        ]
        for body, code, field, error_code in cases:
            status, r = t.request("POST", "/api/v1/marks", body)
            if code is None:
                self.assertIn(status, (400, 404), r)
            else:
                self.assertEqual(status, code, (body, r))
                self.assertEqual(r["error"].get("field"), field, r)
                self.assertEqual(r["error"]["code"], error_code, r)
        for raw, ctype in ((b"{not json", "application/json"), (b'{"value": "\xff\xfe"}', "application/json"),
                           (b"[1,2]", "application/json"), (json.dumps(good).encode(), "text/plain")):
            status, r = t.request("POST", "/api/v1/marks", raw=raw, headers={"Content-Type": ctype})
            self.assertEqual(status, 400, (raw, r))
        status, r = t.request("POST", "/api/v1/marks", raw=b'{"comment":"' + b"x" * 70000 + b'"}',
                              headers={"Content-Type": "application/json"})
        self.assertEqual(status, 413)
        self.assertEqual((r["error"]["code"], r["error"]["kind"]), ("request.body_too_large", "payload_too_large"))
        self.assertEqual(self.count("SELECT count(*) FROM marks"), marks)

    def other_child_not_in(self, pupil):
        with self.box.db() as db:
            row = db.execute("SELECT s.uuid FROM students s WHERE s.class_id <> (SELECT class_id FROM students WHERE uuid=?) LIMIT 1",
                             (pupil["id"],)).fetchone()
        return row[0]

    def test_csrf_is_required_for_changes(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        body = {"student_id": pupil["id"], "lesson_id": lesson["id"], "value": 5, "work_type": "oral"}
        marks = self.count("SELECT count(*) FROM marks")
        status, r = t.request("POST", "/api/v1/marks", body, csrf=False)
        self.assertEqual(status, 403)
        self.assertIn("CSRF", r["error"]["message"])
        status, r = t.request("POST", "/api/v1/marks", body, headers={"X-CSRF-Token": "forged"})
        self.assertEqual(status, 403)
        self.assertEqual(self.count("SELECT count(*) FROM marks"), marks)

    def test_a_guardian_cannot_write_marks(self):
        _, _, lesson, pupil = self.teacher_with_lesson()
        status, r = self.g.request("POST", "/api/v1/marks", {"student_id": pupil["id"], "lesson_id": lesson["id"],
                                                             "value": 5, "work_type": "oral"})
        self.assertEqual(status, 403)

    # --- lessons and attendance ----------------------------------------------------------
    def test_topic_homework_and_attendance(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson['id']}", {
            "topic": "Квадратные уравнения", "homework": [{"text": "№ 512, 514", "mandatory": True, "due_date": "2026-12-31"}]})
        self.assertEqual(status, 204, r)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson['id']}", {"homework": [{"text": "x", "due_date": "2020-01-01"}]})
        self.assertEqual(status, 400)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson['id']}/attendance",
                              {"students": [{"student_id": pupil["id"], "status": "late", "late_minutes": 7}]})
        self.assertEqual(status, 204, r)
        self.assertEqual(self.count("SELECT late_minutes FROM attendance a JOIN students s ON s.id=a.student_id "
                                    "JOIN lessons l ON l.id=a.lesson_id WHERE s.uuid=? AND l.uuid=?", pupil["id"], lesson["id"]), 7)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson['id']}/attendance",
                              {"students": [{"student_id": pupil["id"], "status": "sleeping"}]})
        self.assertEqual(status, 400)

    def diary_lesson(self, client, pupil_id, lesson):
        """The lesson as the pupil's diary of its week shows it, or None when the diary leaves it out."""
        y, w, _ = datetime.date.fromisoformat(lesson["date"]).isocalendar()
        status, d = client.request("GET", f"/api/v1/students/{pupil_id}/diary?week={y}-W{w:02d}")
        self.assertEqual(status, 200, d)
        found = [l for day in d["days"] for l in day["lessons"] if l["id"] == lesson["id"]]
        return found[0] if found else None

    def test_the_diary_shows_every_change_at_once_whoever_made_it(self):
        # The diary shares one read of a class's week among its pupils; no change may go unseen.
        t, teach, lesson, pupil = self.teacher_with_lesson()
        before = self.diary_lesson(t, pupil["id"], lesson)
        self.assertIsNotNone(before)
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson['id']}", {
            "topic": "Кэш и его сброс", "homework": [{"text": "№ 77", "mandatory": False, "due_date": "2026-12-30"}]})
        self.assertEqual(status, 204, r)
        after = self.diary_lesson(t, pupil["id"], lesson)
        self.assertEqual(after["topic"], "Кэш и его сброс")
        self.assertEqual([(h["text"], h["mandatory"]) for h in after["homework"]], [("№ 77", False)])
        # Another process writing the database (classbookctl, a restore tool) counts too.
        with self.box.db() as db:
            teacher_id, last_name = db.execute("SELECT t.id, t.last_name FROM teachers t JOIN lessons l ON l.teacher_id = t.id "
                                               "WHERE l.uuid=?", (lesson["id"],)).fetchone()
            self.addCleanup(lambda: self.box.db().execute("UPDATE teachers SET last_name=? WHERE id=?",
                                                          (last_name, teacher_id)).connection.commit())
            db.execute("UPDATE teachers SET last_name = 'Обновлённая' WHERE id=?", (teacher_id,))
            db.execute("UPDATE bell_periods SET start_minute = start_minute + 1 WHERE number = ?", (after["period"],))
            self.addCleanup(lambda: self.box.db().execute("UPDATE bell_periods SET start_minute = start_minute - 1 "
                                                          "WHERE number = ?", (after["period"],)).connection.commit())
        again = self.diary_lesson(t, pupil["id"], lesson)
        self.assertTrue(again["teacher"].startswith("Обновлённая "), again["teacher"])
        h, m = map(int, after["starts"].split(":"))
        self.assertEqual(again["starts"], f"{(h * 60 + m + 1) // 60:02d}:{(h * 60 + m + 1) % 60:02d}")

    def test_a_lesson_for_one_subgroup_shows_only_in_that_subgroups_diaries(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        with self.box.db() as db:
            group = db.execute("SELECT group_no FROM students WHERE uuid=?", (pupil["id"],)).fetchone()[0]
            original = db.execute("SELECT group_no FROM lessons WHERE uuid=?", (lesson["id"],)).fetchone()[0]
            self.addCleanup(lambda: self.box.db().execute("UPDATE lessons SET group_no=? WHERE uuid=?",
                                                          (original, lesson["id"])).connection.commit())
            db.execute("UPDATE lessons SET group_no=? WHERE uuid=?", (group, lesson["id"]))
        mine = self.diary_lesson(t, pupil["id"], lesson)
        self.assertIsNotNone(mine)
        self.assertEqual(mine["group"], group)
        with self.box.db() as db:
            db.execute("UPDATE lessons SET group_no=? WHERE uuid=?", (group + 1, lesson["id"]))
        self.assertIsNone(self.diary_lesson(t, pupil["id"], lesson))
        with self.box.db() as db:
            db.execute("UPDATE lessons SET group_no=0 WHERE uuid=?", (lesson["id"],))
        self.assertEqual(self.diary_lesson(t, pupil["id"], lesson)["group"], 0)

    def test_init_takes_the_schools_utc_offset_and_a_refused_init_leaves_nothing(self):
        import shutil
        import sqlite3
        import tempfile
        root = tempfile.mkdtemp(prefix="classbook-init-")
        self.addCleanup(shutil.rmtree, root, True)
        bad = os.path.join(root, "bad")
        r = ctl(bad, "init", "--utc-offset", "5", "--host", "localhost", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("--utc-offset must look like +03:00", r.stderr)
        self.assertFalse(os.path.exists(bad))
        good = os.path.join(root, "good")
        ctl(good, "init", "--utc-offset", "+05:00", "--host", "localhost")
        with sqlite3.connect(os.path.join(good, "classbook.db")) as db:
            value = db.execute("SELECT value FROM settings WHERE key='utc_offset_minutes'").fetchone()[0]
        self.assertEqual(value, "300")

    # --- taps ----------------------------------------------------------------------------
    def test_taps_are_idempotent_and_know_cards(self):
        with self.box.db() as db:
            card = db.execute("SELECT card FROM students WHERE card IS NOT NULL LIMIT 1").fetchone()[0]
        c = self.box.client()
        auth = {"Authorization": "Bearer " + self.box.kiosk_key}
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        tap = {"tap_id": str(uuid.uuid4()), "card": card, "reader": "entrance-1", "at": now}
        status, r = c.request("POST", "/api/v1/taps", tap, headers=auth)
        self.assertEqual(status, 201, r)
        self.assertIn(r["result"], ("in", "out"))
        self.assertTrue(r["student"]["name"])
        status, again = c.request("POST", "/api/v1/taps", tap, headers=auth)
        self.assertEqual((status, again["result"]), (200, "duplicate"))
        self.assertEqual(self.count("SELECT count(*) FROM taps WHERE tap_id=?", tap["tap_id"]), 1)
        status, r = c.request("POST", "/api/v1/taps", dict(tap, tap_id=str(uuid.uuid4()), card="DEADBEEF99"), headers=auth)
        self.assertEqual(r["result"], "unknown_card")
        self.assertEqual(c.request("POST", "/api/v1/taps", tap, headers={"Authorization": "Bearer nope"})[0], 401)
        self.assertEqual(c.request("POST", "/api/v1/taps", dict(tap, at="yesterday"), headers=auth)[0], 400)

    # --- guardians' acts -----------------------------------------------------------------
    def test_absence_notice_and_week_acknowledgement(self):
        status, r = self.g.request("POST", f"/api/v1/students/{self.child}/absence-notices",
                                   {"from": "2026-11-23", "to": "2026-11-24", "reason": "illness", "comment": "ОРВИ"})
        self.assertEqual(status, 201, r)
        self.assertGreaterEqual(r["excused_lessons"], 0)
        self.assertEqual(self.g.request("POST", f"/api/v1/students/{self.child}/absence-notices",
                                        {"from": "2026-11-24", "to": "2026-11-23", "reason": "illness"})[0], 400)
        self.assertEqual(self.g.request("POST", f"/api/v1/students/{self.other_child}/absence-notices",
                                        {"from": "2026-11-23", "to": "2026-11-23", "reason": "illness"})[0], 403)
        status, ack = self.g.request("PUT", f"/api/v1/students/{self.child}/weeks/{WEEK}/acknowledgement")
        self.assertEqual(status, 200, ack)
        status, d = self.g.request("GET", f"/api/v1/students/{self.child}/diary?week={WEEK}")
        self.assertEqual(d["content_hash"], ack["content_hash"])
        self.assertEqual(len(d["acknowledged_at"]), 1)
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)

    # --- term grades, dots, the class teacher's view ----------------------------------------
    def test_term_grade_confirms_or_overrides_the_proposal(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        body = {"student_id": pupil["id"], "subject_id": teach["subject_id"], "term": TERM, "grade": 5}
        status, r = t.request("PUT", "/api/v1/term-grades", body)
        self.assertEqual(status, 200, r)
        self.assertEqual(r["grade"], 5)
        self.assertEqual(r["overridden"], r["proposed"] is not None and r["proposed"] != 5)
        status, r2 = t.request("PUT", "/api/v1/term-grades", dict(body, grade=4))
        self.assertEqual(status, 200)
        self.assertEqual(self.count("SELECT count(*) FROM term_grades tg JOIN students s ON s.id=tg.student_id WHERE s.uuid=?", pupil["id"]), 1)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='term_grade' AND action='update'"), 1)
        self.assertEqual(t.request("PUT", "/api/v1/term-grades", dict(body, grade=7))[0], 400)
        self.assertEqual(t.request("PUT", "/api/v1/term-grades", dict(body, term=9))[0], 400)
        # A guardian sees the final grade in the grades view.
        status, me = self.box.signed_in(self._guardian_of(pupil["id"])).request("GET", f"/api/v1/students/{pupil['id']}/grades?term={TERM}")
        subject = next(s for s in me["subjects"] if s["subject"] == teach["subject"])
        self.assertEqual(subject["final"], 4)
        # Another subject's teacher may not set it.
        other = self._teacher_not_teaching(teach)
        self.assertEqual(other.request("PUT", "/api/v1/term-grades", body)[0], 403)

    def _guardian_of(self, student_id):
        return next(a for a in self.box.accounts if a["role"] == "guardian" and student_id in a["children"])

    def _teacher_not_teaching(self, teach):
        for acc in (a for a in self.box.accounts if a["role"] == "teacher"):
            t = self.box.signed_in(acc)
            me = t.request("GET", "/api/v1/me")[1]
            if not any(x["class_id"] == teach["class_id"] and x["subject_id"] == teach["subject_id"] for x in me["teaches"]):
                return t
        self.fail("every teacher teaches that class and subject")

    def test_a_dot_becomes_the_next_mark(self):
        t, teach, lesson, pupil = self.teacher_with_lesson()
        status, dot = t.request("POST", "/api/v1/dots", {"student_id": pupil["id"], "lesson_id": lesson["id"], "expires_on": lesson["date"]})
        self.assertEqual(status, 201, dot)
        self.assertEqual(dot["state"], "open")
        y, w, _ = datetime.date.fromisoformat(lesson["date"]).isocalendar()
        reader = self.box.signed_in(self._guardian_of(pupil["id"]))
        diary = reader.request("GET", f"/api/v1/students/{pupil['id']}/diary?week={y}-W{w:02d}")[1]
        shown = [d for day in diary["days"] for l in day["lessons"] if l["id"] == lesson["id"] for d in l["dots"]]
        self.assertEqual([d["id"] for d in shown], [dot["id"]])
        status, r = t.request("POST", "/api/v1/dots", {"student_id": pupil["id"], "lesson_id": lesson["id"], "expires_on": "2020-01-01"})
        self.assertEqual(status, 400)
        status, mark = t.request("POST", "/api/v1/marks", {"student_id": pupil["id"], "lesson_id": lesson["id"], "value": 3, "work_type": "homework"})
        self.assertEqual(status, 201)
        with self.box.db() as db:
            state, mark_uuid = db.execute("SELECT d.state, m.uuid FROM dots d LEFT JOIN marks m ON m.id=d.mark_id WHERE d.uuid=?", (dot["id"],)).fetchone()
        self.assertEqual((state, mark_uuid), ("converted", mark["id"]))
        self.assertEqual(t.request("DELETE", f"/api/v1/dots/{dot['id']}")[0], 409)

    def test_class_teacher_sees_entrance_against_lessons(self):
        ct = next(self.box.signed_in(a) for a in self.box.accounts if a["role"] == "teacher"
                  and self.box.signed_in(a).request("GET", "/api/v1/me")[1]["class_teacher_of"])
        me = ct.request("GET", "/api/v1/me")[1]
        cls = me["class_teacher_of"][0]
        # A school day of the demo weeks with lessons.
        status, day = ct.request("GET", f"/api/v1/classes/{cls['class_id']}/attendance?date=2026-11-24")
        self.assertEqual(status, 200, day)
        self.assertTrue(day["lessons"])
        # A pupil without guardian notices from other tests.
        row = next(r for r in day["students"] if r["student"]["id"] not in self.guardian["children"])
        # Make that pupil absent from the first lesson while the entrance saw them come in: flagged.
        pupil_id, lesson_id = row["student"]["id"], day["lessons"][0]["id"]
        with self.box.db() as db:
            teacher_user = db.execute(
                "SELECT u.login FROM lessons l JOIN users u ON u.person_id = l.teacher_id AND u.role='teacher' WHERE l.uuid=?",
                (lesson_id,)).fetchone()[0]
            db.execute("DELETE FROM taps WHERE student_id=(SELECT id FROM students WHERE uuid=?) AND at LIKE '2026-11-24%'", (pupil_id,))
            db.execute("INSERT INTO taps(tap_id, student_id, card, reader, at, result, received_at) "
                       "SELECT ?, id, card, 'entrance-1', '2026-11-24T04:50:00.000Z', 'in', '2026-11-24T04:50:00.000Z' FROM students WHERE uuid=?",
                       (str(uuid.uuid4()), pupil_id))
        lesson_teacher = self.box.signed_in(next(a for a in self.box.accounts if a["login"] == teacher_user))
        status, r = lesson_teacher.request("PUT", f"/api/v1/lessons/{lesson_id}/attendance",
                                           {"students": [{"student_id": pupil_id, "status": "absent_unexcused"}]})
        self.assertEqual(status, 204, r)
        status, day = ct.request("GET", f"/api/v1/classes/{cls['class_id']}/attendance?date=2026-11-24")
        row = next(r for r in day["students"] if r["student"]["id"] == pupil_id)
        self.assertEqual(row["taps"], [{"at": "07:50", "direction": "in"}])
        cell = row["lessons"][0]
        self.assertEqual((cell["status"], cell["in_building"], cell["disagrees"]), ("absent_unexcused", True, True))
        self.assertGreaterEqual(day["disagreements"], 1)
        self.assertEqual(ct.request("GET", f"/api/v1/classes/{cls['class_id']}/absence-notices?from=2026-11-01&to=2026-11-30")[0], 200)
        # A guardian may not see the class overview.
        self.assertEqual(self.g.request("GET", f"/api/v1/classes/{cls['class_id']}/attendance?date=2026-11-24")[0], 403)
        self.assertEqual(ct.request("GET", f"/api/v1/classes/{cls['class_id']}/attendance?date=24.11.2026")[0], 400)

    # --- operations ----------------------------------------------------------------------
    def test_health_and_metrics(self):
        c = self.box.client()
        status, h = c.request("GET", "/healthz")
        self.assertEqual((status, h["status"]), (200, "ok"))
        status, m = c.request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertIn("classbook_http_responses_total", m)
        self.assertIn("classbook_writer_commits_total", m)
        self.assertRegex(m, r"classbook_writer_commit_nanoseconds_total \d+")
        self.assertRegex(m, r"classbook_writer_commit_nanoseconds_count \d+")

    def test_unknown_paths_are_404_json(self):
        status, body = self.g.request("GET", "/api/v1/nothing-here")
        self.assertEqual(status, 404)
        self.assertEqual((body["error"]["code"], body["error"]["kind"]), ("request.no_such_route", "not_found"))


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
