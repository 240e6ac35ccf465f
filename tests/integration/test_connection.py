"""A keep-alive TLS connection to the real classbookd, as browsers and kiosks use it: after each
answer the server waits for the socket to be readable before it reads the next request, and
OpenSSL reads ahead (one read per request instead of a record header and then its body). These
check that nothing a client does between requests is lost or stalls on that path: requests sent
together in one write, a request that arrives in pieces after a pause, a client that goes away
while idle, and a request whose bytes arrive while the previous answer is still being written."""
import os
import socket
import ssl
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402

HEALTH = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"


class Connection(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, seed=11).start()

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def tls(self):
        ctx = ssl.create_default_context(cafile=os.path.join(self.box.data, "tls/ca.crt"))
        raw = socket.create_connection(("127.0.0.1", self.box.port), timeout=10)
        return ctx.wrap_socket(raw, server_hostname="localhost")

    @staticmethod
    def answers(s, n):
        """Reads n whole HTTP answers (each with a Content-Length) and returns (status, body) of each."""
        data, out = b"", []
        while len(out) < n:
            while b"\r\n\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    raise AssertionError(f"the connection closed after {len(out)} of {n} answers")
                data += chunk
            head, data = data.split(b"\r\n\r\n", 1)
            lines = head.decode().split("\r\n")
            length = next(int(v) for k, v in (l.split(":", 1) for l in lines[1:]) if k.lower() == "content-length")
            while len(data) < length:
                chunk = s.recv(65536)
                if not chunk:
                    raise AssertionError("the connection closed inside an answer's body")
                data += chunk
            out.append((int(lines[0].split()[1]), data[:length]))
            data = data[length:]
        return out

    def test_requests_sent_together_are_each_answered_in_order(self):
        s = self.tls()
        try:
            missing = b"GET /api/v1/no-such-thing HTTP/1.1\r\nHost: localhost\r\n\r\n"  # 401: not signed in
            s.sendall(HEALTH + missing + HEALTH)  # one write: they arrive in one TLS record
            got = self.answers(s, 3)
            self.assertEqual([g[0] for g in got], [200, 401, 200])
        finally:
            s.close()

    def test_a_request_arriving_in_pieces_after_a_pause_is_answered(self):
        s = self.tls()
        try:
            s.sendall(HEALTH)
            self.assertEqual(self.answers(s, 1)[0][0], 200)
            time.sleep(0.5)  # idle between clicks: the server is waiting for the socket
            s.sendall(HEALTH[:10])
            time.sleep(0.3)
            s.sendall(HEALTH[10:])
            self.assertEqual(self.answers(s, 1)[0][0], 200)
        finally:
            s.close()

    def test_the_next_request_sent_before_the_answer_is_read(self):
        s = self.tls()
        try:
            for _ in range(20):
                s.sendall(HEALTH)
            self.assertEqual([g[0] for g in self.answers(s, 20)], [200] * 20)
        finally:
            s.close()

    def test_clients_going_away_while_idle_leave_the_server_serving(self):
        for polite in (True, False):
            s = self.tls()
            s.sendall(HEALTH)
            self.assertEqual(self.answers(s, 1)[0][0], 200)
            if polite:
                s.unwrap().close()  # close_notify, then FIN
            else:
                s.close()  # FIN without close_notify, as browsers do
        s = self.tls()
        try:
            s.sendall(HEALTH)
            self.assertEqual(self.answers(s, 1)[0][0], 200)
        finally:
            s.close()


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
