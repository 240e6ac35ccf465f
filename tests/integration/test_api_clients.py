"""OneRoster API clients against a real classbookd: registered with classbookctl and by the
administrator's API, tokens by OAuth 2 client credentials (HTTP Basic and the body) and every refusal
of RFC 6749 §5.2, the bearer gate of /ims/ routes (401, 403 insufficient_scope, OneRoster's error
payload), revocation that stops tokens at once, tokens that expire, and the separation both ways:
no session cookie opens /ims/, no token opens /api/v1, and a client's account never signs in."""
import base64
import json
import os
import re
import sys
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402

SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/"
ROSTER, GRADES = SCOPE + "roster.readonly", SCOPE + "gradebook.readonly"
ORGS = "/ims/oneroster/rostering/v1p2/orgs"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def add_client(box, name, *scopes):
    """classbookctl api-client add: (client_id, secret, the whole output)."""
    args = ["api-client", "add", name]
    for s in scopes:
        args += ["--scope", s]
    out = ctl(box.data, *args, "--address", "https://journal.school.lan").stdout
    return re.search(r"client_id: (\S+)", out).group(1), re.search(r"client_secret: (\S+)", out).group(1), out


def access_token(box, client_id, secret, scope=None):
    """POST /oauth/token with the client's credentials in the form: the access token."""
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        form["scope"] = scope
    status, body = box.client().request("POST", "/oauth/token", raw=urllib.parse.urlencode(form).encode(), headers=FORM)
    assert status == 200, body
    return body["access_token"]


