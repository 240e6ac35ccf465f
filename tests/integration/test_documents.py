"""Documents against the real classbookd (issue 11): the diary extract PDF read back with poppler and
zbar — the pupil, the school, the period, a mark with its work type and weight as the diary shows
it; the QR code is the verification address with the code printed beside it, and the box registered
that code. Another family's pupil, a reversed, too long or missing period: refused, nothing written."""
import os
import re
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

    def test_a_school_year_fits_in_one_extract(self):
        status, pdf = self.extract(self.child["id"], "from=2026-09-01&to=2027-08-31")
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
