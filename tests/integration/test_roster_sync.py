"""Roster in (issue 13) with the real parts: a demo box and the real classbook-portal over real TLS.
`classbookctl sync` reads the portal's roster into the box — a child the office already had is linked,
not doubled, and the portal is told (item kind `link`); a change on the portal arrives once; a pupil the
portal marks tobedeleted leaves and keeps every mark; a bad item is refused with its reason while the
rest is applied; a teacher enrolled in a class × subject ("5А" × course "Математика") teaches it on the
box — and writes its journal — until the portal ends the enrollment, and a course naming a subject the
box lacks makes that subject. `classbookctl import FILE.zip` takes a OneRoster 1.2 CSV bundle: --dry-run writes
nothing, a good bundle is applied, a broken one is reported by file, row and column with nothing written."""
import json
import os
import shutil
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from box import Box, ctl  # noqa: E402
from test_portal import EXT, ROSTERING, Portal  # noqa: E402

SCHOOL_REF = {"href": "https://portal.example/orgs/school-1", "sourcedId": "school-1", "type": "org"}


def ref(kind, collection, sid):
    return {"href": f"https://portal.example{ROSTERING}/{collection}/{sid}", "sourcedId": sid, "type": kind}


def homeroom(sid, title):
    return {"sourcedId": sid, "title": title, "classType": "homeroom", "course": ref("course", "courses", "course-hr"),
            "school": SCHOOL_REF, "terms": [ref("academicSession", "academicSessions", "year-2027")]}


def user(sid, role, family, given, agents=()):
    u = {"sourcedId": sid, "enabledUser": "true", "givenName": given, "familyName": family,
         "roles": [{"roleType": "primary", "role": role, "org": SCHOOL_REF}]}
    if agents:
        u["agents"] = [ref("user", "users", a) for a in agents]
    return u


def enrollment(sid, user_id, class_id, role="student"):
    return {"sourcedId": sid, "user": ref("user", "users", user_id), "class": ref("class", "classes", class_id),
            "school": SCHOOL_REF, "role": role}


def course(sid, title, code):
    return {"sourcedId": sid, "title": title, "courseCode": code}


def scheduled(sid, title, class_code, course_id):
    """A class × subject: its class named by classCode, its subject by its course."""
    return {"sourcedId": sid, "title": title, "classCode": class_code, "classType": "scheduled",
            "course": ref("course", "courses", course_id), "school": SCHOOL_REF,
            "terms": [ref("academicSession", "academicSessions", "year-2027")]}


class RosterSyncTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=40, weeks=1)
        cls.portal_dir = tempfile.mkdtemp(prefix="classbook-portal-")
        cls.portal = Portal(os.path.join(cls.portal_dir, "data"))
        cls.config = os.path.join(cls.box.data, "sync.toml")
        with open(cls.config, "w", encoding="utf-8") as f:
            f.write('[portal]\nclient_file = "%s"\nca_file = "%s"\n' % (
                os.path.join(cls.portal.data, "client.json"), os.path.join(cls.portal.data, "tls/ca.crt")))

    @classmethod
    def tearDownClass(cls):
        cls.portal.stop()
        cls.box.cleanup()
        shutil.rmtree(cls.portal_dir, ignore_errors=True)

    def operator(self, path, body):
        status, _, data = self.portal.request("POST", "/portal/v1" + path, body,
                                              {"Authorization": "Bearer " + self.portal.operator,
                                               "Content-Type": "application/json"})
        self.assertEqual(status, 200, data)
        return json.loads(data)

    def sync(self):
        r = ctl(self.box.data, "sync", "--config", self.config, check=False)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r

    def query(self, sql, *args):
        with self.box.db() as db:
            return db.execute(sql, args).fetchall()

    def test_roster_from_the_portal(self):
        # A child the office enrolled (a demo pupil with marks), sent again by the portal.
        (pupil_id, uuid, last, first, birth, class_name), = self.query(
            "SELECT s.id, s.uuid, s.last_name, s.first_name, s.birth_date, c.name FROM students s "
            "JOIN classes c ON c.id = s.class_id WHERE s.birth_date IS NOT NULL AND "
            "(SELECT count(*) FROM marks m WHERE m.student_id = s.id) > 0 ORDER BY s.id LIMIT 1")
        marks_before = self.query("SELECT count(*) FROM marks WHERE student_id = ?", pupil_id)[0][0]
        pupils_before = self.query("SELECT count(*) FROM students")[0][0]
        bad = user("u-bad", "headmaster", "Плохой", "Пример")
        self.operator("/roster", {
            "classes": [homeroom("c-home", class_name)],
            "users": [user("u-same", "student", last, first),
                      user("u-new", "student", "Новикова", "Вера", agents=["g-new"]),
                      user("g-new", "parent", "Новикова", "Ольга", agents=["u-new"]),
                      user("t-new", "teacher", "Учителева", "Ирина"), bad],
            "demographics": [{"sourcedId": "u-same", "birthDate": birth}, {"sourcedId": "u-new", "birthDate": "2015-03-03"}],
            "enrollments": [enrollment("e-same", "u-same", "c-home"), enrollment("e-new", "u-new", "c-home")]})
        out = self.sync()
        self.assertIn("sync done", out.stdout)

        # Linked, not doubled: one new pupil only, the office's child keeps their uuid.
        self.assertEqual(self.query("SELECT count(*) FROM students")[0][0], pupils_before + 1)
        self.assertEqual(self.query("SELECT uuid FROM portal_links WHERE entity = 'pupil' AND sourced_id = 'u-same'"), [(uuid,)])
        self.assertEqual(self.query("SELECT count(*) FROM students WHERE last_name = ? AND first_name = ?", last, first)[0][0], 1)
        (new_uuid, new_class), = self.query(
            "SELECT s.uuid, c.name FROM students s JOIN classes c ON c.id = s.class_id JOIN portal_links l "
            "ON l.uuid = s.uuid AND l.entity = 'pupil' WHERE l.sourced_id = 'u-new'")
        self.assertEqual(new_class, class_name)
        self.assertEqual(self.query(
            "SELECT g.last_name, l.relation FROM student_guardians l JOIN guardians g ON g.id = l.guardian_id "
            "JOIN students s ON s.id = l.student_id WHERE s.uuid = ?", new_uuid), [("Новикова", "parent")])
        self.assertEqual(self.query("SELECT count(*) FROM teachers WHERE last_name = 'Учителева'")[0][0], 1)
        # The bad item was refused with its reason; nothing of it was written.
        refusals = [r for (r,) in self.query("SELECT reason FROM sync_refusals WHERE seq = 0")]
        self.assertTrue(any("u-bad" in r and "headmaster" in r for r in refusals), refusals)
        self.assertEqual(self.query("SELECT count(*) FROM students WHERE last_name = 'Плохой'")[0][0], 0)

        # The portal was told which of its objects the box already had: the pupil and the class.
        token = self.token()
        status, _, data = self.portal.request("GET", EXT + "/links?limit=100", headers={"Authorization": "Bearer " + token})
        self.assertEqual(status, 200, data)
        links = {o["sourcedId"]: o for o in json.loads(data)["links"]}
        self.assertEqual(links["u-same"]["boxSourcedId"], uuid)
        self.assertIn("c-home", links)
        self.assertNotIn("u-new", links)  # made from the portal's: nothing to tell

        # A change on the portal arrives once.
        self.operator("/roster", {"users": [user("u-new", "student", "Новикова-Смирнова", "Вера", agents=["g-new"])]})
        self.sync()
        self.assertEqual(self.query("SELECT last_name FROM students WHERE uuid = ?", new_uuid), [("Новикова-Смирнова",)])
        updates = lambda: self.query("SELECT count(*) FROM audit WHERE entity = 'student' AND uuid = ? AND action = 'update'",
                                     new_uuid)[0][0]
        self.assertEqual(updates(), 1)
        self.sync()
        self.assertEqual(updates(), 1)

        # The portal says the office's child left: the pupil leaves the box and keeps every mark.
        self.operator("/roster/tobedeleted", {"users": ["u-same"]})
        self.sync()
        (left_on,), = self.query("SELECT left_on FROM students WHERE id = ?", pupil_id)
        self.assertIsNotNone(left_on)
        self.assertEqual(self.query("SELECT count(*) FROM marks WHERE student_id = ?", pupil_id)[0][0], marks_before)

    def test_teaching_from_the_portal(self):
        # A demo teacher (with an account) and a class × subject of the demo school they do not teach.
        math = self.query("SELECT id, uuid FROM subjects WHERE name = 'Математика'")[0]
        teachers = {a["person_id"]: a for a in self.box.accounts if a["role"] == "teacher"}
        (class_id, class_uuid, class_name, lesson_uuid, pupil_uuid, teacher_id, teacher_uuid, last, first, middle, email), = self.query(
            "SELECT c.id, c.uuid, c.name, l.uuid, s.uuid, t.id, t.uuid, t.last_name, t.first_name, t.middle_name, t.email "
            "FROM classes c "
            "JOIN lessons l ON l.class_id = c.id AND l.subject_id = ?1 AND l.cancelled = 0 AND l.group_no = 0 "
            "JOIN students s ON s.class_id = c.id AND s.left_on IS NULL JOIN teachers t ON t.email IS NOT NULL "
            "AND t.uuid IN (%s) AND NOT EXISTS (SELECT 1 FROM teaching x WHERE x.class_id = c.id AND x.subject_id = ?1 "
            "AND x.teacher_id = t.id) ORDER BY l.date DESC, c.id, t.id, s.id LIMIT 1" % ",".join("?" * len(teachers)),
            math[0], *teachers)
        teaches = lambda subject: self.query(  # noqa: E731
            "SELECT count(*) FROM teaching x JOIN subjects s ON s.id = x.subject_id WHERE x.class_id = ? AND x.teacher_id = ? "
            "AND s.name = ?", class_id, teacher_id, subject)[0][0]

        self.box.start()
        try:
            t = self.box.signed_in(teachers[teacher_uuid])
            mark = {"student_id": pupil_uuid, "lesson_id": lesson_uuid, "value": 5, "work_type": "oral"}
            status, _ = t.request("POST", "/api/v1/marks", mark)
            self.assertIn(status, (403, 404), "not theirs yet")

            # The portal's teacher (the demo teacher: same names and e-mail) teaches Математика in the class,
            # and Астрономия, which the box does not have.
            self.operator("/roster", {
                "users": [dict(user("t-math", "teacher", last, first), email=email, **({"middleName": middle} if middle else {}))],
                "courses": [course("k-math", "МАТЕМАТИКА", "MATH"), course("k-astro", "Астрономия", "Астр.")],
                "classes": [scheduled("c-math", f"Математика {class_name}", class_name, "k-math"),
                            scheduled("c-astro", f"Астрономия {class_name}", class_name, "k-astro")],
                "enrollments": [enrollment("e-math", "t-math", "c-math", "teacher"),
                                enrollment("e-astro", "t-math", "c-astro", "teacher")]})
            self.sync()
            self.assertEqual(self.query("SELECT uuid FROM portal_links WHERE entity = 'teacher' AND sourced_id = 't-math'"),
                             [(teacher_uuid,)])
            self.assertEqual(teaches("Математика"), 1)
            self.assertEqual(teaches("Астрономия"), 1)
            self.assertEqual(self.query("SELECT s.short_name FROM subjects s JOIN portal_links l ON l.uuid = s.uuid "
                                        "AND l.entity = 'subject' WHERE l.sourced_id = 'k-astro'"), [("Астр.",)])
            self.assertEqual(self.query("SELECT uuid FROM portal_links WHERE entity = 'subject' AND sourced_id = 'k-math'"),
                             [(math[1],)])

            # The same session writes the class's journal now (the box's rights follow the roster at once).
            status, me = t.request("GET", "/api/v1/me")
            self.assertEqual(status, 200, me)
            self.assertIn((class_uuid, math[1]), [(x["class_id"], x["subject_id"]) for x in me["teaches"]])
            status, written = t.request("POST", "/api/v1/marks", mark)
            self.assertEqual(status, 201, written)

            # The portal ends the Математика enrollment: the row goes (its grace period recorded), Астрономия stays.
            self.operator("/roster/tobedeleted", {"enrollments": ["e-math"]})
            self.sync()
            self.assertEqual(teaches("Математика"), 0)
            self.assertEqual(teaches("Астрономия"), 1)
            self.assertEqual(self.query("SELECT count(*) FROM teaching_ended WHERE class_id = ? AND subject_id = ? "
                                        "AND teacher_id = ?", class_id, math[0], teacher_id)[0][0], 1)
            self.assertEqual(self.query("SELECT count(*) FROM audit WHERE entity = 'teaching' AND actor_user = 0 "
                                        "AND action = 'delete'")[0][0], 1)
            status, _ = t.request("POST", "/api/v1/marks", dict(mark, value=4))
            self.assertIn(status, (403, 404), "the lesson is not theirs: no grace for a journal they do not give")
            t.conn.close()
        finally:
            self.box.stop()

    def token(self):
        import base64
        c = self.portal.client
        basic = base64.b64encode(f"{c['client_id']}:{c['client_secret']}".encode()).decode()
        status, _, data = self.portal.request("POST", "/oauth/token", b"grant_type=client_credentials",
                                              {"Authorization": "Basic " + basic,
                                               "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, data)
        return json.loads(data)["access_token"]


MANIFEST = ("propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.academicSessions,bulk\n"
            "file.classes,bulk\nfile.courses,bulk\nfile.demographics,bulk\nfile.enrollments,bulk\nfile.orgs,bulk\n"
            "file.roles,bulk\nfile.users,bulk\nsource.systemName,Городской портал\n")
USERS_HEAD = ("sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,"
              "email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,"
              "preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n")


def bundle(path, role="student", teaching=False):
    """A small school: the class 11Я, two pupils and a guardian. `role`: the second pupil's role.
    `teaching`: with a teacher of Математика in 11Я (a class × subject and its course)."""
    files = {
        "manifest.csv": MANIFEST,
        "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\norg-1,,,Школа,school,0505,\n",
        "academicSessions.csv": "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
                                "year-2027,,,2026/27,schoolYear,2026-09-01,2027-06-01,,2027\n",
        "courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,"
                       "subjectCodes\ncourse-hr,,,year-2027,Класс,HR,11,org-1,,\n",
        "classes.csv": "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                       "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n"
                       "usb-11ya,,,11Я,11,course-hr,,homeroom,,org-1,year-2027,,,\n",
        "users.csv": USERS_HEAD +
                     "usb-p1,,,true,,,Антон,Флешкин,,,,,,usb-g1,11,,,,,,,org-1,\n"
                     "usb-p2,,,true,,,Юлия,Флешкина,,,,,,,11,,,,,,,org-1,\n"
                     "usb-g1,,,true,,,Галина,Флешкина,,,,,+79001112233,usb-p1,,,,,,,,org-1,\n",
        "roles.csv": "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
                     "userProfileSourcedId\nr1,,,usb-p1,primary,student,,,org-1,\n"
                     f"r2,,,usb-p2,primary,{role},,,org-1,\nr3,,,usb-g1,primary,parent,,,org-1,\n",
        "enrollments.csv": "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                           "beginDate,endDate\ne1,,,usb-11ya,org-1,usb-p1,student,,,\ne2,,,usb-11ya,org-1,usb-p2,student,,,\n",
        "demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
                            "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,"
                            "hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,"
                            "publicSchoolResidenceStatus\nusb-p1,,,2009-05-05,male,,,,,,,,,,,\n",
    }
    if teaching:
        files["courses.csv"] += "course-math,,,year-2027,Математика,МАТ-11,11,org-1,,\n"
        files["classes.csv"] += "usb-math-11ya,,,Математика 11Я,11,course-math,11Я,scheduled,,org-1,year-2027,,,\n"
        files["users.csv"] += "usb-t1,,,true,,,Тамара,Флешкова,,,,,,,,,,,,,,org-1,\n"
        files["roles.csv"] += "r4,,,usb-t1,primary,teacher,,,org-1,\n"
        files["enrollments.csv"] += "e3,,,usb-math-11ya,org-1,usb-t1,teacher,,,\n"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))
    return path


class RosterImportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.box = Box(students=20, weeks=1)
        cls.tmp = tempfile.mkdtemp(prefix="classbook-bundle-")

    @classmethod
    def tearDownClass(cls):
        cls.box.cleanup()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def count(self, sql):
        with self.box.db() as db:
            return db.execute(sql).fetchone()[0]

    def test_a_broken_bundle_is_reported_by_file_row_and_column_and_nothing_is_written(self):
        path = bundle(os.path.join(self.tmp, "broken.zip"), role="headmaster")
        before = self.count("SELECT count(*) FROM students")
        r = ctl(self.box.data, "import", path, check=False)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("roles.csv:3:role: ", r.stderr)
        self.assertIn("headmaster", r.stderr)
        self.assertIn("nothing was written", r.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM students"), before)
        self.assertEqual(self.count("SELECT count(*) FROM classes WHERE name = '11Я'"), 0)

    def test_a_bundle_that_does_not_fit_the_roster_is_refused_whole(self):
        # Valid CSV, but a pupil with no class: the planner refuses it, and so nothing of the file is written.
        path = bundle(os.path.join(self.tmp, "noclass.zip"))
        with zipfile.ZipFile(path) as z:
            files = {n: z.read(n).decode() for n in z.namelist()}
        files["enrollments.csv"] = files["enrollments.csv"].replace("e2,,,usb-11ya,org-1,usb-p2,student,,,\n", "")
        path = os.path.join(self.tmp, "noclass2.zip")
        with zipfile.ZipFile(path, "w") as z:
            for n, t in files.items():
                z.writestr(n, t.encode())
        r = ctl(self.box.data, "import", path, check=False)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn("users.csv:3:sourcedId: user usb-p2", r.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM classes WHERE name = '11Я'"), 0)

    def test_dry_run_then_import(self):
        path = bundle(os.path.join(self.tmp, "good.zip"))
        before = self.count("SELECT count(*) FROM students")
        r = ctl(self.box.data, "import", path, "--dry-run")
        self.assertIn("would class create usb-11ya 11Я", r.stdout)
        self.assertIn("would pupil create usb-p1 Флешкин Антон (class usb-11ya)", r.stdout)
        self.assertIn("nothing was written", r.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM students"), before)

        r = ctl(self.box.data, "import", path)
        self.assertIn("imported: 4 created", r.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM students"), before + 2)
        self.assertEqual(self.count("SELECT count(*) FROM students s JOIN classes c ON c.id = s.class_id "
                                    "WHERE c.name = '11Я' AND s.birth_date = '2009-05-05'"), 1)
        self.assertEqual(self.count("SELECT count(*) FROM student_guardians l JOIN guardians g ON g.id = l.guardian_id "
                                    "WHERE g.phone = '+79001112233'"), 1)
        # The same bundle again changes nothing: everything in it is linked now.
        r = ctl(self.box.data, "import", path)
        self.assertIn("imported: 0 created, 0 updated, 0 linked", r.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM students"), before + 2)

    def test_teaching_from_a_bundle(self):
        path = bundle(os.path.join(self.tmp, "teaching.zip"), teaching=True)
        r = ctl(self.box.data, "import", path, "--dry-run")
        self.assertIn("would teaching add e3 Флешкова Тамара: 11Я Математика", r.stdout)
        ctl(self.box.data, "import", path)
        self.assertEqual(self.count("SELECT count(*) FROM teaching x JOIN classes c ON c.id = x.class_id "
                                    "JOIN subjects s ON s.id = x.subject_id JOIN teachers t ON t.id = x.teacher_id "
                                    "WHERE c.name = '11Я' AND s.name = 'Математика' AND t.last_name = 'Флешкова'"), 1)
        self.assertEqual(self.count("SELECT count(*) FROM subjects WHERE name = 'Математика'"), 1)  # the demo's, linked
        self.assertEqual(self.count("SELECT count(*) FROM portal_links WHERE entity = 'subject' AND sourced_id = 'course-math'"), 1)


if __name__ == "__main__":
    unittest.main()
