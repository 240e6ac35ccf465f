"""Login slips against the real classbookd (issue 11): the secretary prints a class's slips; the PDF
read back with poppler holds every name, login and a new one-time password, eight to a page; zbar
reads the QR codes as the sign-in address with the login; a password read off a slip signs in and
must be changed, the earlier password and sessions are void, every reissue is audited. Bad input and
other people's classes are refused with nothing written; classbookctl slips does the same offline."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

OTP = re.compile(r"[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{2}")
NEW_PASSWORD = "a fresh passphrase 42"


def text_of(path, *opts):
    return subprocess.run(["pdftotext", *opts, "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout


def pages_of(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def qr_codes(path, page=1):
    """The QR codes of one page, read by zbar from poppler's raster: their texts."""
    png = path + f"-{page}"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", str(page), "-l", str(page), "-singlefile", path, png], check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", png + ".png"], capture_output=True, text=True)
    return sorted(line for line in out.stdout.splitlines() if line)


def password_on_slip(text, login):
    """The one-time password printed after `login` on its slip (pdftotext -layout keeps a slip's lines in order)."""
    at = text.index(login)
    m = OTP.search(text, at)
    assert m, f"no password after {login}"
    return m.group(0)


class LoginSlips(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=60, seed=11).start()
        cls.tmp = tempfile.mkdtemp(prefix="classbook-slips-")
        cls.office = cls.box.signed_in(cls.box.account("secretary"))
        with cls.box.db() as db:
            # The class with the most pupils, and one other class.
            rows = db.execute("SELECT c.uuid, c.name, count(*) n FROM classes c JOIN students s ON s.class_id = c.id "
                              "WHERE s.left_on IS NULL GROUP BY c.id ORDER BY n DESC, c.name").fetchall()
            (cls.class_id, cls.class_name, cls.pupils), cls.other_class = rows[0], rows[1]
            cls.class_teacher_uuid = db.execute("SELECT t.uuid FROM classes c JOIN teachers t ON t.id = c.class_teacher_id "
                                                "WHERE c.uuid=?", (cls.class_id,)).fetchone()[0]

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def slips(self, client, body, class_id=None):
        return client.request("POST", f"/api/v1/classes/{class_id or self.class_id}/login-slips", body, binary=True)

    def saved(self, pdf, name):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(pdf)
        return path

    def pupils_of_class(self):
        with self.box.db() as db:
            return db.execute("SELECT s.uuid, s.last_name, s.first_name, u.login, u.password_hash FROM students s "
                              "JOIN users u ON u.person_id = s.id AND u.role = 'student' JOIN classes c ON c.id = s.class_id "
                              "WHERE c.uuid=? AND s.left_on IS NULL ORDER BY s.last_name, s.first_name, s.middle_name",
                              (self.class_id,)).fetchall()

    def hashes(self):
        with self.box.db() as db:
            return db.execute("SELECT group_concat(password_hash) FROM users").fetchone()[0], \
                db.execute("SELECT count(*) FROM audit").fetchone()[0]

    def test_the_office_prints_a_class_and_a_slip_s_password_signs_in_and_must_be_changed(self):
        pupils = self.pupils_of_class()
        victim = next(a for a in self.box.accounts if a["login"] == pupils[0][3])
        old_session = self.box.signed_in(victim)  # the pupil's own session, to be ended by the reissue
        with self.box.db() as db:
            resets_before = db.execute("SELECT count(*) FROM audit WHERE action='password_reset'").fetchone()[0]
        status, pdf = self.slips(self.office, {"for": "pupils"})
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertEqual(self.office.last_headers["content-type"], "application/pdf")
        path = self.saved(pdf, "class.pdf")
        self.assertEqual(pages_of(path), (len(pupils) + 7) // 8)
        text = text_of(path, "-layout")
        squeezed = re.sub(r"\s+", "", text)
        for _, last, first, login, _ in pupils:
            self.assertIn(last + first, squeezed)
            self.assertIn(login, text)
        self.assertIn("Тестоваяшкола", squeezed)
        # Page 1's QR codes: the sign-in page with each login filled in.
        expected = sorted(f"https://localhost:{self.box.port}/sign-in?login={p[3]}" for p in pupils[:8])
        self.assertEqual(qr_codes(path), expected)
        # ... which the box answers with the web app's page (its sign-in route fills the login in;
        # tests/browser/web_app checks that in Chromium).
        status, page = self.box.client().request("GET", expected[0].split(str(self.box.port), 1)[1], headers={"Accept": "text/html"})
        self.assertEqual(status, 200)
        self.assertIn("<!doctype html>", page.lower())
        # Each reissue is in the audit trail; the old password and the old session are void.
        with self.box.db() as db:
            resets = db.execute("SELECT count(*) FROM audit WHERE action='password_reset'").fetchone()[0]
        self.assertEqual(resets - resets_before, len(pupils))
        self.assertEqual(self.box.client().sign_in(victim["login"], victim["password"])[0], 401)
        self.assertEqual(old_session.request("GET", "/api/v1/me")[0], 401)
        # The password read off the slip signs in, and must be changed before anything else.
        otp = password_on_slip(text, victim["login"])
        c = self.box.client()
        status, body = c.sign_in(victim["login"], otp.upper().replace("-", ""))  # typed loosely off paper
        self.assertEqual(status, 200, body)
        self.assertTrue(body["must_change_password"])
        status, body = c.request("GET", f"/api/v1/students/{pupils[0][0]}/diary")
        self.assertEqual(status, 403, body)
        self.assertEqual(body["error"]["code"], "password.change_required")
        status, body = c.request("POST", "/api/v1/me/password", {"old_password": otp, "new_password": NEW_PASSWORD})
        self.assertEqual(status, 204, body)
        self.assertEqual(c.request("GET", f"/api/v1/students/{pupils[0][0]}/diary?week=2026-W47")[0], 200)
        victim["password"] = NEW_PASSWORD

    def test_chosen_pupils_guardians_and_the_class_teacher(self):
        pupils = self.pupils_of_class()
        chosen = [pupils[1][0], pupils[2][0]]
        status, pdf = self.slips(self.office, {"for": "guardians", "students": chosen})
        self.assertEqual(status, 200, pdf[:300])
        path = self.saved(pdf, "guardians.pdf")
        text = text_of(path, "-layout")
        with self.box.db() as db:
            logins = [r[0] for r in db.execute(
                "SELECT u.login FROM users u JOIN student_guardians sg ON sg.guardian_id = u.person_id AND u.role='guardian' "
                "JOIN students s ON s.id = sg.student_id WHERE s.uuid IN (?, ?) AND u.disabled = 0", chosen)]
        self.assertTrue(logins)
        for login in logins:
            self.assertIn(login, text)
        self.assertNotIn(pupils[1][3] + "\n", text)  # the pupils themselves get no slip
        self.assertEqual(len(OTP.findall(text)), len(set(logins)))
        # The class teacher prints for their own class, not for another.
        teacher = self.box.signed_in(self.box.account("teacher", lambda a: a["person_id"] == self.class_teacher_uuid))
        status, pdf = self.slips(teacher, {"for": "pupils", "students": [pupils[3][0]]})
        self.assertEqual(status, 200, pdf[:300])
        status, body = teacher.request("POST", f"/api/v1/classes/{self.other_class[0]}/login-slips", {"for": "pupils"})
        self.assertEqual(status, 403, body)

    def test_refusals_say_what_to_do_and_write_nothing(self):
        before = self.hashes()
        other_pupil = None
        with self.box.db() as db:
            other_pupil = db.execute("SELECT s.uuid FROM students s JOIN classes c ON c.id = s.class_id WHERE c.uuid=? LIMIT 1",
                                     (self.other_class[0],)).fetchone()[0]
        cases = [
            ({"for": "everyone"}, None, 400, "login_slips.for_unknown"),
            ({}, None, 400, "request.field_missing"),
            ({"for": "pupils", "students": [other_pupil]}, None, 404, "login_slips.not_in_class"),
            ({"for": "pupils", "students": ["not-an-id"]}, None, 404, "login_slips.not_in_class"),
            ({"for": "pupils", "students": "all"}, None, 400, "request.wrong_type"),
            ({"for": "pupils", "students": ["x"] * 201}, None, 400, "request.too_many"),
            ({"for": "pupils"}, "00000000-0000-0000-0000-000000000000", 404, "class.not_found"),
            ({"for": "pupils", "extra": 1}, None, 400, "request.unknown_field"),
        ]
        for body, class_id, status_wanted, code in cases:
            with self.subTest(body=str(body)[:60], class_id=class_id):
                status, answer = self.office.request("POST", f"/api/v1/classes/{class_id or self.class_id}/login-slips", body)
                self.assertEqual(status, status_wanted, answer)
                self.assertEqual(answer["error"]["code"], code)
                self.assertTrue(answer["error"]["message"])
        # A guardian may not print anyone's slips.
        guardian = self.box.signed_in(self.box.account("guardian"))
        self.assertEqual(guardian.request("POST", f"/api/v1/classes/{self.class_id}/login-slips", {"for": "pupils"})[0], 403)
        self.assertEqual(self.hashes(), before)

    def test_classbookctl_prints_a_class_on_a_new_box_s_first_day(self):
        out = os.path.join(self.tmp, "ctl.pdf")
        r = ctl(self.box.data, "slips", "--class", self.other_class[1], "--out", out, "--for", "pupils",
                "--address", "https://journal.school.lan/")
        self.assertIn(f"login slips for {self.other_class[1]} written to {out}", r.stdout)
        self.assertEqual(pages_of(out), (self.other_class[2] + 7) // 8)
        self.assertTrue(all(t.startswith("https://journal.school.lan/sign-in?login=") for t in qr_codes(out)))
        self.assertFalse(os.path.exists(out + ".part"))
        text = text_of(out, "-layout")
        with self.box.db() as db:
            login = db.execute("SELECT u.login FROM users u JOIN students s ON s.id = u.person_id AND u.role='student' "
                               "JOIN classes c ON c.id = s.class_id WHERE c.uuid=? ORDER BY s.last_name LIMIT 1",
                               (self.other_class[0],)).fetchone()[0]
            by = db.execute("SELECT after FROM audit WHERE action='password_reset' ORDER BY seq DESC LIMIT 1").fetchone()[0]
        self.assertIn("classbookctl", by)
        status, body = self.box.client().sign_in(login, password_on_slip(text, login))
        self.assertEqual(status, 200, body)  # the running classbookd takes the new password at once
        # An unknown class: a clear refusal, no file.
        r = ctl(self.box.data, "slips", "--class", "99Я", "--out", os.path.join(self.tmp, "none.pdf"), check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("no class named 99Я", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.pdf")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
