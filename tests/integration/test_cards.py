"""A pupil's entrance cards over HTTP against a real classbookd (issue 12): the secretary gives a card,
replaces it, is refused a card another pupil holds (told who) and a blocked one, blocks a lost card with
a new one in the same step; the history reads newest first (also for the director, never for a teacher).
A tap of the blocked card at the entrance is refused as an unknown card and lands in the security log as
blocked_card; a tap on the desk reader (a kiosk in mode desk) reaches the secretary's open stream as
desk_card — not a teacher's or a guardian's — and writes no tap, presence or attendance row."""
import datetime
import os
import re
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402
from test_live_stream import Stream  # noqa: E402


def now_utc():
    t = datetime.datetime.now(datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


class Cards(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = box = Box().start()
        cls.addClassCleanup(box.cleanup)
        cls.desk_key = re.search(r"device key: (\S+)", ctl(box.data, "kiosk", "add", "desk-1", "--mode", "desk").stdout).group(1)
        with box.db() as db:
            rows = db.execute("SELECT s.uuid, s.card, s.last_name, s.first_name, c.name, c.uuid FROM students s "
                              "JOIN classes c ON c.id = s.class_id WHERE s.card IS NOT NULL ORDER BY s.id LIMIT 2").fetchall()
            cls.desk_uuid = db.execute("SELECT uuid FROM kiosks WHERE name='desk-1'").fetchone()[0]
        cls.p, cls.q = [dict(id=r[0], card=r[1], last=r[2], first=r[3], cls=r[4], class_id=r[5]) for r in rows]
        cls.office = box.signed_in(box.account("secretary"))
        cls.director = box.signed_in(box.account("director"))
        cls.teacher = box.signed_in(box.account("teacher", lambda a: True))
        cls.guardian = box.signed_in(box.account("guardian"))

    def cards(self, client, pupil):
        return client.request("GET", f"/api/v1/students/{pupil}/cards")

    def tap(self, key, card, tap_id=None):
        return self.box.client().request("POST", "/api/v1/taps", {"tap_id": tap_id or str(uuid.uuid4()), "card": card,
                                                                  "reader": "r", "at": now_utc()},
                                         headers={"Authorization": "Bearer " + key})

    def count(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchone()[0]

    def test_1_give_replace_conflict_block_and_history(self):
        p, q = self.p, self.q
        s, r = self.cards(self.office, p["id"])
        self.assertEqual(s, 200, r)
        self.assertEqual(r["current"]["card"], p["card"])  # the demo's card opens the history
        self.assertIsNone(r["current"]["ended_at"])
        self.assertEqual(len(r["history"]), 1)

        s, r = self.office.request("PUT", f"/api/v1/students/{p['id']}/card", {"card": "0012345678"})
        self.assertEqual(s, 200, r)
        self.assertEqual(r["current"]["card"], "0012345678")
        with self.box.db() as db:
            secretary = db.execute("SELECT uuid FROM users WHERE login='secretary'").fetchone()[0]
        self.assertEqual(r["current"]["issued_by"]["id"], secretary)
        self.assertTrue(r["current"]["issued_by"]["name"])
        self.assertEqual([(h["card"], h["end_reason"]) for h in r["history"]], [("0012345678", None), (p["card"], "replaced")])
        self.assertTrue(r["history"][1]["ended_at"].endswith("Z"))
        self.assertIsNotNone(r["history"][1]["ended_by"])

        s, r = self.office.request("PUT", f"/api/v1/students/{p['id']}/card", {"card": q["card"]})
        self.assertEqual(s, 409, r)
        self.assertEqual(r["error"]["code"], "card.taken")
        self.assertIn(f"{q['last']} {q['first']}", r["error"]["message"])  # the office is told who holds it
        s, r = self.office.request("PUT", f"/api/v1/students/{p['id']}/card", {"card": "not a card"})
        self.assertEqual((s, r["error"]["code"]), (400, "card.number_malformed"))

        s, r = self.office.request("POST", f"/api/v1/students/{p['id']}/card/block", {"reason": "lost", "new_card": "00ABCDEF01"})
        self.assertEqual(s, 200, r)
        self.assertEqual([(h["card"], h["end_reason"]) for h in r["history"]],
                         [("00ABCDEF01", None), ("0012345678", "lost"), (p["card"], "replaced")])
        self.assertEqual(r["current"]["card"], "00ABCDEF01")
        self.assertEqual(self.count("SELECT count(*) FROM audit WHERE entity='student_card' AND action='block' AND uuid=?", p["id"]), 1)

        s, r = self.office.request("PUT", f"/api/v1/students/{q['id']}/card", {"card": "0012345678"})
        self.assertEqual(s, 409, r)
        self.assertEqual(r["error"]["code"], "card.blocked")
        self.assertIn("reported lost on", r["error"]["message"])
        self.assertEqual(self.cards(self.office, q["id"])[1]["current"]["card"], q["card"])  # nothing changed
        s, r = self.office.request("POST", f"/api/v1/students/{q['id']}/card/block", {"reason": "stolen"})
        self.assertEqual((s, r["error"]["code"]), (400, "card.block_reason_unknown"))

        s, r = self.cards(self.director, p["id"])
        self.assertEqual(s, 200, r)
        self.assertEqual(len(r["history"]), 3)
        for who in (self.teacher, self.guardian):
            self.assertIn(self.cards(who, p["id"])[0], (403, 404))
        self.assertEqual(self.director.request("PUT", f"/api/v1/students/{p['id']}/card", {"card": "77"})[0], 403)

    def test_2_a_blocked_card_at_the_entrance_is_refused_and_logged(self):
        with self.box.db() as db:
            blocked = db.execute("SELECT sc.card FROM student_cards sc JOIN students s ON s.id = sc.student_id "
                                 "WHERE s.uuid=? AND end_reason='lost'", (self.p["id"],)).fetchone()
        self.assertIsNotNone(blocked, "test_1 blocks a card first")
        presence = "SELECT coalesce((SELECT p.last_at FROM presence p JOIN students s ON s.id = p.student_id WHERE s.uuid=?), '')"
        seen_before = self.count(presence, self.p["id"])
        tap_id = str(uuid.uuid4())
        s, r = self.tap(self.box.kiosk_key, blocked[0].lower(), tap_id)
        self.assertEqual(s, 201, r)
        self.assertEqual(r["result"], "unknown_card")
        self.assertNotIn("student", r)
        s, again = self.tap(self.box.kiosk_key, blocked[0], tap_id)
        self.assertEqual((s, again["result"], again["original"]), (200, "duplicate", "unknown_card"))
        s, r = self.office.request("GET", "/api/v1/security-events")
        self.assertEqual(s, 200, r)
        events = [e for e in r["events"] if e["kind"] == "blocked_card"]
        self.assertEqual(len(events), 1, r)
        self.assertEqual((events[0]["card"], events[0]["kiosk"], events[0]["student"]["id"]), (blocked[0], "entrance-1", self.p["id"]))
        # Not the pupil's entrance: the tap is kept without the pupil, and the pupil was not seen coming in.
        self.assertEqual(self.count("SELECT count(*) FROM taps WHERE tap_id=? AND student_id IS NULL AND result='blocked_card'",
                                    tap_id), 1)
        self.assertEqual(self.count(presence, self.p["id"]), seen_before)

    def test_3_the_desk_reader_reaches_the_secretary_only_and_writes_nothing(self):
        office, teacher, guardian = Stream(self.box, self.office), Stream(self.box, self.teacher), Stream(self.box, self.guardian)
        try:
            self.assertEqual((office.status, teacher.status, guardian.status), (200, 200, 200))
            for s in (office, teacher, guardian):
                s.events(0.3)  # past `ready`
            before = [self.count(f"SELECT count(*) FROM {t}") for t in ("taps", "presence", "attendance", "security_events")]
            s, r = self.tap(self.desk_key, self.q["card"].lower())
            self.assertEqual((s, r["result"]), (201, "desk"), r)
            got = office.until(lambda e: e[1] == "desk_card")
            heard = [e[2] for e in got if e[1] == "desk_card"]
            self.assertEqual(len(heard), 1, got)
            d = heard[0]
            self.assertEqual(d["kiosk"], {"id": self.desk_uuid, "name": "desk-1"})
            self.assertEqual(d["card"], self.q["card"])
            self.assertEqual(d["student"], {"id": self.q["id"], "name": f"{self.q['first']} {self.q['last']}", "class": self.q["cls"]})
            self.assertFalse(d["blocked"])
            self.assertTrue(d["at"].endswith("Z"))
            # A card nobody holds: the secretary gives it to a pupil from the page.
            self.assertEqual(self.tap(self.desk_key, "00C0FFEE99")[1]["result"], "desk")
            got = office.until(lambda e: e[1] == "desk_card")
            fresh = [e[2] for e in got if e[1] == "desk_card"]
            self.assertEqual([(f["card"], f["student"], f["blocked"]) for f in fresh], [("00C0FFEE99", None, False)])
            s, r = self.office.request("PUT", f"/api/v1/students/{self.q['id']}/card", {"card": fresh[0]["card"]})
            self.assertEqual((s, r["current"]["card"]), (200, "00C0FFEE99"), r)
            for other in (teacher, guardian):
                self.assertFalse([e for e in other.events(1.0) if e[1] == "desk_card"])
            after = [self.count(f"SELECT count(*) FROM {t}") for t in ("taps", "presence", "attendance", "security_events")]
            self.assertEqual(before, after)
        finally:
            for s in (office, teacher, guardian):
                s.sock.close()

    def test_4_every_way_a_card_changes_enters_the_history(self):
        o = self.office
        s, r = o.request("POST", "/api/v1/students", {"last_name": "Картина", "first_name": "Вера", "class_id": self.p["class_id"],
                                                      "card": "00AA0001"})
        self.assertEqual(s, 201, r)
        pupil = r["student"]["id"]
        self.assertEqual(o.request("PATCH", f"/api/v1/students/{pupil}", {"card": "00aa0002"})[0], 200)
        self.assertEqual(o.request("PATCH", f"/api/v1/students/{pupil}", {"card": None})[0], 200)
        self.assertEqual(o.request("PUT", f"/api/v1/students/{pupil}/card", {"card": "00AA0003"})[0], 200)
        s, r = o.request("POST", f"/api/v1/students/{pupil}/leave", {"left_on": datetime.date.today().isoformat()})
        self.assertEqual(s, 200, r)
        s, r = self.cards(o, pupil)
        self.assertEqual(s, 200, r)
        self.assertIsNone(r["current"])
        self.assertEqual([(h["card"], h["end_reason"]) for h in r["history"]],
                         [("00AA0003", "left"), ("00AA0002", "unassigned"), ("00AA0001", "replaced")])
        # A pupil who left is history: no card is given to them.
        self.assertEqual(o.request("PUT", f"/api/v1/students/{pupil}/card", {"card": "00AA0004"})[1]["error"]["code"], "pupil.has_left")
        # The CSV import gives cards through the same history, and refuses a blocked one.
        csv = "class,last_name,first_name,card\n%s,Импортова,Алла,00AA0005\n" % self.p["cls"]
        s, r = o.request("POST", "/api/v1/roster/import", raw=csv.encode(), headers={"Content-Type": "text/csv"})
        self.assertEqual(s, 201, r)
        with self.box.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM student_cards h JOIN students s ON s.id = h.student_id "
                                        "WHERE s.last_name='Импортова' AND h.card='00AA0005' AND h.ended_at IS NULL").fetchone()[0], 1)
            lost = db.execute("SELECT card FROM student_cards WHERE end_reason='lost'").fetchone()
        self.assertIsNotNone(lost, "test_1 blocks a card first")
        csv = "class,last_name,first_name,card\n%s,Блокова,Инна,%s\n" % (self.p["cls"], lost[0])
        s, r = o.request("POST", "/api/v1/roster/import", raw=csv.encode(), headers={"Content-Type": "text/csv"})
        self.assertEqual(s, 400, r)
        self.assertIn("blocked", r["error"]["rows"][0]["message"])


if __name__ == "__main__":
    unittest.main()
