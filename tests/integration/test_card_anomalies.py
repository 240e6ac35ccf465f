"""The class teacher's card anomalies over HTTP (GET /api/v1/classes/{id}/card-anomalies): real taps
from two kiosks (device keys) into a real classbookd raise two_entrances and already_inside; the
pupil's class teacher and the director read them with the pupil, the kiosk, the school's time and
words, and the class teacher hears of a new one live; the unknown cards and the rest of the security
log stay out; another class's teacher, a guardian, a pupil and the office are refused, as are
malformed ranges and unknown classes."""
import datetime
import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402
from test_live_stream import Stream  # noqa: E402

MOSCOW = datetime.timezone(datetime.timedelta(hours=3))


def now_utc(seconds=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


class CardAnomalies(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = box = Box().start()
        cls.addClassCleanup(box.cleanup)  # run even when the rest of setUpClass fails: no daemon is left running
        teachers = {a["person_id"]: a for a in box.accounts if a["role"] == "teacher"}
        with box.db() as db:
            rows = db.execute(
                "SELECT s.uuid, s.card, s.first_name || ' ' || s.last_name, c.uuid, c.name, t.uuid FROM students s "
                "JOIN classes c ON c.id = s.class_id JOIN teachers t ON t.id = c.class_teacher_id "
                "WHERE s.card IS NOT NULL ORDER BY c.id, s.id").fetchall()
        pupils = [dict(id=r[0], card=r[1], name=r[2], class_id=r[3], cls=r[4], teacher=teachers[r[5]])
                  for r in rows if r[5] in teachers]
        guardians = [a for a in box.accounts if a["role"] == "guardian"]
        cls.p = next(q for q in pupils if any(q["id"] in g["children"] for g in guardians))
        cls.guardian = next(g for g in guardians if cls.p["id"] in g["children"])
        cls.classmate = next(q for q in pupils if q["class_id"] == cls.p["class_id"] and q["id"] != cls.p["id"])
        # Another class with another class teacher.
        cls.other = next(q for q in pupils if q["class_id"] != cls.p["class_id"]
                         and q["teacher"]["login"] != cls.p["teacher"]["login"])
        cls.pupil_account = next(a for a in box.accounts if a["role"] == "student" and a["person_id"] == cls.p["id"])
        key2 = re.search(r"device key: (\S+)", ctl(box.data, "kiosk", "add", "entrance-2").stdout).group(1)
        cls.doors = {"entrance-1": box.kiosk_key, "entrance-2": key2}
        # The pupil taps in at entrance-1, then 20 s later in at entrance-2: two_entrances and
        # already_inside. The other class's pupil does the same; three unknown cards follow.
        for q in (cls.p, cls.other):
            cls.tap("entrance-1", q["card"], "in")
            cls.tap("entrance-2", q["card"], "in", seconds=20)
        for i in range(3):
            cls.tap("entrance-1", "F00D%04d" % i, "toggle")
        # The audit check's findings share the log and may name the same pupil: never the class teacher's.
        with box.db() as db:
            sid = db.execute("SELECT id FROM students WHERE uuid=?", (cls.p["id"],)).fetchone()[0]
            db.execute("INSERT INTO security_events(uuid, at, kind, card, student_id, detail) VALUES (?,?,?,?,?,?)",
                       (str(uuid.uuid4()), now_utc(), "audit_mismatch", "", sid, "mark 42 differs from the trail"))

    @classmethod
    def tap(cls, door, card, direction, seconds=0):
        c = cls.box.client()
        status, r = c.request("POST", "/api/v1/taps", {"tap_id": str(uuid.uuid4()), "card": card, "reader": "r",
                                                       "at": now_utc(seconds), "direction": direction},
                              headers={"Authorization": "Bearer " + cls.doors[door]})
        assert status == 201, (status, r)
        return r

    def anomalies(self, client, class_id=None, query=None):
        today = datetime.datetime.now(MOSCOW).date()
        q = query if query is not None else "from=%s&to=%s" % (today - datetime.timedelta(days=1), today + datetime.timedelta(days=1))
        return client.request("GET", f"/api/v1/classes/{class_id or self.p['class_id']}/card-anomalies?{q}")

    def test_the_class_teacher_reads_the_pupils_anomalies_with_time_kiosk_and_words(self):
        status, r = self.anomalies(self.box.signed_in(self.p["teacher"]))
        self.assertEqual(status, 200, r)
        self.assertEqual(r["class"], self.p["cls"])
        self.assertFalse(r["truncated"])
        self.assertNotIn(self.other["id"], {a["student"]["id"] for a in r["anomalies"]})
        mine = [a for a in r["anomalies"] if a["student"]["id"] == self.p["id"]]  # the live test adds a classmate's
        self.assertEqual([a["kind"] for a in mine], ["two_entrances", "already_inside"], r)
        for a in mine:
            self.assertEqual(a["student"]["name"], self.p["name"])
            self.assertEqual(a["kiosk"], "entrance-2")
            self.assertRegex(a["time"], r"^\d\d:\d\d$")
            self.assertRegex(a["date"], r"^\d{4}-\d\d-\d\d$")
            self.assertTrue(a["at"].endswith("Z") and a["id"])
            self.assertIn(f"{self.p['name']} ({self.p['cls']})", a["message"])
            self.assertIn(a["time"], a["message"])
            self.assertNotIn("card", a)  # the card number and the log's detail stay in the office's log
        # The same day as the kiosk's clock says, in the school's time zone.
        local = datetime.datetime.fromisoformat(mine[0]["at"].replace("Z", "+00:00")).astimezone(MOSCOW)
        self.assertEqual((mine[0]["date"], mine[0]["time"]), (str(local.date()), local.strftime("%H:%M")))

    def test_the_director_reads_any_class_and_the_other_class_sees_only_its_own(self):
        director = self.box.signed_in(self.box.account("director"))
        status, r = self.anomalies(director)
        self.assertEqual(status, 200, r)
        self.assertEqual([a["kind"] for a in r["anomalies"] if a["student"]["id"] == self.p["id"]],
                         ["two_entrances", "already_inside"], r)
        status, r = self.anomalies(self.box.signed_in(self.other["teacher"]), self.other["class_id"])
        self.assertEqual(status, 200, r)
        self.assertEqual({a["student"]["id"] for a in r["anomalies"]}, {self.other["id"]})

    def test_the_class_teacher_hears_of_a_new_anomaly_live_and_nobody_else_does(self):
        teacher, other = self.box.signed_in(self.p["teacher"]), self.box.signed_in(self.other["teacher"])
        ours, theirs = Stream(self.box, teacher), Stream(self.box, other)
        try:
            self.assertEqual((ours.status, theirs.status), (200, 200))
            ours.events(0.5), theirs.events(0.5)  # past `ready`
            self.tap("entrance-1", self.classmate["card"], "in")
            self.tap("entrance-2", self.classmate["card"], "in", seconds=20)
            got = ours.until(lambda e: e[1] == "card_anomaly")
            heard = [e[2] for e in got if e[1] == "card_anomaly"]
            self.assertTrue(heard, got)
            self.assertEqual({(d["class_id"], d["student_id"]) for d in heard}, {(self.p["class_id"], self.classmate["id"])})
            self.assertRegex(heard[0]["date"], r"^\d{4}-\d\d-\d\d$")
            # The box's own message about it is heard like any message: the unread badge and an open
            # conversation show it without a reload.
            if not any(e[1] == "message" for e in got):
                got += ours.until(lambda e: e[1] == "message")
            told = [e[2] for e in got if e[1] == "message"]
            status, threads = teacher.request("GET", "/api/v1/threads")
            self.assertEqual(status, 200, threads)
            alerts = [t for t in threads["threads"] if any(m["name"] == "Classbook" for m in t["members"])]
            self.assertEqual(len(alerts), 1, threads)
            self.assertTrue(told, got)  # one message per kind: the second tap is two_entrances and already_inside
            self.assertEqual({d["thread_id"] for d in told}, {alerts[0]["id"]}, got)
            self.assertEqual([e for e in theirs.events(1.0) if e[1] in ("card_anomaly", "message")], [])
        finally:
            ours.close()
            theirs.close()

    def test_everybody_else_is_refused(self):
        status, r = self.anomalies(self.box.signed_in(self.other["teacher"]))
        self.assertEqual((status, r["error"]["code"]), (403, "class.overview_not_allowed"), r)
        for account in (self.guardian, self.pupil_account, self.box.account("secretary"),
                        self.box.account("teacher", lambda a: a["login"] not in (self.p["teacher"]["login"], self.other["teacher"]["login"]))):
            status, r = self.anomalies(self.box.signed_in(account))
            self.assertIn(status, (403, 404), (account["role"], r))
            self.assertNotIn("anomalies", r)
        self.assertEqual(self.anomalies(self.box.client())[0], 401)

    def test_ranges_and_classes_are_checked(self):
        teacher = self.box.signed_in(self.p["teacher"])
        status, r = self.anomalies(teacher, query="")  # today by default
        self.assertEqual(status, 200, r)
        self.assertEqual(r["from"], r["to"])
        for query, code in (("from=24.11.2026", "date.malformed"), ("from=2026-11-24&to=2026-11-23", "date.range_reversed"),
                            ("from=2026-01-01&to=2026-11-23", "date.range_too_long")):
            status, r = self.anomalies(teacher, query=query)
            self.assertEqual((status, r["error"]["code"]), (400, code), query)
        status, r = self.anomalies(teacher, class_id=str(uuid.uuid4()))
        self.assertEqual((status, r["error"]["code"]), (404, "class.not_found"), r)
        status, r = self.anomalies(teacher, query="from=2026-11-16&to=2026-11-22")  # the demo weeks: no taps then
        self.assertEqual((status, r["anomalies"]), (200, []), r)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
