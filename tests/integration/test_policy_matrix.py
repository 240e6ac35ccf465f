"""The authorization matrix over HTTP, generated from the route table (`classbookd --routes`): every
signed-in route × every role × the role's own family's object and another family's. The table
declares per role none / own / any; this test checks the policy in domain/ answers as declared:
- none: 403 or 404, and the database did not change;
- own: on the own family's object not 403/404; on another's 403/404 and nothing written;
- any: not 403/404 on either.
Path parameters are filled by kind (student, class, lesson, mark, …) and request bodies come from
FIXTURES, one entry per "METHOD pattern": a route without an entry fails the test."""
import datetime
import hashlib
import itertools
import json
import os
import subprocess
import sys
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from box import DAEMON, Box  # noqa: E402

WEEK, TERM = "2026-W48", 2
ROLES = ["student", "guardian", "teacher", "class_teacher", "secretary", "director", "admin"]
REFUSED = (403, 404)
_n = itertools.count(1)


def unique(prefix):
    return f"{prefix}{next(_n)}"


# "METHOD pattern" → what the request needs besides its path: body(t, role, own) and query(t, role, own),
# or skip=reason. `t` is the test class with the school's objects (see setUpClass).
def body(f):
    return {"body": f}


# A route without path parameters names its object in the body only when marked so; one naming no
# object at all (lists, the self) has no "other family" case: it runs for the own case only.
OBJECT_IN_BODY = {"object_in_body": True}


