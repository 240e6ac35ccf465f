#!/usr/bin/env python3
"""oneroster_conformance: an independent OneRoster 1.2 client run against the box as a provider — the
calls of Google's public "OneRoster Integration Conformance Tests" notebook for 1.2
(googleworkspace/oneroster-integration-conformance-tests, oneroster_1_2_test_suite.ipynb), in its
order and with its expectations, written again as a script with the Python standard library only
(no code of the box, no requests/tabulate): a token by client credentials with HTTP Basic asking for
all four scopes, the teachers (limit=1; filter on a teacher's e-mail), the teacher's active classes,
the class's students, its categories (the notebook sends its GET with a form body), the term's
grading periods; then the line item and result writes (create 201, edit 200, extra credit read back
unchanged, exempt read back as exempt, delete, gone after delete).

    oneroster_conformance.py --token-url URL --oneroster-url URL/ims/oneroster --client-id ID
        --client-secret SECRET --teacher-email ADDRESS [--ca FILE] [--reads-only]
    oneroster_conformance.py --self-test [--reads-only]   # a demo box of its own (tests/integration/box.py)

Prints a report card (test, result, details) and each call's latency; exits 1 when a test fails.
--reads-only stops before the gradebook writes (the notebook's "LineItem" and "Result" sections)."""
import argparse
import base64
import http.client
import json
import os
import ssl
import sys
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone

SCOPES = " ".join("https://purl.imsglobal.org/spec/or/v1p2/scope/" + s
                  for s in ("roster.readonly", "gradebook.readonly", "gradebook.createput", "gradebook.delete"))


