"""Live updates end to end (issue 10): GET /api/v1/stream over real TLS from a real classbookd.
A guardian's open stream hears a mark on the own child within a second and nothing about another
family; a stream that drops and comes back with Last-Event-ID gets exactly what it missed; an id the
server no longer holds makes the page reload; a user holds at most five streams; signing out of
another session does not leak into this one."""
import json
import os
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402


class Stream:
    """One text/event-stream read the way a browser's EventSource reads it."""

    def __init__(self, box, client, last_event_id=None, query=""):
        ctx = ssl.create_default_context(cafile=os.path.join(box.data, "tls/ca.crt"))
        self.sock = ctx.wrap_socket(socket.create_connection(("localhost", box.port), timeout=10), server_hostname="localhost")
        head = f"GET /api/v1/stream{query} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: {client.cookie}\r\n"
        if last_event_id:
            head += f"Last-Event-ID: {last_event_id}\r\n"
        self.sock.sendall((head + "\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buf += chunk
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        self.status = int(lines[0].split()[1])
        self.headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        self.last_id = None

    def events(self, seconds):
        """Every event that arrives within `seconds`: (id, name, data)."""
        out, end = [], time.monotonic() + seconds
        while time.monotonic() < end:
            while b"\n\n" in self.buf:
                block, _, self.buf = self.buf.partition(b"\n\n")
                event = self._parse(block.decode())
                if event:
                    out.append(event)
            self.sock.settimeout(max(0.01, end - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                break
            if not chunk:
                break
            self.buf += chunk
        return out

    def until(self, pred, seconds=5):
        got, end = [], time.monotonic() + seconds
        while time.monotonic() < end:
            batch = self.events(min(0.2, end - time.monotonic()))
            got += batch
            if any(pred(e) for e in batch):
                return got
        return got

    def _parse(self, block):
        fields = {"event": "message", "data": []}
        eid = None
        for line in block.split("\n"):
            if line.startswith(":") or not line:
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "data":
                fields["data"].append(value)
            elif name == "id":
                eid = value
            elif name in ("event", "retry"):
                fields[name] = value
        if eid is not None:
            self.last_id = eid
        if not fields["data"]:
            return None
        return eid, fields["event"], json.loads("\n".join(fields["data"]))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class LiveStream(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box().start()
        # A guardian's child, a lesson of the child's class and the teacher who gives it; a guardian
        # of a child in another class.
        families = [a for a in cls.box.accounts if a["role"] == "guardian" and a.get("children")]
        cls.guardian = next(g for g in families if cls.box.lessons_of(g["children"][0]))
        cls.child = cls.guardian["children"][0]
        cls.lesson, cls.teacher = cls.box.lessons_of(cls.child)[0]
        with cls.box.db() as db:
            class_id = db.execute("SELECT class_id FROM students WHERE uuid=?", (cls.child,)).fetchone()[0]
            cls.other_guardian = next(
                g for g in families
                if db.execute("SELECT class_id FROM students WHERE uuid=?", (g["children"][0],)).fetchone()[0] != class_id)
        cls.g = cls.box.signed_in(cls.guardian)
        cls.h = cls.box.signed_in(cls.other_guardian)
        cls.t = cls.box.signed_in(cls.teacher)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def mark(self, value=4):
        status, body = self.t.request("POST", "/api/v1/marks", {"student_id": self.child, "lesson_id": self.lesson,
                                                                "value": value, "work_type": "oral"})
        self.assertEqual(status, 201, body)
        return body["id"]

    def test_a_mark_reaches_the_childs_guardian_within_a_second_and_no_other_family(self):
        mine, theirs = Stream(self.box, self.g), Stream(self.box, self.h)
        try:
            self.assertEqual(mine.status, 200)
            self.assertEqual(mine.headers["content-type"], "text/event-stream")
            self.assertEqual(mine.headers["cache-control"], "no-store")
            self.assertNotIn("content-length", mine.headers)
            first = mine.until(lambda e: e[1] == "ready")
            self.assertEqual([e[1] for e in first], ["ready"])
            theirs.until(lambda e: e[1] == "ready")
            started = time.monotonic()
            mark_id = self.mark()
            got = mine.until(lambda e: e[1] == "mark", seconds=1.0)
            took = time.monotonic() - started
            marks = [e for e in got if e[1] == "mark"]
            self.assertEqual(len(marks), 1, got)
            self.assertEqual(marks[0][2]["mark_id"], mark_id)
            self.assertEqual(marks[0][2]["student_id"], self.child)
            self.assertEqual(marks[0][2]["lesson_id"], self.lesson)
            self.assertEqual(marks[0][2]["action"], "create")
            self.assertLess(took, 1.0)
            self.assertEqual([e for e in theirs.events(0.5) if e[1] == "mark"], [])
        finally:
            mine.close()
            theirs.close()

    def test_a_dropped_stream_resumes_from_its_last_id_without_loss_or_repeats(self):
        s = Stream(self.box, self.g)
        s.until(lambda e: e[1] == "ready")
        first = self.mark(5)
        s.until(lambda e: e[1] == "mark")
        seen = s.last_id
        s.close()  # the connection drops; two marks are saved meanwhile
        missed = [self.mark(3), self.mark(2)]
        again = Stream(self.box, self.g, last_event_id=seen)
        try:
            got = again.until(lambda e: e[1] == "ready")
            self.assertEqual([e[2]["mark_id"] for e in got if e[1] == "mark"], missed)
            self.assertNotIn(first, [e[2].get("mark_id") for e in got])
            # The page may also pass the id as ?last_event_id= when it opens a new stream itself.
            third = Stream(self.box, self.g, query="?last_event_id=" + seen)
            got = third.until(lambda e: e[1] == "ready")
            self.assertEqual([e[2]["mark_id"] for e in got if e[1] == "mark"], missed)
            third.close()
        finally:
            again.close()

    def test_an_id_the_server_does_not_hold_makes_the_page_reload(self):
        for stale in ("0-1", "zzzz-99999999", "garbage"):
            s = Stream(self.box, self.g, last_event_id=stale)
            try:
                got = s.until(lambda e: e[1] in ("reload", "ready"))
                self.assertEqual([e[1] for e in got], ["reload"], stale)
            finally:
                s.close()

    def test_a_user_holds_at_most_five_streams(self):
        held = [Stream(self.box, self.h) for _ in range(5)]
        try:
            self.assertEqual([s.status for s in held], [200] * 5)
            for s in held:
                s.until(lambda e: e[1] == "ready")
            sixth = Stream(self.box, self.h)
            self.assertEqual(sixth.status, 429)
            self.assertEqual(sixth.headers.get("retry-after"), "30")
            body = json.loads(sixth.buf.decode() or "{}") if sixth.buf else {}
            sixth.close()
            if body:
                self.assertEqual(body["error"]["code"], "stream.too_many")
            held.pop().close()
            time.sleep(0.3)  # the server notices the closed connection
            again = Stream(self.box, self.h)
            self.assertEqual(again.status, 200)
            again.close()
        finally:
            for s in held:
                s.close()

    def test_a_stream_needs_a_session(self):
        anon = self.box.client()
        s = Stream(self.box, anon)
        try:
            self.assertEqual(s.status, 401)
        finally:
            s.close()

    def test_news_of_a_lesson_and_messages_reach_only_their_readers(self):
        mine, theirs = Stream(self.box, self.g), Stream(self.box, self.h)
        try:
            mine.until(lambda e: e[1] == "ready")
            theirs.until(lambda e: e[1] == "ready")
            status, body = self.t.request("PUT", f"/api/v1/lessons/{self.lesson}", {"topic": "Live topic"})
            self.assertLess(status, 300, body)
            got = mine.until(lambda e: e[1] == "lesson")
            self.assertEqual([e[2]["lesson_id"] for e in got if e[1] == "lesson"], [self.lesson])
            status, me = self.t.request("GET", "/api/v1/me")
            status, thread = self.g.request("POST", "/api/v1/threads", {"to_user_id": me["user"]["id"] if "user" in me else me["id"],
                                                                        "subject": "Live", "body": "Hello"})
            self.assertLess(status, 300, thread)
            got = mine.until(lambda e: e[1] == "message")
            self.assertEqual([e[2]["thread_id"] for e in got if e[1] == "message"], [thread["id"]])
            self.assertEqual([e for e in theirs.events(0.5) if e[1] in ("lesson", "message")], [])
        finally:
            mine.close()
            theirs.close()


if __name__ == "__main__":
    unittest.main()
