"""Access applications against the real classbookd (issue 11): the secretary registers applications of
every kind (with due dates three working days on, late registrations marked), lists them with the
overdue first, approves a parent's — a login slip whose one-time password signs in and must be changed,
the guardian linked to the pupil — and a pupil's; an approval without the documents the kind requires,
or with names that are not the school's record, is refused with the reason to deny instead; each of the
regulation's five reasons prints in its words on the decision. Bad input gets a clear 4xx and writes
nothing; only the secretary handles and the director reads."""
import datetime
import os
import re
import subprocess
import sys
import tempfile
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

OTP = re.compile(r"[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{2}")
NEW_PASSWORD = "a fresh passphrase 42"
ALL_DOCUMENTS = ["request", "birth_certificate", "identity_document", "guardianship_document", "power_of_attorney"]
REGULATION = {
    "not_entitled": "заявитель не относится к кругу лиц, имеющих право на получение услуги",
    "not_a_pupil": "обучающийся не зачислен в образовательную организацию",
    "documents_invalid": "представленные документы не соответствуют установленным требованиям",
    "documents_conflict": "представленные документы содержат противоречивые сведения",
    "withdrawn": "заявитель отказался от получения услуги",
}
PATH = "/api/v1/access-applications"


def squeezed(text):
    return re.sub(r"\s+", "", text)


def working_days_after(day, n=3):
    while n:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


