"""The OneRoster 1.2 provider's gradebook writes against a real classbookd (real SQLite file, real TLS),
as docs/sync.md § Writes says: a client PUTs its line items and results (201 new, 200 replaced, the
record read back as sent) and DELETEs them (204, then gone from every read); a graded result becomes a
mark of the category's work type on the class × subject's lesson of the due date (or the nearest one:
a dated assessment), valued by the school's score thresholds, set by the client's own account,
audited, shown in the teacher's journal with its source; exempt excuses the pupil; a teacher's
change is kept against the client's later writes; scopes, other clients' records and bad bodies are
refused in the standard's payload. Every expectation is read from the school's database or the spec."""
import datetime
import os
import re
import sys
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402
from test_api_clients import access_token, add_client  # noqa: E402

G = "/ims/oneroster/gradebook/v1p2"
ALL_SCOPES = ("roster.readonly", "gradebook.readonly", "gradebook.createput", "gradebook.delete")
DEFAULT_THRESHOLDS = (85, 65, 45)  # docs/sync.md: settings key score_thresholds, "85,65,45"
TIME_RE = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$"
PUPILS_NEEDED = 24  # take_pupil() calls over all the tests: each test's marks are its own pupils
CLOCK_SLACK = datetime.timedelta(minutes=2)  # the box's dateLastModified against this machine's clock


def q(**params):
    return "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def expected_mark(score, lo=0, hi=100, thresholds=DEFAULT_THRESHOLDS):
    """The spec's conversion: the percentage of the score between min and max against the thresholds
    (≥ t5 → 5, ≥ t4 → 4, ≥ t3 → 3, below → 2); extra credit is more than 100 % and so a 5."""
    pct = (score - lo) * 100 / (hi - lo)
    for value, t in zip((5, 4, 3), thresholds):
        if pct >= t:
            return value
    return 2


def new_id():
    return str(uuid.uuid4())


