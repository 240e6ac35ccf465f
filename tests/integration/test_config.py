"""classbookd.toml against the real classbookd: a setting in the file takes effect, a flag wins over
it, a wrong file stops the start with the file, line and what to write, and --check-config says
what the box would run with (exit 1 when the file is wrong)."""
import os
import socket
import ssl
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, DAEMON  # noqa: E402

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "server", "config", "classbookd.example.toml")


class Config(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, seed=3)

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    def tearDown(self):
        self.box.stop()

    def tls(self, source):
        ctx = ssl.create_default_context(cafile=os.path.join(self.box.data, "tls/ca.crt"))
        raw = socket.create_connection(("127.0.0.1", self.box.port), timeout=10, source_address=(source, 0))
        return ctx.wrap_socket(raw, server_hostname="localhost")

    def healthy(self, s):
        """True when the connection answers a request; False when the box closed it (over the cap)."""
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            return s.recv(100).startswith(b"HTTP/1.1 200")
        except (ssl.SSLError, OSError):
            return False

    def connections_taken(self, source, tries):
        """How many of `tries` connections from one address the box serves at once."""
        held = []
        try:
            for _ in range(tries):
                try:
                    held.append(self.tls(source))
                except (ssl.SSLError, OSError):
                    break
            return sum(1 for s in held if self.healthy(s))
        finally:
            for s in held:
                s.close()

    def test_a_setting_in_the_file_takes_effect(self):
        self.box.start(config="[server]\nmax_per_address = 2\n")
        self.assertEqual(self.connections_taken("127.0.0.6", 4), 2)

    def test_a_flag_wins_over_the_file(self):
        self.box.start("--max-per-address", "3", config="[server]\nmax_per_address = 2\n")
        self.assertEqual(self.connections_taken("127.0.0.7", 5), 3)

    def test_a_wrong_file_stops_the_start_and_says_where(self):
        path = os.path.join(self.box.data, "wrong.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("[server]\nport = 8443\n\n[printing]\ndefault_queue = \"office\"\n")
        r = subprocess.run([DAEMON, "--config", path, "--data", self.box.data, "--port", "0"],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{path}:5: printing.default_queue is 'office' but no queue is set up: "
                      "add [printing.queues.office]", r.stderr)
        self.assertEqual(r.stdout, "")  # never said it was ready

    def test_a_named_file_that_is_missing_is_an_error(self):
        missing = os.path.join(self.box.data, "nowhere.toml")
        r = subprocess.run([DAEMON, "--config", missing, "--check-config"], capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{missing}: no such file", r.stderr)

    def test_check_config_says_what_the_box_would_run_with(self):
        r = subprocess.run([DAEMON, "--config", EXAMPLE, "--check-config", "--data", "/srv/classbook"],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("office → CUPS queue Office_Laser (\"Канцелярия\"), the default", r.stdout)
        self.assertIn("staffroom → CUPS queue Staffroom_MFP (\"Учительская\")", r.stdout)
        self.assertIn("data folder: /srv/classbook", r.stdout)  # the flag, over the file's default


if __name__ == "__main__":
    unittest.main(verbosity=2)
