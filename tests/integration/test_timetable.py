"""The timetable end to end against a real classbookd over TLS: bells, a class's week, per-date changes,
lessons made from them (API, housekeeping and classbookctl), as the diary then shows them."""
import datetime
import json
import os
import re
import sys
import time
import unittest
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

# The demo school's academic year 2026/27 in quarters, and the fixed public holidays (domain/calendar, lesson_plan).
TERMS = [(datetime.date(2026, 9, 1), datetime.date(2026, 10, 27)), (datetime.date(2026, 11, 5), datetime.date(2026, 12, 29)),
         (datetime.date(2027, 1, 9), datetime.date(2027, 3, 22)), (datetime.date(2027, 4, 1), datetime.date(2027, 5, 31))]
HOLIDAYS = {(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)}
UTC_OFFSET = datetime.timedelta(minutes=180)
KEPT_AHEAD_DAYS = 14


def school_day(d):
    return any(a <= d <= b for a, b in TERMS) and (d.month, d.day) not in HOLIDAYS


def today():
    return (datetime.datetime.now(datetime.timezone.utc) + UTC_OFFSET).date()


def test_monday():
    """A Monday whose whole week is taught and lies outside the lessons housekeeping keeps made."""
    first, last = today(), today() + datetime.timedelta(days=KEPT_AHEAD_DAYS)
    d = datetime.date(2027, 1, 11)
    while d < datetime.date(2027, 5, 31):
        week = [d + datetime.timedelta(days=i) for i in range(5)]
        if all(school_day(x) for x in week) and (week[-1] < first or week[0] > last):
            return d
        d += datetime.timedelta(days=7)
    raise RuntimeError("no free school week in the demo year")