FIXTURES = {
    "POST /api/v1/session": {"skip": "public: signing in has no role to refuse"},
    "DELETE /api/v1/session": {"skip": "would sign the matrix's own session out"},
    "GET /api/v1/me": {},
    "GET /api/v1/school": {},
    "GET /api/v1/me/absence-notices": {},
    "GET /api/v1/stream": {"skip": "the answer never ends; tests/integration/test_live_stream.py checks who hears what"},
    "GET /api/v1/classes/{id}/averages": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/students/{id}/homework": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "POST /api/v1/me/password": body(lambda t, r, o: {"old_password": "not-the-password", "new_password": "Matrix-river-lamp-2026"}),
    "GET /api/v1/sessions": {},
    "DELETE /api/v1/sessions/{id}": {},
    "POST /api/v1/users/{login}/password-reset": {},
    "GET /api/v1/students/{id}/diary": {"query": lambda t, r, o: f"week={WEEK}"},
    "GET /api/v1/students/{id}/grades": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/students/{id}/diary-extract.pdf": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-22"},
    "GET /api/v1/students/{id}/report-card.pdf": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/classes/{id}/attendance-report.pdf": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/classes/{id}/journal.pdf": {"query": lambda t, r, o: f"subject={t.subject_for(r, o)}&term={TERM}"},
    "GET /api/v1/printers": {},
    "POST /api/v1/print-jobs": body(lambda t, r, o: {"document": t.printable(r, o)}),
    "GET /api/v1/print-jobs": {},
    "GET /api/v1/print-jobs/{id}": {},
    "POST /api/v1/print-jobs/{id}/retry": {},
    "GET /api/v1/classes/{id}/login-slips": {"query": lambda t, r, o: f"for=pupils&students={t.slip_pupil[o]}"},
    "POST /api/v1/classes/{id}/login-slips": body(lambda t, r, o: {"for": "pupils", "students": [t.slip_pupil[o]]}),
    "GET /api/v1/classes/{id}/journal": {"query": lambda t, r, o: f"subject={t.subject_for(r, o)}&term={TERM}"},
    "POST /api/v1/marks": OBJECT_IN_BODY | body(lambda t, r, o: {"student_id": t.pupil(o), "lesson_id": t.lesson_for(r, o), "value": 4, "work_type": "oral"}),
    "PATCH /api/v1/marks/{id}": body(lambda t, r, o: {"value": 3, "reason": "matrix"}),
    "DELETE /api/v1/marks/{id}": {"query": lambda t, r, o: "reason=matrix"},
    "GET /api/v1/marks/{id}/history": {},
    "PUT /api/v1/lessons/{id}/attendance": body(lambda t, r, o: {"students": [{"student_id": t.pupil(o), "status": "present"}]}),
    "PUT /api/v1/lessons/{id}": body(lambda t, r, o: {"topic": "Matrix topic"}),
    "POST /api/v1/students/{id}/absence-notices": body(lambda t, r, o: {"from": "2026-11-25", "to": "2026-11-25", "reason": "family"}),
    "PUT /api/v1/students/{id}/weeks/{week}/acknowledgement": {},
    "PUT /api/v1/term-grades": OBJECT_IN_BODY | body(lambda t, r, o: {"student_id": t.pupil(o), "subject_id": t.subject_for(r, o), "term": TERM, "grade": 4}),
    "POST /api/v1/dots": OBJECT_IN_BODY | body(lambda t, r, o: {"student_id": t.pupil(o), "lesson_id": t.lesson_for(r, o), "expires_on": "2026-12-10"}),
    "DELETE /api/v1/dots/{id}": {},
    # journal grid (branch grid): a substitute's lessons, one lesson's sheet
    "GET /api/v1/me/substitute-lessons": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/lessons/{id}/journal": {},
    "GET /api/v1/classes/{id}/attendance": {"query": lambda t, r, o: "date=2026-11-24"},
    "GET /api/v1/classes/{id}/absence-notices": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/classes/{id}/card-anomalies": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/audit": {"query": lambda t, r, o: f"class_id={t.klass(o)}"},
    # the director's reports and the audit search (issue 12)
    "GET /api/v1/audit/verification": {},
    "GET /api/v1/reports/attendance": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/reports/attendance.csv": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/reports/attendance.pdf": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "GET /api/v1/reports/grades": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/reports/grades.csv": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/reports/grades.pdf": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/reports/at-risk": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/reports/at-risk.csv": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/reports/at-risk.pdf": {"query": lambda t, r, o: f"term={TERM}"},
    "GET /api/v1/announcements": {},
    "POST /api/v1/announcements": OBJECT_IN_BODY | body(lambda t, r, o: {"title": "Matrix", "body": "text", "class_id": t.klass(o)}),
    "GET /api/v1/threads": {},
    "POST /api/v1/threads": OBJECT_IN_BODY | body(lambda t, r, o: {"to_user_id": t.correspondent(r, o), "subject": "Matrix", "body": "text"}),
    "GET /api/v1/threads/{id}": {},
    "POST /api/v1/threads/{id}/messages": body(lambda t, r, o: {"body": "text"}),
    # messages (issue 10)
    "PUT /api/v1/threads/{id}/read": {},
    "GET /api/v1/directory": {},
    "GET /api/v1/events": {"query": lambda t, r, o: "from=2026-11-23&to=2026-11-29"},
    "GET /api/v1/students/{id}/weeks/{week}/behaviour": {},
    "PUT /api/v1/students/{id}/weeks/{week}/behaviour": body(lambda t, r, o: {"text": "A good week"}),
    "GET /api/v1/clubs": {},
    "GET /api/v1/students/{id}/clubs": {},
    "POST /api/v1/appeals": body(lambda t, r, o: {"topic": "other", "body": "Matrix appeal"}),
    "GET /api/v1/appeals": {},
    "PATCH /api/v1/appeals/{id}": body(lambda t, r, o: {"status": "in_progress"}),
    "GET /api/v1/students/{id}/backpack": {"query": lambda t, r, o: f"week={WEEK}"},
    "GET /api/v1/classes": {},
    "POST /api/v1/classes": body(lambda t, r, o: {"name": t.new_class_name()}),
    "PATCH /api/v1/classes/{id}": body(lambda t, r, o: {"profile": "matrix"}),
    "GET /api/v1/classes/{id}/students": {},
    "GET /api/v1/classes/{id}/teaching": {},
    "PUT /api/v1/classes/{id}/teaching/{subject_id}/{teacher_id}": {},
    "DELETE /api/v1/classes/{id}/teaching/{subject_id}/{teacher_id}": {},
    "GET /api/v1/students": {"query": lambda t, r, o: "q=%D0%B0&with_left=true"},
    "POST /api/v1/students": OBJECT_IN_BODY | body(lambda t, r, o: {"last_name": "Матрицын", "first_name": "Тест", "class_id": t.klass(o)}),
    "GET /api/v1/students/{id}": {},
    "PATCH /api/v1/students/{id}": body(lambda t, r, o: {"middle_name": "Матвеевич"}),
    "POST /api/v1/students/{id}/leave": {"fresh_pupil": True, **body(lambda t, r, o: {"left_on": "2026-11-27"})},
    # entrance cards (issue 12): each card given is new, so the office's own and other calls never collide
    "GET /api/v1/students/{id}/cards": {},
    "PUT /api/v1/students/{id}/card": body(lambda t, r, o: {"card": f"C0DE{next(_n):06d}"}),
    "POST /api/v1/students/{id}/card/block": body(lambda t, r, o: {"reason": "damaged", "new_card": f"C0DE{next(_n):06d}"}),
    "GET /api/v1/students/{id}/guardians": {},
    "PUT /api/v1/students/{id}/guardians/{guardian_id}": body(lambda t, r, o: {"relation": "parent"}),
    "DELETE /api/v1/students/{id}/guardians/{guardian_id}": {},
    "GET /api/v1/guardians": {"query": lambda t, r, o: "q=%D0%B0"},
    "POST /api/v1/guardians": body(lambda t, r, o: {"last_name": "Матрицына", "first_name": "Анна"}),
    "PATCH /api/v1/guardians/{id}": body(lambda t, r, o: {"email": None}),
    "GET /api/v1/teachers": {},
    "POST /api/v1/teachers": body(lambda t, r, o: {"last_name": "Матрицев", "first_name": "Пётр"}),
    "PATCH /api/v1/teachers/{id}": body(lambda t, r, o: {"phone": f"+7900888{next(_n):04d}"}),
    "GET /api/v1/teaching": {},
    "GET /api/v1/subjects": {},
    "POST /api/v1/roster/import": {"csv": "last_name,first_name,class\n"},
    # issue 12: the dry run answers 200 with its report and writes nothing (any query is the same row)
    "GET /api/v1/bells": {},
    "PUT /api/v1/bells/variants/{name}": body(lambda t, r, o: {"periods": t.bell_periods}),
    "PUT /api/v1/bells/weekdays/{weekday}": body(lambda t, r, o: {"variant": t.bell_variant}),
    "GET /api/v1/rooms": {},
    "POST /api/v1/rooms": body(lambda t, r, o: {"name": unique("Матрица-")}),
    "GET /api/v1/classes/{id}/timetable": {},
    "PUT /api/v1/classes/{id}/timetable": body(lambda t, r, o: {"lessons": t.timetable_slots(o)}),
    "GET /api/v1/me/timetable": {"query": lambda t, r, o: f"week={WEEK}"},
    "GET /api/v1/timetable-changes": {"query": lambda t, r, o: "from=2026-11-16&to=2026-11-29"},
    "POST /api/v1/timetable-changes": OBJECT_IN_BODY | body(lambda t, r, o: t.change_body(o)),
    "DELETE /api/v1/timetable-changes/{id}": {},
    "POST /api/v1/lessons/make": body(lambda t, r, o: {"from": "2026-12-21", "to": "2026-12-21"}),
    "POST /api/v1/kiosks/enrol": {"skip": "kiosk device route: a one-time code, no session"},
    "POST /api/v1/taps": {"skip": "kiosk device route: client certificate or device key"},
    "GET /api/v1/kiosk/hello": {"skip": "kiosk device route: client certificate"},
    "POST /api/v1/kiosk/diary": {"skip": "kiosk device route: client certificate"},
    "POST /api/v1/kiosk/diary-extract": {"skip": "kiosk device route: client certificate (test_kiosk_server checks it)"},
    "GET /api/v1/kiosks": {},
    "POST /api/v1/kiosks": body(lambda t, r, o: {"name": unique("matrix-kiosk-"), "mode": "entrance"}),
    "DELETE /api/v1/kiosks/{id}": {},
    "PUT /api/v1/students/{id}/kiosk-pin": body(lambda t, r, o: {"pin": "4826"}),
    "DELETE /api/v1/students/{id}/kiosk-pin": {},
    # issue 10 (kiosk QR)
    "GET /api/v1/students/{id}/kiosk-qr": {},
    "GET /api/v1/security-events": {},
    # access applications (issue 11): the office's papers — no family owns one; the id is a fresh application
    "POST /api/v1/access-applications": body(lambda t, r, o: t.access_application_body(o)),
    "GET /api/v1/access-applications": {"query": lambda t, r, o: "status=registered"},
    "POST /api/v1/access-applications/{id}/approve": {},
    "POST /api/v1/access-applications/{id}/deny": body(lambda t, r, o: {"reason": "withdrawn", "comment": "matrix"}),
    "GET /api/v1/access-applications/{id}/decision.pdf": {},
    # the administrator's pages (issue 12): accounts are the matrix's pupils' (reset_login), disabled then enabled again
    "POST /api/v1/users/{login}/login-slip": {},
    "GET /api/v1/users": {"query": lambda t, r, o: "q=a&limit=20"},
    "GET /api/v1/users/{login}/sessions": {},
    "DELETE /api/v1/users/{login}/sessions": {},
    "POST /api/v1/users/{login}/disable": body(lambda t, r, o: {"reason": "matrix"}),
    "POST /api/v1/users/{login}/enable": {},
    "GET /api/v1/backups": {},
    "POST /api/v1/backups": {},
    "GET /api/v1/backups/{name}": {},
    "GET /api/v1/box": {},
    # issue 13: e-mail notices
    "GET /api/v1/me/notices/preferences": {},
    "PUT /api/v1/me/notices/preferences": body(lambda t, r, o: {"absence": "off", "low_mark": "off", "teacher_message": "off"}),
    "GET /api/v1/mail": {},
    # issue 13: the sync with the city portal (the matrix's box has no [portal]: the administrator's POST is 503)
    "GET /api/v1/sync": {},
    "POST /api/v1/sync": {},
    # the director's settings and the office's events and clubs (issue 12): the director's bodies change nothing
    "PATCH /api/v1/school": body(lambda t, r, o: {"name": "Тестовая школа"}),
    "PUT /api/v1/school/terms": body(lambda t, r, o: {"terms": t.school_terms}),
    "PUT /api/v1/school/grade-scale": body(lambda t, r, o: {"max": 5}),
    "POST /api/v1/work-types": body(lambda t, r, o: {"code": unique("matrix_"), "name": "Матрица", "weight": 1}),
    "PUT /api/v1/work-types/{code}": body(lambda t, r, o: {"weight": 2}),
    "POST /api/v1/events": body(lambda t, r, o: {"title": "Матрица", "date": "2026-11-25"}),
    "PATCH /api/v1/events/{id}": body(lambda t, r, o: {"title": "Матрица-2"}),
    "POST /api/v1/events/{id}/cancel": body(lambda t, r, o: {"reason": "matrix"}),
    "POST /api/v1/clubs": body(lambda t, r, o: {"name": "Матрица", "sessions": [{"weekday": 3, "starts": "15:00", "ends": "16:00"}]}),
    "PATCH /api/v1/clubs/{id}": body(lambda t, r, o: {"name": "Матрица-2"}),
    "POST /api/v1/clubs/{id}/cancel": body(lambda t, r, o: {"reason": "matrix"}),
    "PUT /api/v1/clubs/{id}/members/{student_id}": {},
    "DELETE /api/v1/clubs/{id}/members/{student_id}": {},
    # OneRoster API clients (issue 13): the administrator's register, list and revoke; each revocation a fresh client
    "GET /api/v1/api-clients": {},
    "POST /api/v1/api-clients": body(lambda t, r, o: {"name": unique("matrix-client-"), "scopes": ["roster.readonly"]}),
    "POST /api/v1/api-clients/{client_id}/revoke": {},
    "POST /oauth/token": {"skip": "public: the client authenticates in the request (test_api_clients checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/classes/{classId}/lineItems/{sourcedId}/results": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_writes checks it)"},
    "PUT /ims/oneroster/gradebook/v1p2/lineItems/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_writes checks it)"},
    "DELETE /ims/oneroster/gradebook/v1p2/lineItems/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_writes checks it)"},
    "PUT /ims/oneroster/gradebook/v1p2/results/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_writes checks it)"},
    "DELETE /ims/oneroster/gradebook/v1p2/results/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_writes checks it)"},
    "GET /ims/oneroster/rostering/v1p2/orgs": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/orgs/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/schools": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/schools/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/academicSessions": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/academicSessions/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/terms": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/terms/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/terms/{sourcedId}/gradingPeriods": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/gradingPeriods": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/gradingPeriods/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/courses": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/courses/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/classes": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/classes/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/classes/{sourcedId}/students": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/users": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/users/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/students": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/students/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/teachers": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/teachers/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/teachers/{sourcedId}/classes": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/enrollments": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/rostering/v1p2/enrollments/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/categories": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/categories/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/classes/{sourcedId}/categories": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/classes/{sourcedId}/lineItems": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/lineItems": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/lineItems/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/lineItems/{sourcedId}/results": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/results": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /ims/oneroster/gradebook/v1p2/results/{sourcedId}": {"skip": "API client route: a bearer token's scope, no role (test_oneroster_provider checks it)"},
    "GET /healthz": {"skip": "public"},
    "GET /verify/{code}": {"skip": "public: anyone holding a printed document (test_documents checks it)"},
    "GET /": {"skip": "public: the web UI's files"},
    "GET /{file}": {"skip": "public: the web UI's files"},
    "GET /metrics": {"skip": "loopback scraper, not a role (test_api checks it)"},
}

