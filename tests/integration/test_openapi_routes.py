"""The route table and docs/openapi.yaml say the same: every route of `classbookd --routes` (but the
web UI's own files) is documented with its method, and every documented path and method is a route."""
import json
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from box import DAEMON  # noqa: E402

OPENAPI = os.path.join(os.path.dirname(__file__), "../../docs/openapi.yaml")
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def routes():
    out = subprocess.run([DAEMON, "--routes"], capture_output=True, text=True, timeout=30, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def documented(path=OPENAPI):
    """(METHOD, path) pairs under `paths:` — read by indentation, so the test needs no YAML library."""
    pairs, current, in_paths = set(), None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"^\S", line):
                in_paths = line.startswith("paths:")
                continue
            if not in_paths:
                continue
            m = re.match(r"^  (/\S*):\s*$", line)
            if m:
                current = m.group(1)
                continue
            m = re.match(r"^    (\w+):", line)
            if m and current and m.group(1) in METHODS:
                pairs.add((m.group(1).upper(), current))
    return pairs


class OpenApiMatchesRoutes(unittest.TestCase):
    def test_every_route_is_documented_and_every_documented_path_is_a_route(self):
        table = routes()
        self.assertGreater(len(table), 50, "the route table looks empty")
        in_table = {(r["method"], r["pattern"]) for r in table if r["documented"]}
        docs = documented()
        self.assertGreater(len(docs), 50, "docs/openapi.yaml's paths were not read")
        self.assertEqual(sorted(in_table - docs), [], "routes missing from docs/openapi.yaml")
        self.assertEqual(sorted(docs - in_table), [], "documented in docs/openapi.yaml but not in the route table")
        print(f"{len(in_table)} routes documented, {len(table) - len(in_table)} web UI rows")

    def test_signed_in_routes_declare_every_role(self):
        roles = {"student", "guardian", "teacher", "class_teacher", "secretary", "director", "admin"}
        for r in routes():
            if r["caller"] == "signed_in":
                self.assertEqual(set(r["roles"]), roles, r)
                self.assertTrue(set(r["roles"].values()) <= {"none", "own", "any"}, r)


if __name__ == "__main__":
    unittest.main(verbosity=2)
