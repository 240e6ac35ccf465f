"""Printing through a real, private cupsd (issue 11): the box's printers and their state in words; a
document sent by a teacher comes out of the queue as the same valid PDF; a disabled queue gives a
stopped job with the printer's reason, and a retry completes once the queue is enabled; a print
server that is down stops the job with a reason and a retry completes once it is back. Users print
only what they may read and see only their own jobs; bad input is refused and writes nothing."""
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402
from support.cupsd import Cupsd  # noqa: E402

FROM, TO = "2026-11-16", "2026-11-29"


class Printing(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cups = Cupsd()
        cls.cups.add_queue("office_q")
        cls.cups.add_queue("staff_q")
        config = (f'[printing]\ncups_server = "{cls.cups.server}"\ndefault_queue = "office"\n'
                  '[printing.queues.office]\ndestination = "office_q"\nlabel = "Канцелярия"\n'
                  '[printing.queues.staffroom]\ndestination = "staff_q"\nlabel = "Учительская"\n')
        cls.box = Box(students=30, seed=3).start(config=config)
        with cls.box.db() as db:
            cls.class_id, teacher = db.execute(
                "SELECT c.uuid, t.uuid FROM classes c JOIN teachers t ON t.id = c.class_teacher_id "
                "JOIN students s ON s.class_id = c.id GROUP BY c.id LIMIT 1").fetchone()
            cls.other_class = db.execute("SELECT uuid FROM classes WHERE uuid<>? LIMIT 1", (cls.class_id,)).fetchone()[0]
        cls.teacher = cls.box.signed_in(cls.box.account("teacher", lambda a: a["person_id"] == teacher))
        cls.office = cls.box.signed_in(cls.box.account("secretary"))
        cls.document = f"/api/v1/classes/{cls.class_id}/attendance-report.pdf?from={FROM}&to={TO}"

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        cls.cups.cleanup()

    def jobs_in_box(self):
        with self.box.db() as db:
            return db.execute("SELECT count(*) FROM print_jobs").fetchone()[0]

    def print_(self, client, body):
        status, job = client.request("POST", "/api/v1/print-jobs", body)
        self.assertEqual(status, 202, job)
        return job

    def until(self, client, job_id, states, timeout=30):
        """The job once its state is one of `states` (asked every 0.2 s)."""
        deadline = time.monotonic() + timeout
        while True:
            status, job = client.request("GET", f"/api/v1/print-jobs/{job_id}")
            self.assertEqual(status, 200, job)
            if job["state"] in states or time.monotonic() > deadline:
                self.assertIn(job["state"], states, job)
                return job
            time.sleep(0.2)

    def printed_text(self, queue):
        out = self.cups.output(queue)
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True)
        self.assertEqual(info.returncode, 0, info.stderr)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", out, "-"], capture_output=True, text=True, check=True).stdout

    def test_1_printers_are_listed_with_their_state_in_words(self):
        status, body = self.office.request("GET", "/api/v1/printers")
        self.assertEqual(status, 200, body)
        by_name = {p["name"]: p for p in body["printers"]}
        self.assertEqual(set(by_name), {"office", "staffroom"})
        self.assertEqual((by_name["office"]["label"], by_name["office"]["default"], by_name["office"]["state"]),
                         ("Канцелярия", True, "ready"))
        self.assertEqual(by_name["office"]["message"], "Готов")
        # Families print at the hall kiosk, not on the school's printers.
        guardian = self.box.signed_in(self.box.account("guardian"))
        self.assertEqual(guardian.request("GET", "/api/v1/printers")[0], 403)

    def test_2_a_document_comes_out_of_the_queue_as_a_valid_pdf(self):
        job = self.print_(self.teacher, {"document": self.document, "printer": "staffroom", "copies": 2})
        self.assertEqual((job["printer"], job["printer_label"], job["copies"], job["title"]),
                         ("staffroom", "Учительская", 2, "Отчёт о посещаемости"))
        done = self.until(self.teacher, job["id"], {"completed"})
        self.assertNotIn("reason", done)
        self.assertIn("Отчёт о посещаемости", self.printed_text("staff_q"))
        # Listed among the teacher's jobs; another user does not see it.
        status, mine = self.teacher.request("GET", "/api/v1/print-jobs")
        self.assertIn(job["id"], [j["id"] for j in mine["jobs"]])
        self.assertEqual(self.office.request("GET", f"/api/v1/print-jobs/{job['id']}")[0], 404)
        self.assertNotIn(job["id"], [j["id"] for j in self.office.request("GET", "/api/v1/print-jobs")[1]["jobs"]])

    def test_3_a_disabled_queue_stops_the_job_and_a_retry_completes_once_enabled(self):
        self.cups.admin("cupsdisable", "-r", "Замена картриджа", "office_q")
        try:
            status, body = self.office.request("GET", "/api/v1/printers")
            office = next(p for p in body["printers"] if p["name"] == "office")
            self.assertEqual(office["state"], "off")
            self.assertIn("Замена картриджа", office["message"])
            job = self.print_(self.teacher, {"document": self.document})  # the default printer
            self.assertEqual(job["printer"], "office")
            stopped = self.until(self.teacher, job["id"], {"stopped"})
            self.assertIn("Замена картриджа", stopped["reason"])
            # Retrying a stopped job sends it again (the held one is withdrawn: it comes out once).
            status, again = self.teacher.request("POST", f"/api/v1/print-jobs/{job['id']}/retry")
            self.assertEqual(status, 202, again)
            self.assertEqual(again["state"], "pending")
        finally:
            self.cups.admin("cupsenable", "office_q")
        self.until(self.teacher, job["id"], {"completed"})
        self.assertIn("Отчёт о посещаемости", self.printed_text("office_q"))
        # A completed job is not sent again.
        status, body = self.teacher.request("POST", f"/api/v1/print-jobs/{job['id']}/retry")
        self.assertEqual((status, body["error"]["code"]), (409, "print.not_stopped"))

    def test_4_a_print_server_that_is_down_stops_the_job_until_it_is_back(self):
        self.cups.stop()
        try:
            status, body = self.office.request("GET", "/api/v1/printers")
            self.assertEqual({p["state"] for p in body["printers"]}, {"unreachable"})
            job = self.print_(self.office, {"document": self.document, "printer": "office"})
            self.assertEqual(job["state"], "stopped")
            self.assertIn(self.cups.server, job["reason"])
        finally:
            self.cups.start()
        status, again = self.office.request("POST", f"/api/v1/print-jobs/{job['id']}/retry")
        self.assertEqual(status, 202, again)
        self.until(self.office, job["id"], {"completed"})

    def test_5_users_print_only_what_they_may_read_and_bad_input_writes_nothing(self):
        before = self.jobs_in_box()
        cases = [
            (self.teacher, {"document": f"/api/v1/classes/{self.other_class}/attendance-report.pdf?from={FROM}&to={TO}"},
             403, "class_documents.not_allowed"),
            (self.teacher, {"document": self.document, "printer": "basement"}, 400, "print.unknown_printer"),
            (self.teacher, {"document": self.document, "copies": 0}, 400, "print.copies_out_of_range"),
            (self.teacher, {"document": self.document, "copies": 21}, 400, "print.copies_out_of_range"),
            (self.teacher, {"document": "/etc/passwd"}, 400, "print.unknown_document"),
            (self.teacher, {"document": f"/api/v1/classes/{self.class_id}/attendance-report.pdf?from={TO}&to={FROM}"},
             400, None),
            (self.teacher, {"printer": "office"}, 400, "request.field_missing"),
        ]
        for client, body, status_wanted, code in cases:
            with self.subTest(body=body):
                status, answer = client.request("POST", "/api/v1/print-jobs", body)
                self.assertEqual(status, status_wanted, answer)
                if code:
                    self.assertEqual(answer["error"]["code"], code)
        self.assertEqual(self.teacher.request("GET", "/api/v1/print-jobs/not-a-job")[0], 404)
        self.assertEqual(self.jobs_in_box(), before)

    def test_6_the_directors_report_prints_and_the_admin_looks_after_the_jobs(self):
        """issue 12: a report of the whole school goes to a printer like any document (the teacher may not
        print it); the administrator, who prints nothing, sees that job among all and its printer's state."""
        director = self.box.signed_in(self.box.account("director"))
        document = f"/api/v1/reports/grades.pdf?from={FROM}&to={TO}"
        status, answer = self.teacher.request("POST", "/api/v1/print-jobs", {"document": document})
        self.assertEqual((status, answer["error"]["code"]), (403, "report.not_allowed"), answer)
        job = self.print_(director, {"document": document, "printer": "staffroom"})
        self.assertEqual(job["title"], "Успеваемость по классам и предметам")
        self.until(director, job["id"], {"completed"})
        text = self.printed_text("staff_q")
        with self.box.db() as db:
            some_class = db.execute("SELECT c.name FROM classes c JOIN students s ON s.class_id=c.id LIMIT 1").fetchone()[0]
        self.assertIn(some_class, text)
        admin = self.box.client()
        self.assertEqual(admin.sign_in("admin", self.box.admin_password)[0], 200)
        status, _ = admin.request("POST", "/api/v1/me/password", {"old_password": self.box.admin_password,
                                                                   "new_password": "Lipa-Kamysh-2026"})
        self.assertIn(status, (200, 204))
        status, body = admin.request("GET", "/api/v1/print-jobs")
        self.assertEqual(status, 200, body)
        self.assertIn(job["id"], [j["id"] for j in body["jobs"]])
        self.assertEqual(admin.request("GET", f"/api/v1/print-jobs/{job['id']}")[1]["state"], "completed")
        self.assertEqual(admin.request("GET", "/api/v1/printers")[0], 200)
        # The administrator sees and retries jobs, but prints nothing itself.
        status, answer = admin.request("POST", "/api/v1/print-jobs", {"document": document})
        self.assertEqual((status, answer["error"]["code"]), (403, "print.not_allowed"), answer)


if __name__ == "__main__":
    unittest.main(verbosity=2)
