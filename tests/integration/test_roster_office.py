"""The office's roster screens' API against the real classbookd (issue 12): the school's pupils listed
and found by name (case and ё aside) or card, pupils who left hidden unless asked for; a teacher's
names and contacts edited; who teaches what school-wide; the roster import's dry run reports exactly
the problems a real import refuses with and writes nothing, and a good dry run predicts what the real
import then makes (1,000 rows checked within the issue's 2 s); login slips previewed without touching
a password, and printed through a private cupsd: the job completes, the box keeps no copy of the
slips, and a password read off the printed sheet signs in."""
import datetime
import os
import re
import subprocess
import sys
import time
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402
from support.cupsd import Cupsd  # noqa: E402

OTP = re.compile(r"[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{2}")
COUNTED = ["students", "guardians", "student_guardians", "users", "audit", "outbox"]
TODAY = datetime.date.today()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()


def folded(s):
    return s.lower().replace("ё", "е")


class RosterOffice(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cups = Cupsd()
        cls.cups.add_queue("office_q")
        config = (f'[printing]\ncups_server = "{cls.cups.server}"\ndefault_queue = "office"\n'
                  '[printing.queues.office]\ndestination = "office_q"\nlabel = "Канцелярия"\n')
        try:
            # Settled: the dry-run tests count outbox rows, which the start-up housekeeping also writes.
            cls.box = Box(students=60, seed=5).start(config=config).wait_settled()
        except BaseException:
            cls.cups.cleanup()
            raise
        cls.office = cls.box.signed_in(cls.box.account("secretary"))
        cls.director = cls.box.signed_in(cls.box.account("director"))

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        cls.cups.cleanup()

    def q(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def counts(self):
        return {t: self.q(f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}

    # --- the school's pupils ----------------------------------------------------------------------
    def test_pupils_are_listed_by_class_then_name_with_their_guardians_counted(self):
        status, body = self.office.request("GET", "/api/v1/students")
        self.assertEqual(status, 200, body)
        self.assertFalse(body["truncated"])
        at_school = self.q("SELECT s.uuid, c.grade, c.letter, s.last_name, s.first_name, s.middle_name, "
                           "(SELECT count(*) FROM student_guardians g WHERE g.student_id = s.id) FROM students s "
                           "JOIN classes c ON c.id = s.class_id WHERE s.left_on IS NULL OR s.left_on >= ?", TODAY.isoformat())
        listed = body["students"]
        self.assertEqual(len(listed), len(at_school))
        order = {r[0]: r[1:6] for r in at_school}
        keys = [order[p["id"]] for p in listed]
        self.assertEqual(keys, sorted(keys, key=lambda k: (k[0], k[1])))  # by class; within it by name
        guardians = {r[0]: r[6] for r in at_school}
        self.assertTrue(all(p["guardians"] == guardians[p["id"]] for p in listed))
        self.assertTrue(all("card" in p and p["class"]["id"] and p["class"]["name"] for p in listed))
        # The director reads the list, without cards; families and teachers do not.
        status, body = self.director.request("GET", "/api/v1/students")
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["students"]), len(at_school))
        self.assertFalse(any("card" in p for p in body["students"]))
        for role in ("teacher", "guardian", "student"):
            self.assertEqual(self.box.signed_in(self.box.account(role)).request("GET", "/api/v1/students")[0], 403)

    def test_pupils_are_found_by_part_of_a_name_in_any_case_and_by_card(self):
        uuid, last, klass = self.q("SELECT s.uuid, s.last_name, c.uuid FROM students s JOIN classes c ON c.id = s.class_id "
                                   "WHERE s.left_on IS NULL ORDER BY s.id LIMIT 1")[0]
        part = last[1:4].upper()
        status, body = self.office.request("GET", "/api/v1/students?q=" + quote(part))
        self.assertEqual(status, 200, body)
        self.assertIn(uuid, [p["id"] for p in body["students"]])
        for p in body["students"]:
            self.assertIn(folded(part), folded(p["full_name"]))
        self.assertEqual(len(body["students"]), sum(1 for (n,) in self.q(
            "SELECT last_name || ' ' || first_name || ' ' || middle_name FROM students WHERE left_on IS NULL")
            if folded(part) in folded(n)))
        # One class only.
        status, body = self.office.request("GET", f"/api/v1/students?class_id={klass}")
        self.assertEqual(status, 200, body)
        self.assertEqual({p["class"]["id"] for p in body["students"]}, {klass})
        # By the card, as the reader shows it (any case); the director cannot search by card.
        s, r = self.office.request("PATCH", f"/api/v1/students/{uuid}", {"card": "04c0ffee99"})
        self.assertEqual(s, 200, r)
        status, body = self.office.request("GET", "/api/v1/students?q=04C0FFEE99")
        self.assertEqual([p["id"] for p in body["students"]], [uuid])
        self.assertEqual(body["students"][0]["card"], r["card"])
        self.assertEqual(self.director.request("GET", "/api/v1/students?q=04C0FFEE99")[1]["students"], [])
        # A query that cannot be a name; a class that is not one.
        status, body = self.office.request("GET", "/api/v1/students?q=" + quote("а" * 101))
        self.assertEqual((status, body["error"]["code"]), (400, "pupil.query_invalid"))
        status, body = self.office.request("GET", "/api/v1/students?class_id=5A")
        self.assertEqual((status, body["error"]["code"]), (400, "request.id_malformed"))
        status, body = self.office.request("GET", "/api/v1/students?with_left=maybe")
        self.assertEqual(status, 400, body)

    def test_a_pupil_who_left_is_listed_only_with_with_left(self):
        s, made = self.office.request("POST", "/api/v1/students", {
            "last_name": "Ушедшая", "first_name": "Вера", "class_id": self.q("SELECT uuid FROM classes LIMIT 1")[0][0]})
        self.assertEqual(s, 201, made)
        pupil = made["student"]["id"]
        s, r = self.office.request("POST", f"/api/v1/students/{pupil}/leave", {"left_on": YESTERDAY})
        self.assertEqual(s, 200, r)
        ids = [p["id"] for p in self.office.request("GET", "/api/v1/students?q=" + quote("ушедшая"))[1]["students"]]
        self.assertNotIn(pupil, ids)
        status, body = self.office.request("GET", "/api/v1/students?with_left=true&q=" + quote("ушедшая"))
        self.assertEqual(status, 200, body)
        left = [p for p in body["students"] if p["id"] == pupil]
        self.assertEqual([p["left_on"] for p in left], [YESTERDAY])

    # --- staff --------------------------------------------------------------------------------------
    def test_a_teacher_is_edited_like_a_guardian_and_the_account_follows(self):
        s, made = self.office.request("POST", "/api/v1/teachers", {"last_name": "Правкина", "first_name": "Ольга",
                                                                   "middle_name": "Ивановна", "email": "pravkina@school.ru"})
        self.assertEqual(s, 201, made)
        tid = made["teacher"]["id"]
        audit_before = self.q("SELECT count(*) FROM audit WHERE entity='teacher' AND uuid=?", tid)[0][0]
        s, t = self.office.request("PATCH", f"/api/v1/teachers/{tid}",
                                   {"last_name": "Исправленная", "middle_name": None, "phone": "8 900 111-22-33", "email": None})
        self.assertEqual(s, 200, t)
        self.assertEqual((t["last_name"], t["first_name"], t["middle_name"], t["phone"], t["email"]),
                         ("Исправленная", "Ольга", "", "+79001112233", None))
        listed = [x for x in self.office.request("GET", "/api/v1/teachers")[1]["teachers"] if x["id"] == tid]
        self.assertEqual(listed[0]["last_name"], "Исправленная")
        self.assertEqual(self.q("SELECT display_name FROM users WHERE login=?", made["account"]["login"])[0][0], "Ольга Исправленная")
        self.assertEqual(self.q("SELECT count(*) FROM audit WHERE entity='teacher' AND uuid=? AND action='update'", tid)[0][0], 1)
        self.assertEqual(self.q("SELECT count(*) FROM audit WHERE entity='teacher' AND uuid=?", tid)[0][0], audit_before + 1)
        # The same form saved again changes nothing and writes no audit entry.
        self.assertEqual(self.office.request("PATCH", f"/api/v1/teachers/{tid}", {"last_name": "Исправленная"})[0], 200)
        self.assertEqual(self.q("SELECT count(*) FROM audit WHERE entity='teacher' AND uuid=?", tid)[0][0], audit_before + 1)
        # Bad values, unknown fields, unknown teachers and other roles: refused, nothing written.
        before = self.counts()
        for body, code in (({"phone": "12"}, "contact.malformed"), ({"last_name": ""}, "person.name_invalid"),
                           ({"login": "x"}, None)):
            s, r = self.office.request("PATCH", f"/api/v1/teachers/{tid}", body)
            self.assertEqual(s, 400, r)
            if code:
                self.assertEqual(r["error"]["code"], code)
        s, r = self.office.request("PATCH", "/api/v1/teachers/00000000-0000-4000-8000-000000000000", {"phone": None})
        self.assertEqual((s, r["error"]["code"]), (404, "roster.referenced_not_found"))
        self.assertEqual(self.director.request("PATCH", f"/api/v1/teachers/{tid}", {"phone": None})[0], 403)
        self.assertEqual(self.counts(), before)

    def test_who_teaches_what_in_the_whole_school(self):
        status, body = self.director.request("GET", "/api/v1/teaching")
        self.assertEqual(status, 200, body)
        rows = body["teaching"]
        self.assertEqual(len(rows), self.q("SELECT count(*) FROM teaching")[0][0])
        self.assertTrue(all(r["class"]["id"] and r["subject"]["id"] and r["teacher"]["id"] for r in rows), rows[:2])
        grades = {name: (g, l) for name, g, l in self.q("SELECT name, grade, letter FROM classes")}
        keys = [grades[r["class"]["name"]] for r in rows]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(self.office.request("GET", "/api/v1/teaching")[0], 200)
        self.assertEqual(self.box.signed_in(self.box.account("teacher")).request("GET", "/api/v1/teaching")[0], 403)

    # --- the import's dry run -----------------------------------------------------------------------
    def send_csv(self, text, dry_run):
        path = "/api/v1/roster/import" + ("?dry_run=true" if dry_run else "")
        return self.office.request("POST", path, raw=text.encode(), headers={"Content-Type": "text/csv; charset=utf-8"})

    def test_a_dry_run_reports_what_the_import_refuses_and_writes_nothing(self):
        klass, taken = self.q("SELECT c.name, s.last_name || ',' || s.first_name || ',' || s.middle_name || ',' || "
                              "coalesce(s.birth_date, '') FROM students s JOIN classes c ON c.id = s.class_id "
                              "WHERE s.left_on IS NULL LIMIT 1")[0]
        text = ("class,last_name,first_name,middle_name,birth_date,guardian_last_name,guardian_first_name,guardian_phone\n"
                f"{klass},Годная,Анна,,2015-03-01,Годная,Мария,+79005550001\n"
                f"9Щ,Безклассов,Пётр,,2015-03-01,,,\n"                        # no such class
                f"{klass},{taken},,,\n"                                        # already at school
                f"{klass},Плохая,Дата,,2015-02-31,,,\n"                        # no such day
                f"{klass},Телефонова,Ира,,2015-03-01,Телефонова,Ольга,12\n")  # a phone that is not one
        before = self.counts()
        status, preview = self.send_csv(text, True)
        self.assertEqual(status, 200, preview)
        self.assertEqual((preview["dry_run"], preview["would_import"]), (True, False))
        status, refused = self.send_csv(text, False)
        self.assertEqual(status, 400, refused)
        self.assertEqual(refused["error"]["code"], "roster_import.file_has_problems")
        self.assertEqual(preview["problems"], refused["error"]["rows"])
        self.assertEqual({(p["line"], p["field"]) for p in preview["problems"]} >= {(6, "guardian_phone")}, True)
        self.assertEqual(self.counts(), before)

    def test_a_good_dry_run_predicts_the_import_and_writes_nothing(self):
        klass_a, klass_b = [r[0] for r in self.q("SELECT name FROM classes ORDER BY grade, letter LIMIT 2")]
        s, g = self.office.request("POST", "/api/v1/guardians", {"last_name": "Знакомая", "first_name": "Нина",
                                                                 "phone": "+79005559876"})
        self.assertEqual(s, 201, g)
        known = ("Знакомая", "Нина", "+79005559876")
        text = ("class;last_name;first_name;birth_date;guardian_last_name;guardian_first_name;guardian_phone\n"
                f"{klass_a};Прогнозова;Алина;2016-04-02;Прогнозова;Елена;+79005551234\n"
                f"{klass_b};Прогнозов;Борис;2014-05-03;Прогнозова;Елена;+79005551234\n"   # a sibling: the same guardian
                f"{klass_a};Знакомова;Вика;2016-06-04;{known[0]};{known[1]};{known[2]}\n"  # a guardian the school has
                f"{klass_a};Сиротина;Галя;2016-07-05;;;\n")
        before = self.counts()
        status, preview = self.send_csv(text, True)
        self.assertEqual(status, 200, preview)
        self.assertEqual(self.counts(), before)  # no pupil, guardian, account, audit or outbox row
        self.assertEqual((preview["would_import"], preview["problems"], preview["pupils"], preview["guardians_created"],
                          preview["guardians_linked"]), (True, [], 4, 1, 1))
        self.assertEqual(preview["classes"], [{"class": klass_a, "pupils": 3}, {"class": klass_b, "pupils": 1}])
        self.assertNotIn("accounts", preview)
        status, done = self.send_csv(text, False)
        self.assertEqual(status, 201, done)
        for k in ("pupils", "guardians_created", "guardians_linked", "classes"):
            self.assertEqual(done[k], preview[k], k)
        after = self.counts()
        self.assertEqual(after["students"] - before["students"], 4)
        self.assertEqual(after["guardians"] - before["guardians"], 1)
        self.assertEqual(after["student_guardians"] - before["student_guardians"], 3)
        self.assertEqual(after["users"] - before["users"], 5)
        # The same file again: every pupil is now at school — the dry run says so, as the import would.
        status, again = self.send_csv(text, True)
        self.assertEqual((status, again["would_import"], len(again["problems"])), (200, False, 4))

    def test_a_whole_school_file_of_1000_rows_is_checked_within_two_seconds(self):
        klasses = [r[0] for r in self.q("SELECT name FROM classes")]
        lines = ["class,last_name,first_name,middle_name,birth_date,group_no,card,guardian_last_name,guardian_first_name,"
                 "guardian_middle_name,guardian_phone,guardian_email,guardian_relation"]
        for i in range(1000):
            lines.append(f"{klasses[i % len(klasses)]},Тысячева,Ученица{chr(0x430 + i % 26)}{chr(0x430 + i // 26 % 26)},"
                         f"Сергеевна,2015-03-{1 + i % 28:02d},1,FA{i:06X},Тысячева,Мать{chr(0x430 + i % 26)}{chr(0x430 + i // 26 % 26)},"
                         f"Ивановна,+7901{i:07d},mother{i}@example.ru,mother")
        text = "\n".join(lines) + "\n"
        self.assertGreater(len(text.encode()), 65536)  # larger than any other request may be
        before = self.counts()
        t0 = time.perf_counter()
        status, preview = self.send_csv(text, True)
        elapsed = time.perf_counter() - t0
        self.assertEqual(status, 200, str(preview)[:400])
        self.assertEqual((preview["problems"], preview["pupils"], preview["guardians_created"]), ([], 1000, 1000))
        self.assertLess(elapsed, 2.0)
        self.assertEqual(self.counts(), before)
        # One row more is past the limit; a body past the import's own limit is refused before it is read.
        status, over = self.send_csv(text + lines[1].replace("FA", "FB") + "\n", True)
        self.assertEqual(status, 200, over)
        self.assertIn("at most 1000", over["problems"][0]["message"])
        status, body = self.send_csv(text * 4, True)
        self.assertEqual((status, body["error"]["code"]), (413, "request.body_too_large"), body)
        self.assertIn("524288", body["error"]["message"])

    # --- login slips --------------------------------------------------------------------------------
    def class_with_guardians(self):
        return self.q("SELECT c.uuid, c.name FROM classes c JOIN students s ON s.class_id = c.id "
                      "JOIN student_guardians g ON g.student_id = s.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")[0]

    def hashes(self):
        return self.q("SELECT group_concat(password_hash || must_change_password) FROM users")[0][0]

    def test_slips_preview_lists_who_would_get_one_and_changes_no_password(self):
        class_id, class_name = self.class_with_guardians()
        before = (self.hashes(), self.counts())
        status, body = self.office.request("GET", f"/api/v1/classes/{class_id}/login-slips?for=all")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["class"], {"id": class_id, "name": class_name})
        roles = {s["role"] for s in body["slips"]}
        self.assertEqual(roles, {"student", "guardian"})
        pupils = self.q("SELECT u.login FROM students s JOIN classes c ON c.id = s.class_id JOIN users u ON u.person_id = s.id "
                        "AND u.role = 'student' WHERE c.uuid=? AND s.left_on IS NULL AND u.disabled = 0", class_id)
        self.assertEqual({s["login"] for s in body["slips"] if s["role"] == "student"}, {p[0] for p in pupils})
        self.assertTrue(all(s["name"] and s["description"] and s["user_id"] for s in body["slips"]))
        self.assertFalse(any("password" in k for s in body["slips"] for k in s))
        self.assertEqual((self.hashes(), self.counts()), before)
        # Sign-in still works with the password the pupil had.
        acc = next(a for a in self.box.accounts if a["login"] in {p[0] for p in pupils})
        self.assertEqual(self.box.client().sign_in(acc["login"], acc["password"])[0], 200)
        # Chosen pupils only; the same refusals as printing.
        one = self.q("SELECT s.uuid FROM students s JOIN users u ON u.person_id = s.id AND u.role='student' "
                     "WHERE u.login=?", acc["login"])[0][0]
        status, body = self.office.request("GET", f"/api/v1/classes/{class_id}/login-slips?for=pupils&students={one}")
        self.assertEqual([s["login"] for s in body["slips"]], [acc["login"]])
        status, body = self.office.request("GET", f"/api/v1/classes/{class_id}/login-slips?for=everyone")
        self.assertEqual((status, body["error"]["code"]), (400, "login_slips.for_unknown"))
        other = self.q("SELECT uuid FROM classes WHERE uuid<>? LIMIT 1", class_id)[0][0]
        status, body = self.office.request("GET", f"/api/v1/classes/{class_id}/login-slips?for=pupils&students={other}")
        self.assertEqual((status, body["error"]["code"]), (404, "login_slips.not_in_class"))
        self.assertEqual(self.director.request("GET", f"/api/v1/classes/{class_id}/login-slips?for=all")[0], 403)
        self.assertEqual((self.hashes(), self.counts()), before)

    def test_slips_sent_to_a_printer_come_out_and_their_passwords_sign_in(self):
        class_id, _ = self.class_with_guardians()
        pupil, login = self.q("SELECT s.uuid, u.login FROM students s JOIN classes c ON c.id = s.class_id JOIN users u "
                              "ON u.person_id = s.id AND u.role='student' WHERE c.uuid=? AND s.left_on IS NULL "
                              "AND u.disabled=0 ORDER BY s.id DESC LIMIT 1", class_id)[0]
        # A printer that is not there: refused before any password changes.
        before = self.hashes()
        status, body = self.office.request("POST", f"/api/v1/classes/{class_id}/login-slips",
                                           {"for": "pupils", "students": [pupil], "printer": "nowhere"})
        self.assertEqual((status, body["error"]["code"]), (400, "print.unknown_printer"))
        self.assertEqual(self.hashes(), before)
        status, job = self.office.request("POST", f"/api/v1/classes/{class_id}/login-slips",
                                          {"for": "pupils", "students": [pupil], "printer": "office"})
        self.assertEqual(status, 202, job)
        self.assertEqual((job["printer"], job["state"]), ("office", "pending"))
        self.assertIn("/login-slips", job["document"])
        self.assertNotEqual(self.hashes(), before)  # the new password is written, as for the PDF
        deadline = time.monotonic() + 30
        while job["state"] != "completed" and time.monotonic() < deadline:
            time.sleep(0.2)
            status, job = self.office.request("GET", f"/api/v1/print-jobs/{job['id']}")
            self.assertEqual(status, 200, job)
        self.assertEqual(job["state"], "completed", job)
        # The box kept no copy of the slips.
        self.assertEqual(self.q("SELECT pdf IS NULL FROM print_jobs WHERE uuid=?", job["id"])[0][0], 1)
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", self.cups.output("office_q"), "-"],
                              capture_output=True, text=True, check=True).stdout
        self.assertIn(login, text)
        otp = OTP.search(text, text.index(login)).group(0)
        status, body = self.box.client().sign_in(login, otp)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["must_change_password"])
        # A retry has nothing to send again: the slips are issued anew instead.
        status, body = self.office.request("POST", f"/api/v1/print-jobs/{job['id']}/retry")
        self.assertEqual(status, 409, body)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
