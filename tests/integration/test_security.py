"""Security fixes of issue 9 against the real classbookd over TLS on loopback: classbookctl user
disable/reset sign a user out of the running server on the next request; one client address holds
at most --max-per-address connections while another address still connects; a refused upload's
linger ends at its deadline even when the client trickles a byte now and then."""
import os
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

PER_ADDRESS = 4
LINGER_DEADLINE = 5  # s, http::linger_deadline


class Security(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, seed=5).start("--max-per-address", str(PER_ADDRESS))

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def tls(self, source="127.0.0.1"):
        ctx = ssl.create_default_context(cafile=os.path.join(self.box.data, "tls/ca.crt"))
        raw = socket.create_connection(("127.0.0.1", self.box.port), timeout=10, source_address=(source, 0))
        return ctx.wrap_socket(raw, server_hostname="localhost")

    def test_ctl_disable_and_reset_sign_out_of_the_running_server(self):
        teacher = self.box.account("teacher")
        guardian = self.box.account("guardian")
        t = self.box.signed_in(teacher)
        g = self.box.signed_in(guardian)
        self.assertEqual(t.request("GET", "/api/v1/me")[0], 200)
        self.assertEqual(g.request("GET", "/api/v1/me")[0], 200)
        ctl(self.box.data, "user", "disable", "--login", teacher["login"])
        self.assertEqual(t.request("GET", "/api/v1/me")[0], 401)
        ctl(self.box.data, "user", "reset", "--login", guardian["login"])
        self.assertEqual(g.request("GET", "/api/v1/me")[0], 401)
        with self.box.db() as db:
            actions = {r[0] for r in db.execute("SELECT action FROM audit WHERE entity='user'")}
        self.assertEqual(actions, {"disable", "password_reset"})

    def test_one_address_cannot_take_every_connection(self):
        # 127.0.0.4 and .5: the other tests' clients (from 127.0.0.1) do not count against them.
        held = [self.tls("127.0.0.4") for _ in range(PER_ADDRESS)]
        try:
            with self.assertRaises((ssl.SSLError, OSError)):
                extra = self.tls("127.0.0.4")
                extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
                if not extra.recv(100):
                    raise ConnectionResetError("closed")
            other = self.tls("127.0.0.5")
            other.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            self.assertTrue(other.recv(100).startswith(b"HTTP/1.1 200"))
            other.close()
        finally:
            for s in held:
                s.close()

    def test_refused_upload_linger_ends_at_its_deadline(self):
        s = self.tls("127.0.0.3")
        s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 10000000\r\n\r\n" + b"x" * 1000)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += s.recv(4096)
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:100])
        refused_at = time.monotonic()
        s.settimeout(1.9)
        closed = False
        # A byte every 1.9 s would keep a per-read timeout of 2 s alive forever.
        while time.monotonic() - refused_at < LINGER_DEADLINE + 6:
            try:
                s.sendall(b"x")
                if s.recv(100) == b"":
                    closed = True
                    break
            except socket.timeout:
                continue
            except (ssl.SSLError, OSError):
                closed = True
                break
        self.assertTrue(closed, "the lingering connection outlived its deadline")
        self.assertLess(time.monotonic() - refused_at, LINGER_DEADLINE + 3)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
