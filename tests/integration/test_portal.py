"""classbook-portal, the reference city portal, driven over real TLS with its own CA: the first start's
files, OAuth client credentials, the roster its operator posts read back with paging and the
dateLastModified delta, the batch extension (idempotency, gap, pinned signature, an item refused
alone, anchors), the offline import, seeded faults (the same seed, the same faults; every kind shows up;
nothing stored is harmed) and a restart that keeps everything. Batches are signed with the openssl
command line, as the standard library cannot do ECDSA."""
import base64
import hashlib
import http.client
import json
import os
import shutil
import ssl
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import zipfile

BUILD = os.environ.get("CLASSBOOK_BUILD", os.path.join(os.path.dirname(__file__), "../../build"))
PORTAL = os.path.join(BUILD, "portal/classbook-portal")
BOX = "0b0b0b0b-1111-4222-8333-444455556666"
SCOPE_ROSTER = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly"
SCOPE_JOURNAL = "https://classbook.example/scope/journal.createput"
ROSTERING = "/ims/oneroster/rostering/v1p2"
GRADEBOOK = "/ims/oneroster/gradebook/v1p2"
EXT = "/ims/oneroster/ext/classbook/v1p0"


def read(path):
    with open(path) as f:
        return f.read()


class Portal:
    """One classbook-portal process over a data folder; stop() and start() again to restart it."""

    def __init__(self, data, *args):
        self.data, self.args = data, list(args)
        self.proc = None
        self.start()

    def start(self):
        self.log_path = os.path.join(self.data + ".log")
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([PORTAL, "--data", self.data, "--port", "0", *self.args],
                                     stdout=subprocess.PIPE, stderr=self.log)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("classbook-portal: ready on https://127.0.0.1:"):
            raise RuntimeError("the portal did not start: " + line + read(self.log_path))
        self.port = int(line.rsplit(":", 1)[1].strip().strip("/"))
        self.client = json.loads(read(os.path.join(self.data, "client.json")))
        self.operator = read(os.path.join(self.data, "operator.token")).strip()
        self.ctx = ssl.create_default_context(cafile=os.path.join(self.data, "tls/ca.crt"))

    def stop(self):
        """Stops it with SIGTERM; it must end cleanly (a sanitizer's report ends it with an error)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
        self.proc.stdout.close()
        self.log.close()
        if self.proc.returncode != 0:
            raise RuntimeError(f"classbook-portal ended with {self.proc.returncode}:\n" + read(self.log_path)[-4000:])

    def request(self, method, path, body=None, headers=None, timeout=10):
        """(status, headers as a dict with lower-case names, body bytes); raises on a cut connection."""
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=timeout)
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            if r.getheader("Content-Length") is None:  # cut inside the head: not a whole answer
                raise http.client.IncompleteRead(data)
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            conn.close()

    def token_response(self, secret=None, form="grant_type=client_credentials"):
        basic = base64.b64encode(f"{self.client['client_id']}:{secret or self.client['client_secret']}".encode()).decode()
        return self.request("POST", "/oauth/token", form.encode(),
                            {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})

    def token(self):
        status, _, body = self.token_response()
        assert status == 200, body
        return json.loads(body)["access_token"]

    def get(self, path, token):
        status, headers, body = self.request("GET", path, headers={"Authorization": "Bearer " + token})
        return status, headers, json.loads(body) if body else None

    def operate(self, method, path, body=None):
        status, _, data = self.request(method, "/portal/v1" + path, body, {"Authorization": "Bearer " + self.operator})
        return status, json.loads(data)


class BoxKey:
    """The box's signing key (EC P-256), and batches signed with it by the openssl command line."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.key = os.path.join(folder, "sync.key")
        subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", self.key], check=True)
        self.pem = subprocess.run(["openssl", "pkey", "-in", self.key, "-pubout"], check=True, capture_output=True).stdout.decode()
        der = subprocess.run(["openssl", "pkey", "-in", self.key, "-pubout", "-outform", "DER"], check=True,
                             capture_output=True).stdout
        self.keyid = hashlib.sha256(der).hexdigest()

    def sign(self, body):
        path = os.path.join(self.folder, "body")
        with open(path, "wb") as f:
            f.write(body)
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key, path], check=True, capture_output=True).stdout
        return f"alg=ecdsa-p256-sha256; keyid={self.keyid}; sig={base64.b64encode(sig).decode()}"