# Tables whose rows a refused request must leave alone (sessions and kiosks' last-seen are not the object).
WATCHED = ["marks", "attendance", "lessons", "homework", "absence_notices", "week_acknowledgements", "term_grades", "dots",
           "students", "guardians", "student_guardians", "classes", "teaching", "teachers", "users", "threads", "messages",
           "announcements", "appeals", "behaviour_notes", "rooms", "bell_periods", "timetable", "timetable_changes",
           "kiosks", "kiosk_pins", "audit", "outbox", "issued_documents", "print_jobs",
           "access_applications", "events", "clubs", "terms", "work_types", "student_cards", "api_clients", "api_tokens"]


def table_routes():
    out = subprocess.run([DAEMON, "--routes"], capture_output=True, text=True, timeout=30, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


class PolicyMatrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.routes = table_routes()
        # Printers whose print server is not there: jobs are made (stopped, "unreachable"), so each
        # role has its own to be refused another's.
        cls.box = Box(students=90, seed=11).start(config='[printing]\ncups_server = "127.0.0.1:1"\ndefault_queue = "office"\n'
                                                        '[printing.queues.office]\ndestination = "office_q"\n')
        try:
            cls.build_fixture()
        except BaseException:
            cls.tearDownClass()  # unittest does not when setUpClass fails (or skips): no daemon may be left running
            raise

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "db", None) is not None:
            cls.db.close()
        cls.box.cleanup()

    @classmethod
    def build_fixture(cls):
        db = cls.box.db()
        q = lambda sql, *a: db.execute(sql, a).fetchall()  # noqa: E731
        cls.q = staticmethod(q)
        cls.db = db
        # Class A with a class teacher CT who teaches a subject there; a teacher T of A who neither leads
        # A nor teaches class B; class B led and taught by neither.
        pick = None
        for class_a, ct_id in q("SELECT id, class_teacher_id FROM classes"):
            if not q("SELECT 1 FROM teaching WHERE class_id=? AND teacher_id=?", class_a, ct_id):
                continue
            for (t_id,) in q("SELECT DISTINCT teacher_id FROM teaching WHERE class_id=? AND teacher_id<>?", class_a, ct_id):
                b = q("SELECT id FROM classes WHERE id NOT IN (SELECT class_id FROM teaching WHERE teacher_id IN (?,?)) "
                      "AND (class_teacher_id IS NULL OR class_teacher_id NOT IN (?,?))", t_id, ct_id, t_id, ct_id)
                if b and not q("SELECT 1 FROM classes WHERE class_teacher_id=?", t_id):
                    pick = (class_a, ct_id, t_id, b[0][0])
                    break
            if pick:
                break
        if not pick:
            raise unittest.SkipTest("the demo school has no classes shaped for the matrix")
        cls.class_a, cls.ct_id, cls.t_id, cls.class_b = pick
        uuid_of = lambda table, i: q(f"SELECT uuid FROM {table} WHERE id=?", i)[0][0]  # noqa: E731
        cls.uuid_of = staticmethod(uuid_of)
        cls.a, cls.b = uuid_of("classes", cls.class_a), uuid_of("classes", cls.class_b)
        subj = lambda c, t: q("SELECT subject_id FROM teaching WHERE class_id=? AND teacher_id=? LIMIT 1", c, t)[0][0]  # noqa: E731
        cls.t_subject, cls.ct_subject = subj(cls.class_a, cls.t_id), subj(cls.class_a, cls.ct_id)
        cls.b_subject, cls.b_teacher = q("SELECT subject_id, teacher_id FROM teaching WHERE class_id=? LIMIT 1", cls.class_b)[0]
        pupil_a = q("SELECT s.id, s.uuid FROM students s JOIN student_guardians g ON g.student_id=s.id WHERE s.class_id=? LIMIT 1", cls.class_a)[0]
        cls.pupil_a_id, cls.pupil_a = pupil_a
        cls.pupil_b_id, cls.pupil_b = q("SELECT s.id, s.uuid FROM students s JOIN student_guardians g ON g.student_id=s.id "
                                        "WHERE s.class_id=? LIMIT 1", cls.class_b)[0]
        lesson = lambda c, s: q("SELECT uuid FROM lessons WHERE class_id=? AND subject_id=? AND date<='2026-11-27' "  # noqa: E731
                                "ORDER BY date DESC LIMIT 1", c, s)[0][0]
        cls.lessons = {"teacher": lesson(cls.class_a, cls.t_subject), "class_teacher": lesson(cls.class_a, cls.ct_subject),
                       "other": lesson(cls.class_b, cls.b_subject)}
        login_of = lambda role, pid: q("SELECT login FROM users WHERE role=? AND person_id=?", role, pid)[0][0]  # noqa: E731
        cls.guardian_a = q("SELECT guardian_id FROM student_guardians WHERE student_id=?", cls.pupil_a_id)[0][0]
        cls.guardian_b = q("SELECT guardian_id FROM student_guardians WHERE student_id=?", cls.pupil_b_id)[0][0]
        logins = {"student": login_of("student", cls.pupil_a_id), "guardian": login_of("guardian", cls.guardian_a),
                  "teacher": login_of("teacher", cls.t_id), "class_teacher": login_of("teacher", cls.ct_id),
                  "secretary": "secretary", "director": "director"}
        user_uuid = lambda login: q("SELECT uuid FROM users WHERE login=?", login)[0][0]  # noqa: E731
        cls.user = {r: user_uuid(l) for r, l in logins.items()}
        cls.user["admin"] = user_uuid("admin")
        cls.user["teacher_b"] = user_uuid(login_of("teacher", cls.b_teacher))
        # Password resets land on pupils who are not signed in here.
        cls.reset_login = {True: q("SELECT u.login FROM users u JOIN students s ON s.id=u.person_id AND u.role='student' "
                                   "WHERE s.class_id=? AND s.id<>? LIMIT 1", cls.class_a, cls.pupil_a_id)[0][0],
                           False: q("SELECT u.login FROM users u JOIN students s ON s.id=u.person_id AND u.role='student' "
                                    "WHERE s.class_id=? AND s.id<>? LIMIT 1", cls.class_b, cls.pupil_b_id)[0][0]}
        # Login slips likewise (by the pupil's id): the same pupils.
        cls.slip_pupil = {own: q("SELECT s.uuid FROM users u JOIN students s ON s.id=u.person_id AND u.role='student' "
                                 "WHERE u.login=?", cls.reset_login[own])[0][0] for own in (True, False)}
        passwords = {a["login"]: a["password"] for a in cls.box.accounts}
        cls.clients = {r: cls.box.signed_in({"login": l, "password": passwords[l]}) for r, l in logins.items()}
        admin = cls.box.client()
        assert admin.sign_in("admin", cls.box.admin_password)[0] == 200
        assert admin.request("GET", "/api/v1/security-events")[0] == 403  # the one-time password first
        assert admin.request("POST", "/api/v1/me/password", {"old_password": cls.box.admin_password,
                                                            "new_password": "Tower-lamp-2026-river"})[0] == 204
        cls.clients["admin"] = admin
        # Helpers who are not in the matrix: the office and a teacher of class B make objects to act on.
        cls.office = cls.box.signed_in({"login": "secretary", "password": passwords["secretary"]})
        cls.teacher_b = cls.box.signed_in({"login": login_of("teacher", cls.b_teacher), "password": passwords[login_of("teacher", cls.b_teacher)]})
        cls.spare_sessions = {r: cls.spare_session(logins.get(r, "admin"), passwords.get(logins.get(r), "Tower-lamp-2026-river"))
                              for r in ROLES}
        cls.prepare_school_life()
        cls.prepare_timetable()
        cls.db.commit()

    @classmethod
    def spare_session(cls, login, password):
        c = cls.box.client()
        assert c.sign_in(login, password)[0] == 200
        listed = c.request("GET", "/api/v1/sessions")[1]["sessions"]
        return max(s["id"] for s in listed)

    @classmethod
    def prepare_school_life(cls):
        def thread(client, to):
            s, r = client.request("POST", "/api/v1/threads", {"to_user_id": to, "subject": "Matrix", "body": "hello"})
            assert s == 201, (s, r)
            return r["id"]
        c, u = cls.clients, cls.user
        cls.threads = {"student": thread(c["student"], u["teacher"]), "guardian": thread(c["guardian"], u["teacher"]),
                       "class_teacher": thread(c["class_teacher"], u["director"]), "secretary": thread(c["secretary"], u["director"]),
                       "admin": thread(c["admin"], u["director"])}
        cls.threads["teacher"] = cls.threads["student"]
        cls.threads["director"] = cls.threads["secretary"]
        s, appeal = c["student"].request("POST", "/api/v1/appeals", {"topic": "other", "body": "Matrix"})
        assert s == 201, (s, appeal)
        cls.appeal = appeal["id"]
        s, g = cls.office.request("POST", "/api/v1/guardians", {"last_name": "Запасная", "first_name": "Ольга"})
        assert s == 201, (s, g)
        cls.spare_guardian = g["guardian"]["id"]
        s, school = cls.clients["director"].request("GET", "/api/v1/school")
        assert s == 200, (s, school)
        cls.school_terms = school["terms"]
        cls.spare_teacher_subject = cls.q(
            "SELECT uuid FROM subjects WHERE id NOT IN (SELECT subject_id FROM teaching WHERE teacher_id=?) LIMIT 1", cls.b_teacher)[0][0]

    @classmethod
    def prepare_timetable(cls):
        s, bells = cls.clients["director"].request("GET", "/api/v1/bells")
        assert s == 200, (s, bells)
        v = bells["variants"][0]
        cls.bell_variant_name = v["name"]
        cls.bell_periods = [{"number": p["number"], "starts": p["starts"], "ends": p["ends"], "break_after": p["break_after"]}
                            for p in v["periods"]]
        cls.bell_variant = next(d["variant"] for d in bells["weekdays"] if d["weekday"] == 1)
        cls.timetables = {}
        for own, klass in ((True, cls.a), (False, cls.b)):
            s, tt = cls.clients["director"].request("GET", f"/api/v1/classes/{klass}/timetable")
            assert s == 200, (s, tt)
            cls.timetables[own] = tt
        cls.changes_made = itertools.count()

    # --- objects by kind ------------------------------------------------------------------------------
    def pupil(self, own):
        return self.pupil_a if own else self.pupil_b

    def printable(self, role, own):
        """A document `role` may read: the office prints class records, the others a pupil's extract."""
        if role == "secretary":
            return f"/api/v1/classes/{self.klass(own)}/attendance-report.pdf?from=2026-11-16&to=2026-11-22"
        return f"/api/v1/students/{self.pupil(own)}/diary-extract.pdf?from=2026-11-16&to=2026-11-22"

    def klass(self, own):
        return self.a if own else self.b

    def lesson_for(self, role, own):
        return self.lessons.get(role, self.lessons["teacher"]) if own else self.lessons["other"]

    def subject_for(self, role, own):
        sid = (self.ct_subject if role == "class_teacher" else self.t_subject) if own else self.b_subject
        return self.uuid_of("subjects", sid)

    def correspondent(self, role, own):
        # Someone the role may write to, and someone outside its family (the administrator for the office).
        own_to = {"student": "teacher", "guardian": "teacher", "teacher": "director", "class_teacher": "director",
                  "secretary": "director", "director": "secretary", "admin": "director"}
        other_to = {"student": "teacher_b", "guardian": "teacher_b", "teacher": None, "class_teacher": None,
                    "secretary": "admin", "director": "admin", "admin": "secretary"}
        if own:
            return self.user[own_to[role]]
        if other_to[role] is None:  # a pupil of class B
            return self.q("SELECT u.uuid FROM users u JOIN students s ON s.id=u.person_id AND u.role='student' WHERE s.uuid=?",
                          self.pupil_b)[0][0]
        return self.user[other_to[role]]

    def new_first_name(self):
        n, letters = next(_n), "абвгдежзиклмнопрстуфхцчшэюя"
        return "Тест" + letters[n % len(letters)] + letters[(n // len(letters)) % len(letters)]

    def new_class_name(self):
        return f"{10 + next(_n) % 2}{'ЭЮЯЬЫЪ'[next(_n) % 6]}{next(_n)}"

    def access_application_body(self, own):
        # A parent with every document a parent presents: an approval by the office goes through.
        return {"applicant_name": f"Матрицына {self.new_first_name()} Ивановна", "applicant_kind": "parent",
                "student_id": self.pupil(own), "documents": ["request", "identity_document", "birth_certificate"],
                "contact": f"+7900777{next(_n):04d}"}

    def timetable_slots(self, own):
        return [{"weekday": l["weekday"], "period": l["period"], "group": l["group"], "subject_id": l["subject"]["id"],
                 "teacher_id": l["teacher"]["id"], "room": l["room"]} for l in self.timetables[own]["lessons"]]

    def change_body(self, own):
        # Each change cancels another lesson of the week of 21 December (no lessons are made that far ahead).
        slots = self.timetables[own]["lessons"]
        n = next(self.changes_made)
        slot = slots[n % len(slots)]
        date = datetime.date(2026, 12, 21) + datetime.timedelta(days=7 * (n // len(slots)) + slot["weekday"] - 1)
        return {"date": date.isoformat(), "class_id": self.klass(own), "period": slot["period"], "group": slot["group"],
                "kind": "cancelled"}

    def fresh(self, client, method, path, payload, key=("id",)):
        s, r = client.request(method, path, payload)
        self.assertIn(s, (200, 201, 202), (path, s, r))
        for k in key:
            r = r[k]
        return r

    def mark(self, role, own):
        if own and role in ("teacher", "class_teacher"):
            return self.fresh(self.clients[role], "POST", "/api/v1/marks",
                              {"student_id": self.pupil_a, "lesson_id": self.lesson_for(role, True), "value": 5, "work_type": "oral"})
        if own:
            return self.fresh(self.clients["teacher"], "POST", "/api/v1/marks",
                              {"student_id": self.pupil_a, "lesson_id": self.lessons["teacher"], "value": 5, "work_type": "oral"})
        return self.fresh(self.teacher_b, "POST", "/api/v1/marks",
                          {"student_id": self.pupil_b, "lesson_id": self.lessons["other"], "value": 5, "work_type": "oral"})

    def dot(self, role, own):
        who = self.clients[role] if own and role in ("teacher", "class_teacher") else (self.clients["teacher"] if own else self.teacher_b)
        return self.fresh(who, "POST", "/api/v1/dots", {"student_id": self.pupil(own), "lesson_id": self.lesson_for(
            role if role in ("teacher", "class_teacher") else "teacher", own), "expires_on": "2026-12-10"})

    def value(self, route, name, role, own):
        pattern = route["pattern"]
        segs = pattern.strip("/").split("/")
        before = segs[segs.index("{" + name + "}") - 1]
        key = (before, name)
        if key == ("students", "id"):
            if FIXTURES[f"{route['method']} {pattern}"].get("fresh_pupil"):
                return self.fresh(self.office, "POST", "/api/v1/students",
                                  {"last_name": "Уходящий", "first_name": self.new_first_name(), "class_id": self.klass(own)}, ("student", "id"))
            return self.pupil(own)
        if key == ("classes", "id"):
            return self.klass(own)
        if key == ("lessons", "id"):
            return self.lesson_for(role, own)
        if key == ("marks", "id"):
            return self.mark(role, own)
        if key == ("dots", "id"):
            return self.dot(role, own)
        if key == ("weeks", "week"):
            return WEEK
        if key == ("users", "login"):
            return self.reset_login[own]
        if key == ("sessions", "id"):
            return self.spare_sessions[role] if own else self.spare_sessions["director" if role != "director" else "secretary"]
        if key == ("threads", "id"):
            return self.threads[role] if own else self.threads["secretary" if role not in ("secretary", "director") else "student"]
        if key == ("print-jobs", "id"):  # the role's own job, or the director's (the secretary's for the director)
            maker = role if own and role in ("teacher", "class_teacher", "secretary", "director") else (
                "director" if role != "director" else "secretary")
            return self.fresh(self.clients[maker], "POST", "/api/v1/print-jobs", {"document": self.printable(maker, True)})
        if key == ("appeals", "id"):  # a fresh one, so that "open → in_progress" is a valid change
            return self.fresh(self.clients["student"], "POST", "/api/v1/appeals", {"topic": "other", "body": "Matrix"})
        if key == ("guardians", "guardian_id"):
            return self.spare_guardian
        if key == ("teachers", "id"):  # a teacher of class A (own) or of class B: no family owns one
            return self.uuid_of("teachers", self.t_id if own else self.b_teacher)
        if key == ("guardians", "id"):
            return self.uuid_of("guardians", self.guardian_a if own else self.guardian_b)
        if key == ("teaching", "subject_id"):
            return self.spare_teacher_subject
        if key == ("{subject_id}", "teacher_id"):
            return self.user_teacher_uuid(self.b_teacher)
        if key == ("variants", "name"):
            return self.bell_variant_name
        if key == ("weekdays", "weekday"):
            return "1"
        if key == ("timetable-changes", "id"):
            return self.fresh(self.office, "POST", "/api/v1/timetable-changes", self.change_body(own))
        if key == ("access-applications", "id"):  # fresh, so that each case may approve or deny it
            made = self.fresh(self.office, "POST", "/api/v1/access-applications", self.access_application_body(own))
            if pattern.endswith("/decision.pdf"):  # a decision to print: denied first
                self.fresh(self.office, "POST", f"/api/v1/access-applications/{made}/deny", {"reason": "withdrawn"})
            return made
        if key == ("work-types", "code"):
            return "oral"  # weight 2 in the demo school: the director's case writes the same weight
        if key == ("events", "id"):  # fresh, so that each case may change or cancel it
            return self.fresh(self.office, "POST", "/api/v1/events", {"title": unique("Матрица "), "date": "2026-11-25"})
        if key == ("clubs", "id"):
            return self.fresh(self.office, "POST", "/api/v1/clubs", {"name": unique("Матрица ")})
        if key == ("members", "student_id"):
            return self.pupil(own)
        if key == ("kiosks", "id"):
            return self.fresh(self.clients["admin"], "POST", "/api/v1/kiosks", {"name": unique("matrix-gone-"), "mode": "entrance"},
                              ("kiosk", "id"))
        if key == ("backups", "name"):
            return self.finished_backup()
        if key == ("api-clients", "client_id"):  # fresh, so that each case may revoke it
            return self.fresh(self.clients["admin"], "POST", "/api/v1/api-clients",
                              {"name": unique("matrix-gone-"), "scopes": ["gradebook.readonly"]}, ("client", "client_id"))
        raise AssertionError(f"no parameter kind for {name} after {before} in {pattern}: add one to value()")

    def finished_backup(self):
        """A backup's name once no backup is being made, so that no backup's audit entry lands inside a case."""
        admin = self.clients["admin"]
        for _ in range(600):
            s, r = admin.request("GET", "/api/v1/backups")
            self.assertEqual(s, 200, r)
            if r["running"] is None and r["backups"]:
                return r["backups"][0]["name"]
            if r["running"] is None:
                self.assertIn(admin.request("POST", "/api/v1/backups")[0], (202, 409))
            time.sleep(0.1)
        raise AssertionError("no backup was made within a minute")

    def user_teacher_uuid(self, teacher_id):
        return self.uuid_of("teachers", teacher_id)

    def snapshot(self):
        self.db.rollback()
        out = []
        for t in WATCHED:
            try:
                out.append(self.db.execute(f"SELECT count(*), total(length(CAST({'rowid' if t != 'audit' else 'seq'} AS TEXT))) FROM {t}").fetchone())
            except Exception:  # a table this schema does not have
                continue
        for sql in ("SELECT group_concat(password_hash || must_change_password || disabled) FROM users",
                    "SELECT group_concat(coalesce(topic, '')) FROM lessons",
                    "SELECT group_concat(value) FROM marks",
                    "SELECT group_concat(coalesce(middle_name, '') || coalesce(left_on, '')) FROM students",
                    "SELECT group_concat(coalesce(email, '')) FROM guardians",
                    "SELECT group_concat(coalesce(phone, '')) FROM teachers",
                    "SELECT group_concat(status) FROM appeals",
                    "SELECT group_concat(coalesce(profile, '')) FROM classes",
                    "SELECT group_concat(last_read_message) FROM thread_members",  # messages (issue 10)
                    "SELECT group_concat(status || coalesce(reason, '')) FROM access_applications",
                    # issue 12: the school's settings (WITHOUT ROWID tables are read by content)
                    "SELECT group_concat(key || '=' || value) FROM settings",
                    "SELECT group_concat(number || start_date || end_date) FROM terms",
                    "SELECT group_concat(code || name || weight || rank) FROM work_types",
                    "SELECT group_concat(title || coalesce(cancel_reason, '') || coalesce(start_minute, '')) FROM events",
                    "SELECT group_concat(name || coalesce(closed_at, '')) FROM clubs",
                    "SELECT group_concat(club_id || '/' || student_id) FROM club_members",
                    "SELECT group_concat(club_id || '/' || weekday || '/' || start_minute) FROM club_sessions",
                    "SELECT group_concat(client_id || coalesce(revoked_at, '')) FROM api_clients"):
            out.append(self.db.execute(sql).fetchone())
        return hashlib.sha256(repr(out).encode()).hexdigest()

    def prepare(self, route, role, own):
        """The request of one case, its objects made first (so that making them is not the case's write)."""
        fx = FIXTURES[f"{route['method']} {route['pattern']}"]
        path = route["pattern"]
        for name in [s[1:-1] for s in path.strip("/").split("/") if s.startswith("{")]:
            path = path.replace("{" + name + "}", str(self.value(route, name, role, own)), 1)
        if "query" in fx:
            path += "?" + fx["query"](self, role, own)
        if "csv" in fx:
            return path, dict(raw=fx["csv"].encode(), headers={"Content-Type": "text/csv; charset=utf-8"})
        return path, dict(body=fx["body"](self, role, own) if "body" in fx else None)

    def test_matrix(self):
        signed_in = [r for r in self.routes if r["caller"] == "signed_in"]
        missing = [f"{r['method']} {r['pattern']}" for r in self.routes if f"{r['method']} {r['pattern']}" not in FIXTURES]
        self.assertEqual(missing, [], "routes without a FIXTURES entry: add one (or a skip with its reason)")
        cases = leaks = 0
        self.mismatches = []
        skipped = [k for k, v in FIXTURES.items() if "skip" in v]
        for route in signed_in:
            key = f"{route['method']} {route['pattern']}"
            if "skip" in FIXTURES[key]:
                continue
            # Refusals first, so that an allowed write cannot change what a later refusal sees.
            has_object = "{" in route["pattern"] or FIXTURES[key].get("object_in_body")
            plan = [(role, own) for role in ROLES for own in ((True, False) if has_object else (True,))]
            plan.sort(key=lambda ro: self.expect_refusal(route, *ro) is False)
            for role, own in plan:
                refuse = self.expect_refusal(route, role, own)
                with self.subTest(route=key, role=role, own=own):
                    path, request = self.prepare(route, role, own)
                    before = self.snapshot() if refuse else None
                    status, body = self.clients[role].request(route["method"], path, **request)
                    cases += 1
                    if refuse != (status in REFUSED):
                        self.mismatches.append((key, role, own, status, str(body)[:140]))
                    if refuse:
                        ok = status in REFUSED and self.snapshot() == before
                        if not ok:
                            leaks += 1
                            if status in REFUSED:
                                self.mismatches.append((key, role, own, status, "refused but the database changed"))
                        self.assertIn(status, REFUSED, body)
                        self.assertEqual(self.snapshot(), before, f"a refused {key} changed the database")
                    else:
                        self.assertNotIn(status, REFUSED, body)
        print(f"\npolicy matrix: {len(signed_in)} signed-in routes × {len(ROLES)} roles × own/other = {cases} cases, "
              f"{leaks} leaks; {len(skipped)} routes skipped by reason: " + "; ".join(f"{k} ({FIXTURES[k]['skip']})" for k in skipped))
        for m in self.mismatches:
            print("mismatch:", *m)
        self.assertEqual(leaks, 0)

    @staticmethod
    def expect_refusal(route, role, own):
        reach = route["roles"][role]
        return reach == "none" or (reach == "own" and not own)


if __name__ == "__main__":
    unittest.main(verbosity=2, warnings="ignore")