class AccessApplications(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=60, seed=13).start().wait_settled()  # counts outbox rows, as housekeeping writes them
        cls.tmp = tempfile.mkdtemp(prefix="classbook-access-")
        cls.names = iter(range(1, 1000))
        try:
            cls.office = cls.box.signed_in(cls.box.account("secretary"))
            cls.director = cls.box.signed_in(cls.box.account("director"))
            with cls.box.db() as db:
                offset = db.execute("SELECT value FROM settings WHERE key='utc_offset_minutes'").fetchone()
                # Pupils at school with a birth date that no other pupil shares with the same names.
                cls.pupils = db.execute(
                    "SELECT s.uuid, s.last_name, s.first_name, s.middle_name, s.birth_date, c.name FROM students s "
                    "JOIN classes c ON c.id = s.class_id WHERE s.left_on IS NULL AND s.birth_date IS NOT NULL "
                    "AND (SELECT count(*) FROM students t WHERE t.birth_date = s.birth_date AND t.last_name = s.last_name "
                    "AND t.first_name = s.first_name) = 1 ORDER BY s.id").fetchall()
            cls.offset = datetime.timedelta(minutes=int(offset[0]) if offset else 180)
        except BaseException:
            cls.box.cleanup()
            raise
        cls.next_pupil = iter(cls.pupils)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers -----------------------------------------------------------------------------------
    def pupil(self):
        """A pupil no other test of this file uses: (uuid, last, first, middle, birth_date, class)."""
        return next(self.next_pupil)

    def applicant(self):
        n = next(self.names)
        letters = "абвгдежзиклмнопрстуфхцчшэюя"
        return f"Заявкина Ольга{letters[n % 27]}{letters[n // 27 % 27]} Петровна", f"+7900555{n:04d}"

    def today(self):
        return (datetime.datetime.now(datetime.timezone.utc) + self.offset).date()

    def register(self, expect=201, **body):
        status, answer = self.office.request("POST", PATH, body)
        self.assertEqual(status, expect, answer)
        return answer

    def parent_application(self, pupil, **extra):
        name, phone = self.applicant()
        body = {"applicant_name": name, "applicant_kind": "parent", "student_id": pupil[0],
                "documents": ["request", "identity_document", "birth_certificate"], "contact": phone}
        body.update(extra)
        return self.register(**body)

    def snapshot(self):
        with self.box.db() as db:
            return [db.execute(sql).fetchall() for sql in (
                "SELECT * FROM access_applications ORDER BY id",
                "SELECT * FROM guardians ORDER BY id",
                "SELECT * FROM student_guardians ORDER BY student_id, guardian_id",
                "SELECT id, login, password_hash, must_change_password, disabled FROM users ORDER BY id",
                "SELECT count(*), max(seq) FROM audit",
                "SELECT count(*) FROM outbox")]

    def refused(self, method, path, body, status, code, *words):
        """The request gets `status` with `code`, its message holds `words`, and nothing is written."""
        before = self.snapshot()
        got, answer = self.office.request(method, path, body)
        self.assertEqual(got, status, answer)
        self.assertEqual(answer["error"]["code"], code, answer)
        for w in words:
            self.assertIn(w, answer["error"]["message"])
        self.assertEqual(self.snapshot(), before, f"{method} {path} was refused but wrote")
        return answer

    def pdf_text(self, pdf, name, *opts):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(pdf)
        return subprocess.run(["pdftotext", *opts, "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                              check=True).stdout

    def someone_signed_in(self, role):
        """A client signed in as a demo account of `role` whose password no approval here has replaced."""
        for a in self.box.accounts:
            if a["role"] == role:
                c = self.box.client()
                if c.sign_in(a["login"], a["password"])[0] == 200:
                    return c
        raise LookupError(role)

    def approve(self, application_id, body=None, client=None):
        status, pdf = (client or self.office).request("POST", f"{PATH}/{application_id}/approve", body, binary=True)
        return status, pdf

    def decision_text(self, application_id, client=None):
        status, pdf = (client or self.office).request("GET", f"{PATH}/{application_id}/decision.pdf", binary=True)
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertEqual((client or self.office).last_headers["content-type"], "application/pdf")
        return squeezed(self.pdf_text(pdf, f"decision-{application_id}.pdf"))

    def listed(self, query=""):
        status, body = self.office.request("GET", PATH + query)
        self.assertEqual(status, 200, body)
        return body["applications"]

    # --- registering ---------------------------------------------------------------------------------
    def test_every_kind_is_registered_with_its_due_date_and_late_registrations_are_marked(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        due = str(working_days_after(self.today()))
        p1, p2, p3, p4 = self.pupil(), self.pupil(), self.pupil(), self.pupil()
        parent = self.parent_application(p1, arrived_at=(now - datetime.timedelta(minutes=5)).isoformat())
        self.assertRegex(parent["number"], r"^\d{4}-\d{4,}$")
        self.assertEqual((parent["status"], parent["due_on"], parent["overdue"]), ("registered", due, False))
        self.assertEqual(parent["documents"], ["request", "birth_certificate", "identity_document"])  # the regulation's order
        self.assertEqual(parent["missing_documents"], [])
        self.assertFalse(parent["registered_late"])
        self.assertEqual(parent["student"]["id"], p1[0])
        self.assertEqual(parent["student"]["class"], p1[5])
        self.assertIsNone(parent["decided_at"])
        # A legal representative names the pupil by name and birth date: the one pupil so named is found.
        name, phone = self.applicant()
        rep = self.register(applicant_name=name, applicant_kind="legal_representative",
                            pupil_name=f"{p2[1].upper()} {p2[2]}", pupil_birth_date=p2[4],
                            documents=["identity_document", "request"], contact=phone,
                            arrived_at=(now - datetime.timedelta(minutes=40)).isoformat())
        self.assertEqual(rep["student"]["id"], p2[0])
        self.assertTrue(rep["registered_late"])  # 40 minutes after arriving: still registered, marked
        self.assertEqual(rep["missing_documents"], ["guardianship_document"])
        self.assertEqual(rep["pupil_birth_date"], p2[4])
        name, _ = self.applicant()
        proxy = self.register(applicant_name=name, applicant_kind="proxy", student_id=p3[0],
                              pupil_name=f"{p3[1]} {p3[2]}", documents=ALL_DOCUMENTS, contact="Proxy@Example.ORG")
        self.assertEqual(proxy["contact"], "Proxy@example.org")
        self.assertEqual(proxy["missing_documents"], [])
        pupil = self.register(applicant_name=f"{p4[1]} {p4[2]} {p4[3]}", applicant_kind="pupil", student_id=p4[0],
                              documents=["request"], contact="8 (912) 000-11-22")
        self.assertEqual(pupil["contact"], "+79120001122")
        self.assertEqual(pupil["missing_documents"], ["identity_document"])
        # A pupil the school does not have is registered all the same, to be denied.
        name, phone = self.applicant()
        stranger = self.register(applicant_name=name, applicant_kind="parent", pupil_name="Несуществующий Ученик",
                                 pupil_birth_date="2015-05-05", documents=["request"], contact=phone)
        self.assertIsNone(stranger["student"])
        numbers = [a["number"] for a in (parent, rep, proxy, pupil, stranger)]
        self.assertEqual(len(set(numbers)), 5)
        with self.box.db() as db:
            audited = db.execute("SELECT count(*) FROM audit WHERE entity='access_application' AND action='register' "
                                 "AND uuid IN (?,?,?,?,?)", [a["id"] for a in (parent, rep, proxy, pupil, stranger)]).fetchone()[0]
        self.assertEqual(audited, 5)

    def test_the_register_lists_due_dates_with_the_overdue_first(self):
        late, fresh = self.parent_application(self.pupil()), self.parent_application(self.pupil())
        with self.box.db() as db:  # registered long ago: its three working days are over
            db.execute("UPDATE access_applications SET registered_at='2020-01-06T07:00:00.000Z', due_on='2020-01-09' "
                       "WHERE id=(SELECT id FROM access_applications WHERE uuid=?)", (late["id"],))
        every = self.listed()
        self.assertEqual(every[0]["id"], late["id"])
        self.assertTrue(every[0]["overdue"])
        self.assertEqual(every[0]["due_on"], "2020-01-09")
        self.assertFalse(next(a for a in every if a["id"] == fresh["id"])["overdue"])
        overdue = [a["overdue"] for a in every]
        self.assertEqual(overdue, sorted(overdue, reverse=True), "the overdue come first")
        rest = [a["due_on"] for a in every if not a["overdue"]]
        self.assertEqual(rest, sorted(rest), "then by due date")
        registered = self.listed("?status=registered")
        self.assertTrue(registered and all(a["status"] == "registered" for a in registered))
        self.assertIn(fresh["id"], [a["id"] for a in registered])
        # A denied application is no longer overdue, and lists under its status.
        status, denied = self.office.request("POST", f"{PATH}/{late['id']}/deny", {"reason": "withdrawn", "comment": "по телефону"})
        self.assertEqual(status, 200, denied)
        self.assertFalse(denied["overdue"])
        self.assertIn(late["id"], [a["id"] for a in self.listed("?status=denied")])
        self.assertNotIn(late["id"], [a["id"] for a in self.listed("?status=registered")])
        self.refused("GET", PATH + "?status=pending", None, 400, "access_application.status_unknown")
        status, body = self.director.request("GET", PATH)
        self.assertEqual(status, 200, body)

    # --- approving -----------------------------------------------------------------------------------
    def test_approving_a_parent_links_the_guardian_and_answers_a_slip_whose_password_must_be_changed(self):
        p = self.pupil()
        app = self.parent_application(p)
        name = app["applicant_name"]
        status, pdf = self.approve(app["id"], {"comment": "документы проверены"})
        self.assertEqual(status, 200, pdf[:300])
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertEqual(self.office.last_headers["content-type"], "application/pdf")
        self.assertIn(f"login-slip-{app['number']}.pdf", self.office.last_headers["content-disposition"])
        text = self.pdf_text(pdf, "slip.pdf", "-layout")
        with self.box.db() as db:
            guardian_uuid, login, relation = db.execute(
                "SELECT g.uuid, u.login, sg.relation FROM guardians g JOIN users u ON u.person_id = g.id AND u.role='guardian' "
                "JOIN student_guardians sg ON sg.guardian_id = g.id JOIN students s ON s.id = sg.student_id "
                "WHERE s.uuid=? AND g.last_name || ' ' || g.first_name || ' ' || g.middle_name = ?", (p[0], name)).fetchone()
        self.assertEqual(relation, "parent")
        self.assertIn(login, text)
        self.assertIn(squeezed(name), squeezed(text))
        otp = OTP.search(text, text.index(login)).group(0)
        # The guardian is the pupil's now, in the office's list.
        status, guardians = self.office.request("GET", f"/api/v1/students/{p[0]}/guardians")
        self.assertEqual(status, 200, guardians)
        mine = [g for g in guardians["guardians"] if g["id"] == guardian_uuid]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["account"]["login"], login)
        # The slip's password signs in, must be changed, and then shows the child's diary.
        c = self.box.client()
        status, body = c.sign_in(login, otp)
        self.assertEqual(status, 200, body)
        self.assertTrue(body["must_change_password"])
        status, body = c.request("GET", f"/api/v1/students/{p[0]}/diary?week=2026-W47")
        self.assertEqual((status, body["error"]["code"]), (403, "password.change_required"))
        self.assertEqual(c.request("POST", "/api/v1/me/password", {"old_password": otp, "new_password": NEW_PASSWORD})[0], 204)
        status, me = c.request("GET", "/api/v1/me")
        self.assertEqual(status, 200, me)
        self.assertEqual([k["id"] for k in me["children"]], [p[0]])
        self.assertEqual(c.request("GET", f"/api/v1/students/{p[0]}/diary?week=2026-W47")[0], 200)
        # The register and the printed decision say so; the approval is audited.
        done = next(a for a in self.listed() if a["id"] == app["id"])
        self.assertEqual((done["status"], done["login"], done["comment"]), ("approved", login, "документы проверены"))
        text = self.decision_text(app["id"])
        for expected in ("Доступкэлектронномудневникупредоставлен.", f"Логин:{login}.", app["number"],
                         squeezed(name), "Комментарий:документыпроверены"):
            self.assertIn(expected, text)
        self.assertNotIn("отказано", text)
        with self.box.db() as db:
            actions = [r[0] for r in db.execute("SELECT action FROM audit WHERE entity='access_application' AND uuid=? "
                                                "ORDER BY seq", (app["id"],))]
            linked = db.execute("SELECT count(*) FROM audit WHERE entity='student_guardian' AND uuid=?",
                                (f"{p[0]}/{guardian_uuid}",)).fetchone()[0]
        self.assertEqual(actions, ["register", "approve"])
        self.assertEqual(linked, 1)
        # Approved is final: a second approval or a denial is refused and writes nothing.
        self.refused("POST", f"{PATH}/{app['id']}/approve", None, 409, "access_application.already_decided")
        self.refused("POST", f"{PATH}/{app['id']}/deny", {"reason": "withdrawn"}, 409, "access_application.already_decided")
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)

    def test_a_guardian_already_linked_gets_a_new_slip_and_no_second_record(self):
        with self.box.db() as db:
            p_uuid, g_last, g_first, g_middle, g_phone, login = db.execute(
                "SELECT s.uuid, g.last_name, g.first_name, g.middle_name, coalesce(g.phone, '+79001112233'), u.login "
                "FROM students s JOIN student_guardians sg ON sg.student_id = s.id JOIN guardians g ON g.id = sg.guardian_id "
                "JOIN users u ON u.person_id = g.id AND u.role='guardian' WHERE s.left_on IS NULL AND u.disabled=0 "
                "ORDER BY s.id DESC LIMIT 1").fetchone()
        guardians_before = self.snapshot()[1]
        app = self.register(applicant_name=f"{g_last} {g_first} {g_middle}".strip(), applicant_kind="legal_representative",
                            student_id=p_uuid, documents=["request", "identity_document", "guardianship_document"],
                            contact=g_phone)
        status, pdf = self.approve(app["id"])
        self.assertEqual(status, 200, pdf[:300])
        text = self.pdf_text(pdf, "again.pdf", "-layout")
        self.assertIn(login, text)
        self.assertEqual(self.box.client().sign_in(login, OTP.search(text).group(0))[0], 200)
        self.assertEqual(self.snapshot()[1], guardians_before, "no guardian was added")

    def test_a_pupil_applies_for_the_own_account(self):
        p = self.pupil()
        app = self.register(applicant_name=f"{p[1]} {p[2]}", applicant_kind="pupil", student_id=p[0],
                            documents=["request", "identity_document"], contact="+79005550001")
        status, pdf = self.approve(app["id"])
        self.assertEqual(status, 200, pdf[:300])
        text = self.pdf_text(pdf, "pupil.pdf", "-layout")
        with self.box.db() as db:
            login = db.execute("SELECT u.login FROM users u JOIN students s ON s.id = u.person_id AND u.role='student' "
                               "WHERE s.uuid=?", (p[0],)).fetchone()[0]
        self.assertIn(login, text)
        status, body = self.box.client().sign_in(login, OTP.search(text).group(0))
        self.assertEqual(status, 200, body)
        self.assertTrue(body["must_change_password"])
        self.assertIn(f"Логин:{login}.", self.decision_text(app["id"]))

    def test_an_approval_the_papers_do_not_bear_is_refused_with_the_reason_to_deny(self):
        p = self.pupil()
        # A parent without the birth certificate.
        short = self.parent_application(p, documents=["request", "identity_document"])
        self.refused("POST", f"{PATH}/{short['id']}/approve", None, 409, "access_application.documents_missing",
                     "birth_certificate", "documents_invalid")
        # A proxy whose application names the pupil otherwise than the register.
        name, phone = self.applicant()
        other = self.register(applicant_name=name, applicant_kind="proxy", student_id=p[0], pupil_name="Другой Ребёнок",
                              documents=["request", "identity_document", "power_of_attorney"], contact=phone)
        self.refused("POST", f"{PATH}/{other['id']}/approve", None, 409, "access_application.names_mismatch",
                     "Другой Ребёнок", "documents_conflict")
        wrong_day = self.parent_application(p, pupil_birth_date="2001-01-01")
        self.refused("POST", f"{PATH}/{wrong_day['id']}/approve", None, 409, "access_application.names_mismatch",
                     "2001-01-01", "documents_conflict")
        # Someone else applying as the pupil.
        impostor = self.register(applicant_name="Самозванов Иван", applicant_kind="pupil", student_id=p[0],
                                 documents=["request", "identity_document"], contact="+79005550002")
        self.refused("POST", f"{PATH}/{impostor['id']}/approve", None, 409, "access_application.names_mismatch",
                     "documents_conflict")
        # No pupil at school with the name and birth date given.
        name, phone = self.applicant()
        nobody = self.register(applicant_name=name, applicant_kind="parent", pupil_name="Несуществующий Ученик",
                               pupil_birth_date="2015-05-05", documents=["request", "identity_document", "birth_certificate"],
                               contact=phone)
        self.refused("POST", f"{PATH}/{nobody['id']}/approve", None, 409, "access_application.pupil_not_found",
                     "not_a_pupil")
        # A pupil who left after the application came.
        leaver = self.pupil()
        gone = self.parent_application(leaver)
        status, body = self.office.request("POST", f"/api/v1/students/{leaver[0]}/leave", {"left_on": str(self.today())})
        self.assertEqual(status, 200, body)
        self.refused("POST", f"{PATH}/{gone['id']}/approve", None, 409, "access_application.not_a_pupil", "not_a_pupil")
        # Each can be denied with the reason the refusal named.
        for app, reason in ((short, "documents_invalid"), (other, "documents_conflict"), (nobody, "not_a_pupil")):
            status, body = self.office.request("POST", f"{PATH}/{app['id']}/deny", {"reason": reason, "comment": "см. отказ"})
            self.assertEqual((status, body.get("reason")), (200, reason), body)

    # --- denying -------------------------------------------------------------------------------------
    def test_each_of_the_five_reasons_prints_in_the_regulation_s_words(self):
        p = self.pupil()
        for reason, words in REGULATION.items():
            with self.subTest(reason=reason):
                app = self.parent_application(p)
                status, denied = self.office.request("POST", f"{PATH}/{app['id']}/deny",
                                                     {"reason": reason, "comment": f"причина {reason}"})
                self.assertEqual(status, 200, denied)
                self.assertEqual((denied["status"], denied["reason"], denied["comment"]), ("denied", reason, f"причина {reason}"))
                self.assertIsNotNone(denied["decided_at"])
                self.assertIsNone(denied["login"])
                text = self.decision_text(app["id"], self.director)  # the director prints decisions too
                self.assertIn("Впредоставлениидоступакэлектронномудневникуотказано.", text)
                self.assertIn("Основаниеотказа:" + squeezed(words) + ".", text)
                self.assertIn(squeezed(f"причина {reason}"), text)
                self.assertNotIn("Логин", text)
                for other, other_words in REGULATION.items():
                    if other != reason:
                        self.assertNotIn(squeezed(other_words), text)
                # Denied is final: approving it now is refused, and nothing is written.
                self.refused("POST", f"{PATH}/{app['id']}/approve", None, 409, "access_application.already_decided")
                self.refused("POST", f"{PATH}/{app['id']}/deny", {"reason": "withdrawn"}, 409,
                             "access_application.already_decided")

    # --- bad input -----------------------------------------------------------------------------------
    def test_bad_input_gets_a_clear_refusal_and_writes_nothing(self):
        p = self.pupil()
        name, phone = self.applicant()
        good = {"applicant_name": name, "applicant_kind": "parent", "student_id": p[0],
                "documents": ["request", "identity_document", "birth_certificate"], "contact": phone}
        future = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).isoformat()
        cases = [
            ({"student_id": str(uuid.uuid4())}, 404, "roster.referenced_not_found"),
            ({"student_id": "Иванов Пётр"}, 400, "request.id_malformed"),
            ({"applicant_kind": "grandmother"}, 400, "access_application.kind_unknown"),
            ({"documents": ["request", "passport"]}, 400, "access_application.document_unknown"),
            ({"documents": "request"}, 400, "request.wrong_type"),
            ({"documents": ["request"] * 11}, 400, "request.too_many"),
            ({"student_id": None}, 400, "access_application.pupil_missing"),
            ({"student_id": None, "pupil_name": "Иванов Пётр"}, 400, "access_application.pupil_missing"),
            ({"student_id": None, "pupil_name": "Иванов", "pupil_birth_date": "2014-03-01"}, 400,
             "access_application.name_incomplete"),
            ({"pupil_birth_date": "2014-02-30"}, 400, "date.malformed"),
            ({"applicant_name": "Заявкина"}, 400, "access_application.name_incomplete"),
            ({"applicant_name": "Заявкина 0льга"}, 400, "person.name_invalid"),
            ({"contact": "not a phone"}, 400, "contact.malformed"),
            ({"contact": "  "}, 400, "access_application.contact_missing"),
            ({"arrived_at": "yesterday"}, 400, "access_application.arrived_at_malformed"),
            ({"arrived_at": future}, 400, "access_application.arrived_in_future"),
            ({"extra": 1}, 400, "request.unknown_field"),
        ]
        for change, status, code in cases:
            body = {k: v for k, v in {**good, **change}.items() if v is not None}
            with self.subTest(change=str(change)[:60]):
                self.refused("POST", PATH, body, status, code)
        without_contact = {k: v for k, v in good.items() if k != "contact"}
        self.refused("POST", PATH, without_contact, 400, "request.field_missing")
        app = self.parent_application(p)
        unknown = str(uuid.uuid4())
        self.refused("POST", f"{PATH}/{app['id']}/deny", {"reason": "other"}, 400, "access_application.reason_unknown",
                     "not_entitled", "withdrawn")
        self.refused("POST", f"{PATH}/{app['id']}/deny", {"comment": "без причины"}, 400, "request.field_missing")
        self.refused("POST", f"{PATH}/{app['id']}/deny", {"reason": "withdrawn", "comment": "я" * 1001}, 400,
                     "access_application.comment_too_long")
        self.refused("POST", f"{PATH}/{unknown}/deny", {"reason": "withdrawn"}, 404, "access_application.not_found")
        self.refused("POST", f"{PATH}/not-an-id/deny", {"reason": "withdrawn"}, 404, "access_application.not_found")
        self.refused("POST", f"{PATH}/{unknown}/approve", None, 404, "access_application.not_found")
        self.refused("POST", f"{PATH}/{app['id']}/approve", {"note": "x"}, 400, "request.unknown_field")
        self.refused("GET", f"{PATH}/{app['id']}/decision.pdf", None, 409, "access_application.not_decided")
        self.refused("GET", f"{PATH}/{unknown}/decision.pdf", None, 404, "access_application.not_found")

    def test_only_the_secretary_handles_applications_and_the_director_reads_them(self):
        app = self.parent_application(self.pupil())
        status, denied = self.office.request("POST", f"{PATH}/{self.parent_application(self.pupil())['id']}/deny",
                                             {"reason": "not_entitled"})
        self.assertEqual(status, 200, denied)
        teacher, guardian, student = (self.someone_signed_in(role) for role in ("teacher", "guardian", "student"))
        name, phone = self.applicant()
        body = {"applicant_name": name, "applicant_kind": "parent", "student_id": self.pupils[0][0],
                "documents": ["request"], "contact": phone}
        before = self.snapshot()
        for who, client in (("director", self.director), ("teacher", teacher), ("guardian", guardian), ("student", student)):
            with self.subTest(who=who):
                for method, path, payload in (("POST", PATH, body), ("POST", f"{PATH}/{app['id']}/approve", None),
                                              ("POST", f"{PATH}/{app['id']}/deny", {"reason": "withdrawn"})):
                    status, answer = client.request(method, path, payload)
                    self.assertEqual(status, 403, (method, path, answer))
                reads = (("GET", PATH), ("GET", f"{PATH}/{denied['id']}/decision.pdf"))
                for method, path in reads:
                    status, _ = client.request(method, path)
                    self.assertEqual(status, 200 if who == "director" else 403, (who, path))
        self.assertEqual(self.snapshot(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)
