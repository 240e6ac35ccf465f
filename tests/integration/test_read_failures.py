"""Reads that fail answer 503 with a reason over HTTP, never an empty 200, and write nothing: a real
classbookd over TLS whose queries of the rooms fail as if the database were busy (the test-only hook
$CLASSBOOK_TEST_FAIL_QUERIES of a CLASSBOOK_FAULT_INJECTION build, store/db.cpp)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402


class ReadFailures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=20, weeks=1)
        with cls.box.db() as db:
            db.execute("INSERT INTO rooms(name) VALUES ('Т-101')")
        cls.box.start(env={"CLASSBOOK_TEST_FAIL_QUERIES": "FROM rooms"})
        cls.office = cls.box.signed_in(cls.box.account("secretary"))

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def written(self):
        with self.box.db() as db:
            return tuple(db.execute(sql).fetchone()[0] for sql in (
                "SELECT count(*) FROM rooms", "SELECT count(*) FROM audit WHERE entity='room'",
                "SELECT count(*) FROM outbox WHERE entity='room'"))

    def assert_unavailable(self, status, body):
        self.assertEqual(status, 503, body)
        self.assertEqual((body["error"]["code"], body["error"]["kind"]), ("store.busy", "unavailable"), body)
        message = body["error"]["message"]
        self.assertIn("could not be read", message)
        self.assertIn("database busy", message)  # the reason
        self.assertIn("try again", message)      # what to do

    def test_a_read_that_fails_is_503_with_the_reason_not_an_empty_list(self):
        before = self.written()
        status, body = self.office.request("GET", "/api/v1/rooms")
        self.assert_unavailable(status, body)
        self.assertEqual(self.written(), before)
        # Only the failing query fails: the server is up and answers the other reads.
        status, bells = self.office.request("GET", "/api/v1/bells")
        self.assertEqual(status, 200, bells)

    def test_a_write_whose_read_fails_is_503_and_writes_nothing(self):
        before = self.written()
        status, body = self.office.request("POST", "/api/v1/rooms", {"name": "Т-202"})
        self.assert_unavailable(status, body)
        self.assertEqual(self.written(), before)
        with self.box.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM rooms WHERE name='Т-202'").fetchone()[0], 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