class Writes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=300, weeks=1).start()
        try:
            cls.box.wait_settled()  # the lessons ahead are made before any "nearest lesson" is reckoned
            cls.client_id, secret, _ = add_client(cls.box, "Learning platform", *ALL_SCOPES)
            cls.client_name = "Learning platform"
            cls.token = cls.get_token(cls.client_id, secret)
            other_id, other_secret, _ = add_client(cls.box, "Quiz tool", *ALL_SCOPES)
            cls.other_token = cls.get_token(other_id, other_secret)
            reader = add_client(cls.box, "Reader", "gradebook.readonly")
            cls.reader_token = cls.get_token(*reader[:2])
            writer = add_client(cls.box, "Writer", "gradebook.readonly", "gradebook.createput")
            cls.writer_token = cls.get_token(*writer[:2])
            cls.pick_the_class()
        except BaseException:
            cls.box.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    @classmethod
    def get_token(cls, client_id, secret):
        return access_token(cls.box, client_id, secret)

    @classmethod
    def sql(cls, query, *args):
        with cls.box.db() as db:
            return db.execute(query, args).fetchall()

    @classmethod
    def pick_the_class(cls):
        """A class × subject of a graded class (grade ≥ 2) whose teacher has a demo account, the most
        pupils first, one with a day of two lessons before others (to see "the first by period")."""
        teachers = {a["person_id"]: a for a in cls.box.accounts if a["role"] == "teacher"}
        rows = cls.sql(
            "SELECT x.class_id, x.subject_id, c.uuid, s.uuid, t.uuid, "
            "(SELECT count(*) FROM students p WHERE p.class_id = x.class_id AND p.left_on IS NULL) AS n, "
            "EXISTS (SELECT 1 FROM lessons l WHERE l.class_id = x.class_id AND l.subject_id = x.subject_id "
            "        AND l.cancelled = 0 AND l.date < date('now') GROUP BY l.date HAVING count(*) > 1) AS doubled "
            "FROM teaching x JOIN classes c ON c.id = x.class_id JOIN subjects s ON s.id = x.subject_id "
            "JOIN teachers t ON t.id = x.teacher_id WHERE c.grade >= 2 AND EXISTS (SELECT 1 FROM lessons l "
            "WHERE l.class_id = x.class_id AND l.subject_id = x.subject_id) ORDER BY n >= ? DESC, doubled DESC, n DESC, x.class_id, x.subject_id", PUPILS_NEEDED)
        row = next(r for r in rows if r[4] in teachers)
        cls.class_row, cls.subject_row, cls.class_uuid, cls.subject_uuid, teacher, _, _ = row
        cls.class_sid = f"{cls.class_uuid}~{cls.subject_uuid}"
        cls.teacher = cls.box.signed_in(teachers[teacher])
        cls.director = cls.box.signed_in(cls.box.account("director"))
        cls.pupils = [r[0] for r in cls.sql("SELECT uuid FROM students WHERE class_id = ? AND left_on IS NULL ORDER BY id",
                                            cls.class_row)]
        cls.stranger = cls.sql("SELECT s.uuid FROM students s WHERE s.class_id != ? AND s.left_on IS NULL LIMIT 1", cls.class_row)[0][0]
        cls.school = cls.sql("SELECT value FROM settings WHERE key = 'uuid'")[0][0]
        cls.code = cls.sql("SELECT code FROM work_types ORDER BY weight DESC, code LIMIT 1")[0][0]
        cls.client_user, display = cls.sql("SELECT id, display_name FROM users WHERE login = ?", "api:" + cls.client_id)[0]
        assert display == cls.client_name, display
        # The day with two lessons when there is one, else the first day of lessons; its first by period.
        # Past days only: a teacher changes the marks of lessons given, not of the ones made ahead.
        days = cls.sql("SELECT date, count(*) FROM lessons WHERE class_id = ? AND subject_id = ? AND cancelled = 0 "
                       "AND date < date('now') GROUP BY date ORDER BY count(*) > 1 DESC, date", cls.class_row, cls.subject_row)
        cls.due_day = days[0][0]
        cls.due_lesson = cls.lesson_on(cls.due_day)

    @classmethod
    def lesson_on(cls, day):
        return cls.sql("SELECT uuid FROM lessons WHERE class_id = ? AND subject_id = ? AND date = ? AND cancelled = 0 "
                       "ORDER BY period LIMIT 1", cls.class_row, cls.subject_row, day)[0][0]

    def take_pupil(self):
        """A pupil of the class no other test has used, so that each test's marks are its own."""
        self.assertTrue(self.pupils, "the demo class has too few pupils for these tests")
        return self.pupils.pop(0)

    # --- calls --------------------------------------------------------------------------------------
    def call(self, method, path, body=None, token=None, raw=None):
        c = self.box.client()
        headers = {"Authorization": "Bearer " + (token or self.token)}
        if raw is not None:
            headers["Content-Type"] = "application/json"
        status, answer = c.request(method, path, body=body, raw=raw, headers=headers)
        return status, answer

    def ok(self, path, token=None):
        status, body = self.call("GET", path, token=token)
        self.assertEqual(status, 200, (path, body))
        return body

    def assert_imsx(self, got, want_status, minor, *words):
        status, body = got
        self.assertEqual(status, want_status, body)
        self.assertIsInstance(body, dict, body)
        self.assertEqual(body.get("imsx_codeMajor"), "failure", body)
        self.assertEqual(body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"], minor, body)
        for w in words:
            self.assertIn(w, body.get("imsx_description", ""), body)
        return body

    def item_body(self, item, **fields):
        """{"lineItem": …} for this test's class; a field given as None is left out."""
        li = {"sourcedId": item, "title": "Контрольная работа № 3", "description": "Дроби и проценты",
              "assignDate": self.due_day + "T08:00:00.000Z", "dueDate": self.due_day + "T22:30:00.000Z",
              "class": {"sourcedId": self.class_sid}, "category": {"sourcedId": "wt-" + self.code},
              "school": {"sourcedId": self.school}, "resultValueMin": 0, "resultValueMax": 100}
        for k, v in fields.items():
            if v is None:
                li.pop(k, None)
            else:
                li[k] = v
        return {"lineItem": li}

    def result_body(self, result, item, pupil, score_status="fully graded", score=80, **fields):
        r = {"sourcedId": result, "lineItem": {"sourcedId": item}, "student": {"sourcedId": pupil},
             "scoreStatus": score_status, "score": score, "scoreDate": self.due_day + "T12:00:00.000Z", "comment": ""}
        for k, v in fields.items():
            if v is None:
                r.pop(k, None)
            else:
                r[k] = v
        return {"result": r}

    def put_item(self, item, want=201, token=None, **fields):
        status, body = self.call("PUT", f"{G}/lineItems/{item}", self.item_body(item, **fields), token=token)
        self.assertEqual(status, want, body)
        return body["lineItem"]

    def put_result(self, result, item, pupil, want=201, token=None, **fields):
        status, body = self.call("PUT", f"{G}/results/{result}", self.result_body(result, item, pupil, **fields), token=token)
        self.assertEqual(status, want, body)
        return body["result"]

    def delete(self, what, sourced_id, want=204, token=None):
        status, body = self.call("DELETE", f"{G}/{what}/{sourced_id}", token=token)
        self.assertEqual(status, want, body)
        return body

    def listed(self, path, sourced_id):
        """Whether a collection holds the record, asked by a filter on its sourcedId."""
        body = self.ok(path + q(filter=f"sourcedId='{sourced_id}'"))
        key = next(k for k in body if isinstance(body[k], list))
        return [r["sourcedId"] for r in body[key]] == [sourced_id]

    # --- the journal ------------------------------------------------------------------------------
    def marks_of(self, pupil):
        """The marks the client's account set for a pupil: [(uuid, value, work type, lesson uuid, comment, deleted_at)]."""
        return self.sql("SELECT m.uuid, m.value, w.code, l.uuid, m.comment, m.deleted_at FROM marks m "
                        "JOIN students s ON s.id = m.student_id JOIN work_types w ON w.id = m.work_type_id "
                        "JOIN lessons l ON l.id = m.lesson_id WHERE s.uuid = ? AND m.set_by = ? ORDER BY m.id",
                        pupil, self.client_user)

    def kept_marks_of(self, pupil):
        return [m for m in self.marks_of(pupil) if m[5] is None]

    def mark_row(self, mark):
        return self.sql("SELECT value, deleted_at, set_by FROM marks WHERE uuid = ?", mark)[0]

    def term_of(self, day):
        status, school = self.director.request("GET", "/api/v1/school")
        self.assertEqual(status, 200, school)
        return next(t["number"] for t in school["terms"] if t["from"] <= day <= t["to"])

    def journal_row(self, pupil, day):
        term = self.term_of(day)
        status, j = self.teacher.request("GET", f"/api/v1/classes/{self.class_uuid}/journal?subject={self.subject_uuid}&term={term}")
        self.assertEqual(status, 200, j)
        return next(r for r in j["students"] if r["student"]["id"] == pupil)

    def lesson_day(self, lesson):
        return self.sql("SELECT date FROM lessons WHERE uuid = ?", lesson)[0][0]

    # --- line items -------------------------------------------------------------------------------
    def test_line_item_create_then_replace_keeps_what_was_sent(self):
        item = new_id()
        before = datetime.datetime.now(datetime.timezone.utc)
        extra = {"lmsColour": "teal", "metadata": {"lms.weight": "2", "lms.rubric": ["a", "b"]}}
        made = self.put_item(item, 201, dateLastModified="2001-01-01T00:00:00.000Z", **extra)
        read = self.ok(f"{G}/lineItems/{item}")["lineItem"]
        self.assertEqual(made, read, "the PUT answers the record as a GET reads it")
        self.assertEqual((read["sourcedId"], read["status"]), (item, "active"))
        self.assertRegex(read["dateLastModified"], TIME_RE)
        stamped = datetime.datetime.fromisoformat(read["dateLastModified"].replace("Z", "+00:00"))
        self.assertLess(abs(stamped - before), CLOCK_SLACK, "dateLastModified is the box's time of the write")
        sent = self.item_body(item, **extra)["lineItem"]
        for k in ("title", "description", "assignDate", "dueDate", "resultValueMin", "resultValueMax", "lmsColour", "metadata"):
            self.assertEqual(read[k], sent[k], k)
        self.assertEqual(read["class"]["sourcedId"], self.class_sid)
        self.assertEqual(read["class"]["type"], "class")
        self.assertTrue(read["class"]["href"].endswith("/classes/" + self.class_sid), read["class"])
        self.assertEqual(read["category"]["sourcedId"], "wt-" + self.code)
        self.assertEqual(read["category"]["type"], "category")
        self.assertTrue(read["category"]["href"].endswith("/categories/wt-" + self.code), read["category"])
        self.assertEqual(read["school"]["sourcedId"], self.school)
        self.assertEqual(read["school"]["type"], "org")
        self.assertTrue(self.listed(G + "/lineItems", item))
        body = self.ok(f"{G}/classes/{self.class_sid}/lineItems" + q(limit=1000))
        self.assertIn(item, {x["sourcedId"] for x in body["lineItems"]})

        # Replaced: a new title, the rest as before but assignDate left out — the record is what was sent last.
        replaced = self.put_item(item, 200, title="Контрольная работа № 3 (пересдача)", assignDate=None, **extra)
        read = self.ok(f"{G}/lineItems/{item}")["lineItem"]
        self.assertEqual(replaced, read)
        self.assertEqual(read["title"], "Контрольная работа № 3 (пересдача)")
        self.assertEqual((read["description"], read["lmsColour"], read["metadata"]), (sent["description"], "teal", extra["metadata"]))
        self.assertEqual(read["dueDate"], sent["dueDate"])
        self.assertNotIn("assignDate", read)
        self.assertEqual(read["status"], "active")

    def test_titles_up_to_500_characters(self):
        item = new_id()
        notebook_title = "[Amended] Re" + "l" * 60 + "y Long Test Line Item Title"  # the conformance notebook's
        self.assertEqual(self.put_item(item, 201, title=notebook_title)["title"], notebook_title)
        longest = ("Итоговая контрольная работа по теме «Дроби» " * 20)[:500]
        self.assertEqual(len(longest), 500)
        self.put_item(item, 200, title=longest)
        self.assertEqual(self.ok(f"{G}/lineItems/{item}")["lineItem"]["title"], longest)
        self.assert_imsx(self.call("PUT", f"{G}/lineItems/{item}", self.item_body(item, title=longest + "ы")), 400,
                         "invaliddata", "title")
        self.assert_imsx(self.call("PUT", f"{G}/lineItems/{item}", self.item_body(item, title="")), 400, "invaliddata", "title")
        self.assertEqual(self.ok(f"{G}/lineItems/{item}")["lineItem"]["title"], longest, "a refused PUT changes nothing")

    def test_a_line_item_without_its_sourced_id_and_scale_takes_the_paths_and_0_to_100(self):
        item = new_id()
        made = self.put_item(item, 201, sourcedId=None, resultValueMin=None, resultValueMax=None, description=None)
        self.assertEqual(made["sourcedId"], item)
        pupil = self.take_pupil()
        self.put_result(new_id(), item, pupil, score=65)
        marks = self.kept_marks_of(pupil)
        self.assertEqual([(m[1], m[3]) for m in marks], [(expected_mark(65, 0, 100), self.due_lesson)])

    # --- results and the marks they make ---------------------------------------------------------
    def test_a_result_becomes_a_mark_and_extra_credit_is_kept(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201)
        made = self.put_result(result, item, pupil, 201, score=80, comment="Хорошая работа", lmsAttempt=2)
        read = self.ok(f"{G}/results/{result}")["result"]
        self.assertEqual(made, read)
        self.assertEqual((read["sourcedId"], read["status"], read["score"], read["scoreStatus"], read["comment"], read["lmsAttempt"]),
                         (result, "active", 80, "fully graded", "Хорошая работа", 2))
        self.assertEqual((read["lineItem"]["sourcedId"], read["student"]["sourcedId"]), (item, pupil))
        self.assertEqual(read["lineItem"]["type"], "lineItem")
        self.assertEqual(read["student"]["type"], "user")
        self.assertRegex(read["dateLastModified"], TIME_RE)

        # One mark: the due day's first lesson (the day as written in UTC), the category's work type,
        # 80 % → the thresholds' value, set by the client's own account, the raw score in its comment.
        marks = self.kept_marks_of(pupil)
        self.assertEqual([(m[1], m[2], m[3]) for m in marks], [(expected_mark(80), self.code, self.due_lesson)])
        mark = marks[0][0]
        self.assertIn("80 / 100", marks[0][4])
        self.assertGreater(marks[0][4].find("Хорошая работа"), marks[0][4].find("80 / 100"), "the score, then the comment")

        # In the teacher's journal: set by the client, with its source.
        row = self.journal_row(pupil, self.due_day)
        shown = next(m for m in row["marks"] if m["id"] == mark)
        self.assertEqual((shown["lesson_id"], shown["value"], shown["work_type"]), (self.due_lesson, expected_mark(80), self.code))
        self.assertEqual(shown["teacher"], self.client_name)
        self.assertEqual({k: shown.get("source", {}).get(k) for k in ("client", "score", "max", "title", "overridden")},
                         {"client": self.client_name, "score": 80, "max": 100, "title": "Контрольная работа № 3", "overridden": False})
        own = [m for m in row["marks"] if m["id"] != mark]
        self.assertTrue(all(not m.get("source") for m in own), "a teacher's mark has no client source")

        # Not listed again among the journal's own records: the client's result stands for it.
        self.assertTrue(self.listed(G + "/results", result))
        self.assertFalse(self.listed(G + "/results", mark))
        self.assert_imsx(self.call("GET", f"{G}/results/{mark}"), 404, "unknownobject")
        column = f"{self.due_lesson}~{self.code}"
        status, body = self.call("GET", f"{G}/lineItems/{column}/results" + q(limit=1000))
        if status == 200:
            self.assertNotIn(mark, {r["sourcedId"] for r in body["results"]})
        else:  # the column has no mark of the journal's own: no journal line item at all
            self.assert_imsx((status, body), 404, "unknownobject")
            self.assertEqual(self.sql("SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN work_types w "
                                      "ON w.id = m.work_type_id WHERE l.uuid = ? AND w.code = ? AND m.set_by != ?",
                                      self.due_lesson, self.code, self.client_user)[0][0], 0)
        self.assertIn(result, {r["sourcedId"] for r in self.ok(f"{G}/lineItems/{item}/results" + q(limit=1000))["results"]})

        # Replaced with extra credit: kept as sent (300 of 100) and the top mark.
        again = self.put_result(result, item, pupil, 200, score=300)
        self.assertEqual(again["score"], 300)
        self.assertEqual(self.ok(f"{G}/results/{result}")["result"]["score"], 300)
        marks = self.kept_marks_of(pupil)
        self.assertEqual([(m[1], m[3]) for m in marks], [(expected_mark(300), self.due_lesson)])
        self.assertEqual(expected_mark(300), 5)
        self.assertIn("300 / 100", marks[0][4])
        shown = next(m for m in self.journal_row(pupil, self.due_day)["marks"] if m["id"] == marks[0][0])
        self.assertEqual((shown["source"]["score"], shown["source"]["overridden"]), (300, False))

    def test_partially_graded_on_a_scale_of_its_own(self):
        item = new_id()
        lo, hi = 20, 120
        self.put_item(item, 201, resultValueMin=lo, resultValueMax=hi)
        at_four, below_four = self.take_pupil(), self.take_pupil()
        self.put_result(new_id(), item, at_four, score_status="partially graded", score=85)  # exactly 65 %
        self.put_result(new_id(), item, below_four, score_status="partially graded", score=84)  # 64 %
        self.assertEqual([(m[1], m[3]) for m in self.kept_marks_of(at_four)], [(expected_mark(85, lo, hi), self.due_lesson)])
        self.assertEqual([(m[1], m[3]) for m in self.kept_marks_of(below_four)], [(expected_mark(84, lo, hi), self.due_lesson)])
        self.assertNotEqual(expected_mark(85, lo, hi), expected_mark(84, lo, hi))

    def test_results_without_a_graded_score_make_no_mark(self):
        item = new_id()
        self.put_item(item, 201)
        cases = [("submitted", 70), ("not submitted", None), ("fully graded", None)]
        for score_status, score in cases:
            pupil, result = self.take_pupil(), new_id()
            read = self.put_result(result, item, pupil, score_status=score_status, score=score)
            self.assertEqual(read["scoreStatus"], score_status)
            self.assertEqual(read.get("score"), score)
            self.assertEqual(self.marks_of(pupil), [], score_status)
            self.assertEqual(self.ok(f"{G}/results/{result}")["result"]["scoreStatus"], score_status)
            self.assertEqual([x for x in self.journal_row(pupil, self.due_day).get("excused", [])
                              if x.get("title") == "Контрольная работа № 3" and x["lesson_id"] == self.due_lesson], [])

    def test_exempt_makes_no_mark_and_the_journal_shows_the_pupil_excused(self):
        item, title = new_id(), "Проект: солнечная система"
        self.put_item(item, 201, title=title)
        graded_first, exempt_only, untouched = self.take_pupil(), self.take_pupil(), self.take_pupil()
        first, second = new_id(), new_id()
        self.put_result(first, item, graded_first, score=90)
        made = self.kept_marks_of(graded_first)
        self.assertEqual(len(made), 1)
        read = self.put_result(first, item, graded_first, 200, score_status="exempt", score=90)
        self.assertEqual((read["scoreStatus"], read["score"]), ("exempt", 90))
        self.assertEqual(self.ok(f"{G}/results/{first}")["result"]["scoreStatus"], "exempt")
        self.assertIsNotNone(self.mark_row(made[0][0])[1], "exempt deletes the mark the client's result had made")
        self.assertEqual(self.kept_marks_of(graded_first), [])
        self.put_result(second, item, exempt_only, score_status="exempt", score=None)
        self.assertEqual(self.marks_of(exempt_only), [])

        excusal = {"lesson_id": self.due_lesson, "client": self.client_name, "title": title}
        for pupil in (graded_first, exempt_only):
            row = self.journal_row(pupil, self.due_day)
            self.assertIn(excusal, row.get("excused", []), pupil)
            self.assertNotIn(made[0][0], {m["id"] for m in row["marks"]})
        self.assertNotIn(excusal, self.journal_row(untouched, self.due_day).get("excused", []))

        # A deleted result excuses nobody any more.
        self.delete("results", second)
        self.assertNotIn(excusal, self.journal_row(exempt_only, self.due_day).get("excused", []))

    def test_deleting_a_result_deletes_its_mark_and_the_result_is_gone(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201)
        self.put_result(result, item, pupil, score=50)
        (mark, *_), = self.kept_marks_of(pupil)
        self.delete("results", result)
        self.assertIsNotNone(self.mark_row(mark)[1], "the mark is deleted (deleted_at set)")
        self.assert_imsx(self.call("GET", f"{G}/results/{result}"), 404, "unknownobject")
        self.assertFalse(self.listed(G + "/results", result))
        self.assertNotIn(result, {r["sourcedId"] for r in self.ok(f"{G}/lineItems/{item}/results" + q(limit=1000))["results"]})
        self.assertNotIn(result, {r["sourcedId"] for r in self.ok(f"{G}/classes/{self.class_sid}/lineItems/{item}/results"
                                                                   + q(limit=1000))["results"]})
        self.assertNotIn(mark, {m["id"] for m in self.journal_row(pupil, self.due_day)["marks"]})
        # A DELETE of an id nobody wrote.
        self.assert_imsx(self.call("DELETE", f"{G}/results/{new_id()}"), 404, "unknownobject")
        self.assert_imsx(self.call("DELETE", f"{G}/lineItems/{new_id()}"), 404, "unknownobject")

    def test_deleting_a_line_item_takes_its_results_and_marks(self):
        item, graded, excused = new_id(), self.take_pupil(), self.take_pupil()
        title = "Диктант"
        self.put_item(item, 201, title=title)
        r1, r2 = new_id(), new_id()
        self.put_result(r1, item, graded, score=95)
        self.put_result(r2, item, excused, score_status="exempt", score=None)
        (mark, *_), = self.kept_marks_of(graded)
        self.delete("lineItems", item)
        self.assert_imsx(self.call("GET", f"{G}/lineItems/{item}"), 404, "unknownobject")
        self.assertFalse(self.listed(G + "/lineItems", item))
        self.assertNotIn(item, {x["sourcedId"] for x in self.ok(f"{G}/classes/{self.class_sid}/lineItems" + q(limit=1000))["lineItems"]})
        for r in (r1, r2):
            self.assert_imsx(self.call("GET", f"{G}/results/{r}"), 404, "unknownobject")
            self.assertFalse(self.listed(G + "/results", r))
        self.assert_imsx(self.call("GET", f"{G}/lineItems/{item}/results"), 404, "unknownobject")
        self.assert_imsx(self.call("GET", f"{G}/classes/{self.class_sid}/lineItems/{item}/results"), 404, "unknownobject")
        self.assertIsNotNone(self.mark_row(mark)[1])
        self.assertEqual(self.kept_marks_of(graded), [])
        self.assertNotIn({"lesson_id": self.due_lesson, "client": self.client_name, "title": title},
                         self.journal_row(excused, self.due_day).get("excused", []))

    def test_a_dated_assessment_goes_on_the_nearest_lesson(self):
        lessons = self.sql("SELECT date, count(*) FROM lessons WHERE class_id = ? AND subject_id = ? AND cancelled = 0 "
                           "GROUP BY date ORDER BY date", self.class_row, self.subject_row)
        dates = [d for d, _ in lessons]
        count = dict(lessons)
        # A day with no lesson of this class × subject whose nearest earlier lesson day has one lesson.
        day, earlier = None, None
        d = datetime.date.fromisoformat(dates[0])
        while d.isoformat() < dates[-1]:
            d += datetime.timedelta(days=1)
            prev = max(x for x in dates if x < d.isoformat())
            if d.isoformat() not in count and count[prev] == 1:
                day, earlier = d.isoformat(), prev
                break
        self.assertIsNotNone(day, f"no day without a lesson after a single lesson in {dates}")
        item, title, pupil = new_id(), "Тест по главе 2", self.take_pupil()
        self.put_item(item, 201, title=title, dueDate=day, assignDate=day)
        self.put_result(new_id(), item, pupil, score=70)
        (mark, value, code, lesson, comment, _), = self.kept_marks_of(pupil)
        self.assertEqual((lesson, value, code), (self.lesson_on(earlier), expected_mark(70), self.code))
        self.assertIn(title, comment)
        dmy = datetime.date.fromisoformat(day).strftime("%d.%m.%Y")
        self.assertTrue(day in comment or dmy in comment, comment)

        # Before the first lesson there is no earlier one: the nearest later, the first by period.
        before = (datetime.date.fromisoformat(dates[0]) - datetime.timedelta(days=3)).isoformat()
        item2, pupil2 = new_id(), self.take_pupil()
        self.put_item(item2, 201, dueDate=before + "T09:00:00Z")
        self.put_result(new_id(), item2, pupil2, score=30)
        self.assertEqual([(m[1], m[3]) for m in self.kept_marks_of(pupil2)], [(expected_mark(30), self.lesson_on(dates[0]))])

    def test_the_directors_thresholds_value_new_marks_only(self):
        school = self.director.request("GET", "/api/v1/school")[1]
        self.assertEqual(school["scale"]["max"], 5, "the conversion is on the five-point scale")
        self.assertEqual(school["score_thresholds"], "85,65,45")
        item, early, late = new_id(), self.take_pupil(), self.take_pupil()
        self.put_item(item, 201)
        self.put_result(new_id(), item, early, score=88)
        (early_mark, early_value, *_), = self.kept_marks_of(early)
        self.assertEqual(early_value, expected_mark(88))

        status, r = self.teacher.request("PATCH", "/api/v1/school", {"score_thresholds": "90,70,50"})
        self.assertEqual(status, 403, r)
        status, r = self.director.request("PATCH", "/api/v1/school", {"score_thresholds": "50,70"})
        self.assertEqual(status, 400, r)
        self.assertEqual(r["error"].get("field"), "score_thresholds", r)
        self.assertTrue(r["error"].get("message"), r)
        self.assertEqual(self.director.request("GET", "/api/v1/school")[1]["score_thresholds"], "85,65,45")
        status, r = self.director.request("PATCH", "/api/v1/school", {"score_thresholds": "90,70,50"})
        self.assertEqual(status, 200, r)
        self.addCleanup(self.director.request, "PATCH", "/api/v1/school", {"score_thresholds": "85,65,45"})
        self.assertEqual(self.director.request("GET", "/api/v1/school")[1]["score_thresholds"], "90,70,50")
        self.assertEqual(self.sql("SELECT value FROM settings WHERE key = 'score_thresholds'"), [("90,70,50",)])

        self.put_result(new_id(), item, late, score=88)
        (_, late_value, *_), = self.kept_marks_of(late)
        self.assertEqual(late_value, expected_mark(88, thresholds=(90, 70, 50)))
        self.assertNotEqual(late_value, early_value)
        self.assertEqual(self.mark_row(early_mark)[0], early_value, "a mark already made keeps its value")

    def test_a_teachers_change_is_kept_against_the_clients_later_writes(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201)
        self.put_result(result, item, pupil, score=80)
        (mark, value, *_), = self.kept_marks_of(pupil)
        teachers_value = 5 if value != 5 else 3
        status, r = self.teacher.request("PATCH", f"/api/v1/marks/{mark}", {"value": teachers_value, "reason": "пересдача"})
        self.assertEqual(status, 200, r)

        again = self.put_result(result, item, pupil, 200, score=30)
        self.assertEqual(again["score"], 30, "the result is kept as sent")
        self.assertEqual(self.ok(f"{G}/results/{result}")["result"]["score"], 30)
        self.assertEqual(self.mark_row(mark)[:2], (teachers_value, None), "the teacher's value stays")
        self.assertEqual([m[0] for m in self.kept_marks_of(pupil)], [mark], "no second mark")
        shown = next(m for m in self.journal_row(pupil, self.due_day)["marks"] if m["id"] == mark)
        self.assertEqual(shown["value"], teachers_value)
        self.assertTrue(shown["source"]["overridden"], shown)

        # The client's DELETE takes its result, and leaves the teacher's mark alone.
        self.delete("results", result)
        self.assert_imsx(self.call("GET", f"{G}/results/{result}"), 404, "unknownobject")
        self.assertEqual(self.mark_row(mark)[:2], (teachers_value, None))

    # --- audit ------------------------------------------------------------------------------------
    def test_writes_are_audited_as_the_clients_account(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201, title="Audit one")
        self.put_item(item, 200, title="Audit two")
        self.put_result(result, item, pupil, score=60)
        (mark, *_), = self.kept_marks_of(pupil)
        self.delete("results", result)
        self.delete("lineItems", item)

        def trail(entity, sourced_id):
            return self.sql("SELECT action, actor_user, before, after FROM audit WHERE entity = ? AND "
                            "(uuid = ? OR instr(before, ?) > 0 OR instr(after, ?) > 0) ORDER BY seq",
                            entity, sourced_id, sourced_id, sourced_id)

        items = trail("oneroster_line_item", item)
        self.assertEqual(len(items), 3, items)
        self.assertEqual({e[1] for e in items}, {self.client_user})
        self.assertNotIn("Audit one", items[0][2])
        self.assertIn("Audit one", items[0][3])
        self.assertIn("Audit one", items[1][2])
        self.assertIn("Audit two", items[1][3])
        self.assertIn("Audit two", items[2][2])
        self.assertNotIn("Audit two", items[2][3])
        results = trail("oneroster_result", result)
        self.assertEqual(len(results), 2, results)
        self.assertEqual({e[1] for e in results}, {self.client_user})
        marks = self.sql("SELECT action, actor_user FROM audit WHERE entity = 'mark' AND uuid = ? ORDER BY seq", mark)
        self.assertEqual(marks, [("create", self.client_user), ("delete", self.client_user)])
        r = ctl(self.box.data, "verify-audit", check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    # --- the nested results route -----------------------------------------------------------------
    def test_results_of_a_line_item_of_a_class(self):
        item, pupils = new_id(), (self.take_pupil(), self.take_pupil())
        self.put_item(item, 201)
        ids = [new_id() for _ in pupils]
        for result, pupil in zip(ids, pupils):
            self.put_result(result, item, pupil, score=75)
        body = self.ok(f"{G}/classes/{self.class_sid}/lineItems/{item}/results" + q(limit=1000))
        self.assertEqual({r["sourcedId"] for r in body["results"]}, set(ids))
        self.assertEqual(body, self.ok(f"{G}/lineItems/{item}/results" + q(limit=1000)))

        # A journal line item: its marks, none of a client's.
        lesson, code, class_uuid, subject_uuid = self.sql(
            "SELECT l.uuid, w.code, c.uuid, s.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN work_types w "
            "ON w.id = m.work_type_id JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id "
            "WHERE m.set_by NOT IN (SELECT user_id FROM api_clients) ORDER BY m.id LIMIT 1")[0]
        column = f"{lesson}~{code}"
        want = {r[0] for r in self.sql("SELECT m.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN work_types w ON "
                                       "w.id = m.work_type_id WHERE l.uuid = ? AND w.code = ? AND m.set_by NOT IN "
                                       "(SELECT user_id FROM api_clients)", lesson, code)}
        body = self.ok(f"{G}/classes/{class_uuid}~{subject_uuid}/lineItems/{column}/results" + q(limit=1000))
        self.assertEqual({r["sourcedId"] for r in body["results"]}, want)
        self.assertTrue(all(r["lineItem"]["sourcedId"] == column for r in body["results"]))
        self.assert_imsx(self.call("GET", f"{G}/classes/no~such/lineItems/{item}/results"), 404, "unknownobject")
        self.assert_imsx(self.call("GET", f"{G}/classes/{self.class_sid}/lineItems/{new_id()}/results"), 404, "unknownobject")

    # --- refusals ---------------------------------------------------------------------------------
    def test_scopes(self):
        item = new_id()
        self.assert_imsx(self.call("PUT", f"{G}/lineItems/{item}", self.item_body(item), token=self.reader_token), 403, "forbidden")
        self.assert_imsx(self.call("GET", f"{G}/lineItems/{item}", token=self.writer_token), 404, "unknownobject")
        self.put_item(item, 201, token=self.writer_token)
        self.assert_imsx(self.call("DELETE", f"{G}/lineItems/{item}", token=self.writer_token), 403, "forbidden")
        self.assertEqual(self.ok(f"{G}/lineItems/{item}", self.writer_token)["lineItem"]["sourcedId"], item)
        result, pupil = new_id(), self.take_pupil()
        self.assert_imsx(self.call("PUT", f"{G}/results/{result}", self.result_body(result, item, pupil), token=self.reader_token),
                         403, "forbidden")
        self.put_result(result, item, pupil, 201, token=self.writer_token)
        self.assert_imsx(self.call("DELETE", f"{G}/results/{result}", token=self.writer_token), 403, "forbidden")
        self.assertEqual(self.ok(f"{G}/results/{result}", self.writer_token)["result"]["sourcedId"], result)
        c = self.box.client()
        status, body = c.request("PUT", f"{G}/lineItems/{new_id()}", self.item_body(item))
        self.assert_imsx((status, body), 401, "unauthorisedrequest")

    def test_another_clients_records_are_forbidden(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201, title="Mine")
        self.put_result(result, item, pupil, score=80)
        self.assert_imsx(self.call("PUT", f"{G}/lineItems/{item}", self.item_body(item, title="Theirs"), token=self.other_token),
                         403, "forbidden", self.client_name)
        self.assert_imsx(self.call("DELETE", f"{G}/lineItems/{item}", token=self.other_token), 403, "forbidden", self.client_name)
        self.assert_imsx(self.call("PUT", f"{G}/results/{result}", self.result_body(result, item, pupil, score=10),
                                   token=self.other_token), 403, "forbidden", self.client_name)
        self.assert_imsx(self.call("DELETE", f"{G}/results/{result}", token=self.other_token), 403, "forbidden", self.client_name)
        self.assertEqual(self.ok(f"{G}/lineItems/{item}")["lineItem"]["title"], "Mine")
        self.assertEqual(self.ok(f"{G}/results/{result}")["result"]["score"], 80)
        self.assertEqual([m[1] for m in self.kept_marks_of(pupil)], [expected_mark(80)])
        # A result of its own on this client's line item: that line item is not one the other client PUT.
        theirs = new_id()
        status, body = self.call("PUT", f"{G}/results/{theirs}", self.result_body(theirs, item, pupil), token=self.other_token)
        self.assertIn(status, (400, 403), body)
        self.assert_imsx((status, body), status, "invaliddata" if status == 400 else "forbidden")
        self.assert_imsx(self.call("GET", f"{G}/results/{theirs}"), 404, "unknownobject")

    def test_bad_line_items_are_refused_naming_the_field(self):
        item = new_id()
        path = f"{G}/lineItems/{item}"
        journal_column = self.sql("SELECT l.uuid || '~' || w.code FROM marks m JOIN lessons l ON l.id = m.lesson_id "
                                  "JOIN work_types w ON w.id = m.work_type_id LIMIT 1")[0][0]
        cases = [
            ("not JSON", self.call("PUT", path, raw=b'{"lineItem": {"title": "x",'), ()),
            ("no lineItem", self.call("PUT", path, {"title": "x"}), ("lineItem",)),
            ("no class", self.call("PUT", path, self.item_body(item, **{"class": None})), ("class",)),
            ("unknown class", self.call("PUT", path, self.item_body(item, **{"class": {"sourcedId": f"{self.class_uuid}~{new_id()}"}})),
             ("class",)),
            ("no category", self.call("PUT", path, self.item_body(item, category=None)), ("category",)),
            ("unknown category", self.call("PUT", path, self.item_body(item, category={"sourcedId": "wt-no_such_kind"})), ("category",)),
            ("no title", self.call("PUT", path, self.item_body(item, title=None)), ("title",)),
            ("no dueDate", self.call("PUT", path, self.item_body(item, dueDate=None)), ("dueDate",)),
            ("bad dueDate", self.call("PUT", path, self.item_body(item, dueDate="next Tuesday")), ("dueDate",)),
            ("max not above min", self.call("PUT", path, self.item_body(item, resultValueMin=10, resultValueMax=10)), ("resultValue",)),
            ("another school", self.call("PUT", path, self.item_body(item, school={"sourcedId": new_id()})), ("school",)),
            ("sourcedId mismatch", self.call("PUT", path, self.item_body(new_id())), ("sourcedId",)),
            ("the journal's own line item", self.call("PUT", f"{G}/lineItems/{journal_column}", self.item_body(journal_column)), ()),
        ]
        for name, got, words in cases:
            with self.subTest(name):
                self.assert_imsx(got, 400, "invaliddata", *words)
        self.assert_imsx(self.call("GET", path), 404, "unknownobject")
        self.assertEqual(self.sql("SELECT count(*) FROM audit WHERE entity = 'oneroster_line_item' AND "
                                  "(uuid = ? OR instr(after, ?) > 0)", item, item)[0][0], 0)

    def test_bad_results_are_refused_naming_the_field(self):
        item, result, pupil = new_id(), new_id(), self.take_pupil()
        self.put_item(item, 201)
        path = f"{G}/results/{result}"
        body = lambda **f: self.result_body(result, item, pupil, **f)  # noqa: E731
        cases = [
            ("not JSON", self.call("PUT", path, raw=b"score=80"), ()),
            ("no result", self.call("PUT", path, {"score": 80}), ("result",)),
            ("no lineItem", self.call("PUT", path, body(lineItem=None)), ("lineItem",)),
            ("unknown lineItem", self.call("PUT", path, body(lineItem={"sourcedId": new_id()})), ("lineItem",)),
            ("no student", self.call("PUT", path, body(student=None)), ("student",)),
            ("unknown pupil", self.call("PUT", path, body(student={"sourcedId": new_id()})), ("student",)),
            ("pupil of another class", self.call("PUT", path, body(student={"sourcedId": self.stranger})), ("student",)),
            ("no scoreStatus", self.call("PUT", path, body(scoreStatus=None)), ("scoreStatus",)),
            ("unknown scoreStatus", self.call("PUT", path, body(scoreStatus="graded")), ("scoreStatus",)),
            ("score not a number", self.call("PUT", path, body(score="eighty")), ("score",)),
            ("comment too long", self.call("PUT", path, body(comment="я" * 501)), ("comment",)),
            ("sourcedId mismatch", self.call("PUT", path, self.result_body(new_id(), item, pupil)), ("sourcedId",)),
        ]
        for name, got, words in cases:
            with self.subTest(name):
                self.assert_imsx(got, 400, "invaliddata", *words)
        self.assert_imsx(self.call("GET", path), 404, "unknownobject")
        self.assertEqual(self.marks_of(pupil), [])
        self.assertEqual(self.marks_of(self.stranger), [])
        self.put_result(result, item, pupil, 201, comment="я" * 500)  # the longest comment is taken


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
