"""The audit trail against the journal, and the limits on late writes, end to end: a real classbookd
over TLS, the demo school, the database changed by hand as an intruder with a shell would."""
import datetime
import os
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

SCHOOL_OFFSET = datetime.timedelta(minutes=180)  # the demo school's UTC offset (Moscow)
LOG_WAIT = 120  # seconds: the check at start runs after the integrity check, beside the server


def school_today():
    return (datetime.datetime.now(datetime.timezone.utc) + SCHOOL_OFFSET).date()


class Audit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(notice_days_back=None).start()  # the school's default reach

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers -------------------------------------------------------------------------
    def q(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def teaching(self, skip=0):
        """A teacher's current assignment with the first lesson the teacher gave, and a pupil of the class:
        (client, teacher uuid, class id, subject id, lesson uuid, pupil uuid)."""
        rows = self.q("SELECT t.uuid, x.class_id, x.subject_id, l.uuid, s.uuid, min(l.date) FROM teaching x "
                      "JOIN teachers t ON t.id = x.teacher_id "
                      "JOIN lessons l ON l.class_id = x.class_id AND l.subject_id = x.subject_id AND l.teacher_id = x.teacher_id "
                      "JOIN students s ON s.class_id = x.class_id "
                      "GROUP BY x.class_id, x.subject_id, x.teacher_id ORDER BY x.class_id, x.subject_id LIMIT 1 OFFSET ?", skip)
        teacher, class_id, subject_id, lesson, pupil, _ = rows[0]  # the teacher's first lesson there
        account = next(a for a in self.box.accounts if a["role"] == "teacher" and a["person_id"] == teacher)
        return self.box.signed_in(account), teacher, class_id, subject_id, lesson, pupil

    def verify(self):
        return ctl(self.box.data, "verify-audit", check=False)

    def wait_for_log(self, text, after):
        """The daemon's log from byte `after` on, once it holds `text`."""
        deadline = time.monotonic() + LOG_WAIT
        path = os.path.join(self.box.data, "classbookd.log")
        while time.monotonic() < deadline:
            with open(path, encoding="utf-8", errors="replace") as f:
                f.seek(after)
                tail = f.read()
            if text in tail:
                return tail
            time.sleep(0.2)
        self.fail(f"classbookd never logged {text!r}")

    def mark(self, client, lesson, pupil, value=4):
        status, m = client.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": lesson,
                                                             "value": value, "work_type": "oral"})
        return status, m

    # --- the audit trail against the data ---------------------------------------------------
    def test_a_demo_school_matches_its_audit_trail(self):
        r = self.verify()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("chain intact", r.stdout)
        self.assertRegex(r.stdout, r"journal ok: \d+ marks, attendance entries and term grades match")

    def test_a_mark_changed_in_the_database_is_named_logged_and_found_at_start(self):
        t, _, _, _, lesson, pupil = self.teaching()
        status, m = self.mark(t, lesson, pupil)
        self.assertEqual(status, 201, m)
        self.assertEqual(self.verify().returncode, 0)
        absent = self.q("SELECT l.uuid, s.uuid, a.presence FROM attendance a JOIN lessons l ON l.id = a.lesson_id "
                        "JOIN students s ON s.id = a.student_id WHERE a.presence = 'absent_unexcused' LIMIT 1")[0]
        # The intruder: sqlite3 on the file, as any process with the file's rights could.
        with self.box.db() as db:
            db.execute("UPDATE marks SET value = 5 WHERE uuid = ?", (m["id"],))
            db.execute("UPDATE attendance SET presence = 'absent_illness' WHERE lesson_id = (SELECT id FROM lessons WHERE uuid = ?) "
                       "AND student_id = (SELECT id FROM students WHERE uuid = ?)", (absent[0], absent[1]))

        def restore():
            with self.box.db() as db:
                db.execute("UPDATE marks SET value = 4 WHERE uuid = ?", (m["id"],))
                db.execute("UPDATE attendance SET presence = 'absent_unexcused' WHERE lesson_id = (SELECT id FROM lessons WHERE uuid = ?) "
                           "AND student_id = (SELECT id FROM students WHERE uuid = ?)", (absent[0], absent[1]))
        self.addCleanup(restore)

        r = self.verify()
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertIn("audit trail ok", r.stdout)  # the chain itself is whole: only the comparison sees it
        self.assertIn("2 of", r.stdout)
        self.assertRegex(r.stdout, rf"mark {m['id']} was changed without an audit entry \(latest audit entry \d+\): "
                                   r"value: audit 4, now 5 — \S+ \S+ \(\S+\), \d{4}-\d\d-\d\d period \d+ ")
        self.assertIn(f"attendance {absent[0]}/{absent[1]} was changed without an audit entry", r.stdout)
        self.assertIn("presence: audit 'absent_unexcused', now 'absent_illness'", r.stdout)
        events = self.q("SELECT detail, student_id FROM security_events WHERE kind = 'audit_mismatch'")
        mine = [e for e in events if m["id"] in e[0]]
        self.assertEqual(len(mine), 1, events)
        self.assertEqual(mine[0][1], self.q("SELECT id FROM students WHERE uuid = ?", pupil)[0][0])
        # The director reads it in the security log.
        director = self.box.signed_in(self.box.account("director"))
        today = school_today()
        window = f"from={today - datetime.timedelta(days=1)}&to={today + datetime.timedelta(days=1)}"
        status, log = director.request("GET", f"/api/v1/security-events?{window}")
        self.assertEqual(status, 200, log)
        self.assertTrue(any(m["id"] in e.get("detail", "") for e in log["events"]), log)

        # classbookd finds it at start by itself, and does not log the same finding twice.
        self.box.stop()
        size = os.path.getsize(os.path.join(self.box.data, "classbookd.log"))
        self.box.start()
        log = self.wait_for_log("new findings in the security log", size)
        self.assertIn("2 journal rows differ from the audit trail", log)
        self.assertIn("0 new findings in the security log", log)
        self.assertEqual(len([e for e in self.q("SELECT detail FROM security_events WHERE kind = 'audit_mismatch'")
                              if m["id"] in e[0]]), 1)

    def test_a_mark_deleted_or_added_by_hand_is_found(self):
        t, _, _, _, lesson, pupil = self.teaching(skip=1)
        status, m = self.mark(t, lesson, pupil, 3)
        self.assertEqual(status, 201, m)
        forged = str(uuid.uuid4())
        with self.box.db() as db:
            row = db.execute("SELECT * FROM marks WHERE uuid = ?", (m["id"],)).fetchone()
            db.execute("DELETE FROM marks WHERE uuid = ?", (m["id"],))
            db.execute("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
                       "SELECT ?, student_id, lesson_id, 5, work_type_id, set_by, created_at, updated_at FROM marks LIMIT 1", (forged,))

        def restore():
            with self.box.db() as db:
                db.execute("DELETE FROM marks WHERE uuid = ?", (forged,))
                db.execute(f"INSERT INTO marks VALUES ({','.join('?' * len(row))})", row)
        self.addCleanup(restore)
        r = self.verify()
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(f"mark {m['id']} is missing, though its latest audit entry (create) says it exists", r.stdout)
        self.assertIn(f"mark {forged} has no audit entry", r.stdout)

    # --- topic, homework and dots are audited ---------------------------------------------
    def test_topic_homework_and_dots_go_to_the_audit_trail(self):
        t, _, _, _, lesson, pupil = self.teaching(skip=2)
        old_topic = self.q("SELECT topic FROM lessons WHERE uuid = ?", lesson)[0][0]
        due = self.q("SELECT date FROM lessons WHERE uuid = ?", lesson)[0][0]
        status, r = t.request("PUT", f"/api/v1/lessons/{lesson}", {"topic": "Проверка аудита",
                              "homework": [{"text": "§ 12, № 3", "due_date": due}]})
        self.assertIn(status, (200, 204), r)
        entry = self.q("SELECT action, json_extract(before, '$.topic'), json_extract(after, '$.topic'), "
                       "json_extract(after, '$.homework[0].text') FROM audit WHERE entity = 'lesson_content' AND uuid = ?", lesson)
        self.assertEqual(entry, [("update", old_topic, "Проверка аудита", "§ 12, № 3")])

        status, dot = t.request("POST", "/api/v1/dots", {"student_id": pupil, "lesson_id": lesson,
                                                         "expires_on": (datetime.date.fromisoformat(due) + datetime.timedelta(days=7)).isoformat()})
        self.assertEqual(status, 201, dot)
        status, r = t.request("DELETE", f"/api/v1/dots/{dot['id']}")
        self.assertIn(status, (200, 204), r)
        status, dot2 = t.request("POST", "/api/v1/dots", {"student_id": pupil, "lesson_id": lesson,
                                                          "expires_on": (datetime.date.fromisoformat(due) + datetime.timedelta(days=7)).isoformat()})
        self.assertEqual(status, 201, dot2)
        status, m = self.mark(t, lesson, pupil, 5)  # converts the open dot
        self.assertEqual(status, 201, m)
        trail = self.q("SELECT uuid, action, json_extract(after, '$.state'), json_extract(after, '$.mark') FROM audit "
                       "WHERE entity = 'dot' AND uuid IN (?, ?) ORDER BY seq", dot["id"], dot2["id"])
        self.assertEqual(trail, [(dot["id"], "create", "open", None), (dot["id"], "cancel", "cancelled", None),
                                 (dot2["id"], "create", "open", None), (dot2["id"], "convert", "converted", m["id"])])
        self.assertEqual(self.verify().returncode, 0)

    # --- a guardian's notice reaches only so far back --------------------------------------
    def test_a_guardians_notice_reaches_at_most_14_days_back(self):
        guardian = self.box.account("guardian", lambda a: len(a["children"]) >= 1)
        g = self.box.signed_in(guardian)
        child = guardian["children"][0]
        today = school_today()
        path = f"/api/v1/students/{child}/absence-notices"
        too_old = (today - datetime.timedelta(days=15)).isoformat()
        # The demo school may hold a notice of its own from that day: nothing is added to what was there.
        before = self.q("SELECT count(*) FROM absence_notices WHERE from_date = ?", too_old)[0][0]
        status, r = g.request("POST", path, {"from": too_old, "to": today.isoformat(), "reason": "illness"})
        self.assertEqual(status, 400, r)
        self.assertEqual(r["error"].get("field"), "from", r)
        self.assertIn("at most 14 days back", r["error"]["message"])
        self.assertIn("contact the class teacher", r["error"]["message"])
        self.assertEqual(self.q("SELECT count(*) FROM absence_notices WHERE from_date = ?", too_old)[0][0], before)
        oldest = (today - datetime.timedelta(days=14)).isoformat()
        status, r = g.request("POST", path, {"from": oldest, "to": oldest, "reason": "family"})
        self.assertEqual(status, 201, r)

    # --- late writes: former teachers and substitutes ----------------------------------------
    def test_a_teacher_taken_off_a_class_writes_only_during_the_grace_period(self):
        t, teacher, class_id, subject_id, lesson, pupil = self.teaching(skip=3)
        office = self.box.signed_in(self.box.account("secretary"))
        class_uuid, subject_uuid = (self.q("SELECT uuid FROM classes WHERE id = ?", class_id)[0][0],
                                    self.q("SELECT uuid FROM subjects WHERE id = ?", subject_id)[0][0])
        path = f"/api/v1/classes/{class_uuid}/teaching/{subject_uuid}/{teacher}"
        self.assertEqual(office.request("DELETE", path)[0], 204)
        self.addCleanup(lambda: office.request("PUT", path))
        ended = self.q("SELECT ended_on FROM teaching_ended WHERE class_id = ? AND subject_id = ? "
                       "AND teacher_id = (SELECT id FROM teachers WHERE uuid = ?)", class_id, subject_id, teacher)
        self.assertEqual(ended, [(school_today().isoformat(),)])
        status, m = self.mark(t, lesson, pupil)  # a lesson the teacher gave, within the grace period
        self.assertEqual(status, 201, m)
        # Eight days later, as far as the database knows.
        with self.box.db() as db:
            db.execute("UPDATE teaching_ended SET ended_on = ? WHERE class_id = ? AND subject_id = ?",
                       ((school_today() - datetime.timedelta(days=8)).isoformat(), class_id, subject_id))
        status, r = self.mark(t, lesson, pupil)
        self.assertEqual(status, 403, r)
        self.assertIn("open to you until", r["error"]["message"])
        self.assertEqual(t.request("PATCH", f"/api/v1/marks/{m['id']}", {"value": 3, "reason": "исправление"})[0], 403)
        # Assigned again: the journal is open again, the old lessons included.
        self.assertEqual(office.request("PUT", path)[0], 201)
        self.assertEqual(self.q("SELECT count(*) FROM teaching_ended WHERE class_id = ? AND subject_id = ?", class_id, subject_id)[0][0], 0)
        self.assertEqual(self.mark(t, lesson, pupil)[0], 201)

    def test_a_substitute_writes_in_the_lesson_given_only_for_a_week_after_it(self):
        _, _, class_id, subject_id, _, pupil = self.teaching(skip=4)
        # A teacher of another class and subject, put into two lessons of this class as a substitute.
        substitute_id, substitute = self.q("SELECT t.id, t.uuid FROM teachers t WHERE NOT EXISTS "
                                           "(SELECT 1 FROM teaching x WHERE x.teacher_id = t.id AND x.class_id = ?) "
                                           "AND EXISTS (SELECT 1 FROM users u WHERE u.person_id = t.id AND u.role = 'teacher') LIMIT 1", class_id)[0]
        recent, old = self.q("SELECT uuid, date, teacher_id FROM lessons WHERE class_id = ? AND subject_id = ? ORDER BY date DESC LIMIT 2",
                             class_id, subject_id)
        # Moved to Sundays, when the class has no other lessons: one within the week before today,
        # one before that.
        today = school_today()
        sunday = today - datetime.timedelta(days=today.isoweekday() % 7)  # today or the last Sunday
        with self.box.db() as db:
            db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?", (substitute_id, sunday.isoformat(), recent[0]))
            db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?",
                       (substitute_id, (sunday - datetime.timedelta(days=14)).isoformat(), old[0]))

        def restore():
            with self.box.db() as db:
                for uuid_, date, teacher_id in (recent, old):
                    db.execute("UPDATE lessons SET teacher_id = ?, date = ? WHERE uuid = ?", (teacher_id, date, uuid_))
        self.addCleanup(restore)
        account = next(a for a in self.box.accounts if a["role"] == "teacher" and a["person_id"] == substitute)
        s = self.box.signed_in(account)
        status, m = self.mark(s, recent[0], pupil)
        self.assertEqual(status, 201, m)
        status, r = self.mark(s, old[0], pupil)
        self.assertEqual(status, 403, r)
        self.assertIn("7 days after the lesson", r["error"]["message"])
        status, r = s.request("PUT", f"/api/v1/lessons/{old[0]}/attendance",
                              {"students": [{"student_id": pupil, "status": "absent_unexcused"}]})
        self.assertEqual(status, 403, r)


if __name__ == "__main__":
    unittest.main()