def result_item(seq, sid, score, op="upsert"):
    item = {"seq": seq, "kind": "result", "op": op, "sourcedId": sid}
    if op == "upsert":
        item["object"] = {"sourcedId": sid, "status": "active", "dateLastModified": "2026-12-07T10:00:00.000Z",
                          "lineItem": {"sourcedId": "lesson-1~test", "type": "lineItem"},
                          "student": {"sourcedId": "pupil-" + sid, "type": "user"},
                          "scoreStatus": "fully graded", "score": score, "scoreDate": "2026-12-07"}
    return item


def batch(school, first, last, items, key=None, snapshot=False):
    """(Idempotency-Key, body bytes) of one batch in the contract's format."""
    body = {"box": BOX, "school": school, "batch": {"first_seq": first, "last_seq": last, "count": len(items)},
            "chain_head": {"seq": 9000 + last, "hash": hashlib.sha256(str(last).encode()).hexdigest(),
                           "at": "2026-12-07T22:00:01Z"},
            "items": items}
    if key:
        body["key"] = key
    if snapshot:
        body["snapshot"] = True
    return f"{BOX}:{first}-{last}", json.dumps(body).encode()


def send(portal, token, key, body, signature):
    return portal.request("POST", EXT + "/batches", body, {
        "Authorization": "Bearer " + token, "Content-Type": "application/json",
        "Idempotency-Key": key, "Classbook-Signature": signature})