MONDAY = test_monday()
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)
FRIDAY = MONDAY + datetime.timedelta(days=4)
WEEK = "%d-W%02d" % MONDAY.isocalendar()[:2]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class Timetable(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        cls.clients = {}
        acc = cls.box.accounts
        cls.secretary = cls.box.account("secretary")
        cls.director = cls.box.account("director")
        teacher_account = {a["person_id"]: a for a in acc if a["role"] == "teacher"}
        with cls.box.db() as db:
            q = lambda sql, *a: db.execute(sql, a).fetchall()  # noqa: E731
            cls.busy = {}  # (teacher id, weekday, period) -> class ids, from the demo timetable
            for t, c, wd, p in q("SELECT teacher_id, class_id, weekday, period FROM timetable"):
                cls.busy.setdefault((t, wd, p), set()).add(c)
            # A class C with a pupil who has an account, two teachers A and B of C with accounts, A also
            # teaching in another class D, both free at the times the new week of C needs (and at
            # Wednesday's lessons 1 and 5, where a test splits C into two groups).
            pupils = {a["person_id"]: a for a in acc if a["role"] == "student"}
            for (class_id, class_uuid, class_name) in q("SELECT id, uuid, name FROM classes ORDER BY name"):
                pupil = next((pupils[u] for (u,) in q("SELECT uuid FROM students WHERE class_id=? AND group_no IN (0, 1)", class_id)
                              if u in pupils), None)
                if not pupil:
                    continue
                teaching = q("SELECT s.id, s.uuid, s.name, t.id, t.uuid FROM teaching x JOIN subjects s ON s.id=x.subject_id "
                             "JOIN teachers t ON t.id=x.teacher_id WHERE x.class_id=? ORDER BY s.name", class_id)
                free = lambda t, *slots: all(not (cls.busy.get((t, wd, p), set()) - {class_id}) for wd, p in slots)  # noqa: E731
                found = None
                for a in teaching:
                    others = q("SELECT x.class_id, s.uuid, c.uuid, c.name FROM teaching x JOIN subjects s ON s.id=x.subject_id "
                               "JOIN classes c ON c.id=x.class_id WHERE x.teacher_id=? AND x.class_id<>?", a[3], class_id)
                    if not others or a[4] not in teacher_account or not free(a[3], (1, 1), (2, 1), (3, 1)):
                        continue
                    for b in teaching:
                        if b[3] != a[3] and b[0] != a[0] and free(b[3], (1, 2), (1, 5), (3, 1), (3, 5)):
                            found = a, b, others[0]
                            break
                    if found:
                        break
                if found:
                    break
            else:
                raise RuntimeError("the demo school has no class shaped for these tests")
            cls.class_id, cls.class_uuid, cls.class_name, cls.pupil = class_id, class_uuid, class_name, pupil
            a, b, other = found
            cls.subject_a, cls.teacher_a = {"id": a[1], "name": a[2], "row": a[0]}, {"id": a[4], "row": a[3]}
            cls.subject_b, cls.teacher_b = {"id": b[1], "name": b[2], "row": b[0]}, {"id": b[4], "row": b[3]}
            cls.teacher_a_account = teacher_account[a[4]]
            cls.other_class = {"row": other[0], "subject": other[1], "id": other[2], "name": other[3]}
            short = lambda t: q("SELECT last_name || ' ' || substr(first_name,1,1) || '.' || substr(middle_name,1,1) || '.' "  # noqa: E731
                                "FROM teachers WHERE id=?", t)[0][0]
            cls.teacher_a["diary"], cls.teacher_b["diary"] = short(a[3]), short(b[3])
            # A substitute free at Monday lesson 1, and a teacher busy then in another class.
            cls.substitute = next({"id": u, "row": t, "diary": short(t)} for t, u in q("SELECT id, uuid FROM teachers ORDER BY id")
                                  if t not in (a[3], b[3]) and not cls.busy.get((t, 1, 1)))
            busy_t, busy_classes = next((t, cs) for (t, wd, p), cs in sorted(cls.busy.items())
                                        if wd == 1 and p == 1 and class_id not in cs and t not in (a[3], b[3]))
            cls.busy_teacher = {"id": q("SELECT uuid FROM teachers WHERE id=?", busy_t)[0][0], "row": busy_t,
                                "class": q("SELECT name FROM classes WHERE id=?", min(busy_classes))[0][0]}
        cls.week_template = [
            {"weekday": 1, "period": 1, "subject_id": cls.subject_a["id"], "teacher_id": cls.teacher_a["id"], "room": "Т-101"},
            {"weekday": 1, "period": 2, "subject_id": cls.subject_b["id"], "teacher_id": cls.teacher_b["id"]},
            {"weekday": 2, "period": 1, "group": 0, "subject_id": cls.subject_a["id"], "teacher_id": cls.teacher_a["id"],
             "room": "Т-101"},
        ]
        office = cls.as_(cls.secretary)
        for room in ("Т-101", "Т-102"):
            status, body = office.request("POST", "/api/v1/rooms", {"name": room})
            assert status == 201, (status, body)
        status, body = office.request("PUT", f"/api/v1/classes/{cls.class_uuid}/timetable", {"lessons": cls.week_template})
        assert status == 200, (status, body)
        status, cls.made = office.request("POST", "/api/v1/lessons/make", {"from": MONDAY.isoformat(), "to": FRIDAY.isoformat()})
        assert status == 200, (status, cls.made)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers -------------------------------------------------------------------------
    @classmethod
    def as_(cls, account):
        """A signed-in client per account, reused: sign-in hashes with argon2id and is slow on purpose."""
        if account["login"] not in cls.clients:
            cls.clients[account["login"]] = cls.box.signed_in(account)
        return cls.clients[account["login"]]

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    def office(self):
        return self.as_(self.secretary)

    def diary_day(self, date):
        status, diary = self.as_(self.pupil).request("GET", f"/api/v1/students/{self.pupil['person_id']}/diary?week={WEEK}")
        self.assertEqual(status, 200, diary)
        return next(d["lessons"] for d in diary["days"] if d["date"] == date.isoformat())

    def rows_written(self):
        """Everything a refused write must leave alone."""
        return tuple(self.count(f"SELECT count(*) FROM {t}") for t in
                     ("timetable", "timetable_changes", "lessons", "bell_periods", "bell_variants", "rooms", "audit", "outbox"))

    def assert_refused(self, status_code, method, path, body, field=None, client=None, error_code=None):
        before = self.rows_written()
        status, answer = (client or self.office()).request(method, path, body)
        self.assertEqual(status, status_code, answer)
        self.assertIn("message", answer["error"])
        self.assertIn("kind", answer["error"])
        if field:
            self.assertEqual(answer["error"].get("field"), field, answer)
        if error_code:
            self.assertEqual(answer["error"]["code"], error_code, answer)
        self.assertEqual(self.rows_written(), before, "a refused request wrote something")
        return answer["error"]["message"]

    # --- bells ----------------------------------------------------------------------------
    def test_bells_are_read_by_everyone_signed_in(self):
        for account in (self.pupil, self.teacher_a_account, self.director, self.secretary):
            status, bells = self.as_(account).request("GET", "/api/v1/bells")
            self.assertEqual(status, 200, bells)
            weekday = next(v for v in bells["variants"] if v["name"] == "weekday")
            self.assertEqual([p["number"] for p in weekday["periods"]], list(range(1, 9)))
            self.assertEqual((weekday["periods"][0]["starts"], weekday["periods"][0]["ends"]), ("08:30", "09:15"))
            self.assertEqual([p["break_after"] for p in weekday["periods"][:4]], [None, "breakfast", None, "lunch"])
            self.assertEqual([d["variant"] for d in bells["weekdays"][:5]], ["weekday"] * 5)
            self.assertIsNone(bells["weekdays"][6]["variant"])
        self.assertEqual(self.box.client().request("GET", "/api/v1/bells")[0], 401)

    def test_the_office_sets_bells_and_weekdays(self):
        saturday = {"periods": [{"number": 1, "starts": "09:00", "ends": "09:40", "break_after": "breakfast"},
                                {"number": 2, "starts": "10:00", "ends": "10:40"}]}
        audit = self.count("SELECT count(*) FROM audit WHERE entity='bell_schedule'")
        status, bells = self.office().request("PUT", "/api/v1/bells/variants/" + urllib.parse.quote("суббота"), saturday)
        self.assertEqual(status, 200, bells)
        self.assertEqual(next(v for v in bells["variants"] if v["name"] == "суббота")["periods"][0],
                         {"number": 1, "starts": "09:00", "ends": "09:40", "break_after": "breakfast"})
        status, bells = self.office().request("PUT", "/api/v1/bells/weekdays/6", {"variant": "суббота"})
        self.assertEqual(status, 200, bells)
        self.assertEqual(bells["weekdays"][5], {"weekday": 6, "variant": "суббота"})
        self.assertEqual(self.count("SELECT count(*) FROM bell_periods WHERE variant='суббота'"), 2)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='bell_schedule'"), audit + 2)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE entity='bell_schedule' AND uuid='weekday/6'"), 1)
        status, bells = self.office().request("PUT", "/api/v1/bells/weekdays/6", {"variant": None})
        self.assertEqual(status, 200, bells)
        self.assertIsNone(bells["weekdays"][5]["variant"])

        # Bad bells write nothing.
        bad = lambda **p: {"periods": [dict({"number": 1, "starts": "08:30", "ends": "09:15"}, **p)]}  # noqa: E731
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(starts="8:70"), "periods[0].starts")
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(ends="25:00"), "periods[0].ends")
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(starts="09:30"), "periods")  # ends before it starts
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(break_after="dinner"), "periods[0].break_after")
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(number="1"), "periods[0].number")
        self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", bad(colour="red"), "colour")
        overlap = {"periods": [{"number": 1, "starts": "08:30", "ends": "09:15"}, {"number": 2, "starts": "09:10", "ends": "09:55"}]}
        self.assertIn("overlap", self.assert_refused(400, "PUT", "/api/v1/bells/variants/x", overlap, "periods"))
        self.assert_refused(400, "PUT", "/api/v1/bells/weekdays/8", {"variant": "weekday"}, "weekday",
                            error_code="date.weekday_invalid")
        self.assert_refused(400, "PUT", "/api/v1/bells/weekdays/x", {"variant": "weekday"}, "weekday")
        self.assert_refused(400, "PUT", "/api/v1/bells/weekdays/6", {}, "variant", error_code="request.field_missing")
        self.assert_refused(404, "PUT", "/api/v1/bells/weekdays/6", {"variant": "нет такого"}, "variant",
                            error_code="bells.variant_not_found")
        # Bells that would strand timetable lessons are refused, naming them.
        three = {"periods": [{"number": n, "starts": s, "ends": e}
                             for n, s, e in ((1, "08:30", "09:15"), (2, "09:25", "10:10"), (3, "10:20", "11:05"))]}
        message = self.assert_refused(409, "PUT", "/api/v1/bells/variants/weekday", three)
        self.assertIn("lesson 4", message)
        self.assert_refused(409, "PUT", "/api/v1/bells/weekdays/1", {"variant": None})
        # Only the office.
        for account in (self.teacher_a_account, self.director, self.pupil):
            self.assert_refused(403, "PUT", "/api/v1/bells/weekdays/6", {"variant": "weekday"}, client=self.as_(account))

    # --- the week template and lessons made from it ------------------------------------------
    def test_the_week_reads_back_with_names_and_times_for_everyone(self):
        for account in (self.pupil, self.teacher_a_account, self.director, self.secretary):
            status, week = self.as_(account).request("GET", f"/api/v1/classes/{self.class_uuid}/timetable")
            self.assertEqual(status, 200, week)
            self.assertEqual(week["class"], {"id": self.class_uuid, "name": self.class_name})
            self.assertEqual([(l["weekday"], l["period"], l["group"], l["subject"]["id"], l["teacher"]["id"], l["room"])
                              for l in week["lessons"]],
                             [(1, 1, 0, self.subject_a["id"], self.teacher_a["id"], "Т-101"),
                              (1, 2, 0, self.subject_b["id"], self.teacher_b["id"], None),
                              (2, 1, 0, self.subject_a["id"], self.teacher_a["id"], "Т-101")])
            self.assertEqual((week["lessons"][1]["starts"], week["lessons"][1]["ends"]), ("09:25", "10:10"))
            self.assertEqual(week["lessons"][0]["subject"]["name"], self.subject_a["name"])
            self.assertIn({"id": self.subject_b["id"], "name": self.subject_b["name"]}, [t["subject"] for t in week["teaching"]])
        # Each PUT of the week is one audit and one outbox row; the last ones hold the week as it is.
        puts = self.count("SELECT count(*) FROM audit WHERE entity='timetable' AND uuid=?", self.class_uuid)
        self.assertGreaterEqual(puts, 1)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE entity='timetable' AND uuid=?", self.class_uuid), puts)
        last = json.loads(self.count("SELECT after FROM audit WHERE entity='timetable' AND uuid=? ORDER BY seq DESC LIMIT 1",
                                     self.class_uuid))
        self.assertEqual([(l["weekday"], l["period"], l["subject"], l["teacher"], l["room"]) for l in last["lessons"]],
                         [(l["weekday"], l["period"], l["subject_id"], l["teacher_id"], l.get("room")) for l in self.week_template])
        self.assertEqual(self.as_(self.pupil).request("GET", f"/api/v1/classes/{uuid.uuid4()}/timetable")[0], 404)

    def test_made_lessons_show_in_the_diary_and_making_again_creates_nothing(self):
        # Every class's template lessons of the week were made, and nothing else.
        expected = self.count("SELECT count(*) FROM timetable WHERE weekday BETWEEN 1 AND 5")
        self.assertEqual((self.made["days"], self.made["created"], self.made["updated"], self.made["unchanged"],
                          self.made["removed"], self.made["conflicts"]), (5, expected, 0, 0, 0, []))
        self.assertEqual(self.count("SELECT count(*) FROM lessons WHERE date BETWEEN ? AND ?", MONDAY.isoformat(),
                                    FRIDAY.isoformat()), expected)
        week = (MONDAY.isoformat(), FRIDAY.isoformat())
        self.assertEqual(self.count("SELECT count(*) FROM audit a JOIN lessons l ON l.uuid=a.uuid WHERE a.entity='lesson' "
                                    "AND a.action='create' AND l.date BETWEEN ? AND ?", *week), expected)
        self.assertEqual(self.count("SELECT count(DISTINCT o.uuid) FROM outbox o JOIN lessons l ON l.uuid=o.uuid "
                                    "WHERE o.entity='lesson' AND l.date BETWEEN ? AND ?", *week), expected)
        monday = [(l["period"], l["subject"], l["teacher"], l["room"], l["cancelled"]) for l in self.diary_day(MONDAY)]
        self.assertEqual(monday, [(1, self.subject_a["name"], self.teacher_a["diary"], "Т-101", False),
                                  (2, self.subject_b["name"], self.teacher_b["diary"], "", False)])
        self.assertEqual([(l["period"], l["room"]) for l in self.diary_day(TUESDAY)], [(1, "Т-101")])
        self.assertEqual(self.diary_day(MONDAY + datetime.timedelta(days=2)), [])

        audit = self.count("SELECT count(*) FROM audit")
        status, again = self.office().request("POST", "/api/v1/lessons/make", {"from": MONDAY.isoformat(), "to": FRIDAY.isoformat()})
        self.assertEqual(status, 200, again)
        self.assertEqual((again["created"], again["updated"], again["removed"], again["unchanged"], again["conflict_count"]),
                         (0, 0, 0, expected, 0))
        self.assertEqual(self.count("SELECT count(*) FROM audit"), audit)

    def test_a_weekend_or_holiday_range_makes_nothing(self):
        saturday = MONDAY + datetime.timedelta(days=5)
        status, made = self.office().request("POST", "/api/v1/lessons/make",
                                             {"from": saturday.isoformat(), "to": (saturday + datetime.timedelta(days=1)).isoformat()})
        self.assertEqual(status, 200, made)
        self.assertEqual((made["days"], made["created"]), (2, 0))  # school days by the calendar, but no bells ring
        status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": "2026-12-30", "to": "2027-01-08"})
        self.assertEqual(status, 200, made)
        self.assertEqual(made["days"], 0)  # the winter holidays

    def test_a_double_booked_teacher_or_room_is_409_naming_both_and_writes_nothing(self):
        other = self.other_class
        path = f"/api/v1/classes/{other['id']}/timetable"
        clash = {"lessons": [{"weekday": 1, "period": 1, "subject_id": other["subject"], "teacher_id": self.teacher_a["id"]}]}
        message = self.assert_refused(409, "PUT", path, clash, "lessons")
        self.assertIn(self.teacher_a["diary"][:-1], message)  # "Иванова М.П" of "Иванова М.П."
        self.assertIn(self.class_name, message)
        self.assertIn(other["name"], message)
        self.assertIn("lesson 1", message)
        # The room: another of that class's teachers, free on Monday lesson 1, in room Т-101.
        with self.box.db() as db:
            free_teacher, subject = next((u, s) for t, u, s in db.execute(
                "SELECT t.id, t.uuid, s.uuid FROM teaching x JOIN teachers t ON t.id=x.teacher_id JOIN subjects s ON "
                "s.id=x.subject_id WHERE x.class_id=? AND x.teacher_id<>? ORDER BY t.id", (other["row"], self.teacher_a["row"]))
                if not (self.busy.get((t, 1, 1), set()) - {other["row"]}))
        room_clash = {"lessons": [{"weekday": 1, "period": 1, "subject_id": subject, "teacher_id": free_teacher, "room": "Т-101"}]}
        message = self.assert_refused(409, "PUT", path, room_clash, "lessons")
        self.assertIn("Room Т-101 is booked twice", message)
        self.assertIn(self.class_name, message)
        self.assertIn(other["name"], message)

    def test_a_timetable_the_class_cannot_keep_is_400(self):
        path = f"/api/v1/classes/{self.class_uuid}/timetable"
        lesson = {"weekday": 3, "period": 1, "subject_id": self.subject_a["id"], "teacher_id": self.teacher_a["id"]}
        with_ = lambda **changes: {"lessons": [dict(lesson, **changes)]}  # noqa: E731
        self.assert_refused(400, "PUT", path, with_(weekday=8), "lessons[0].weekday")
        self.assert_refused(400, "PUT", path, with_(weekday="3"), "lessons[0].weekday")
        self.assert_refused(400, "PUT", path, with_(period=0), "lessons[0].period")
        self.assert_refused(400, "PUT", path, with_(group=-1), "lessons[0].group")
        self.assert_refused(400, "PUT", path, with_(hour=1), "hour")
        self.assert_refused(400, "PUT", path, {"lessons": "all of them"}, "lessons")
        self.assert_refused(400, "PUT", path, with_(weekday=6), "lessons[0].weekday")   # no bells on Saturdays
        self.assert_refused(400, "PUT", path, with_(period=9), "lessons[0].period")     # the bells ring 8
        message = self.assert_refused(400, "PUT", path, with_(subject_id=self.subject_b["id"]), "lessons[0].teacher_id")
        self.assertIn("does not teach " + self.subject_b["name"], message)
        self.assert_refused(400, "PUT", path, {"lessons": [lesson, dict(lesson, subject_id=self.subject_b["id"],
                                                                         teacher_id=self.teacher_b["id"])]}, "lessons")
        message = self.assert_refused(404, "PUT", path, with_(subject_id=str(uuid.uuid4())), "lessons[0].subject_id")
        self.assertIn("GET /api/v1/classes/{id}/timetable", message)
        self.assert_refused(404, "PUT", path, with_(teacher_id="nobody"), "lessons[0].teacher_id")
        self.assertIn("GET /api/v1/rooms", self.assert_refused(404, "PUT", path, with_(room="Луна"), "lessons[0].room"))
        self.assert_refused(404, "PUT", f"/api/v1/classes/{uuid.uuid4()}/timetable", with_(), "class_id",
                            error_code="class.not_found")
        for account in (self.teacher_a_account, self.director, self.pupil):
            self.assert_refused(403, "PUT", path, with_(), client=self.as_(account))
        self.assert_refused(403, "POST", "/api/v1/lessons/make", {"from": MONDAY.isoformat(), "to": FRIDAY.isoformat()},
                            client=self.as_(self.director))

    def test_bad_lesson_making_requests_are_400(self):
        for body, field in (({"from": "2027-01-11", "to": "2027-06-01"}, "to"), ({"from": "2027-01-11", "to": "2027-01-10"}, "to"),
                            ({"from": "2027-02-30", "to": "2027-03-01"}, "from"), ({"from": "2027-01-11"}, "to"),
                            ({"from": "2027-01-11", "to": "2027-01-12", "class_id": self.class_uuid}, "class_id")):
            self.assert_refused(400, "POST", "/api/v1/lessons/make", body, field)

    # --- per-date changes -----------------------------------------------------------------
    def change(self, **fields):
        return dict({"date": MONDAY.isoformat(), "class_id": self.class_uuid, "period": 1}, **fields)

    def test_a_substitution_changes_the_teacher_the_diary_shows_until_it_is_taken_back(self):
        status, change = self.office().request("POST", "/api/v1/timetable-changes", self.change(
            kind="substitution", teacher_id=self.substitute["id"], room="Т-102", note="учитель на курсах"))
        self.assertEqual(status, 201, change)
        self.assertEqual((change["kind"], change["teacher"]["id"], change["room"], change["group"], change["lessons_updated"]),
                         ("substitution", self.substitute["id"], "Т-102", 0, 1))
        self.assertRegex(change["id"], UUID)
        first = self.diary_day(MONDAY)[0]
        self.assertEqual((first["teacher"], first["room"], first["subject"]), (self.substitute["diary"], "Т-102", self.subject_a["name"]))
        key = change["id"]  # the uuid names the change in the audit trail and the outbox too
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='timetable_change' AND uuid=? AND action='create'", key), 1)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE entity='timetable_change' AND uuid=?", key), 1)
        self.assertEqual(self.count("SELECT json_extract(payload, '$.id') FROM outbox WHERE entity='timetable_change' AND uuid=?",
                                    key), key)
        self.assertEqual(self.count("SELECT count(*) FROM timetable_changes WHERE uuid=? AND created_at<>'' "
                                    "AND created_by=(SELECT id FROM users WHERE login=?)", key, self.secretary["login"]), 1)
        lesson = self.count("SELECT uuid FROM lessons WHERE class_id=? AND date=? AND period=1", self.class_id, MONDAY.isoformat())
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='lesson' AND uuid=? AND action='update'", lesson), 1)

        status, listed = self.as_(self.pupil).request(
            "GET", f"/api/v1/timetable-changes?from={MONDAY}&to={FRIDAY}&class_id={self.class_uuid}")
        self.assertEqual(status, 200, listed)
        self.assertEqual([(c["id"], c["note"], c["class"]["name"]) for c in listed["changes"]],
                         [(change["id"], "учитель на курсах", self.class_name)])
        # Making lessons again keeps the substitute: the change is part of the plan.
        status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": MONDAY.isoformat(), "to": MONDAY.isoformat()})
        self.assertEqual((status, made["updated"], made["conflict_count"]), (200, 0, 0), made)

        status, gone = self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")
        self.assertEqual(status, 200, gone)
        self.assertEqual(gone["lessons_updated"], 1)
        first = self.diary_day(MONDAY)[0]
        self.assertEqual((first["teacher"], first["room"]), (self.teacher_a["diary"], "Т-101"))
        self.assertEqual(self.count("SELECT count(*) FROM timetable_changes WHERE uuid=?", change["id"]), 0)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='timetable_change' AND uuid=? AND action='delete'", key), 1)
        self.assertEqual(self.count("SELECT op FROM outbox WHERE entity='timetable_change' AND uuid=? ORDER BY seq DESC", key), "delete")
        self.assertEqual(self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")[0], 404)

    def test_a_substitute_who_teaches_elsewhere_then_is_409_naming_both(self):
        message = self.assert_refused(409, "POST", "/api/v1/timetable-changes",
                                      self.change(kind="substitution", teacher_id=self.busy_teacher["id"]))
        self.assertIn(self.class_name, message)
        self.assertIn(self.busy_teacher["class"], message)

    def test_a_moved_lesson_takes_its_row_along_and_comes_back(self):
        status, change = self.office().request("POST", "/api/v1/timetable-changes",
                                               self.change(period=2, kind="moved", to_period=5))
        self.assertEqual(status, 201, change)
        self.assertEqual((change["to_period"], change["lessons_updated"]), (5, 1))
        self.assertEqual([l["period"] for l in self.diary_day(MONDAY)], [1, 5])
        self.assertEqual(self.count("SELECT count(*) FROM timetable_changes WHERE date=?", MONDAY.isoformat()), 1)  # one row
        # Moving onto a lesson the class has is refused.
        self.assert_refused(409, "POST", "/api/v1/timetable-changes", self.change(period=2, kind="moved", to_period=1))
        status, _ = self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")
        self.assertEqual(status, 200)
        self.assertEqual([l["period"] for l in self.diary_day(MONDAY)], [1, 2])

    def test_a_new_week_a_coming_change_no_longer_fits_is_409_listing_it_until_drop_stale_changes(self):
        path = f"/api/v1/classes/{self.class_uuid}/timetable"
        status, change = self.office().request("POST", "/api/v1/timetable-changes",
                                               self.change(period=2, kind="moved", to_period=5))
        self.assertEqual(status, 201, change)
        # The new week gives the class a lesson 5 on Mondays, where the move takes lesson 2.
        new_week = self.week_template + [
            {"weekday": 1, "period": 5, "subject_id": self.subject_b["id"], "teacher_id": self.teacher_b["id"]}]
        try:
            before = self.rows_written()
            status, answer = self.office().request("PUT", path, {"lessons": new_week})
            self.assertEqual(status, 409, answer)
            error = answer["error"]
            self.assertEqual((error["code"], error["kind"], error["field"], error["stale_count"]),
                             ("timetable.changes_no_longer_fit", "conflict", "lessons", 1), error)
            self.assertIn("drop_stale_changes=true", error["message"])
            self.assertEqual([(c["id"], c["date"], c["period"], c["to_period"], c["kind"]) for c in error["changes"]],
                             [(change["id"], MONDAY.isoformat(), 2, 5, "moved")])
            self.assertIn("clashes with the new timetable", error["changes"][0]["reason"])
            self.assertIn(self.class_name, error["changes"][0]["reason"])
            self.assertIn("lesson 5", error["changes"][0]["reason"])
            self.assertEqual(self.rows_written(), before, "a refused week wrote something")
            self.assertEqual(self.office().request("PUT", path + "?drop_stale_changes=maybe", {"lessons": new_week})[0], 400)
            self.assertEqual(self.rows_written(), before)

            status, week = self.office().request("PUT", path + "?drop_stale_changes=true", {"lessons": new_week})
            self.assertEqual(status, 200, week)
            self.assertEqual(week["dropped_count"], 1)
            self.assertEqual([c["id"] for c in week["dropped_changes"]], [change["id"]])
            self.assertEqual(len(week["lessons"]), len(new_week))
            self.assertEqual(self.count("SELECT count(*) FROM timetable_changes WHERE uuid=?", change["id"]), 0)
            self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='timetable_change' AND uuid=? AND action='delete'",
                                        change["id"]), 1)
            self.assertEqual(self.count("SELECT op FROM outbox WHERE entity='timetable_change' AND uuid=? ORDER BY seq DESC",
                                        change["id"]), "delete")
            self.assertEqual(self.count("SELECT count(*) FROM timetable WHERE class_id=?", self.class_id), len(new_week))
        finally:
            if self.count("SELECT count(*) FROM timetable_changes WHERE uuid=?", change["id"]):
                self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")
            self.assertEqual(self.office().request("PUT", path, {"lessons": self.week_template})[0], 200)
            status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": MONDAY.isoformat(), "to": MONDAY.isoformat()})
            self.assertEqual(status, 200, made)
        self.assertEqual([l["period"] for l in self.diary_day(MONDAY)], [1, 2])

    def test_a_change_for_group_2_moves_only_group_2s_lesson(self):
        path = f"/api/v1/classes/{self.class_uuid}/timetable"
        wednesday = WEDNESDAY.isoformat()
        split = self.week_template + [
            {"weekday": 3, "period": 1, "group": 1, "subject_id": self.subject_a["id"], "teacher_id": self.teacher_a["id"]},
            {"weekday": 3, "period": 1, "group": 2, "subject_id": self.subject_b["id"], "teacher_id": self.teacher_b["id"]}]

        def periods_by_group():
            with self.box.db() as db:
                return dict(db.execute("SELECT group_no, period FROM lessons WHERE class_id=? AND date=?",
                                       (self.class_id, wednesday)).fetchall())
        try:
            self.assertEqual(self.office().request("PUT", path, {"lessons": split})[0], 200)
            status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": wednesday, "to": wednesday})
            self.assertEqual((status, made.get("created")), (200, 2), made)
            status, change = self.office().request("POST", "/api/v1/timetable-changes", self.change(
                date=wednesday, group=2, kind="moved", to_period=5))
            self.assertEqual(status, 201, change)
            self.assertEqual((change["group"], change["period"], change["to_period"], change["lessons_updated"]), (2, 1, 5, 1))
            self.assertEqual(periods_by_group(), {1: 1, 2: 5})
            self.assertEqual(self.count("SELECT json_extract(payload, '$.group') FROM outbox WHERE entity='timetable_change' "
                                        "AND uuid=?", change["id"]), 2)
            status, gone = self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")
            self.assertEqual((status, gone.get("lessons_updated")), (200, 1), gone)
            self.assertEqual(periods_by_group(), {1: 1, 2: 1})
        finally:
            self.assertEqual(self.office().request("PUT", path, {"lessons": self.week_template})[0], 200)
            status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": wednesday, "to": wednesday})
            self.assertEqual(status, 200, made)
        self.assertEqual(periods_by_group(), {})

    def test_cancelling_a_lesson_with_a_mark_is_409_and_a_room_change_is_not(self):
        teacher = self.as_(self.teacher_a_account)
        lesson = self.count("SELECT uuid FROM lessons WHERE class_id=? AND date=? AND period=1", self.class_id, TUESDAY.isoformat())
        status, mark = teacher.request("POST", "/api/v1/marks", {"student_id": self.pupil["person_id"], "lesson_id": lesson,
                                                                 "value": 5, "work_type": "classwork"})
        self.assertEqual(status, 201, mark)
        tuesday = dict(self.change(kind="cancelled"), date=TUESDAY.isoformat())
        message = self.assert_refused(409, "POST", "/api/v1/timetable-changes", tuesday)
        self.assertIn("1 mark", message)
        self.assertIn("remove them in the journal", message)
        status, change = self.office().request("POST", "/api/v1/timetable-changes", dict(tuesday, kind="room", room="Т-102"))
        self.assertEqual((status, change.get("lessons_updated")), (201, 1), change)
        self.assertEqual(self.diary_day(TUESDAY)[0]["room"], "Т-102")
        self.assertEqual(self.diary_day(TUESDAY)[0]["marks"][0]["id"], mark["id"])

        # A timetable that moves away from the marked lesson: making lessons keeps it and reports it.
        path = f"/api/v1/classes/{self.class_uuid}/timetable"
        changed = [l for l in self.week_template if l["weekday"] != 2] + [
            {"weekday": 2, "period": 1, "subject_id": self.subject_b["id"], "teacher_id": self.teacher_b["id"]}]
        try:
            self.assertEqual(self.office().request("PUT", path, {"lessons": changed})[0], 200)
            status, made = self.office().request("POST", "/api/v1/lessons/make", {"from": TUESDAY.isoformat(), "to": TUESDAY.isoformat()})
            self.assertEqual(status, 200, made)
            self.assertEqual(made["created"] + made["updated"] + made["removed"], 0)
            self.assertEqual([(c["date"], c["class"]["id"], c["period"]) for c in made["conflicts"]],
                             [(TUESDAY.isoformat(), self.class_uuid, 1)])
            self.assertIn("1 mark", made["conflicts"][0]["reason"])
            kept = self.diary_day(TUESDAY)[0]
            self.assertEqual((kept["subject"], kept["teacher"], len(kept["marks"])), (self.subject_a["name"], self.teacher_a["diary"], 1))
        finally:
            self.assertEqual(self.office().request("PUT", path, {"lessons": self.week_template})[0], 200)
            self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")

    def test_bad_changes_are_refused_and_write_nothing(self):
        post = lambda status, field, **f: self.assert_refused(status, "POST", "/api/v1/timetable-changes", self.change(**f), field)  # noqa: E731
        post(400, "date", kind="cancelled", date="2027-02-30")
        post(400, "date", kind="cancelled", date="01.02.2027")
        post(400, "date", kind="cancelled", date=(MONDAY + datetime.timedelta(days=5)).isoformat())  # Saturday: no bells
        post(400, "date", kind="cancelled", date="2027-01-05")  # winter holidays
        post(400, "kind", kind="swap")
        post(400, "kind", kind="substitution")                         # without a teacher
        post(400, "kind", kind="cancelled", teacher_id=self.substitute["id"])
        post(400, "period", kind="cancelled", period="1")
        post(400, "period", kind="cancelled", period=9)
        post(400, "to_period", kind="moved", to_period=9)
        post(400, "group", kind="cancelled", group=-1)
        post(400, "group", kind="cancelled", group="2")
        post(404, "group", kind="cancelled", group=2)                  # Monday's lesson 1 is the whole class's
        post(400, "weekday", kind="cancelled", weekday=1)
        post(404, "period", kind="cancelled", period=3)                # 3 is no lesson of the class's Monday
        post(404, "class_id", kind="cancelled", class_id=str(uuid.uuid4()))
        post(404, "teacher_id", kind="substitution", teacher_id=str(uuid.uuid4()))
        post(404, "room", kind="room", room="Луна")
        post(400, "note", kind="cancelled", note="x" * 201)
        self.assert_refused(404, "DELETE", f"/api/v1/timetable-changes/{uuid.uuid4()}", None, "id",
                            error_code="timetable.change_not_found")
        self.assert_refused(404, "DELETE", "/api/v1/timetable-changes/1", None, "id")  # row ids are not the API's
        self.assert_refused(404, "DELETE", "/api/v1/timetable-changes/abc", None, "id")
        self.assert_refused(403, "POST", "/api/v1/timetable-changes", self.change(kind="cancelled"),
                            client=self.as_(self.teacher_a_account))
        status, body = self.as_(self.pupil).request("GET", "/api/v1/timetable-changes?from=2027-01-11&to=2028-01-20")
        self.assertEqual((status, body["error"]["field"]), (400, "to"))

    # --- a teacher's own week (GET /api/v1/me/timetable) ----------------------------------------
    def my_week(self, account, week=WEEK):
        return self.as_(account).request("GET", f"/api/v1/me/timetable?week={week}")

    def free_teacher_with_account(self, weekday, period):
        """A teacher with a demo account, not A or B, who teaches nowhere at that weekday and lesson."""
        accounts = {a["person_id"]: a for a in self.box.accounts if a["role"] == "teacher"}
        with self.box.db() as db:
            for row, uid in db.execute("SELECT id, uuid FROM teachers ORDER BY id"):
                if uid in accounts and row not in (self.teacher_a["row"], self.teacher_b["row"]) \
                        and not self.busy.get((row, weekday, period)):
                    return {"row": row, "id": uid, "account": accounts[uid]}
        raise RuntimeError("no free teacher with an account")

    def lesson_uuid(self, class_id, date, period, group=0):
        return self.count("SELECT uuid FROM lessons WHERE class_id=? AND date=? AND period=? AND group_no=?",
                          class_id, date.isoformat(), period, group)

    def test_a_teacher_reads_the_own_week_across_classes_in_one_request(self):
        self.assertEqual(self.count("SELECT count(*) FROM timetable_changes WHERE date BETWEEN ? AND ?",
                                    MONDAY.isoformat(), FRIDAY.isoformat()), 0)
        with self.box.db() as db:
            want = sorted(db.execute(
                "SELECT c.uuid, x.weekday, x.period, x.group_no FROM timetable x JOIN classes c ON c.id=x.class_id "
                "WHERE x.teacher_id=? AND x.weekday BETWEEN 1 AND 5", (self.teacher_a["row"],)).fetchall())
            classes = {u: r for r, u in db.execute("SELECT id, uuid FROM classes")}
        self.assertGreater(len({c for c, *_ in want}), 1, "teacher A teaches in more than one class")
        status, week = self.my_week(self.teacher_a_account)
        self.assertEqual(status, 200, week)
        self.assertEqual((week["week"], week["teacher"]), (WEEK, {"id": self.teacher_a["id"], "name": self.teacher_a["diary"]}))
        days = week["days"]
        self.assertEqual([d["date"] for d in days], [(MONDAY + datetime.timedelta(days=i)).isoformat() for i in range(7)])
        self.assertEqual([d["school_day"] for d in days[:5]], [True] * 5)
        self.assertEqual([d["bells"] is None for d in days], [False] * 5 + [True] * 2)
        self.assertEqual((days[5]["lessons"], days[6]["lessons"]), ([], []))
        got = sorted((l["class"]["id"], d["weekday"], l["period"], l["group"]) for d in days for l in d["lessons"])
        self.assertEqual([tuple(x) for x in got], [tuple(x) for x in want])
        for d in days:
            date = datetime.date.fromisoformat(d["date"])
            periods = {p["number"]: (p["starts"], p["ends"]) for p in (d["bells"] or {"periods": []})["periods"]}
            for l in d["lessons"]:
                self.assertEqual((l["part"], l["cancelled"], l["changes"], l["substitute_for"], l["taken_by"], l["moved_from"],
                                  l["room_changed"]), ("own", False, [], None, None, None, False), l)
                self.assertEqual((l["starts"], l["ends"]), periods[l["period"]])
                self.assertEqual(l["lesson_id"], self.lesson_uuid(classes[l["class"]["id"]], date, l["period"], l["group"]))
        first = days[0]["lessons"][0]
        self.assertEqual((first["period"], first["class"], first["subject"], first["room"], first["starts"], first["ends"]),
                         (1, {"id": self.class_uuid, "name": self.class_name}, {"id": self.subject_a["id"], "name": self.subject_a["name"]},
                          "Т-101", "08:30", "09:15"))
        # A week of the holidays has bells but no lessons; a malformed week is 400.
        status, holiday = self.my_week(self.teacher_a_account, "2027-W01")
        self.assertEqual(status, 200, holiday)
        self.assertEqual([(d["school_day"], d["lessons"]) for d in holiday["days"][:5]], [(False, [])] * 5)
        status, answer = self.my_week(self.teacher_a_account, "2027-W1")
        self.assertEqual((status, answer["error"]["code"], answer["error"]["field"]), (400, "date.week_malformed", "week"))
        # Without a week: this week in the school's time zone (Moscow in the test school).
        school_week = lambda: "%d-W%02d" % (datetime.datetime.now(datetime.timezone.utc)  # noqa: E731
                                            + datetime.timedelta(hours=3)).isocalendar()[:2]
        before = school_week()
        status, this_week = self.as_(self.teacher_a_account).request("GET", "/api/v1/me/timetable")
        self.assertEqual(status, 200, this_week)
        self.assertIn(this_week["week"], {before, school_week()})

    def test_a_teachers_week_marks_the_substitutions_they_take_and_their_lessons_taken_by_others(self):
        substitute = self.free_teacher_with_account(1, 1)
        status, change = self.office().request("POST", "/api/v1/timetable-changes", self.change(
            kind="substitution", teacher_id=substitute["id"], room="Т-102", note="учитель на курсах"))
        self.assertEqual(status, 201, change)
        try:
            lesson = self.lesson_uuid(self.class_id, MONDAY, 1)
            status, week = self.my_week(substitute["account"])
            self.assertEqual(status, 200, week)
            taken = [l for l in week["days"][0]["lessons"] if l["class"]["id"] == self.class_uuid]
            self.assertEqual(len(taken), 1, week["days"][0])
            l = taken[0]
            self.assertEqual((l["part"], l["period"], l["subject"]["id"], l["substitute_for"], l["taken_by"], l["cancelled"]),
                             ("substitute", 1, self.subject_a["id"], {"id": self.teacher_a["id"], "name": self.teacher_a["diary"]},
                              None, False))
            self.assertEqual((l["room"], l["room_changed"], l["usual_room"], l["note"]), ("Т-102", True, "Т-101", "учитель на курсах"))
            self.assertEqual(l["changes"], [{"id": change["id"], "kind": "substitution"}])
            self.assertEqual(l["lesson_id"], lesson)  # the lesson row follows the substitution: the sheet opens from here
            self.assertTrue(all(x["part"] == "own" for d in week["days"] for x in d["lessons"] if x is not l))

            status, week = self.my_week(self.teacher_a_account)
            self.assertEqual(status, 200, week)
            mine = next(x for x in week["days"][0]["lessons"] if x["class"]["id"] == self.class_uuid and x["period"] == 1)
            name = self.count("SELECT last_name || ' ' || substr(first_name,1,1) || '.' || substr(middle_name,1,1) || '.' "
                              "FROM teachers WHERE id=?", substitute["row"])
            self.assertEqual((mine["part"], mine["taken_by"], mine["substitute_for"], mine["lesson_id"], mine["room"]),
                             ("taken_over", {"id": substitute["id"], "name": name}, None, None, "Т-102"))
            self.assertEqual(mine["changes"], [{"id": change["id"], "kind": "substitution"}])
        finally:
            self.assertEqual(self.office().request("DELETE", f"/api/v1/timetable-changes/{change['id']}")[0], 200)
        status, week = self.my_week(substitute["account"])
        self.assertNotIn(self.class_uuid, [x["class"]["id"] for x in week["days"][0]["lessons"]])

    def test_a_teachers_week_marks_an_own_lesson_cancelled_and_one_moved(self):
        status, cancel = self.office().request("POST", "/api/v1/timetable-changes", self.change(kind="cancelled", note="экскурсия"))
        self.assertEqual(status, 201, cancel)
        try:
            status, week = self.my_week(self.teacher_a_account)
            self.assertEqual(status, 200, week)
            l = next(x for x in week["days"][0]["lessons"] if x["class"]["id"] == self.class_uuid)
            self.assertEqual((l["part"], l["period"], l["cancelled"], l["note"], l["lesson_id"], l["taken_by"]),
                             ("own", 1, True, "экскурсия", None, None))
            self.assertEqual(l["changes"], [{"id": cancel["id"], "kind": "cancelled"}])
            others = [x for d in week["days"] for x in d["lessons"] if x is not l]
            self.assertTrue(others and not any(x["cancelled"] or x["changes"] for x in others))
        finally:
            self.assertEqual(self.office().request("DELETE", f"/api/v1/timetable-changes/{cancel['id']}")[0], 200)
        # Tuesday's lesson 1 moved to a later lesson teacher A is free at: shown there, from 1, with its bells.
        to = next(p for p in range(2, 9) if not self.busy.get((self.teacher_a["row"], 2, p)))
        status, move = self.office().request("POST", "/api/v1/timetable-changes", dict(self.change(kind="moved", to_period=to),
                                                                                      date=TUESDAY.isoformat()))
        self.assertEqual(status, 201, move)
        try:
            status, week = self.my_week(self.teacher_a_account)
            tuesday = week["days"][1]
            l = next(x for x in tuesday["lessons"] if x["class"]["id"] == self.class_uuid)
            bell = next(p for p in tuesday["bells"]["periods"] if p["number"] == to)
            self.assertEqual((l["period"], l["moved_from"], l["starts"], l["ends"], l["cancelled"]),
                             (to, 1, bell["starts"], bell["ends"], False), l)
            self.assertEqual(l["changes"], [{"id": move["id"], "kind": "moved"}])
            self.assertEqual(l["lesson_id"], self.lesson_uuid(self.class_id, TUESDAY, to))
        finally:
            self.assertEqual(self.office().request("DELETE", f"/api/v1/timetable-changes/{move['id']}")[0], 200)

    def test_only_teachers_have_an_own_timetable(self):
        guardian = self.box.account("guardian")
        for account in (self.pupil, guardian, self.secretary, self.director):
            before = self.rows_written()
            status, answer = self.my_week(account)
            self.assertEqual(status, 403, answer)
            error = answer["error"]
            self.assertEqual((error["code"], error["kind"]), ("timetable.teachers_only", "forbidden"), answer)
            self.assertIn("GET /api/v1/classes/{id}/timetable", error["message"])  # says where their week is
            self.assertEqual(self.rows_written(), before)
        self.assertEqual(self.box.client().request("GET", f"/api/v1/me/timetable?week={WEEK}")[0], 401)

    def test_rooms_list_and_refuse_a_second_room_of_one_name(self):
        status, rooms = self.as_(self.pupil).request("GET", "/api/v1/rooms")
        self.assertEqual(status, 200, rooms)
        self.assertIn({"name": "Т-101"}, rooms["rooms"])
        self.assert_refused(409, "POST", "/api/v1/rooms", {"name": "Т-101"}, "name", error_code="room.name_taken")
        self.assert_refused(400, "POST", "/api/v1/rooms", {"name": "  "}, "name", error_code="text.required")
        self.assert_refused(400, "POST", "/api/v1/rooms", {"name": "x" * 41}, "name", error_code="text.too_long")
        self.assert_refused(403, "POST", "/api/v1/rooms", {"name": "Т-999"}, client=self.as_(self.director))

    def test_zz_the_audit_chain_is_whole(self):
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)


