"""The report card, the attendance report and the class journal against the real classbookd (issue
11), read back with poppler: the Cyrillic names, marks, averages and grades the API shows are in the
PDF; counts of absences agree with the journal's attendance; the journal's grid has every lesson
date. Other families' pupils, other teachers' classes, bad terms and periods are refused."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

TERM = 2


def squeezed(s):
    return re.sub(r"\s+", "", s)


def comma(x):
    return f"{x:.2f}".replace(".", ",")


class ClassDocuments(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=60, seed=9, weeks=2).start()
        cls.tmp = tempfile.mkdtemp(prefix="classbook-class-docs-")
        with cls.box.db() as db:
            # A guardian whose child has marks; the child's class, its class teacher; a subject teacher there.
            login, child, class_uuid, class_id = db.execute(
                "SELECT u.login, s.uuid, c.uuid, c.id FROM users u JOIN student_guardians sg ON sg.guardian_id = u.person_id "
                "JOIN students s ON s.id = sg.student_id JOIN classes c ON c.id = s.class_id "
                "JOIN marks m ON m.student_id = s.id WHERE u.role = 'guardian' GROUP BY s.id "
                "ORDER BY count(m.id) DESC LIMIT 1").fetchone()
            cls.subject, cls.subject_teacher = db.execute(
                "SELECT sub.uuid, t.uuid FROM lessons l JOIN subjects sub ON sub.id = l.subject_id "
                "JOIN teachers t ON t.id = l.teacher_id JOIN marks m ON m.lesson_id = l.id "
                "WHERE l.class_id=? GROUP BY sub.id ORDER BY count(m.id) DESC LIMIT 1", (class_id,)).fetchone()
            cls.other_class = db.execute("SELECT uuid FROM classes WHERE id<>? LIMIT 1", (class_id,)).fetchone()[0]
            # For the attendance report: the class with the most absences in the demo's weeks, and its class teacher.
            cls.absent_class, cls.absent_class_teacher = db.execute(
                "SELECT c.uuid, t.uuid FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN classes c ON c.id = l.class_id "
                "JOIN teachers t ON t.id = c.class_teacher_id WHERE a.presence <> 'late' "
                "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()
        cls.child, cls.class_id = child, class_uuid
        cls.guardian = cls.box.signed_in(cls.box.account("guardian", lambda a: a["login"] == login))
        cls.office = cls.box.signed_in(cls.box.account("secretary"))

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def pdf_text(self, client, path, name, layout=False):
        status, pdf = client.request("GET", path, binary=True)
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertEqual(client.last_headers["content-type"], "application/pdf")
        file = os.path.join(self.tmp, name)
        with open(file, "wb") as f:
            f.write(pdf)
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [file, "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    def test_the_report_card_says_what_the_grades_say(self):
        status, grades = self.guardian.request("GET", f"/api/v1/students/{self.child}/grades?term={TERM}")
        self.assertEqual(status, 200, grades)
        text = squeezed(self.pdf_text(self.guardian, f"/api/v1/students/{self.child}/report-card.pdf?term={TERM}", "card.pdf"))
        with self.box.db() as db:
            full = db.execute("SELECT last_name || first_name || middle_name FROM students WHERE uuid=?", (self.child,)).fetchone()[0]
        self.assertIn(full, text)
        self.assertIn("2четверть", text)
        with_marks = [s for s in grades["subjects"] if s["marks"]]
        self.assertTrue(with_marks)
        for s in with_marks:
            self.assertIn(squeezed(s["subject"]), text)
            self.assertIn(comma(s["average"]), text)
            # The marks in the order they were given: each value appears in the subject's row.
            self.assertIn("".join(str(m["value"]) for m in sorted(s["marks"], key=lambda m: m["created_at"]))[:3], text)
        self.assertIn("Веса", text)
        # Another family's pupil, a term the school does not have, no term: refused.
        with self.box.db() as db:
            other = db.execute("SELECT uuid FROM students WHERE uuid<>? AND class_id<>(SELECT class_id FROM students WHERE uuid=?) "
                               "LIMIT 1", (self.child, self.child)).fetchone()[0]
        for path, status_wanted, code in (
                (f"/api/v1/students/{other}/report-card.pdf?term={TERM}", 403, None),
                (f"/api/v1/students/{self.child}/report-card.pdf?term=9", 400, "term.not_in_year"),
                (f"/api/v1/students/{self.child}/report-card.pdf", 400, "term.malformed"),
                (f"/api/v1/students/00000000-0000-0000-0000-000000000000/report-card.pdf?term=2", 404, None)):
            with self.subTest(path=path):
                status, body = self.guardian.request("GET", path)
                self.assertIn(status, (status_wanted, 404) if status_wanted == 403 else (status_wanted,), body)
                if code:
                    self.assertEqual(body["error"]["code"], code)

    def test_the_attendance_report_counts_what_the_journal_holds(self):
        frm, to = "2026-11-16", "2026-11-29"
        homeroom = self.box.signed_in(self.box.account("teacher", lambda a: a["person_id"] == self.absent_class_teacher))
        class_id = self.absent_class
        text = self.pdf_text(homeroom, f"/api/v1/classes/{class_id}/attendance-report.pdf?from={frm}&to={to}",
                             "attendance.pdf", layout=True)
        with self.box.db() as db:
            rows = db.execute(
                "SELECT s.last_name, s.first_name, sum(a.presence IN ('absent_illness','absent_excused','absent_unexcused')), "
                "sum(a.presence IN ('absent_illness','absent_excused')), sum(a.presence = 'late') "
                "FROM students s JOIN classes c ON c.id = s.class_id LEFT JOIN attendance a ON a.student_id = s.id "
                "AND a.lesson_id IN (SELECT id FROM lessons WHERE class_id = c.id AND date BETWEEN ? AND ? AND cancelled = 0) "
                "WHERE c.uuid=? AND s.left_on IS NULL GROUP BY s.id", (frm, to, class_id)).fetchall()
        self.assertTrue(any(r[2] for r in rows), "the demo school should have some absences in two weeks")
        for last, first, missed, excused, late in rows:
            # (A long name wraps: the row's numbers stand on the line of the last name.)
            line = next((l for l in text.splitlines() if re.search(rf"^\s*\d+\s+{last}\b", l)), None)
            self.assertIsNotNone(line, f"{last} {first} missing")
            self.assertIn(first, text)
            numbers = re.findall(r"(?<![\d.])(\d+|—)(?![\d.])", line.split(last, 1)[1])
            as_int = [0 if n == "—" else int(n) for n in numbers]
            self.assertEqual(as_int[:2], [missed or 0, excused or 0], line)
        self.assertIn("Итого по классу", text)
        # The office and the director may; a subject teacher of another class may not; bad periods say so.
        self.assertEqual(self.office.request("GET", f"/api/v1/classes/{class_id}/attendance-report.pdf?from={frm}&to={to}",
                                             binary=True)[0], 200)
        for path, status_wanted, code in (
                (f"/api/v1/classes/{self.class_id if self.class_id != class_id else self.other_class}/attendance-report.pdf"
                 f"?from={frm}&to={to}", 403, "class_documents.not_allowed"),
                (f"/api/v1/classes/{class_id}/attendance-report.pdf?from={to}&to={frm}", 400, None),
                (f"/api/v1/classes/{class_id}/attendance-report.pdf?from=2025-01-01&to=2026-11-29", 400, None),
                (f"/api/v1/classes/{class_id}/attendance-report.pdf?from={frm}", 400, "date.malformed")):
            with self.subTest(path=path):
                status, body = homeroom.request("GET", path)
                self.assertEqual(status, status_wanted, body)
                if code:
                    self.assertEqual(body["error"]["code"], code)

    def test_the_journal_pdf_has_every_lesson_mark_and_average(self):
        teacher = self.box.signed_in(self.box.account("teacher", lambda a: a["person_id"] == self.subject_teacher))
        status, journal = teacher.request("GET", f"/api/v1/classes/{self.class_id}/journal?subject={self.subject}&term={TERM}")
        self.assertEqual(status, 200, journal)
        text = self.pdf_text(teacher, f"/api/v1/classes/{self.class_id}/journal.pdf?subject={self.subject}&term={TERM}",
                             "journal.pdf")
        flat = squeezed(text)
        for lesson in journal["lessons"]:
            d = lesson["date"]
            self.assertIn(f"{d[8:10]}.{d[5:7]}", flat)
        for row in journal["students"]:
            self.assertIn(squeezed(row["student"]["full_name"]), flat)
            if row.get("average") is not None:
                self.assertIn(comma(row["average"]), flat)
        # The office prints it for the archive; a guardian may not; an unknown subject says what to send.
        self.assertEqual(self.office.request("GET", f"/api/v1/classes/{self.class_id}/journal.pdf?subject={self.subject}&term={TERM}",
                                             binary=True)[0], 200)
        self.assertIn(self.guardian.request("GET", f"/api/v1/classes/{self.class_id}/journal.pdf?subject={self.subject}&term={TERM}")[0],
                      (403, 404))
        status, body = teacher.request("GET", f"/api/v1/classes/{self.class_id}/journal.pdf?subject=nope&term={TERM}")
        self.assertEqual((status, body["error"]["code"]), (400, "subject.not_taught_in_class"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