class FirstStartAndRoster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="portal-")
        cls.portal = Portal(os.path.join(cls.tmp, "data"))

    @classmethod
    def tearDownClass(cls):
        cls.portal.stop()
        shutil.rmtree(cls.tmp)

    def test_first_start_writes_its_ca_client_and_operator_token(self):
        d = self.portal.data
        self.assertIn("BEGIN CERTIFICATE", read(os.path.join(d, "tls/ca.crt")))
        for secret in ("tls/ca.key", "tls/server.key", "client.json", "operator.token"):
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(d, secret)).st_mode), 0o600, secret)
        c = self.portal.client
        self.assertEqual(set(c) >= {"client_id", "client_secret", "token_url", "base_url"}, True)
        self.assertEqual(c["token_url"], f"https://127.0.0.1:{self.portal.port}/oauth/token")
        self.assertEqual(c["base_url"], f"https://127.0.0.1:{self.portal.port}")

    def test_client_credentials_by_basic(self):
        status, headers, body = self.portal.token_response()
        self.assertEqual(status, 200, body)
        grant = json.loads(body)
        self.assertEqual(grant["token_type"], "bearer")
        self.assertEqual(grant["expires_in"], 3600)
        self.assertIn(SCOPE_ROSTER, grant["scope"].split())
        self.assertIn(SCOPE_JOURNAL, grant["scope"].split())
        self.assertEqual(headers["cache-control"], "no-store")
        # A narrower request gets just that.
        status, _, body = self.portal.token_response(form="grant_type=client_credentials&scope=" + urllib.parse.quote(SCOPE_ROSTER))
        self.assertEqual(json.loads(body)["scope"], SCOPE_ROSTER)
        token = json.loads(body)["access_token"]
        self.assertEqual(self.portal.get(EXT + "/cursor", token)[0], 403, "a roster-only token cannot read the journal")
        # Refusals in RFC 6749's words.
        status, headers, body = self.portal.token_response(secret="wrong")
        self.assertEqual((status, json.loads(body)["error"]), (401, "invalid_client"))
        self.assertIn("Basic", headers["www-authenticate"])
        status, _, body = self.portal.token_response(form="grant_type=password")
        self.assertEqual((status, json.loads(body)["error"]), (400, "unsupported_grant_type"))
        status, _, body = self.portal.token_response(form="grant_type=client_credentials&scope=admin")
        self.assertEqual((status, json.loads(body)["error"]), (400, "invalid_scope"))
        status, _, body = self.portal.get(ROSTERING + "/users", "not-a-token")
        self.assertEqual((status, body["imsx_codeMajor"]), (401, "failure"))

    def test_roster_paging_delta_and_tobedeleted(self):
        p = self.portal
        token = p.token()
        users = [{"sourcedId": f"u{i:02}", "givenName": f"Pupil {i}", "familyName": "Test", "role": "student",
                  "enabledUser": True} for i in range(25)]
        status, posted = p.operate("POST", "/roster", {"users": users, "classes": [{"sourcedId": "c1", "title": "5A"}]})
        self.assertEqual((status, posted["changed"]), (200, 26))
        self.assertEqual(p.request("POST", "/portal/v1/roster", {"users": []},
                                   {"Authorization": "Bearer " + token})[0], 401, "the school's token is not the operator's")
        # Paging: 10 + 10 + 5, X-Total-Count and Link.
        seen = []
        status, headers, body = p.get(ROSTERING + "/users?limit=10&offset=0", token)
        self.assertEqual((status, headers["x-total-count"]), (200, "25"))
        self.assertIn('rel="next"', headers["link"])
        self.assertIn("offset=10", headers["link"])
        seen += body["users"]
        for offset in (10, 20):
            seen += p.get(f"{ROSTERING}/users?limit=10&offset={offset}", token)[2]["users"]
        self.assertEqual(sorted(u["sourcedId"] for u in seen), [u["sourcedId"] for u in users])
        self.assertTrue(all(u["status"] == "active" and u["dateLastModified"] == posted["dateLastModified"] for u in seen))
        status, headers, body = p.get(f"{ROSTERING}/users?limit=10&offset=20", token)
        self.assertNotIn('rel="next"', headers["link"])
        # The delta: only what changed after the high-water mark.
        mark = posted["dateLastModified"]
        status, later = p.operate("POST", "/roster", {"users": [dict(users[3], givenName="Renamed"),
                                                                {"sourcedId": "u99", "givenName": "New", "role": "student"}]})
        self.assertGreater(later["dateLastModified"], mark)
        quoted = urllib.parse.quote(f"dateLastModified>'{mark}'")
        status, headers, body = p.get(f"{ROSTERING}/users?filter={quoted}", token)
        self.assertEqual(status, 200, body)
        self.assertEqual(sorted(u["sourcedId"] for u in body["users"]), ["u03", "u99"])
        self.assertEqual(headers["x-total-count"], "2")
        self.assertEqual(p.get(f"{ROSTERING}/users/u03", token)[2]["user"]["givenName"], "Renamed")
        # tobedeleted: a departure shows up in the next delta with its status.
        status, gone = p.operate("POST", "/roster/tobedeleted", {"users": ["u07"]})
        self.assertEqual(status, 200)
        quoted = urllib.parse.quote(f"dateLastModified>'{later['dateLastModified']}'")
        body = p.get(f"{ROSTERING}/users?filter={quoted}", token)[2]
        self.assertEqual([(u["sourcedId"], u["status"]) for u in body["users"]], [("u07", "tobedeleted")])
        body = p.get(f"{ROSTERING}/users?filter={urllib.parse.quote(chr(39).join(['status=', 'tobedeleted', '']))}", token)[2]
        self.assertEqual([u["sourcedId"] for u in body["users"]], ["u07"])
        self.assertEqual(p.operate("POST", "/roster/tobedeleted", {"users": ["nobody"]})[0], 404)
        # Refusals in OneRoster's words.
        status, _, body = p.get(f"{ROSTERING}/users?filter={urllib.parse.quote('email~x')}", token)
        self.assertEqual((status, body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]),
                         (400, "invalid_filter_field"))
        status, _, body = p.get(f"{ROSTERING}/users/nobody", token)
        self.assertEqual((status, body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]),
                         (404, "unknownobject"))
        self.assertEqual(p.get(f"{ROSTERING}/users?limit=0", token)[0], 400)
        # The school the portal made on its first start is an org.
        orgs = p.get(ROSTERING + "/orgs", token)[2]["orgs"]
        self.assertEqual([o["sourcedId"] for o in orgs], [p.client["school"]])