class MadeByTheBox(unittest.TestCase):
    """classbookctl lessons make (alone and beside a running classbookd) and classbookd's hourly housekeeping."""

    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    def test_ctl_makes_the_lessons_once_and_housekeeping_keeps_the_next_two_weeks(self):
        week = (MONDAY.isoformat(), FRIDAY.isoformat())
        expected = self.count("SELECT count(*) FROM timetable WHERE weekday BETWEEN 1 AND 5")
        r = ctl(self.box.data, "lessons", "make", "--from", week[0], "--to", week[1])
        self.assertIn(f"5 school days: {expected} created, 0 updated, 0 unchanged, 0 removed, 0 conflicts", r.stdout)
        self.assertIn("5 / 5 days", r.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM lessons WHERE date BETWEEN ? AND ?", *week), expected)
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='lesson' AND action='create' AND actor_user=0"), expected)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE entity='lesson'"), expected)
        r = ctl(self.box.data, "lessons", "make", "--from", week[0], "--to", week[1])
        self.assertIn(f"0 created, 0 updated, {expected} unchanged", r.stdout)
        for args, words in ((("--from", "2027-13-01", "--to", week[1]), "--from"), (("--from", week[0], "--to", "2029-01-01"), "at most"),
                            (("--from", "2026-12-31", "--to", "2027-01-08"), "no school days")):
            r = ctl(self.box.data, "lessons", "make", *args, check=False)
            self.assertEqual(r.returncode, 1, r.stdout)
            self.assertIn(words, r.stderr)
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)

        # Housekeeping at start makes the lessons of the school days of today and the 13 after (the demo's
        # weeks, made from the same timetable, are left as they are).
        ahead = [today() + datetime.timedelta(days=i) for i in range(KEPT_AHEAD_DAYS)]
        window = (ahead[0].isoformat(), ahead[-1].isoformat())
        want = sum(self.count("SELECT count(*) FROM timetable WHERE weekday=?", d.isoweekday()) for d in ahead if school_day(d))
        had = self.count("SELECT count(*) FROM lessons WHERE date BETWEEN ? AND ?", *window)
        self.box.start()
        try:
            self.assertEqual(self.box.client().request("GET", "/healthz")[0], 200)
            for _ in range(100):
                have = self.count("SELECT count(*) FROM lessons WHERE date BETWEEN ? AND ?", *window)
                if have == want:
                    break
                time.sleep(0.1)
            self.assertEqual(have, want)
            if want > had:
                with open(os.path.join(self.box.data, "classbookd.log")) as log:
                    self.assertIn(f"lessons of the next {KEPT_AHEAD_DAYS} days: ", log.read())
            # The command beside the running server, then an audited write through the server: the
            # server's writer must chain after the command's audit entries, not fork the chain.
            plus = lambda d, n: (d + datetime.timedelta(days=n)).isoformat()  # noqa: E731
            r = ctl(self.box.data, "lessons", "make", "--from", plus(MONDAY, 21), "--to", plus(FRIDAY, 21))
            self.assertRegex(r.stdout, r"[1-9]\d* created")
            office = self.box.signed_in(self.box.account("secretary"))
            status, made = office.request("POST", "/api/v1/lessons/make", {"from": plus(MONDAY, 28), "to": plus(FRIDAY, 28)})
            self.assertEqual(status, 200, made)
            self.assertGreater(made["created"], 0)
        finally:
            self.box.stop()
        self.assertEqual(ctl(self.box.data, "verify-audit").returncode, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