class ApiClients(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=30, weeks=1).start()
        try:
            cls.admin = cls.box.client()
            assert cls.admin.sign_in("admin", cls.box.admin_password)[0] == 200
            assert cls.admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                                    "new_password": "Tower-lamp-2026-river"})[0] == 204
            cls.reader_id, cls.reader_secret, cls.add_output = add_client(cls.box, "Learning platform", "roster.readonly",
                                                                          "gradebook.readonly")
        except BaseException:
            cls.box.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    # --- helpers ----------------------------------------------------------------------------------
    def token_request(self, form, basic=None, client=None):
        c = client or self.box.client()
        headers = dict(FORM)
        if basic:
            raw = urllib.parse.quote(basic[0], safe="") + ":" + urllib.parse.quote(basic[1], safe="")
            headers["Authorization"] = "Basic " + base64.b64encode(raw.encode()).decode()
        status, body = c.request("POST", "/oauth/token", raw=urllib.parse.urlencode(form).encode(), headers=headers)
        return status, body, c.last_headers

    def token(self, client_id, secret, scope=None):
        form = {"grant_type": "client_credentials"}
        if scope:
            form["scope"] = scope
        status, body, _ = self.token_request(form, basic=(client_id, secret))
        self.assertEqual(status, 200, body)
        return body["access_token"]

    def bearer(self, path, token, method="GET"):
        c = self.box.client()
        status, body = c.request(method, path, headers={"Authorization": "Bearer " + token})
        return status, body, c.last_headers

    def assert_imsx(self, body, minor):
        self.assertEqual(body["imsx_codeMajor"], "failure", body)
        self.assertEqual(body["imsx_severity"], "error", body)
        field = body["imsx_CodeMinor"]["imsx_codeMinorField"][0]
        self.assertEqual(field["imsx_codeMinorFieldName"], "TargetEndSystem")
        self.assertEqual(field["imsx_codeMinorFieldValue"], minor)

    def school_uuid(self):
        with self.box.db() as db:
            return db.execute("SELECT value FROM settings WHERE key='uuid'").fetchone()[0]

    # --- registration -----------------------------------------------------------------------------
    def test_ctl_prints_the_id_the_secret_once_and_the_token_url(self):
        self.assertIn("token URL: https://journal.school.lan/oauth/token", self.add_output)
        self.assertRegex(self.reader_id, r"^[0-9a-f]{32}$")
        self.assertEqual(len(self.reader_secret), 43)
        with self.box.db() as db:
            row = db.execute("SELECT secret_hash, scopes FROM api_clients WHERE client_id=?", (self.reader_id,)).fetchone()
            self.assertNotIn(self.reader_secret, row[0])
            self.assertEqual(row[1], ROSTER + " " + GRADES)
        listed = ctl(self.box.data, "api-client", "list").stdout
        self.assertIn(self.reader_id, listed)
        self.assertNotIn(self.reader_secret, listed)

    def test_ctl_refuses_unknown_scopes_listing_the_offered_ones(self):
        r = ctl(self.box.data, "api-client", "add", "Bad", "--scope", "roster-core.readonly", check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("roster.readonly, gradebook.readonly, gradebook.createput, gradebook.delete", r.stderr)
        r = ctl(self.box.data, "api-client", "add", "No scope", check=False)
        self.assertNotEqual(r.returncode, 0)
        with self.box.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM api_clients WHERE name IN ('Bad', 'No scope')").fetchone()[0], 0)

    # --- the token endpoint ----------------------------------------------------------------------
    def test_token_by_basic_and_by_body_opens_orgs(self):
        form = {"grant_type": "client_credentials"}
        status, body, headers = self.token_request(form, basic=(self.reader_id, self.reader_secret))
        self.assertEqual(status, 200, body)
        self.assertEqual(body["token_type"], "Bearer")
        self.assertEqual(body["expires_in"], 3600)
        self.assertEqual(body["scope"], ROSTER + " " + GRADES)
        self.assertEqual(headers["cache-control"], "no-store")
        self.assertEqual(headers.get("pragma"), "no-cache")
        status, orgs, _ = self.bearer(ORGS, body["access_token"])
        self.assertEqual(status, 200, orgs)
        self.assertEqual(len(orgs["orgs"]), 1)
        org = orgs["orgs"][0]
        self.assertEqual(org["sourcedId"], self.school_uuid())
        self.assertEqual(org["type"], "school")
        self.assertEqual(org["status"], "active")
        self.assertEqual(org["name"], "Тестовая школа")
        self.assertIn("identifier", org)
        self.assertRegex(org["dateLastModified"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

        by_body = dict(form, client_id=self.reader_id, client_secret=self.reader_secret, scope=ROSTER)
        status, body, _ = self.token_request(by_body)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["scope"], ROSTER)
        status, one, _ = self.bearer(f"{ORGS}/{org['sourcedId']}", body["access_token"])
        self.assertEqual(status, 200, one)
        self.assertEqual(one["org"], org)
        status, missing, _ = self.bearer(f"{ORGS}/00000000-0000-4000-8000-000000000000", body["access_token"])
        self.assertEqual(status, 404, missing)
        self.assert_imsx(missing, "unknownobject")
        # A path the provider does not serve: the standard's 404 to a client…
        status, none, _ = self.bearer("/ims/oneroster/rostering/v1p2/nothing", body["access_token"])
        self.assertEqual(status, 404, none)
        self.assert_imsx(none, "unknownobject")
        # …and to anyone else only a 401, so a stranger cannot map the provider.
        status, stranger = self.box.client().request("GET", "/ims/oneroster/rostering/v1p2/nothing")
        self.assertEqual(status, 401, stranger)

    def test_refusals_of_rfc_6749(self):
        ok = {"grant_type": "client_credentials"}
        status, body, headers = self.token_request(ok, basic=(self.reader_id, self.reader_secret + "x"))
        self.assertEqual(status, 401, body)
        self.assertEqual(body["error"], "invalid_client")
        self.assertIn("error_description", body)
        self.assertTrue(headers["www-authenticate"].startswith("Basic"), headers)
        status, unknown, _ = self.token_request(ok, basic=("0" * 32, self.reader_secret))
        self.assertEqual((status, unknown), (401, body))  # an unknown id answers as a wrong secret does

        status, body, _ = self.token_request({"grant_type": "password"}, basic=(self.reader_id, self.reader_secret))
        self.assertEqual((status, body["error"]), (400, "unsupported_grant_type"), body)
        status, body, _ = self.token_request({"scope": ROSTER}, basic=(self.reader_id, self.reader_secret))
        self.assertEqual((status, body["error"]), (400, "invalid_request"), body)
        both = dict(ok, client_id=self.reader_id, client_secret=self.reader_secret)
        status, body, _ = self.token_request(both, basic=(self.reader_id, self.reader_secret))
        self.assertEqual((status, body["error"]), (400, "invalid_request"), body)
        status, body = self.box.client().request("POST", "/oauth/token", {"grant_type": "client_credentials"})
        self.assertEqual((status, body["error"]), (400, "invalid_request"), body)  # JSON is no form

        grades_only_id, grades_only_secret, _ = add_client(self.box, "Grades only", "gradebook.readonly")
        beyond = dict(ok, scope=ROSTER)
        status, body, _ = self.token_request(beyond, basic=(grades_only_id, grades_only_secret))
        self.assertEqual((status, body["error"]), (400, "invalid_scope"), body)
        status, body, _ = self.token_request(dict(ok, scope=SCOPE + "roster-core.readonly"), basic=(self.reader_id, self.reader_secret))
        self.assertEqual((status, body["error"]), (400, "invalid_scope"), body)

    def test_failed_authentications_are_throttled(self):
        victim_id, victim_secret, _ = add_client(self.box, "Throttled", "roster.readonly")
        ok = {"grant_type": "client_credentials"}
        for _ in range(5):
            self.assertEqual(self.token_request(ok, basic=(victim_id, "wrong"))[0], 401)
        status, body, headers = self.token_request(ok, basic=(victim_id, victim_secret))
        self.assertEqual(status, 429, body)
        self.assertEqual(body["error"], "temporarily_unavailable")
        self.assertGreaterEqual(int(headers["retry-after"]), 1)

    # --- the bearer gate -------------------------------------------------------------------------
    def test_a_token_without_the_scope_is_403_and_none_is_401(self):
        grades_id, grades_secret, _ = add_client(self.box, "Gradebook tool", "gradebook.readonly", "gradebook.createput")
        token = self.token(grades_id, grades_secret)
        status, body, headers = self.bearer(ORGS, token)
        self.assertEqual(status, 403, body)
        self.assert_imsx(body, "forbidden")
        self.assertIn('error="insufficient_scope"', headers["www-authenticate"])
        self.assertIn(f'scope="{ROSTER}"', headers["www-authenticate"])

        for auth in (None, "Bearer not-a-token", "Basic " + base64.b64encode(b"a:b").decode()):
            c = self.box.client()
            status, body = c.request("GET", ORGS, headers={"Authorization": auth} if auth else None)
            self.assertEqual(status, 401, (auth, body))
            self.assert_imsx(body, "unauthorisedrequest")
            self.assertTrue(c.last_headers["www-authenticate"].startswith("Bearer"), c.last_headers)
            self.assertIn('error="invalid_token"', c.last_headers["www-authenticate"])

    def test_sessions_do_not_open_ims_and_tokens_do_not_open_api_v1(self):
        status, body = self.admin.request("GET", ORGS)  # the administrator's own session cookie
        self.assertEqual(status, 401, body)
        self.assert_imsx(body, "unauthorisedrequest")
        token = self.token(self.reader_id, self.reader_secret)
        for path in ("/api/v1/me", "/api/v1/api-clients", "/api/v1/classes"):
            status, body, _ = self.bearer(path, token)
            self.assertEqual(status, 401, (path, body))
        status, body, _ = self.bearer("/api/v1/api-clients", token, method="POST")
        self.assertEqual(status, 401, body)

    def test_the_clients_account_never_signs_in(self):
        with self.box.db() as db:
            login, role, disabled = db.execute("SELECT u.login, u.role, u.disabled FROM users u JOIN api_clients c ON "
                                               "c.user_id = u.id WHERE c.client_id=?", (self.reader_id,)).fetchone()
        self.assertEqual((login, role, disabled), ("api:" + self.reader_id, "api_client", 1))
        for password in (self.reader_secret, "!", ""):
            status, body = self.box.client().sign_in(login, password)
            self.assertIn(status, (400, 401), body)
        r = ctl(self.box.data, "user", "reset", "--login", login, check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("API client", r.stderr)
        # Enabling it by hand changes nothing: the role never signs in.
        status, body = self.admin.request("POST", f"/api/v1/users/{urllib.parse.quote(login)}/enable")
        self.assertLess(status, 500, body)
        status, body = self.box.client().sign_in(login, self.reader_secret)
        self.assertEqual(status, 401, body)

    # --- revocation --------------------------------------------------------------------------------
    def test_revocation_by_ctl_stops_the_running_daemon_at_once(self):
        cid, secret, _ = add_client(self.box, "Short-lived", "roster.readonly")
        token = self.token(cid, secret)
        self.assertEqual(self.bearer(ORGS, token)[0], 200)
        out = ctl(self.box.data, "api-client", "revoke", cid).stdout
        self.assertIn("revoked", out)
        status, body, headers = self.bearer(ORGS, token)
        self.assertEqual(status, 401, body)
        self.assertIn('error="invalid_token"', headers["www-authenticate"])
        status, body, _ = self.token_request({"grant_type": "client_credentials"}, basic=(cid, secret))
        self.assertEqual((status, body["error"]), (401, "invalid_client"))
        with self.box.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM api_tokens t JOIN api_clients c ON c.id = t.client "
                                        "WHERE c.client_id=?", (cid,)).fetchone()[0], 0)
            # The console's revocation is audited as the console's (actor 0), naming the client.
            self.assertEqual(db.execute("SELECT count(*) FROM audit a JOIN api_clients c ON a.uuid = "
                                        "(SELECT uuid FROM users WHERE id = c.user_id) WHERE c.client_id=? AND "
                                        "a.entity='api_client' AND a.action='revoke' AND a.actor_user=0", (cid,)).fetchone()[0], 1)

    # --- the administrator's routes --------------------------------------------------------------------
    def test_the_administrators_routes_register_list_and_revoke_audited(self):
        status, made = self.admin.request("POST", "/api/v1/api-clients", {"name": "Portal", "scopes": ["roster.readonly", GRADES]})
        self.assertEqual(status, 201, made)
        client = made["client"]
        self.assertEqual(client["scopes"], [ROSTER, GRADES])
        self.assertTrue(made["token_url"].endswith("/oauth/token"))
        secret = made["client_secret"]
        token = self.token(client["client_id"], secret)
        self.assertEqual(self.bearer(ORGS, token)[0], 200)

        status, listed = self.admin.request("GET", "/api/v1/api-clients")
        self.assertEqual(status, 200, listed)
        mine = [c for c in listed["api_clients"] if c["client_id"] == client["client_id"]]
        self.assertEqual(len(mine), 1)
        self.assertIsNotNone(mine[0]["last_used_at"])
        self.assertNotIn(secret, json.dumps(listed))

        status, bad = self.admin.request("POST", "/api/v1/api-clients", {"name": "X", "scopes": ["everything"]})
        self.assertEqual(status, 400, bad)
        self.assertEqual(bad["error"]["code"], "api_client.scope_unknown")

        director = self.box.signed_in(self.box.account("director"))
        self.assertEqual(director.request("GET", "/api/v1/api-clients")[0], 403)
        self.assertEqual(director.request("POST", f"/api/v1/api-clients/{client['client_id']}/revoke")[0], 403)
        self.assertEqual(self.bearer(ORGS, token)[0], 200)

        status, revoked = self.admin.request("POST", f"/api/v1/api-clients/{client['client_id']}/revoke")
        self.assertEqual(status, 200, revoked)
        self.assertIsNotNone(revoked["client"]["revoked_at"])
        self.assertEqual(self.bearer(ORGS, token)[0], 401)  # at once
        self.assertEqual(self.admin.request("POST", "/api/v1/api-clients/nobody/revoke")[0], 404)

        with self.box.db() as db:
            admin_id = db.execute("SELECT id FROM users WHERE login='admin'").fetchone()[0]
            entries = db.execute("SELECT a.action, a.actor_user, u.login FROM audit a JOIN users u ON u.uuid = a.uuid "
                                 "WHERE a.entity='api_client' AND u.login=? ORDER BY a.seq", ("api:" + client["client_id"],)).fetchall()
            self.assertEqual(entries, [("register", admin_id, "api:" + client["client_id"]),
                                       ("revoke", admin_id, "api:" + client["client_id"])])
            # Tokens are attributed to the client's own account.
            issued = db.execute("SELECT count(*) FROM audit a JOIN users u ON u.id = a.actor_user WHERE a.entity='api_token' "
                                "AND u.login=?", ("api:" + client["client_id"],)).fetchone()[0]
            self.assertEqual(issued, 1)


class ExpiringTokens(unittest.TestCase):
    """A daemon whose tokens live one second (classbookd --api-token-seconds)."""

    def test_an_expired_token_is_refused(self):
        box = Box(students=30, weeks=1)
        try:
            cid, secret, _ = add_client(box, "Platform", "roster.readonly")
            box.start("--api-token-seconds", "1")
            c = box.client()
            raw = base64.b64encode(f"{cid}:{secret}".encode()).decode()
            status, body = c.request("POST", "/oauth/token", raw=b"grant_type=client_credentials",
                                     headers=dict(FORM, Authorization="Basic " + raw))
            self.assertEqual(status, 200, body)
            self.assertEqual(body["expires_in"], 1)
            token = body["access_token"]
            time.sleep(1.2)
            status, body = c.request("GET", ORGS, headers={"Authorization": "Bearer " + token})
            self.assertEqual(status, 401, body)
            self.assertIn('error="invalid_token"', c.last_headers["www-authenticate"])
            self.assertIn("expired", c.last_headers["www-authenticate"])
        finally:
            box.cleanup()


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