class BatchesAndRestart(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="portal-")
        self.portal = Portal(os.path.join(self.tmp, "data"))
        self.key = BoxKey(os.path.join(self.tmp, "box"))

    def tearDown(self):
        self.portal.stop()
        shutil.rmtree(self.tmp)

    def test_batches_idempotency_gap_signature_items_anchors_and_restart(self):
        p, school = self.portal, self.portal.client["school"]
        token = p.token()
        # The first batch brings the key, which the portal pins.
        key1, body1 = batch(school, 1, 3, [result_item(1, "r1", 4), result_item(2, "r2", 5), result_item(3, "r1", 3)],
                            key=self.key.pem)
        status, headers, first = send(p, token, key1, body1, self.key.sign(body1))
        self.assertEqual(status, 200, first)
        self.assertEqual(json.loads(first), {"acknowledged_through": 3, "applied": 3, "duplicates": 0})
        status, summary = p.operate("GET", "/status")
        self.assertEqual(summary["clients"][0]["pinned_key_id"], self.key.keyid)
        # Same key, same answer; nothing doubled.
        status, headers, again = send(p, token, key1, body1, self.key.sign(body1))
        self.assertEqual((status, again), (200, first))
        self.assertEqual(headers.get("idempotent-replayed"), "true")
        status, headers, results = p.get(GRADEBOOK + "/results", token)
        self.assertEqual(headers["x-total-count"], "2")
        self.assertEqual({r["sourcedId"]: r["score"] for r in results["results"]}, {"r1": 3, "r2": 5})
        # A gap: the box skipped ahead.
        key, body = batch(school, 10, 10, [result_item(10, "r9", 1)])
        status, _, data = send(p, token, key, body, self.key.sign(body))
        self.assertEqual((status, json.loads(data)), (409, {"expected_first_seq": 4}))
        # A body that is not what was signed; a key that is not the pinned one.
        key, body = batch(school, 4, 4, [result_item(4, "r4", 2)])
        signature = self.key.sign(body)
        status, _, data = send(p, token, key, body.replace(b'"score": 2', b'"score": 5'), signature)
        self.assertEqual((status, json.loads(data)["code"]), (403, "signature.invalid"))
        other = BoxKey(os.path.join(self.tmp, "other"))
        status, _, data = send(p, token, key, body, other.sign(body))
        self.assertEqual((status, json.loads(data)["code"]), (403, "signature.unknown_key"))
        self.assertEqual(p.get(EXT + "/cursor", token)[2], {"acknowledged_through": 3})
        # A bad item is refused alone, and acknowledged.
        items = [result_item(4, "r4", 2), {"seq": 5, "kind": "grade", "op": "upsert", "sourcedId": "x", "object": {}},
                 result_item(6, "r5", 1), {"seq": 7, "kind": "attendance", "op": "upsert", "sourcedId": "a1",
                                           "object": {"sourcedId": "a1", "status": "active", "mark": "absent"}},
                 result_item(8, "r2", 0, op="delete")]
        key, body = batch(school, 4, 8, items)
        status, _, data = send(p, token, key, body, self.key.sign(body))
        answer = json.loads(data)
        self.assertEqual(status, 200, data)
        self.assertEqual((answer["acknowledged_through"], answer["applied"]), (8, 4))
        self.assertEqual([(r["seq"], r["code"]) for r in answer["refused"]], [(5, "item.unknown_kind")])
        results = {r["sourcedId"]: r["status"] for r in p.get(GRADEBOOK + "/results", token)[2]["results"]}
        self.assertEqual(results, {"r1": "active", "r2": "tobedeleted", "r4": "active", "r5": "active"})
        self.assertEqual(p.get(EXT + "/attendance/a1", token)[2]["attendance"]["mark"], "absent")
        # An overlapping resend under a new key: the acknowledged items count as duplicates.
        key, body = batch(school, 7, 9, [items[3], result_item(8, "r2", 0, op="delete"), result_item(9, "r6", 5)])
        status, _, data = send(p, token, key, body, self.key.sign(body))
        self.assertEqual(json.loads(data), {"acknowledged_through": 9, "applied": 1, "duplicates": 2})
        # Anchors: one per chain head, in seq order.
        status, headers, anchors = p.get(EXT + "/anchors?limit=2", token)
        self.assertEqual(headers["x-total-count"], "3")
        self.assertEqual([a["seq"] for a in anchors["anchors"]], [9003, 9008])
        self.assertEqual(anchors["anchors"][0]["hash"], hashlib.sha256(b"3").hexdigest())
        # A new key offered later is refused: the pinned one stays.
        key, body = batch(school, 10, 10, [result_item(10, "r7", 1)], key=other.pem)
        status, _, data = send(p, token, key, body, other.sign(body))
        self.assertEqual((status, json.loads(data)["code"]), (403, "signature.key_changed"))

        # A restart keeps everything, on a new port: client.json follows it, the token still works.
        ca_before = read(os.path.join(p.data, "tls/ca.crt"))
        client_before = dict(p.client)
        p.stop()
        p.start()
        self.assertEqual(read(os.path.join(p.data, "tls/ca.crt")), ca_before)
        self.assertEqual((p.client["client_id"], p.client["client_secret"]),
                         (client_before["client_id"], client_before["client_secret"]))
        self.assertEqual(p.client["token_url"], f"https://127.0.0.1:{p.port}/oauth/token")
        self.assertEqual(p.get(EXT + "/cursor", token)[2], {"acknowledged_through": 9})
        self.assertEqual(p.get(GRADEBOOK + "/results", token)[1]["x-total-count"], "5")
        self.assertEqual(p.get(EXT + "/anchors", token)[1]["x-total-count"], "3")
        self.assertEqual(send(p, p.token(), key1, body1, self.key.sign(body1))[2], first)
        key, body = batch(school, 10, 10, [result_item(10, "r7", 1)])
        self.assertEqual(send(p, token, key, body, other.sign(body))[0], 403, "the pinned key survives a restart")
        self.assertEqual(send(p, token, key, body, self.key.sign(body))[0], 200)

    def test_a_snapshot_may_start_anywhere_and_sets_the_cursor(self):
        p, school = self.portal, self.portal.client["school"]
        token = p.token()
        # The first full push: synthetic seqs ending at S = 100, then the outbox from 101.
        key, body = batch(school, 98, 100, [result_item(98, "r1", 5), result_item(99, "r2", 4), result_item(100, "r3", 3)],
                          key=self.key.pem, snapshot=True)
        status, _, data = send(p, token, key, body, self.key.sign(body))
        self.assertEqual((status, json.loads(data)), (200, {"acknowledged_through": 100, "applied": 3, "duplicates": 0}))
        key, body = batch(school, 101, 101, [result_item(101, "r1", 2)])
        self.assertEqual(json.loads(send(p, token, key, body, self.key.sign(body))[2])["acknowledged_through"], 101)
        key, body = batch(school, 50, 50, [result_item(50, "r9", 2)])
        self.assertEqual(json.loads(send(p, token, key, body, self.key.sign(body))[2]),
                         {"acknowledged_through": 101, "applied": 0, "duplicates": 1})
        self.assertEqual(p.get(GRADEBOOK + "/results/r1", token)[2]["result"]["score"], 2)
        self.assertEqual(p.get(GRADEBOOK + "/results/r9", token)[0], 404)

    def test_a_snapshot_with_negative_seqs_moves_the_cursor_to_s_only_on_its_final_batch(self):
        p, school = self.portal, self.portal.client["school"]
        token = p.token()
        base = -(40 + 1) * 2**32  # S = 40: the box's synthetic seqs (docs/sync-protocol.md)

        def snapshot_batch(first, last, final, with_key=False):
            items = [result_item(base + i, f"s{i}", 5) for i in range(first, last + 1)]
            key, body = batch(school, base + first, base + last, items, key=self.key.pem if with_key else None,
                              snapshot=True)
            doc = json.loads(body)
            doc.update({"outbox_through": 40, "final": final})
            body = json.dumps(doc).encode()
            return send(p, token, key, body, self.key.sign(body))

        status, _, data = snapshot_batch(1, 2, False, with_key=True)
        self.assertEqual((status, json.loads(data)["acknowledged_through"]), (200, 0))
        status, _, data = snapshot_batch(3, 3, True)
        self.assertEqual((status, json.loads(data)["acknowledged_through"]), (200, 40))
        # The outbox after S follows; a stray batch before S counts as duplicates.
        key, body = batch(school, 41, 41, [result_item(41, "s1", 2)])
        self.assertEqual(json.loads(send(p, token, key, body, self.key.sign(body))[2])["acknowledged_through"], 41)
        self.assertEqual(p.get(GRADEBOOK + "/results/s1", token)[2]["result"]["score"], 2)
        self.assertEqual(p.get(GRADEBOOK + "/results/s3", token)[2]["result"]["score"], 5)

    def test_a_lesson_is_the_extensions_own_kind(self):
        p, school = self.portal, self.portal.client["school"]
        token = p.token()
        lesson = {"seq": 1, "kind": "lesson", "op": "upsert", "sourcedId": "les-1",
                  "object": {"sourcedId": "les-1", "status": "active", "dateLastModified": "2026-12-07T10:00:00Z",
                             "date": "2026-12-07", "period": 2}}
        key, body = batch(school, 1, 1, [lesson], key=self.key.pem)
        status, _, data = send(p, token, key, body, self.key.sign(body))
        self.assertEqual((status, json.loads(data).get("refused")), (200, None))
        self.assertEqual(p.get(EXT + "/lessons/les-1", token)[2]["lesson"]["period"], 2)

    def test_offline_import_is_acknowledged_through_the_same_keys(self):
        p, school = self.portal, self.portal.client["school"]
        batches = [batch(school, 1, 2, [result_item(1, "r1", 5), result_item(2, "r2", 4)], key=self.key.pem),
                   batch(school, 3, 3, [result_item(3, "r3", 3)])]
        path = os.path.join(self.tmp, "outbox.zip")

        def export(entries, name=path):
            with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
                manifest = {"format": "classbook-outbox/1", "box": BOX, "school": school, "batches": []}
                for key, body in entries:
                    first_last = key.split(":")[1]
                    manifest["batches"].append({"file": f"batch-{first_last}.json", "idempotency_key": key,
                                                "signature": self.key.sign(body)})
                    z.writestr(f"batch-{first_last}.json", body)
                z.writestr("manifest.json", json.dumps(manifest))

        export(batches)
        run = subprocess.run([PORTAL, "--data", p.data, "import", path], capture_output=True, text=True, timeout=60)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("imported 2 batches (0 already here); acknowledged through 3", run.stdout)
        token = p.token()
        self.assertEqual(p.get(EXT + "/cursor", token)[2], {"acknowledged_through": 3})
        # The box, back online, resends the last batch anyway: the same answer, nothing doubled.
        status, headers, data = send(p, token, batches[1][0], batches[1][1], self.key.sign(batches[1][1]))
        self.assertEqual((status, headers.get("idempotent-replayed")), (200, "true"))
        self.assertEqual(p.get(GRADEBOOK + "/results", token)[1]["x-total-count"], "3")
        # Importing the same file again applies nothing; a file with a gap stops with its name.
        run = subprocess.run([PORTAL, "--data", p.data, "import", path], capture_output=True, text=True, timeout=60)
        self.assertIn("imported 0 batches (2 already here)", run.stdout)
        export([batch(school, 7, 7, [result_item(7, "r7", 1)])], os.path.join(self.tmp, "gap.zip"))
        run = subprocess.run([PORTAL, "--data", p.data, "import", os.path.join(self.tmp, "gap.zip")],
                             capture_output=True, text=True, timeout=60)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("batch-7-7.json does not follow", run.stderr)
        self.assertIn("import.gap", run.stderr)
        bad = os.path.join(self.tmp, "not.zip")
        with open(bad, "w") as f:
            f.write("hello")
        run = subprocess.run([PORTAL, "--data", p.data, "import", bad], capture_output=True, text=True, timeout=60)
        self.assertIn("import.bad_file", run.stderr)


