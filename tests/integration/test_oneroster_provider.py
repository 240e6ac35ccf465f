"""The box as a OneRoster 1.2 provider against a real classbookd (real SQLite file, real TLS): a
client registered with classbookctl reads the rostering service (orgs, academicSessions with terms
and grading periods, courses, classes, users, students, teachers, enrollments, and the nested
collections) and the gradebook service (categories, lineItems, results), with limit/offset paging,
X-Total-Count and Link, filter, sort and fields, and the standard's error payloads; scopes are
enforced (a roster.readonly token gets 403 on the gradebook). Everything read is compared with the
school's own database, not with numbers written here."""
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from box import Box  # noqa: E402
from test_api_clients import add_client, FORM  # noqa: E402

R = "/ims/oneroster/rostering/v1p2"
G = "/ims/oneroster/gradebook/v1p2"


def q(**params):
    return "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class Provider(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=40, weeks=1).start()
        try:
            both = add_client(cls.box, "Learning platform", "roster.readonly", "gradebook.readonly")
            roster_only = add_client(cls.box, "Library", "roster.readonly")
            cls.token = cls.get_token(both)
            cls.roster_token = cls.get_token(roster_only)
        except BaseException:
            cls.box.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()

    @classmethod
    def get_token(cls, client):
        c = cls.box.client()
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client[0],
                                       "client_secret": client[1]}).encode()
        status, body = c.request("POST", "/oauth/token", raw=form, headers=FORM)
        assert status == 200, body
        return body["access_token"]

    def get(self, path, token=None):
        c = self.box.client()
        status, body = c.request("GET", path, headers={"Authorization": "Bearer " + (token or self.token)})
        return status, body, c.last_headers

    def ok(self, path, token=None):
        status, body, headers = self.get(path, token)
        self.assertEqual(status, 200, (path, body))
        return body, headers

    def all_of(self, path, key):
        """Every record of a collection, page by page through the Link header's next."""
        out, url = [], path + q(limit=7)
        while url:
            body, headers = self.ok(url)
            out += body[key]
            nxt = [part for part in headers.get("link", "").split(", ") if 'rel="next"' in part]
            url = urllib.parse.urlsplit(nxt[0].split(">")[0].lstrip("<")) if nxt else None
            url = url.path + "?" + url.query if url else None
        return out

    def sql(self, query, *args):
        with self.box.db() as db:
            return db.execute(query, args).fetchall()

    def assert_imsx(self, status, body, want_status, minor):
        self.assertEqual(status, want_status, body)
        self.assertEqual(body["imsx_codeMajor"], "failure", body)
        self.assertEqual(body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"], minor, body)

    # --- rostering --------------------------------------------------------------------------------
    def test_users_are_the_schools_people_and_page_completely(self):
        users = self.all_of(R + "/users", "users")
        want = {r[0] for r in self.sql("SELECT uuid FROM students UNION SELECT uuid FROM teachers UNION SELECT uuid FROM guardians")}
        self.assertEqual({u["sourcedId"] for u in users}, want)
        self.assertEqual(len(users), len(want), "no user twice across pages")
        _, headers = self.ok(R + "/users" + q(limit=5))
        self.assertEqual(int(headers["x-total-count"]), len(want))
        self.assertIn('rel="next"', headers["link"])
        self.assertIn('rel="last"', headers["link"])
        pupil = self.sql("SELECT s.uuid, s.email, s.first_name, s.last_name, c.grade FROM students s "
                         "JOIN classes c ON c.id = s.class_id LIMIT 1")[0]
        body, _ = self.ok(R + "/users/" + pupil[0])
        u = body["user"]
        self.assertEqual((u["email"], u["givenName"], u["familyName"]), pupil[1:4])
        self.assertEqual(u["roles"][0]["role"], "student")
        self.assertEqual(u["grades"], [f"{pupil[4]:02d}"])
        guardians = {r[0] for r in self.sql("SELECT g.uuid FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id "
                                            "JOIN students s ON s.id = sg.student_id WHERE s.uuid = ?", pupil[0])}
        self.assertEqual({a["sourcedId"] for a in u.get("agents", [])}, guardians)

    def test_teachers_have_email_addresses(self):
        teachers = self.all_of(R + "/teachers", "users")
        self.assertEqual(len(teachers), self.sql("SELECT count(*) FROM teachers")[0][0])
        for t in teachers:
            self.assertEqual(t["roles"][0]["role"], "teacher")
            self.assertIn("@", t.get("email", ""), t)

    def test_students_filter_sort_fields(self):
        email = self.sql("SELECT email FROM students WHERE email IS NOT NULL LIMIT 1")[0][0]
        body, headers = self.ok(R + "/students" + q(filter=f"email='{email}'"))
        self.assertEqual([u["email"] for u in body["users"]], [email])
        self.assertEqual(headers["x-total-count"], "1")
        body, _ = self.ok(R + "/students" + q(sort="familyName", orderBy="desc", limit=1000, fields="sourcedId,familyName"))
        names = [u["familyName"] for u in body["users"]]
        self.assertEqual(names, sorted(names, reverse=True))
        self.assertEqual({k for u in body["users"] for k in u}, {"sourcedId", "familyName"})
        body, _ = self.ok(R + "/students" + q(filter="status='active'", limit=1000))
        left = self.sql("SELECT count(*) FROM students WHERE left_on IS NOT NULL")[0][0]
        self.assertEqual(len(body["users"]), self.sql("SELECT count(*) FROM students")[0][0] - left)

    def test_delta_filter_on_date_last_modified(self):
        pupil = self.sql("SELECT uuid FROM students ORDER BY id LIMIT 1")[0][0]
        body, _ = self.ok(R + "/users" + q(limit=1, sort="dateLastModified", orderBy="desc"))
        since = body["users"][0]["dateLastModified"]
        body, _ = self.ok(R + "/users" + q(filter=f"dateLastModified>'{since}'"))
        self.assertEqual(body["users"], [])
        with self.box.db() as db:
            db.execute("UPDATE students SET email = 'renamed@example.ru' WHERE uuid = ?", (pupil,))
        body, _ = self.ok(R + "/users" + q(filter=f"dateLastModified>'{since}'"))
        self.assertEqual([u["sourcedId"] for u in body["users"]], [pupil])
        self.assertEqual(body["users"][0]["email"], "renamed@example.ru")

    def test_sessions_terms_and_grading_periods(self):
        body, _ = self.ok(R + "/academicSessions")
        sessions = body["academicSessions"]
        terms = [s for s in sessions if s["type"] == "term"]
        years = [s for s in sessions if s["type"] == "schoolYear"]
        self.assertEqual(len(years), 1)
        self.assertEqual(len(terms), self.sql("SELECT count(*) FROM terms")[0][0])
        self.assertEqual({c["sourcedId"] for c in years[0]["children"]}, {t["sourcedId"] for t in terms})
        term = terms[0]
        body, _ = self.ok(R + "/terms/" + term["sourcedId"] + "/gradingPeriods")
        periods = body["academicSessions"]
        self.assertEqual(len(periods), 1)
        self.assertEqual(periods[0]["parent"]["sourcedId"], term["sourcedId"])
        self.assertEqual((periods[0]["startDate"], periods[0]["endDate"]), (term["startDate"], term["endDate"]))
        body, _ = self.ok(R + "/terms")
        self.assertEqual([t["sourcedId"] for t in body["academicSessions"]], [t["sourcedId"] for t in terms])
        status, body, _ = self.get(R + "/terms/" + years[0]["sourcedId"] + "/gradingPeriods")
        self.assert_imsx(status, body, 404, "unknownobject")

    def test_classes_courses_enrollments_agree_with_teaching(self):
        pairs = {f"{c}~{s}" for c, s in self.sql("SELECT DISTINCT c.uuid, s.uuid FROM teaching t JOIN classes c ON c.id = t.class_id "
                                                 "JOIN subjects s ON s.id = t.subject_id")}
        classes = self.all_of(R + "/classes", "classes")
        self.assertEqual({c["sourcedId"] for c in classes}, pairs)
        courses = {c["sourcedId"] for c in self.all_of(R + "/courses", "courses")}
        self.assertTrue(all(c["course"]["sourcedId"] in courses for c in classes))
        one = sorted(pairs)[0]
        class_uuid = one.split("~")[0]
        body, _ = self.ok(R + "/classes/" + one + "/students" + q(limit=1000))
        want = {r[0] for r in self.sql("SELECT s.uuid FROM students s JOIN classes c ON c.id = s.class_id WHERE c.uuid = ?", class_uuid)}
        self.assertEqual({u["sourcedId"] for u in body["users"]}, want)
        teacher = self.sql("SELECT t.uuid FROM teachers t JOIN teaching x ON x.teacher_id = t.id LIMIT 1")[0][0]
        body, _ = self.ok(R + "/teachers/" + teacher + "/classes")
        want = {f"{c}~{s}" for c, s in self.sql("SELECT c.uuid, s.uuid FROM teaching x JOIN teachers t ON t.id = x.teacher_id "
                                                "JOIN classes c ON c.id = x.class_id JOIN subjects s ON s.id = x.subject_id "
                                                "WHERE t.uuid = ?", teacher)}
        self.assertEqual({c["sourcedId"] for c in body["classes"]}, want)
        body, headers = self.ok(R + "/enrollments" + q(filter="role='teacher'", limit=1000))
        self.assertEqual(int(headers["x-total-count"]), self.sql("SELECT count(*) FROM teaching")[0][0])
        e = body["enrollments"][0]
        body, _ = self.ok(R + "/enrollments/" + e["sourcedId"])
        self.assertEqual(body["enrollment"], e)

    # --- gradebook --------------------------------------------------------------------------------
    def test_gradebook_categories_line_items_results(self):
        body, _ = self.ok(G + "/categories")
        want = {(f"wt-{c}", w) for c, w in self.sql("SELECT code, weight FROM work_types")}
        self.assertEqual({(c["sourcedId"], c["weight"]) for c in body["categories"]}, want)
        mark = self.sql("SELECT m.uuid, m.value, l.uuid, w.code, c.uuid, s.uuid, st.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id "
                        "JOIN work_types w ON w.id = m.work_type_id JOIN classes c ON c.id = l.class_id "
                        "JOIN subjects s ON s.id = l.subject_id JOIN students st ON st.id = m.student_id "
                        "WHERE m.deleted_at IS NULL LIMIT 1")[0]
        body, _ = self.ok(G + "/results/" + mark[0])
        r = body["result"]
        self.assertEqual((r["score"], r["lineItem"]["sourcedId"], r["student"]["sourcedId"], r["scoreStatus"]),
                         (mark[1], f"{mark[2]}~{mark[3]}", mark[6], "fully graded"))
        item_id = f"{mark[2]}~{mark[3]}"
        body, _ = self.ok(G + "/lineItems/" + item_id)
        self.assertEqual(body["lineItem"]["class"]["sourcedId"], f"{mark[4]}~{mark[5]}")
        self.assertEqual(body["lineItem"]["category"]["sourcedId"], f"wt-{mark[3]}")
        body, _ = self.ok(G + "/lineItems/" + item_id + "/results" + q(limit=1000))
        want = {r[0] for r in self.sql("SELECT m.uuid FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN work_types w "
                                       "ON w.id = m.work_type_id WHERE l.uuid = ? AND w.code = ?", mark[2], mark[3])}
        self.assertEqual({x["sourcedId"] for x in body["results"]}, want)
        class_id = f"{mark[4]}~{mark[5]}"
        body, _ = self.ok(G + "/classes/" + class_id + "/lineItems" + q(limit=1000))
        self.assertIn(item_id, {x["sourcedId"] for x in body["lineItems"]})
        body, _ = self.ok(G + "/classes/" + class_id + "/categories")
        self.assertEqual({c["sourcedId"] for c in body["categories"]}, {f"wt-{c}" for (c,) in self.sql("SELECT code FROM work_types")})
        _, headers = self.ok(G + "/results" + q(limit=3))
        self.assertEqual(int(headers["x-total-count"]), self.sql("SELECT count(*) FROM marks")[0][0])

    # --- scopes and errors ------------------------------------------------------------------------
    def test_a_roster_token_does_not_open_the_gradebook(self):
        self.ok(R + "/users" + q(limit=1), self.roster_token)
        for path in ("/results", "/lineItems", "/categories"):
            status, body, headers = self.get(G + path, self.roster_token)
            self.assert_imsx(status, body, 403, "forbidden")
            self.assertIn("insufficient_scope", headers["www-authenticate"])

    def test_errors_in_the_standards_payload(self):
        status, body, _ = self.get(R + "/users" + q(filter="nickname='x'"))
        self.assert_imsx(status, body, 400, "invalid_filter_field")
        status, body, _ = self.get(R + "/users" + q(filter="givenName"))
        self.assert_imsx(status, body, 400, "invalid_filter_field")
        status, body, _ = self.get(R + "/users" + q(fields="sourcedId,,email"))
        self.assert_imsx(status, body, 400, "invalid_selection_field")
        status, body, _ = self.get(R + "/users" + q(limit="none"))
        self.assert_imsx(status, body, 400, "invaliddata")
        status, body, _ = self.get(R + "/users/no-such-user")
        self.assert_imsx(status, body, 404, "unknownobject")
        status, body, _ = self.get(R + "/classes/no-such-class/students")
        self.assert_imsx(status, body, 404, "unknownobject")
        status, body, _ = self.get(G + "/lineItems/nothing~here/results")
        self.assert_imsx(status, body, 404, "unknownobject")
        status, body, _ = self.get(R + "/users", token="not-a-token")
        self.assert_imsx(status, body, 401, "unauthorisedrequest")
        # An unknown sort field is the provider's order, not an error (the standard).
        self.ok(R + "/users" + q(sort="shoeSize", limit=1))


if __name__ == "__main__":
    unittest.main()
