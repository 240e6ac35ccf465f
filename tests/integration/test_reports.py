"""The director's reports and the audit search against the real classbookd (issue 12): every figure is
checked against counts the test makes from the database file itself (sqlite3), the CSV parses as Excel
reads it (BOM, ';') and agrees with the JSON, the PDFs name the classes (pdftotext), a pupil made to fail
is at risk, a changed mark is found by pupil and by teacher with its old and new value and reason, and
the verification is ok on a clean box and not ok once a row is edited in the file behind the box's back."""
import csv
import datetime
import io
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

FROM, TO, TERM = "2026-11-16", "2026-11-29", 2
FIGURES = ("pupils", "lessons", "unexcused", "excused", "illness", "late")


def weighted(marks):
    """Σ(value·weight) / Σ(weight), as the diary counts it."""
    total = sum(w for _, w in marks)
    return sum(v * w for v, w in marks) / total if total else None


class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=60, seed=12, weeks=2).start()
        cls.tmp = tempfile.mkdtemp(prefix="classbook-reports-")
        cls.director = cls.box.signed_in(cls.box.account("director"))
        cls.office = cls.box.signed_in(cls.box.account("secretary"))
        with cls.box.db() as db:
            cls.term_from, cls.term_to = db.execute("SELECT start_date, end_date FROM terms WHERE number=?", (TERM,)).fetchone()
            cls.classes = dict(db.execute("SELECT uuid, name FROM classes").fetchall())

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def get(self, client, path, status=200):
        code, body = client.request("GET", path)
        self.assertEqual(code, status, body)
        return body

    def pdf_text(self, path):
        code, pdf = self.director.request("GET", path, binary=True)
        self.assertEqual(code, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        name = os.path.join(self.tmp, "r.pdf")
        with open(name, "wb") as f:
            f.write(pdf)
        return subprocess.run(["pdftotext", "-layout", name, "-"], capture_output=True, text=True, check=True).stdout

    def csv_rows(self, client, path):
        code, raw = client.request("GET", path, binary=True)
        self.assertEqual(code, 200, raw[:300])
        self.assertTrue(client.last_headers["content-type"].startswith("text/csv"))
        self.assertIn("attachment", client.last_headers["content-disposition"])
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8")
        self.assertIn(b"\r\n", raw)
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))

    # --- attendance ---------------------------------------------------------------------------------
    def test_attendance_by_class_and_day_is_the_registers_count(self):
        r = self.get(self.director, f"/api/v1/reports/attendance?from={FROM}&to={TO}")
        with self.box.db() as db:
            expected = {(c, d): (n, u, e, i, l) for c, d, n, u, e, i, l in db.execute(
                "SELECT c.uuid, l.date, count(DISTINCT l.id), "
                "coalesce(sum(x.presence='absent_unexcused'),0), coalesce(sum(x.presence='absent_excused'),0), "
                "coalesce(sum(x.presence='absent_illness'),0), coalesce(sum(x.presence='late'),0) "
                "FROM lessons l JOIN classes c ON c.id=l.class_id LEFT JOIN attendance x ON x.lesson_id=l.id "
                "WHERE l.date BETWEEN ? AND ? AND l.cancelled=0 GROUP BY c.id, l.date", (FROM, TO))}
            pupils = dict(db.execute("SELECT c.uuid, count(s.id) FROM classes c LEFT JOIN students s ON s.class_id=c.id "
                                     "AND (s.left_on IS NULL OR s.left_on >= ?) GROUP BY c.id", (FROM,)).fetchall())
        self.assertTrue(any(v[1] for v in expected.values()), "the demo school has unexcused absences to count")
        got = {}
        for c in r["classes"]:
            self.assertEqual(c["class"], self.classes[c["class_id"]])
            for d in c["days"]:
                got[(c["class_id"], d["date"])] = tuple(d[k] for k in ("lessons", "unexcused", "excused", "illness", "late"))
            self.assertEqual(c["total"]["pupils"], pupils[c["class_id"]])
            for i, k in enumerate(("lessons", "unexcused", "excused", "illness", "late")):
                self.assertEqual(c["total"][k], sum(v[i] for (cl, _), v in expected.items() if cl == c["class_id"]), k)
        self.assertEqual(got, expected)
        for i, k in enumerate(("lessons", "unexcused", "excused", "illness", "late")):
            self.assertEqual(r["school"][k], sum(v[i] for v in expected.values()), k)
            self.assertEqual(sum(d[k] for d in r["school_days"]), r["school"][k], k)

        rows = self.csv_rows(self.director, f"/api/v1/reports/attendance.csv?from={FROM}&to={TO}")
        self.assertEqual(rows[0], ["Класс", "Дата", "Учеников", "Уроков", "«н»", "«уп»", "«б»", "Опозданий"])
        body = rows[1:]
        self.assertEqual(len(body), sum(len(c["days"]) + 1 for c in r["classes"]) + 1)
        for c in r["classes"]:
            total = next(row for row in body if row[0] == c["class"] and row[1] == "итого")
            self.assertEqual([int(x) for x in total[2:]], [c["total"][k] for k in FIGURES])
        self.assertEqual([int(x) for x in body[-1][2:]], [r["school"][k] for k in FIGURES])

        text = self.pdf_text(f"/api/v1/reports/attendance.pdf?from={FROM}&to={TO}")
        for name in self.classes.values():
            self.assertIn(name, text)
        self.assertIn("Посещаемость", text)

    def test_one_class_and_the_office(self):
        class_id = next(iter(self.classes))
        r = self.get(self.office, f"/api/v1/reports/attendance?from={FROM}&to={TO}&class_id={class_id}")
        self.assertEqual([c["class_id"] for c in r["classes"]], [class_id])
        self.assertEqual(r["class"], self.classes[class_id])
        # The office reads attendance only; marks and the trail are the director's.
        for path in (f"/api/v1/reports/grades?term={TERM}", f"/api/v1/reports/at-risk?term={TERM}", "/api/v1/audit",
                     "/api/v1/audit/verification"):
            self.assertEqual(self.office.request("GET", path)[0], 403, path)
        teacher = self.box.signed_in(self.box.account("teacher"))
        self.assertEqual(teacher.request("GET", f"/api/v1/reports/attendance?from={FROM}&to={TO}")[1]["error"]["code"], "report.not_allowed")

    def test_bad_periods_are_refused_with_their_codes(self):
        for query, code in (("", "report.period_missing"), (f"from={FROM}", "report.period_missing"),
                            (f"term={TERM}&from={FROM}&to={TO}", "report.period_ambiguous"),
                            ("from=2026-09-01&to=2027-09-02", "date.range_too_long"),
                            (f"from={TO}&to={FROM}", "date.range_reversed"), ("term=9", "term.not_in_year"),
                            (f"term={TERM}&class_id=00000000-0000-4000-8000-000000000000", "class.not_found")):
            code_got = self.director.request("GET", f"/api/v1/reports/grades?{query}")[1]["error"]["code"]
            self.assertEqual(code_got, code, query)
        self.assertEqual(self.director.request("GET", f"/api/v1/reports/at-risk?term={TERM}&below=abc")[1]["error"]["code"],
                         "report.threshold_malformed")
        self.assertEqual(self.director.request("GET", f"/api/v1/reports/at-risk?term={TERM}&absences=-1")[1]["error"]["code"],
                         "report.absences_malformed")

    # --- marks and term grades -----------------------------------------------------------------------
    def marks_by_class_subject(self, db, date_from, date_to):
        out = {}
        for c, s, v, w, pupil in db.execute(
                "SELECT c.uuid, j.uuid, m.value, t.weight, m.student_id FROM marks m JOIN lessons l ON l.id=m.lesson_id "
                "JOIN classes c ON c.id=l.class_id JOIN subjects j ON j.id=l.subject_id JOIN work_types t ON t.id=m.work_type_id "
                "WHERE m.deleted_at IS NULL AND l.date BETWEEN ? AND ?", (date_from, date_to)):
            out.setdefault((c, s), []).append((v, w, pupil))
        return out

    def test_grades_by_class_and_subject_are_the_journals(self):
        with self.box.db() as db:
            pupil = db.execute("SELECT uuid FROM students ORDER BY id LIMIT 1 OFFSET 11").fetchone()[0]
        lesson, teacher_account = self.box.lessons_of(pupil, self.term_from, self.term_to)[0]
        with self.box.db() as db:
            subject = db.execute("SELECT j.uuid FROM lessons l JOIN subjects j ON j.id=l.subject_id WHERE l.uuid=?", (lesson,)).fetchone()[0]
        teacher = self.box.signed_in(teacher_account)
        status, body = teacher.request("PUT", "/api/v1/term-grades", {"student_id": pupil, "subject_id": subject, "term": TERM, "grade": 4})
        self.assertEqual(status, 200, body)
        with self.box.db() as db:
            expected = self.marks_by_class_subject(db, self.term_from, self.term_to)
            grades = {}
            for c, s, g, n in db.execute("SELECT c.uuid, j.uuid, g.grade, count(*) FROM term_grades g JOIN students st ON "
                                         "st.id=g.student_id JOIN classes c ON c.id=st.class_id JOIN subjects j ON j.id=g.subject_id "
                                         "WHERE g.term=? GROUP BY 1,2,3", (TERM,)):
                grades.setdefault((c, s), {})[str(g)] = n
        r = self.get(self.director, f"/api/v1/reports/grades?term={TERM}")
        self.assertEqual((r["from"], r["to"], r["term"], r["terms"]), (self.term_from, self.term_to, TERM, [TERM]))
        rows = {(x["class_id"], x["subject_id"]): x for x in r["rows"]}
        self.assertEqual({k for k, x in rows.items() if x["marks"]}, set(expected))
        for key, marks in expected.items():
            row = rows[key]
            self.assertEqual(row["marks"], len(marks))
            self.assertEqual(row["pupils_with_marks"], len({p for _, _, p in marks}))
            self.assertAlmostEqual(row["average"], weighted([(v, w) for v, w, _ in marks]), delta=0.005)
            dist = {}
            for v, _, _ in marks:
                dist[str(v)] = dist.get(str(v), 0) + 1
            self.assertEqual(row["marks_by_value"], dist)
            self.assertEqual(row["term_grades_by_value"], grades.get(key, {}))
        self.assertTrue(grades)
        for key, by_grade in grades.items():
            self.assertEqual(rows[key]["term_grades_by_value"], by_grade)
            self.assertEqual(rows[key]["term_grades"], sum(by_grade.values()))

        table = self.csv_rows(self.director, f"/api/v1/reports/grades.csv?term={TERM}")
        header, body = table[0], table[1:]
        self.assertEqual(header[:5], ["Класс", "Предмет", "Оценок", "Учеников с оценками", "Средний балл"])
        self.assertEqual(len(body), len(r["rows"]))
        for line, row in zip(body, r["rows"]):
            self.assertEqual((line[0], line[1], int(line[2])), (row["class"], row["subject"], row["marks"]))
            if row["average"] is not None:
                self.assertEqual(line[4], f"{row['average']:.2f}".replace(".", ","))
            for value, n in row["marks_by_value"].items():
                self.assertEqual(int(line[header.index(f"«{value}»")]), n)

        text = self.pdf_text(f"/api/v1/reports/grades.pdf?term={TERM}")
        for name in {x["class"] for x in r["rows"]}:
            self.assertIn(name, text)

    # --- pupils at risk ------------------------------------------------------------------------------
    def test_a_pupil_made_to_fail_is_at_risk_with_the_reason(self):
        with self.box.db() as db:
            pupil = db.execute("SELECT uuid FROM students ORDER BY id LIMIT 1 OFFSET 3").fetchone()[0]
        lessons = self.box.lessons_of(pupil, self.term_from, self.term_to)
        lesson, teacher_account = lessons[0]
        teacher = self.box.signed_in(teacher_account)
        for _ in range(8):
            status, body = teacher.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": lesson, "value": 1,
                                                                      "work_type": "test"})
            self.assertEqual(status, 201, body)
        with self.box.db() as db:
            subject = db.execute("SELECT j.uuid FROM lessons l JOIN subjects j ON j.id=l.subject_id WHERE l.uuid=?", (lesson,)).fetchone()[0]
            # Every pupil × subject average of the term, and every pupil's unexcused absences, from the file.
            averages = {}
            for s, j, v, w in db.execute(
                    "SELECT st.uuid, j.uuid, m.value, t.weight FROM marks m JOIN lessons l ON l.id=m.lesson_id "
                    "JOIN students st ON st.id=m.student_id JOIN subjects j ON j.id=l.subject_id "
                    "JOIN work_types t ON t.id=m.work_type_id WHERE m.deleted_at IS NULL AND l.date BETWEEN ? AND ?",
                    (self.term_from, self.term_to)):
                averages.setdefault((s, j), []).append((v, w))
            unexcused = dict(db.execute(
                "SELECT st.uuid, count(*) FROM attendance x JOIN lessons l ON l.id=x.lesson_id JOIN students st ON st.id=x.student_id "
                "WHERE x.presence='absent_unexcused' AND l.cancelled=0 AND l.date BETWEEN ? AND ? GROUP BY st.id",
                (self.term_from, self.term_to)).fetchall())
        limit = max(unexcused.values()) - 1 if unexcused else 0
        r = self.get(self.director, f"/api/v1/reports/at-risk?term={TERM}&below=3.0&absences={limit}")
        self.assertEqual((r["below"], r["absences"], r["absences_counted"]), (3.0, limit, "unexcused"))
        low = {k for k, marks in averages.items() if weighted(marks) < 3.0}
        self.assertIn((pupil, subject), low)
        got_low = {(p["student_id"], x["subject_id"]) for p in r["pupils"] for x in p["reasons"] if x["kind"] == "low_average"}
        self.assertEqual(got_low, low)
        got_absent = {p["student_id"] for p in r["pupils"] for x in p["reasons"] if x["kind"] == "unexcused_absences"}
        self.assertEqual(got_absent, {s for s, n in unexcused.items() if n > limit})
        self.assertTrue(got_absent)
        failing = next(p for p in r["pupils"] if p["student_id"] == pupil)
        reason = next(x for x in failing["reasons"] if x["subject_id"] == subject)
        self.assertAlmostEqual(reason["average"], weighted(averages[(pupil, subject)]), delta=0.005)

        rows = self.csv_rows(self.director, f"/api/v1/reports/at-risk.csv?term={TERM}&below=3.0&absences={limit}")
        self.assertEqual(len(rows) - 1, sum(len(p["reasons"]) for p in r["pupils"]))
        self.assertIn(failing["name"], {row[1] for row in rows[1:]})
        text = self.pdf_text(f"/api/v1/reports/at-risk.pdf?term={TERM}&below=3.0&absences={limit}")
        self.assertIn(failing["name"].split()[0], text)
        self.assertIn(failing["class"], text)

    # --- the audit trail -----------------------------------------------------------------------------
    def test_the_director_finds_who_changed_a_mark(self):
        with self.box.db() as db:
            pupil, name, klass = db.execute("SELECT s.uuid, s.last_name || ' ' || s.first_name, c.name FROM students s "
                                            "JOIN classes c ON c.id=s.class_id ORDER BY s.id LIMIT 1 OFFSET 7").fetchone()
        lesson, teacher_account = self.box.lessons_of(pupil, self.term_from, self.term_to)[1]
        teacher = self.box.signed_in(teacher_account)
        status, mark = teacher.request("POST", "/api/v1/marks", {"student_id": pupil, "lesson_id": lesson, "value": 4, "work_type": "oral"})
        self.assertEqual(status, 201, mark)
        status, _ = teacher.request("PATCH", f"/api/v1/marks/{mark['id']}", {"value": 2, "reason": "Ошибся клеткой"})
        self.assertEqual(status, 200)
        with self.box.db() as db:
            subject_id, subject, date, class_id = db.execute(
                "SELECT j.uuid, j.name, l.date, c.uuid FROM lessons l JOIN subjects j ON j.id=l.subject_id "
                "JOIN classes c ON c.id=l.class_id WHERE l.uuid=?", (lesson,)).fetchone()
            teacher_name = db.execute("SELECT display_name FROM users WHERE login=?", (teacher_account["login"],)).fetchone()[0]

        today = datetime.date.today()

        def changes(query):
            page = self.get(self.director, f"/api/v1/audit?{query}")
            return [e for e in page["entries"] if e["id"] == mark["id"]]

        for query in (f"student_id={pupil}", f"teacher_id={teacher_account['person_id']}&entity=mark",
                      f"user={teacher_account['login']}", f"class_id={class_id}&subject_id={subject_id}&entity=mark",
                      f"student_id={pupil}&from={today - datetime.timedelta(days=1)}&to={today + datetime.timedelta(days=1)}"):
            found = changes(query)
            self.assertEqual([e["action"] for e in found], ["create", "update"], query)
            update = found[1]
            self.assertEqual((update["from"], update["to"], update["reason"]), ("4", "2", "Ошибся клеткой"), query)
            self.assertEqual((update["actor"], update["actor_role"]), (teacher_name, "teacher"))
            self.assertEqual(update["student"], {"id": pupil, "name": name})
            self.assertEqual((update["class"], update["subject"], update["lesson_date"]), (klass, subject, date))
            self.assertIn("4 → 2", update["summary"])
            self.assertIn("Ошибся клеткой", update["summary"])
        # Another pupil's search does not find it; a day before the change neither.
        with self.box.db() as db:
            other = db.execute("SELECT uuid FROM students WHERE uuid<>? LIMIT 1", (pupil,)).fetchone()[0]
        self.assertEqual(changes(f"student_id={other}"), [])
        self.assertEqual(changes(f"student_id={pupil}&to=2000-01-01"), [])
        # Every entry of a pupil's search is the pupil's.
        page = self.get(self.director, f"/api/v1/audit?student_id={pupil}")
        self.assertTrue(page["entries"])
        self.assertTrue(all(e["student"]["id"] == pupil for e in page["entries"]))
        for query, code in (("student_id=nope", "request.id_malformed"),
                            ("student_id=00000000-0000-4000-8000-000000000000", "pupil.not_found"),
                            ("user=nobody-here", "user.not_found"),
                            (f"user=x&teacher_id={teacher_account['person_id']}", "audit.filter_conflict"),
                            ("after=x", "request.page_cursor_malformed")):
            self.assertEqual(self.director.request("GET", f"/api/v1/audit?{query}")[1]["error"]["code"], code, query)

    def test_z_verification_is_ok_until_a_row_is_edited_in_the_file(self):
        v = self.get(self.director, "/api/v1/audit/verification")
        with self.box.db() as db:
            entries = db.execute("SELECT count(*) FROM audit").fetchone()[0]
            mark = db.execute("SELECT uuid, value FROM marks WHERE deleted_at IS NULL ORDER BY id LIMIT 1").fetchone()
        self.assertTrue(v["ok"], v["findings"])
        self.assertEqual(v["findings"], [])
        self.assertEqual(v["checked_entries"], entries)
        self.assertGreater(v["rows_checked"], 0)
        self.box.stop()
        with self.box.db() as db:
            db.execute("UPDATE marks SET value = ? WHERE uuid = ?", (5 if mark[1] != 5 else 4, mark[0]))
        self.box.start()
        self.director = self.box.signed_in(self.box.account("director"))
        v = self.get(self.director, "/api/v1/audit/verification")
        self.assertFalse(v["ok"])
        self.assertEqual(v["mismatch_count"], 1)
        self.assertEqual([(f["kind"], f["entity"], f["key"]) for f in v["findings"]], [("mismatch", "mark", mark[0])])


if __name__ == "__main__":
    unittest.main()
