"""Documents against the real classbookd (issue 11): the diary extract PDF read back with poppler and
zbar — the pupil, the school, the period, a mark with its work type and weight as the diary shows
it; the QR code is the verification address with the code printed beside it, and the box registered
that code. Another family's pupil, a reversed, too long or missing period: refused, nothing written."""
import http.client
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

WEEK_FROM, WEEK_TO, WEEK = "2026-11-16", "2026-11-22", "2026-W47"


def squeezed(s):
    """pdftotext may drop or add spaces between glyphs: compare without any."""
    return re.sub(r"\s+", "", s)


class Documents(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, seed=5).start()
        cls.tmp = tempfile.mkdtemp(prefix="classbook-docs-")
        # A guardian whose child has marks that week (first graders get none).
        with cls.box.db() as db:
            login, guardian_id, child = db.execute(
                "SELECT u.login, u.person_id, s.uuid FROM users u JOIN student_guardians sg ON sg.guardian_id = u.person_id "
                "JOIN students s ON s.id = sg.student_id JOIN marks m ON m.student_id = s.id "
                "JOIN lessons l ON l.id = m.lesson_id WHERE u.role = 'guardian' AND l.date BETWEEN ? AND ? "
                "ORDER BY u.id LIMIT 1", (WEEK_FROM, WEEK_TO)).fetchone()
            # Another family's pupil: none of this guardian's children.
            cls.other = db.execute("SELECT uuid FROM students WHERE id NOT IN "
                                   "(SELECT student_id FROM student_guardians WHERE guardian_id=?) LIMIT 1",
                                   (guardian_id,)).fetchone()[0]
        cls.guardian = cls.box.account("guardian", lambda a: a["login"] == login)
        cls.g = cls.box.signed_in(cls.guardian)
        cls.child = {"id": child}

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def issued(self):
        with self.box.db() as db:
            return db.execute("SELECT count(*) FROM issued_documents").fetchone()[0]

    def extract(self, student, query):
        return self.g.request("GET", f"/api/v1/students/{student}/diary-extract.pdf?{query}", binary=True)

    def test_the_extract_says_what_the_diary_says_and_carries_its_code(self):
        before = self.issued()
        status, pdf = self.extract(self.child["id"], f"from={WEEK_FROM}&to={WEEK_TO}")
        self.assertEqual(status, 200, pdf[:300])
        self.assertEqual(self.g.last_headers["content-type"], "application/pdf")
        self.assertIn(f'filename="diary-extract-{WEEK_FROM}-{WEEK_TO}.pdf"', self.g.last_headers["content-disposition"])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        path = os.path.join(self.tmp, "extract.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = squeezed(subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                                       check=True).stdout)
        with self.box.db() as db:
            full_name, class_name = db.execute(
                "SELECT s.last_name || s.first_name || s.middle_name, c.name FROM students s "
                "JOIN classes c ON c.id = s.class_id WHERE s.uuid=?", (self.child["id"],)).fetchone()
        for expected in ("Тестоваяшкола", full_name, "класс" + class_name, "Период:16.11.2026—22.11.2026"):
            self.assertIn(squeezed(expected), text)
        # A mark of that week, as the diary shows it: value, work type and weight.
        status, week = self.g.request("GET", f"/api/v1/students/{self.child['id']}/diary?week={WEEK}")
        self.assertEqual(status, 200)
        marks = [m for d in week["days"] for l in d["lessons"] for m in l["marks"]]
        self.assertTrue(marks, "the demo week has marks")
        m = marks[0]
        self.assertIn(squeezed(f"{m['value']} ({m['work_type_name']}, ×{m['weight']})"), text)
        # The code: registered once, printed, and in the QR code as the verification address.
        self.assertEqual(self.issued(), before + 1)
        with self.box.db() as db:
            code, kind, made_by, period, content_hash = db.execute(
                "SELECT d.code, d.kind, u.login, d.period_from || '..' || d.period_to, d.content_hash "
                "FROM issued_documents d JOIN users u ON u.id = d.made_by ORDER BY d.id DESC LIMIT 1").fetchone()
        self.assertRegex(code, r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")  # 100 bits, Crockford
        self.assertEqual((kind, made_by, period), ("diary_extract", self.guardian["login"], f"{WEEK_FROM}..{WEEK_TO}"))
        self.assertRegex(content_hash, r"^[0-9a-f]{64}$")
        self.assertIn("Кодпроверки:" + code, text)
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", path, os.path.join(self.tmp, "page")], check=True)
        qr = subprocess.run(["zbarimg", "-q", "--raw", os.path.join(self.tmp, "page-1.png")], capture_output=True,
                            text=True, check=True).stdout.strip()
        self.assertEqual(qr, f"https://localhost:{self.box.port}/verify/{code}")

    def test_each_fetch_is_a_new_document_with_a_new_code(self):
        self.assertEqual(self.extract(self.child["id"], f"from={WEEK_FROM}&to={WEEK_FROM}")[0], 200)
        self.assertEqual(self.extract(self.child["id"], f"from={WEEK_FROM}&to={WEEK_FROM}")[0], 200)
        with self.box.db() as db:
            codes = [r[0] for r in db.execute("SELECT code FROM issued_documents ORDER BY id DESC LIMIT 2")]
        self.assertNotEqual(codes[0], codes[1])

    def test_refusals_say_what_to_do_and_write_nothing(self):
        before = self.issued()
        for student, query, status, code in [
            (self.other, f"from={WEEK_FROM}&to={WEEK_TO}", (403, 404), None),  # another family's pupil
            (self.child["id"], f"from={WEEK_TO}&to={WEEK_FROM}", (400,), "date.range_reversed"),
            (self.child["id"], "from=2026-09-01&to=2027-09-02", (400,), "date.range_too_long"),
            (self.child["id"], f"from={WEEK_FROM}", (400,), "date.malformed"),
            (self.child["id"], "from=2026-02-30&to=2026-03-01", (400,), "date.malformed"),
        ]:
            with self.subTest(student=student, query=query):
                got, body = self.g.request("GET", f"/api/v1/students/{student}/diary-extract.pdf?{query}")
                self.assertIn(got, status, body)
                self.assertIsInstance(body, dict, "a refusal is a JSON error, not a PDF")
                if code:
                    self.assertEqual(body["error"]["code"], code)
        self.assertEqual(self.issued(), before)

    def verify(self, code, json_wanted=False, source="127.0.0.1"):
        """GET /verify/{code} as anyone (no session), from `source`: (status, headers, body text)."""
        ctx = ssl.create_default_context(cafile=os.path.join(self.box.data, "tls/ca.crt"))
        conn = http.client.HTTPSConnection("localhost", self.box.port, context=ctx, timeout=30, source_address=(source, 0))
        try:
            conn.request("GET", f"/verify/{code}", headers={"Accept": "application/json"} if json_wanted else {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
        finally:
            conn.close()

    def issue(self, frm=WEEK_FROM, to=WEEK_TO):
        status, pdf = self.extract(self.child["id"], f"from={frm}&to={to}")
        self.assertEqual(status, 200, pdf[:300])
        with self.box.db() as db:
            return db.execute("SELECT code FROM issued_documents ORDER BY id DESC LIMIT 1").fetchone()[0]

    def test_verify_says_the_school_issued_it_and_whether_the_journal_changed(self):
        code = self.issue()
        status, headers, page = self.verify(code, source="127.0.0.8")
        self.assertEqual(status, 200, page)
        self.assertIn("Документ подлинный", page)
        self.assertIn("Тестовая школа", page)
        self.assertIn("16.11.2026 — 22.11.2026", page)
        self.assertIn("не менялись", page)
        self.assertIn("default-src 'none'", headers["content-security-policy"])
        status, _, body = self.verify(code.lower().replace("-", ""), json_wanted=True, source="127.0.0.8")
        self.assertEqual(status, 200, body)
        v = json.loads(body)
        self.assertEqual((v["genuine"], v["code"], v["period"], v["changed_since"]), (True, code, "16.11.2026 — 22.11.2026", False))
        # A mark of that week changed by its teacher: the same code now says the journal changed.
        with self.box.db() as db:
            mark, teacher_id = db.execute(
                "SELECT m.uuid, l.teacher_id FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students s ON s.id = m.student_id "
                "WHERE s.uuid=? AND l.date BETWEEN ? AND ? LIMIT 1", (self.child["id"], WEEK_FROM, WEEK_TO)).fetchone()
            teacher_uuid = db.execute("SELECT uuid FROM teachers WHERE id=?", (teacher_id,)).fetchone()[0]
        teacher = self.box.signed_in(self.box.account("teacher", lambda a: a["person_id"] == teacher_uuid))
        status, body = teacher.request("PATCH", f"/api/v1/marks/{mark}", {"value": 2, "reason": "пересчёт"})
        self.assertEqual(status, 200, body)
        status, _, body = self.verify(code, json_wanted=True, source="127.0.0.8")
        v = json.loads(body)
        self.assertEqual(v["changed_since"], True)
        self.assertNotIn('"value"', body)  # what changed is not told to whoever holds the paper
        # ... but that a mark of that lesson was changed, and when, is.
        with self.box.db() as db:
            date, subject = db.execute(
                "SELECT l.date, sub.name FROM marks m JOIN lessons l ON l.id = m.lesson_id "
                "JOIN subjects sub ON sub.id = l.subject_id WHERE m.uuid=?", (mark,)).fetchone()
        dotted = ".".join(reversed(date.split("-")))
        self.assertEqual([(c["kind"], c["action"], c["lesson_date"], c["subject"]) for c in v["changes"]],
                         [("mark", "update", dotted, subject)])
        self.assertRegex(v["changes"][0]["at"], r"^\d\d\.\d\d\.\d{4} \d\d:\d\d$")
        status, _, page = self.verify(code, source="127.0.0.8")
        self.assertIn("изменена оценка (" + subject + ", урок " + dotted + ")", page)
        self.assertNotIn(">2<", page)
        # A change outside the period or to another pupil is not listed.
        with self.box.db() as db:
            other_mark = db.execute(
                "SELECT m.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id WHERE l.teacher_id=? "
                "AND (l.date NOT BETWEEN ? AND ? OR m.student_id <> (SELECT id FROM students WHERE uuid=?)) LIMIT 1",
                (teacher_id, WEEK_FROM, WEEK_TO, self.child["id"])).fetchone()[0]
        status, body = teacher.request("PATCH", f"/api/v1/marks/{other_mark}", {"value": 3, "reason": "пересчёт"})
        self.assertEqual(status, 200, body)
        status, _, body = self.verify(code, json_wanted=True, source="127.0.0.8")
        self.assertEqual(len(json.loads(body)["changes"]), 1)

    def test_a_code_the_school_did_not_issue_is_said_so(self):
        for code in ("K7QD-2MXF-93HA-WP4T-XN2C", "not-a-code", "ILOU" * 5):
            with self.subTest(code=code):
                status, _, page = self.verify(code, source="127.0.0.9")
                self.assertEqual(status, 404)
                self.assertIn("Этот код школа не выдавала", page)
                status, _, body = self.verify(code, json_wanted=True, source="127.0.0.9")
                self.assertEqual((status, json.loads(body)), (404, {"genuine": False}))

    def test_verifications_are_limited_per_address(self):
        answers = [self.verify("K7QD-2MXF-93HA-WP4T-XN2C", source="127.0.0.10")[0] for _ in range(31)]
        self.assertEqual(answers[:30], [404] * 30)
        status, headers, body = self.verify("K7QD-2MXF-93HA-WP4T-XN2C", json_wanted=True, source="127.0.0.10")
        self.assertEqual(status, 429, body)
        self.assertGreater(int(headers["retry-after"]), 0)
        self.assertEqual(json.loads(body)["error"]["code"], "document.verify_throttled")
        self.assertEqual(self.verify("K7QD-2MXF-93HA-WP4T-XN2C", source="127.0.0.11")[0], 404)  # another address

    def test_a_school_year_fits_in_one_extract(self):
        status, pdf = self.extract(self.child["id"], "from=2026-09-01&to=2027-08-31")
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