FAULT_KINDS = {"drop_request", "drop_response", "status_500", "status_503", "slow", "truncated_body",
               "expired_token", "clock_skew", "duplicate_page", "duplicate_batch"}


class Faults(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="portal-")
        self.key = BoxKey(os.path.join(self.tmp, "box"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_script(self, name, seed, rate, rounds):
        """A fixed run that retries until each step succeeds; returns (portal's fault list, portal)."""
        portal = Portal(os.path.join(self.tmp, name), "--faults", str(seed), "--fault-rate", str(rate))
        try:
            portal.operate("POST", "/roster", {"users": [{"sourcedId": f"u{i:02}", "role": "student"} for i in range(12)]})
            school = portal.client["school"]
            state = {"token": None}

            def attempt(call):
                for _ in range(60):
                    try:
                        if state["token"] is None:
                            status, _, body = portal.token_response()
                            if status != 200:
                                continue
                            state["token"] = json.loads(body)["access_token"]
                        status, headers, body = call(state["token"])
                        if status == 401:
                            state["token"] = None
                        if status in (200, 409):
                            return status, headers, body
                    except (OSError, http.client.HTTPException, json.JSONDecodeError):
                        pass
                self.fail("a step never succeeded")

            pages = []
            for r in range(rounds):
                seq = 2 * r + 1
                key, body = batch(school, seq, seq + 1, [result_item(seq, f"r{r}", 1), result_item(seq + 1, f"s{r}", 2)],
                                  key=self.key.pem if r == 0 else None)
                signature = self.key.sign(body)
                attempt(lambda t: send(portal, t, key, body, signature))
                offset = (r % 3) * 4
                _, headers, data = attempt(lambda t: portal.request("GET", f"{ROSTERING}/users?limit=4&offset={offset}",
                                                                    headers={"Authorization": "Bearer " + t}))
                pages.append(sorted(u["sourcedId"] for u in json.loads(data)["users"]))
            # Nothing stored was harmed: every batch once, every result once.
            _, _, data = attempt(lambda t: portal.request("GET", GRADEBOOK + "/results?limit=1000",
                                                          headers={"Authorization": "Bearer " + t}))
            self.assertEqual(len(json.loads(data)["results"]), 2 * rounds)
            _, _, data = attempt(lambda t: portal.request("GET", EXT + "/cursor", headers={"Authorization": "Bearer " + t}))
            self.assertEqual(json.loads(data)["acknowledged_through"], 2 * rounds)
            status, summary = portal.operate("GET", "/status")
            self.assertEqual(summary["clients"][0]["batches"], rounds)
            self.assertEqual(summary["journal"]["result"], 2 * rounds)
            # A repeated page brings objects of the previous one; the union still covers all users.
            self.assertEqual(set(sum(pages, [])), {f"u{i:02}" for i in range(12)})
            status, faults = portal.operate("GET", "/faults")
            return faults["faults"], portal
        finally:
            portal.stop()

    def test_the_same_seed_gives_the_same_faults(self):
        one, portal = self.run_script("a", seed=7, rate=0.3, rounds=8)
        two, _ = self.run_script("b", seed=7, rate=0.3, rounds=8)
        other, _ = self.run_script("c", seed=8, rate=0.3, rounds=8)
        self.assertGreater(len(one), 3)
        shape = lambda faults: [(f["kind"], f["target"].split("?")[0]) for f in faults]  # noqa: E731
        self.assertEqual(shape(one), shape(two))
        self.assertNotEqual(shape(one), shape(other))
        # Every fault is in the log with its request id, once.
        log = read(portal.log_path)
        for f in one:
            self.assertIn(f"fault #{f['n']} {f['kind']} request={f['request_id']}", log)

    def test_every_kind_shows_up_at_a_high_rate(self):
        faults, _ = self.run_script("high", seed=11, rate=0.7, rounds=12)
        kinds = {f["kind"] for f in faults}
        self.assertEqual(kinds, FAULT_KINDS, f"missing: {FAULT_KINDS - kinds}")
        details = {f["kind"]: f["detail"] for f in faults}
        self.assertRegex(details["clock_skew"], r"skew_s=-?\d+")
        self.assertRegex(details["duplicate_page"], r"repeated=[1-5]$")
        self.assertIn("applied, answered 503", details["duplicate_batch"])
        self.assertRegex(details["drop_response"], r"at byte \d+ of \d+")


if __name__ == "__main__":
    if not os.path.exists(PORTAL):
        sys.exit(f"build classbook-portal first: {PORTAL} is missing")
    unittest.main()
