"""The authorization matrix over HTTP: every role × endpoint × own or someone else's object, against a
real classbookd. The expected table is written out here on its own, from the rules in the issue,
so that it checks the policy module instead of repeating it."""
import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

WEEK, TERM = "2026-W48", 2
ROLES = ["student", "guardian", "teacher", "class_teacher", "secretary", "director", "admin"]

# role → endpoint → (status for own object, status for another's object)
EXPECTED = {
    "diary":    {"student": (200, 403), "guardian": (200, 403), "teacher": (200, 403), "class_teacher": (200, 403),
                 "secretary": (403, 403), "director": (200, 200), "admin": (403, 403)},
    "grades":   {"student": (200, 403), "guardian": (200, 403), "teacher": (200, 403), "class_teacher": (200, 403),
                 "secretary": (403, 403), "director": (200, 200), "admin": (403, 403)},
    "journal":  {"student": (403, 403), "guardian": (403, 403), "teacher": (200, 403), "class_teacher": (200, 403),
                 "secretary": (403, 403), "director": (200, 200), "admin": (403, 403)},
    "mark":     {"student": (403, 403), "guardian": (403, 403), "teacher": (201, 403), "class_teacher": (201, 403),
                 "secretary": (403, 403), "director": (403, 403), "admin": (403, 403)},
    "overview": {"student": (403, 403), "guardian": (403, 403), "teacher": (403, 403), "class_teacher": (200, 403),
                 "secretary": (403, 403), "director": (200, 200), "admin": (403, 403)},
    "notice":   {"student": (403, 403), "guardian": (201, 403), "teacher": (403, 403), "class_teacher": (403, 403),
                 "secretary": (403, 403), "director": (403, 403), "admin": (403, 403)},
    "reset":    {"student": (403, 403), "guardian": (403, 403), "teacher": (403, 403), "class_teacher": (200, 403),
                 "secretary": (200, 200), "director": (403, 403), "admin": (403, 403)},
}


class PolicyMatrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=90, seed=11).start()
        db = cls.box.db()
        q = lambda sql, *a: db.execute(sql, a).fetchall()  # noqa: E731
        # Class A with a class teacher who also teaches a subject X there; a teacher T of A/X who is
        # neither class teacher of A nor teacher of class B; a pupil of A with a guardian; a pupil of B.
        for class_a, ct_id in q("SELECT id, class_teacher_id FROM classes"):
            subjects = q("SELECT subject_id FROM teaching WHERE class_id=? AND teacher_id=?", class_a, ct_id)
            for (subject_x,) in subjects:
                others = q("SELECT teacher_id FROM teaching WHERE class_id=? AND subject_id=? AND teacher_id<>?", class_a, subject_x, ct_id)
                pick = None
                for (t_id,) in q("SELECT DISTINCT teacher_id FROM teaching WHERE class_id=? AND teacher_id<>?", class_a, ct_id):
                    x = q("SELECT subject_id FROM teaching WHERE class_id=? AND teacher_id=?", class_a, t_id)[0][0]
                    b = q("SELECT id FROM classes WHERE id NOT IN (SELECT class_id FROM teaching WHERE teacher_id IN (?,?)) "
                          "AND (class_teacher_id IS NULL OR class_teacher_id NOT IN (?,?))", t_id, ct_id, t_id, ct_id)
                    if b:
                        pick = (t_id, x, b[0][0])
                        break
                del others
                if pick:
                    cls.class_a, cls.ct_id, cls.ct_subject = class_a, ct_id, subject_x
                    cls.t_id, cls.t_subject, cls.class_b = pick
                    break
            else:
                continue
            break
        else:
            raise unittest.SkipTest("the demo school has no classes shaped for the matrix")
        uuid_of = lambda table, i: q(f"SELECT uuid FROM {table} WHERE id=?", i)[0][0]  # noqa: E731
        cls.a, cls.b = uuid_of("classes", cls.class_a), uuid_of("classes", cls.class_b)
        pupil_a = q("SELECT s.id, s.uuid FROM students s JOIN student_guardians g ON g.student_id=s.id WHERE s.class_id=? LIMIT 1", cls.class_a)[0]
        cls.pupil_a = pupil_a[1]
        cls.pupil_b = q("SELECT uuid FROM students WHERE class_id=? LIMIT 1", cls.class_b)[0][0]
        subj_b = q("SELECT subject_id FROM teaching WHERE class_id=? LIMIT 1", cls.class_b)[0][0]
        cls.subject = {"teacher": uuid_of("subjects", cls.t_subject), "class_teacher": uuid_of("subjects", cls.ct_subject)}
        cls.subject_b = uuid_of("subjects", subj_b)
        lesson = lambda c, s: q("SELECT uuid FROM lessons WHERE class_id=? AND subject_id=? ORDER BY date DESC LIMIT 1", c, s)[0][0]  # noqa: E731
        cls.lesson = {"teacher": lesson(cls.class_a, cls.t_subject), "class_teacher": lesson(cls.class_a, cls.ct_subject)}
        cls.lesson_b = lesson(cls.class_b, subj_b)
        login_of_person = lambda role, pid: q("SELECT login FROM users WHERE role=? AND person_id=?", role, pid)[0][0]  # noqa: E731
        guardian_id = q("SELECT guardian_id FROM student_guardians WHERE student_id=?", pupil_a[0])[0][0]
        cls.logins = {
            "student": login_of_person("student", pupil_a[0]),
            "guardian": login_of_person("guardian", guardian_id),
            "teacher": login_of_person("teacher", cls.t_id),
            "class_teacher": login_of_person("teacher", cls.ct_id),
            "secretary": "secretary",
            "director": "director",
        }
        cls.reset_login = {"own": cls.logins["student"], "other": q(
            "SELECT u.login FROM users u JOIN students s ON s.id=u.person_id AND u.role='student' WHERE s.uuid=?", cls.pupil_b)[0][0]}
        db.close()
        passwords = {a["login"]: a["password"] for a in cls.box.accounts}
        cls.clients = {r: cls.box.signed_in({"login": l, "password": passwords[l]}) for r, l in cls.logins.items()}
        admin = cls.box.client()
        assert admin.sign_in("admin", cls.box.admin_password)[0] == 200
        assert admin.request("GET", f"/api/v1/students/{cls.pupil_a}/diary?week={WEEK}")[0] == 403  # one-time password first
        assert admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                            "new_password": "Tower-lamp-2026-river"})[0] == 204
        cls.clients["admin"] = admin

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def call(self, role, endpoint, own):
        c = self.clients[role]
        pupil = self.pupil_a if own else self.pupil_b
        klass = self.a if own else self.b
        subject = self.subject.get(role, self.subject["teacher"]) if own else self.subject_b
        lesson = self.lesson.get(role, self.lesson["teacher"]) if own else self.lesson_b
        if endpoint == "diary":
            return c.request("GET", f"/api/v1/students/{pupil}/diary?week={WEEK}")
        if endpoint == "grades":
            return c.request("GET", f"/api/v1/students/{pupil}/grades?term={TERM}")
        if endpoint == "journal":
            return c.request("GET", f"/api/v1/classes/{klass}/journal?subject={subject}&term={TERM}")
        if endpoint == "mark":
            return c.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": lesson, "value": 4, "work_type": "oral"})
        if endpoint == "overview":
            return c.request("GET", f"/api/v1/classes/{klass}/attendance?date=2026-11-24")
        if endpoint == "notice":
            return c.request("POST", f"/api/v1/students/{pupil}/absence-notices", {"from": "2026-11-25", "to": "2026-11-25", "reason": "family"})
        if endpoint == "reset":
            return c.request("POST", f"/api/v1/users/{self.reset_login['own' if own else 'other']}/password-reset")
        raise AssertionError(endpoint)

    def test_matrix(self):
        cells = 0
        for endpoint, by_role in EXPECTED.items():
            for role in ROLES:
                for own in (True, False):
                    if endpoint == "reset" and role == "student":
                        pass  # the pupil's own session ends when its password is reset: ask first
                    expected = by_role[role][0 if own else 1]
                    with self.subTest(endpoint=endpoint, role=role, own=own):
                        status, body = self.call(role, endpoint, own)
                        self.assertEqual(status, expected, body)
                        if status == 403:
                            self.assertTrue(body["error"]["message"])
                    cells += 1
        self.assertEqual(cells, len(EXPECTED) * len(ROLES) * 2)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