class Run:
    def __init__(self, args):
        self.args = args
        self.ctx = ssl.create_default_context(cafile=args.ca) if args.ca else ssl.create_default_context()
        self.report, self.latency = [], {}
        self.headers = {}

    def call(self, name, method, url, body=None, headers=None):
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port or 443, context=self.ctx, timeout=60)
        t0 = time.perf_counter()
        conn.request(method, parts.path + ("?" + parts.query if parts.query else ""), body=body,
                     headers={**self.headers, **(headers or {})})
        res = conn.getresponse()
        raw = res.read()
        self.latency[name] = round((time.perf_counter() - t0) * 1000, 1)
        conn.close()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = raw.decode(errors="replace")
        return res.status, data

    def check(self, name, test, ok, details=""):
        self.report.append((name, test, "pass" if ok else "FAIL", details))
        return ok

    def status(self, name, got, want):
        return self.check(name, "Status code " + "/".join(map(str, sorted(want))), got in want, f"{got} returned")

    def rostering(self, path):
        return self.args.oneroster_url + "/rostering/v1p2" + path

    def gradebook(self, path):
        return self.args.oneroster_url + "/gradebook/v1p2" + path

    def go(self):
        a = self.args
        basic = base64.b64encode(f"{urllib.parse.quote(a.client_id, safe='')}:{urllib.parse.quote(a.client_secret, safe='')}".encode()).decode()
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": SCOPES})
        st, data = self.call("Get OAuth Token", "POST", a.token_url, form,
                             {"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
        if not self.status("Get OAuth Token", st, {200}):
            return
        self.headers = {"Authorization": "Bearer " + data["access_token"]}

        st, data = self.call("GetAllTeachers", "GET", self.rostering("/teachers?limit=1"))
        self.status("GetAllTeachers", st, {200})

        q = urllib.parse.quote(f"email='{a.teacher_email}'", safe="=")
        st, data = self.call("GetAllTeachers w/ email filter", "GET", self.rostering(f"/teachers?filter={q}&limit=10000"))
        if not self.status("GetAllTeachers w/ email filter", st, {200}):
            return
        users = data["users"]
        if not self.check("GetAllTeachers w/ email filter", "Validate teacher", len(users) == 1 and users[0].keys() >= {"email", "sourcedId"},
                          f"{len(users)} teachers returned"):
            return
        teacher = users[0]["sourcedId"]

        q = urllib.parse.quote("status='active'", safe="=")
        st, data = self.call("GetClassesForTeacher", "GET", self.rostering(f"/teachers/{teacher}/classes?limit=10000&filter={q}"))
        if not self.status("GetClassesForTeacher", st, {200}) or not data["classes"]:
            self.check("GetClassesForTeacher", "A class", False, "none")
            return
        klass = data["classes"][0]
        class_id, school_id, term_id = klass["sourcedId"], klass["school"]["sourcedId"], klass["terms"][0]["sourcedId"]

        st, data = self.call("GetStudentsForClass", "GET", self.rostering(f"/classes/{class_id}/students?limit=10000"))
        if not self.status("GetStudentsForClass", st, {200}):
            return
        users = data["users"]
        if not self.check("GetStudentsForClass", "Validate student", bool(users) and users[0].keys() >= {"email", "sourcedId"},
                          "no students found" if not users else ""):
            return
        student = users[0]["sourcedId"]

        # The notebook sends this GET with the token request's form as its body.
        st, data = self.call("GetCategoriesForClass", "GET", self.gradebook(f"/classes/{class_id}/categories?limit=10000"), form,
                             {"Content-Type": "application/x-www-form-urlencoded"})
        if not self.status("GetCategoriesForClass", st, {200}) or not data["categories"]:
            return
        category = data["categories"][0]["sourcedId"]

        st, data = self.call("GetGradingPeriodsForTerm", "GET", self.rostering(f"/terms/{term_id}/gradingPeriods?limit=10000"))
        if self.status("GetGradingPeriodsForTerm", st, {200}):
            sessions = data["academicSessions"]
            self.check("GetGradingPeriodsForTerm", "Validate grading period",
                       bool(sessions) and sessions[0].keys() >= {"sourcedId", "title", "startDate", "endDate", "schoolYear"})
            self.check("GetGradingPeriodsForTerm", "Academic sessions all grading period types",
                       all(s["type"] == "gradingPeriod" for s in sessions))
        if a.reads_only:
            return
        self.writes(class_id, school_id, category, student)

    def writes(self, class_id, school_id, category, student):
        json_headers = {"Content-Type": "application/json"}
        item = str(uuid.uuid4())
        now = datetime.now(timezone.utc)
        assign = now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        due = (now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

        def line_item(title):
            return json.dumps({"lineItem": {"sourcedId": item, "title": title, "description": "Test Line Item",
                                            "resultValueMin": 0, "resultValueMax": 100, "assignDate": assign, "dueDate": due,
                                            "class": {"sourcedId": class_id}, "category": {"sourcedId": category},
                                            "school": {"sourcedId": school_id}}})

        st, _ = self.call("PutLineItem Create", "PUT", self.gradebook(f"/lineItems/{item}"), line_item("New test item"), json_headers)
        if not self.status("PutLineItem Create", st, {201}):
            return
        st, data = self.call("GetLineItemsForClass", "GET", self.gradebook(f"/classes/{class_id}/lineItems?limit=10000"))
        if self.status("GetLineItemsForClass", st, {200}):
            self.check("GetLineItemsForClass", "Get created line item", any(x["sourcedId"] == item for x in data["lineItems"]))
        long_title = "[Amended] Re" + "l" * 60 + "y Long Test Line Item Title"
        st, _ = self.call("PutLineItem Edit", "PUT", self.gradebook(f"/lineItems/{item}"), line_item(long_title), json_headers)
        self.status("PutLineItem Edit", st, {200, 201})
        st, data = self.call("Assignment Title Limit", "GET", self.gradebook(f"/classes/{class_id}/lineItems?limit=10000"))
        if self.status("Assignment Title Limit", st, {200}):
            mine = [x for x in data["lineItems"] if x["sourcedId"] == item]
            self.check("Assignment Title Limit", "Line item title limit", bool(mine), len(mine[0]["title"]) if mine else "missing")

        result = str(uuid.uuid4())

        def put_result(name, score, status):
            body = json.dumps({"result": {"sourcedId": result, "score": score, "comment": "", "scoreStatus": status,
                                          "scoreDate": assign, "lineItem": {"sourcedId": item}, "student": {"sourcedId": student}}})
            st, _ = self.call(name, "PUT", self.gradebook(f"/results/{result}"), body, json_headers)
            return self.status(name, st, {200, 201})

        def results_of_item(name):
            st, data = self.call(name, "GET", self.gradebook(f"/classes/{class_id}/lineItems/{item}/results?limit=10000"))
            return data["results"] if self.status(name, st, {200}) else None

        if put_result("PutResult Create", 80, "fully graded"):
            got = results_of_item("GetResultsForLineItem")
            if got is not None:
                self.check("GetResultsForLineItem", "Get created result", any(r["sourcedId"] == result for r in got))
        if put_result("PutResult Edit", 300, "fully graded"):
            got = results_of_item("GetResultsForLineItem Extra Credit") or []
            mine = [r for r in got if r["sourcedId"] == result]
            self.check("Result Extra Credit", "Result extra credit OK", bool(mine) and mine[0]["score"] == 300)
        if put_result("PutResult Exempt", 80, "exempt"):
            got = results_of_item("GetResultsForLineItem Exempt") or []
            mine = [r for r in got if r["sourcedId"] == result]
            self.check("GetResultsForLineItem Exempt", "Returned excused state", bool(mine) and mine[0]["scoreStatus"] == "exempt")
        st, _ = self.call("DeleteResult", "DELETE", self.gradebook(f"/results/{result}"))
        self.status("DeleteResult", st, {200, 204})
        got = results_of_item("GetResultsForLineItem (Deleted)")
        if got is not None:
            self.check("GetResultsForLineItem (Deleted)", "Result deleted", not any(r["sourcedId"] == result for r in got))
        st, _ = self.call("DeleteLineItem", "DELETE", self.gradebook(f"/lineItems/{item}"))
        self.status("DeleteLineItem", st, {200, 204})
        st, data = self.call("GetLineItemsForClass (Deleted)", "GET", self.gradebook(f"/classes/{class_id}/lineItems?limit=10000"))
        if self.status("GetLineItemsForClass (Deleted)", st, {200}):
            self.check("GetLineItemsForClass (Deleted)", "Line item deleted", not any(x["sourcedId"] == item for x in data["lineItems"]))

    def print_report(self):
        width = max([len(r[0]) for r in self.report] + [9])
        for name, test, outcome, details in self.report:
            print(f"{name:<{width}}  {test:<45} {outcome:<5} {details}")
        print()
        for name, ms in self.latency.items():
            print(f"{name:<{width}}  {ms:>8} ms")
        failed = [r for r in self.report if r[2] != "pass"]
        print(f"\n{len(self.report) - len(failed)} passed, {len(failed)} failed")
        return not failed and bool(self.report)


def self_test(args):
    """A demo box of its own, a client with all four scopes, a teacher's address from its database."""
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    from box import Box, ctl  # noqa: E402
    box = Box(students=30, weeks=1).start()
    try:
        import re
        args_ = ["api-client", "add", "Conformance notebook"]
        for s in ("roster.readonly", "gradebook.readonly", "gradebook.createput", "gradebook.delete"):
            args_ += ["--scope", s]
        out = ctl(box.data, *args_).stdout
        args.client_id = re.search(r"client_id: (\S+)", out).group(1)
        args.client_secret = re.search(r"client_secret: (\S+)", out).group(1)
        base = f"https://localhost:{box.port}"
        args.token_url, args.oneroster_url = base + "/oauth/token", base + "/ims/oneroster"
        args.ca = os.path.join(box.data, "tls/ca.crt")
        with box.db() as db:
            args.teacher_email = db.execute("SELECT t.email FROM teachers t JOIN teaching x ON x.teacher_id = t.id "
                                            "WHERE t.email IS NOT NULL LIMIT 1").fetchone()[0]
        run = Run(args)
        run.go()
        return run.print_report()
    finally:
        box.cleanup()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--token-url")
    p.add_argument("--oneroster-url", help="ending in /ims/oneroster")
    p.add_argument("--client-id")
    p.add_argument("--client-secret")
    p.add_argument("--teacher-email")
    p.add_argument("--ca", help="the CA file that signed the provider's certificate")
    p.add_argument("--reads-only", action="store_true")
    p.add_argument("--self-test", action="store_true")
    args = p.parse_args()
    if args.self_test:
        return 0 if self_test(args) else 1
    for need in ("token_url", "oneroster_url", "client_id", "client_secret", "teacher_email"):
        if not getattr(args, need):
            p.error(f"--{need.replace('_', '-')} is required (or --self-test)")
    run = Run(args)
    run.go()
    return 0 if run.print_report() else 1


if __name__ == "__main__":
    sys.exit(main())
