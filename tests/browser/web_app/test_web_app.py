#!/usr/bin/env python3
"""browser.web_app: the browser app in real headless Chromium against a real classbookd with a demo
school (tests/integration/box.py); the scenarios are in web_app.mjs (playwright-core from
server/web's pinned tools). Screenshots are kept in --out. Exits 77 (skipped) only when Chromium
is not installed."""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "integration"))
from box import Box  # noqa: E402
from test_api_clients import access_token, add_client  # noqa: E402


def client_mark(box, teacher):
    """issue 13 (OneRoster writes): a learning platform's test in the teacher's first class and subject
    (the grid the scenarios open), scored 13 of 20 for one pupil on the term's first lesson — a mark
    the teacher's cell panel must say came from the platform, with the raw score."""
    me = box.signed_in(teacher).request("GET", "/api/v1/me")[1]
    first = me["teaches"][0]
    with box.db() as db:
        lesson_date, pupil = db.execute(
            "SELECT l.date, (SELECT s.uuid FROM students s WHERE s.class_id = c.id AND s.left_on IS NULL ORDER BY s.last_name DESC LIMIT 1) "
            "FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects sub ON sub.id = l.subject_id "
            "WHERE c.uuid = ? AND sub.uuid = ? AND l.date >= '2026-11-01' AND l.cancelled = 0 ORDER BY l.date, l.period LIMIT 1",
            (first["class_id"], first["subject_id"])).fetchone()
        work_type = db.execute("SELECT code FROM work_types ORDER BY weight DESC, code LIMIT 1").fetchone()[0]
    client_id, secret, _ = add_client(box, "Учебная платформа", "gradebook.createput")
    token = access_token(box, client_id, secret)
    headers = {"Authorization": "Bearer " + token}
    item, result = str(uuid.uuid4()), str(uuid.uuid4())
    g = "/ims/oneroster/gradebook/v1p2"
    status, body = box.client().request("PUT", f"{g}/lineItems/{item}", {"lineItem": {
        "title": "Тест по дробям", "class": {"sourcedId": f"{first['class_id']}~{first['subject_id']}"},
        "category": {"sourcedId": f"wt-{work_type}"}, "dueDate": lesson_date, "assignDate": lesson_date,
        "resultValueMin": 0, "resultValueMax": 20}}, headers=headers, csrf=False)
    assert status == 201, (status, body)
    status, body = box.client().request("PUT", f"{g}/results/{result}", {"result": {
        "lineItem": {"sourcedId": item}, "student": {"sourcedId": pupil}, "scoreStatus": "fully graded",
        "score": 13, "scoreDate": lesson_date}}, headers=headers, csrf=False)
    assert status == 201, (status, body)
    return {"pupil": pupil, "client": "Учебная платформа", "title": "Тест по дробям", "score": "13", "max": "20"}


def record_substitution(box, office, child, busy_logins):
    """The office gives a lesson of the next school day (from today on, its lessons made) to a teacher
    who teaches nothing in that class: {login, password, lesson, class, subject, week} for the
    substitute's scenario. Another class than the guardian's child's, whose week other scenarios read."""
    school = office.request("GET", "/api/v1/school")[1]
    in_term = lambda d: any(t["from"] <= d.isoformat() <= t["to"] for t in school["terms"])  # noqa: E731
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=180)).date()
    accounts = {a["person_id"]: a for a in box.accounts if a["role"] == "teacher" and a["login"] not in busy_logins}
    for day in (today + datetime.timedelta(days=n) for n in range(14)):
        if day.isoweekday() > 5 or not in_term(day):
            continue
        status, made = office.request("POST", "/api/v1/lessons/make", {"from": day.isoformat(), "to": day.isoformat()})
        assert status == 200, (status, made)
        with box.db() as db:
            lessons = db.execute(
                "SELECT l.uuid, c.id, c.uuid, c.name, l.period, s.name FROM lessons l JOIN classes c ON c.id=l.class_id "
                "JOIN subjects s ON s.id=l.subject_id WHERE l.date=? AND l.group_no=0 AND l.cancelled=0 "
                "AND c.id <> (SELECT class_id FROM students WHERE uuid=?) ORDER BY c.name, l.period",
                (day.isoformat(), child)).fetchall()
            teaching = db.execute("SELECT t.uuid, x.class_id FROM teaching x JOIN teachers t ON t.id=x.teacher_id").fetchall()
        for lesson, class_row, class_uuid, class_name, period, subject in lessons[:20]:
            strangers = sorted({t for t, _ in teaching if t in accounts} - {t for t, c in teaching if c == class_row})
            for teacher in strangers[:10]:
                status, change = office.request("POST", "/api/v1/timetable-changes", {
                    "date": day.isoformat(), "class_id": class_uuid, "period": period, "kind": "substitution",
                    "teacher_id": teacher, "note": "учитель на курсах"})
                if status == 201:
                    assert change["lessons_updated"] == 1, change
                    account = accounts[teacher]
                    return {"login": account["login"], "password": account["password"], "lesson": lesson,
                            "class": class_name, "subject": subject, "week": "%d-W%02d" % day.isocalendar()[:2]}
    raise AssertionError("no lesson of the next two weeks could be given to a substitute")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--web-dir", required=True, help="server/web, where npm ci installed playwright-core and axe-core")
    ap.add_argument("--out", required=True, help="folder for screenshots")
    args = ap.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        print(f"skipped: no Chromium at {chromium}")
        return 77
    box = Box(students=60, weeks=2).start()
    try:
        guardian = box.account("guardian", lambda a: len(a["children"]) >= 1)
        other = next(a["person_id"] for a in box.accounts
                     if a["role"] == "student" and a["person_id"] not in guardian["children"])
        pupil = box.account("student")
        teacher = box.account("teacher")
        person = lambda a: {"login": a["login"], "password": a["password"]}  # noqa: E731
        # A conversation for the guardian to answer: the child's class teacher writes first.
        with box.db() as db:
            lead = db.execute("SELECT t.uuid FROM students s JOIN classes c ON c.id=s.class_id "
                              "JOIN teachers t ON t.id=c.class_teacher_id WHERE s.uuid=?",
                              (guardian["children"][0],)).fetchone()[0]
            guardian_user = db.execute("SELECT uuid FROM users WHERE login=?", (guardian["login"],)).fetchone()[0]
        homeroom = next(a for a in box.accounts if a["role"] == "teacher" and a["person_id"] == lead)
        # For the live scenarios: a lesson of the child's class in the demo week, and its teacher.
        live_lesson, live_teacher = box.lessons_of(guardian["children"][0], "2026-11-16", "2026-11-22")[0]
        status, thread = box.signed_in(homeroom).request(
            "POST", "/api/v1/threads", {"to_user_id": guardian_user, "subject": "Экскурсия в пятницу",
                                        "body": "Добрый день! В пятницу экскурсия, нужна форма."})
        assert status == 201, (status, thread)
        # issue 10 (pupil's more, class day): a club for the child and the class teacher's note on its week.
        child = guardian["children"][0]
        with box.db() as db:
            child_id = db.execute("SELECT id FROM students WHERE uuid=?", (child,)).fetchone()[0]
            db.execute("INSERT INTO clubs(uuid, name) VALUES (?, 'Шахматы')", (str(uuid.uuid4()),))
            club = db.execute("SELECT id FROM clubs WHERE name='Шахматы'").fetchone()[0]
            db.execute("INSERT INTO club_sessions VALUES (?,3,900,990)", (club,))
            db.execute("INSERT INTO club_members VALUES (?,?)", (club, child_id))
            db.execute("INSERT INTO clubs(uuid, name) VALUES (?, 'Хор')", (str(uuid.uuid4()),))
        status, note = box.signed_in(homeroom).request("PUT", f"/api/v1/students/{child}/weeks/2026-W47/behaviour",
                                                       {"text": "Старательная неделя, помогала дежурным."})
        assert status == 200, (status, note)
        # class day (card anomalies): the entrance's log of the shown day names the child twice (as a tap
        # through two entrances would, 07:55 and 07:56 Moscow time); the audit check's finding about the
        # same child and an unknown card are the office's and must not show.
        with box.db() as db:
            kiosk = db.execute("SELECT id FROM kiosks WHERE name='entrance-1'").fetchone()[0]
            child_name = db.execute("SELECT first_name || ' ' || last_name FROM students WHERE id=?", (child_id,)).fetchone()[0]
            for at, kind, who in (("2026-11-17T04:55:10.000Z", "two_entrances", child_id),
                                  ("2026-11-17T04:56:30.000Z", "already_inside", child_id),
                                  ("2026-11-17T05:00:00.000Z", "audit_mismatch", child_id),
                                  ("2026-11-17T05:01:00.000Z", "unknown_cards", None)):
                db.execute("INSERT INTO security_events(uuid, at, kind, kiosk_id, card, student_id, detail) "
                           "VALUES (?,?,?,?,?,?,?)", (str(uuid.uuid4()), at, kind, kiosk, "AA01", who, "browser test"))
        # messages (issue 10): a second, unread conversation for the badge, and a teacher of the
        # child's class (not the class teacher) for the guardian to pick by name.
        status, thread = box.signed_in(homeroom).request(
            "POST", "/api/v1/threads", {"to_user_id": guardian_user, "subject": "Родительское собрание",
                                        "body": "Собрание в четверг в 18:00."})
        assert status == 201, (status, thread)
        with box.db() as db:
            teacher_name = db.execute(
                "SELECT u.display_name FROM students s JOIN teaching x ON x.class_id=s.class_id "
                "JOIN teachers t ON t.id=x.teacher_id JOIN users u ON u.role='teacher' AND u.person_id=t.id "
                "WHERE s.uuid=? AND t.uuid<>? ORDER BY u.display_name LIMIT 1",
                (guardian["children"][0], lead)).fetchone()[0]
        # timetable (issue 10): on a Tuesday after the demo weeks (no journal lessons yet, so nothing
        # written in them stops a change) the office cancels one of the child's class's lessons and
        # has another taken by a substitute (the first teacher free then).
        office = box.signed_in(box.account("secretary"))
        with box.db() as db:
            class_uuid = db.execute("SELECT c.uuid FROM students s JOIN classes c ON c.id=s.class_id WHERE s.uuid=?",
                                    (guardian["children"][0],)).fetchone()[0]
        status, tt = office.request("GET", f"/api/v1/classes/{class_uuid}/timetable")
        assert status == 200, (status, tt)
        tuesday = sorted((l for l in tt["lessons"] if l["weekday"] == 2), key=lambda l: l["period"])
        assert len(tuesday) >= 2, tt
        teachers = [t["id"] for t in office.request("GET", "/api/v1/teachers")[1]["teachers"]]
        changes, tt_week = {}, None
        for date, week in (("2026-12-01", "2026-W49"), ("2026-12-08", "2026-W50"), ("2026-12-15", "2026-W51")):
            changes = {}  # both on the same date
            for kind, lesson in (("cancelled", tuesday[0]), ("substitution", tuesday[-1])):
                body = {"date": date, "class_id": class_uuid, "period": lesson["period"], "group": lesson["group"], "kind": kind}
                for substitute in [None] if kind == "cancelled" else [t for t in teachers if t != lesson["teacher"]["id"]]:
                    status, change = office.request("POST", "/api/v1/timetable-changes",
                                                    dict(body, **({"teacher_id": substitute} if substitute else {})))
                    if status == 201:
                        changes[kind] = lesson["subject"]["name"]
                        break
            if len(changes) == 2:
                tt_week = week
                break
        assert tt_week, ("no Tuesday took both changes", changes, status, change)
        substitute = record_substitution(box, office, guardian["children"][0],
                                         {a["login"] for a in (teacher, live_teacher, homeroom)})
        platform_mark = client_mark(box, teacher)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"url": f"https://localhost:{box.port}", "web_dir": args.web_dir, "out": args.out,
                       "data": box.data,  # issue 13: the notices scenario reads the box's database back
                       "week": "2026-W47",
                       "guardian": {**person(guardian), "child": guardian["children"][0], "teacher_name": teacher_name},
                       "timetable_changes": changes, "timetable_week": tt_week,
                       "other_child": other, "pupil": person(pupil), "teacher": person(teacher),
                       "live": {"teacher": person(live_teacher), "lesson": live_lesson, "port": box.port},
                       # issue 10 (class day)
                       "class_teacher": person(homeroom), "class_day": "2026-11-17",
                       # substitute screens: a lesson the office gave to a substitute
                       "substitute": substitute,
                       "class_day_anomalies": {"pupil": child_name, "kiosk": "entrance-1", "times": ["07:55", "07:56"],
                                               "count": 2},
                       "client_mark": platform_mark}, f)
            config = f.name
        node = shutil.which("node") or "/usr/bin/node"
        return subprocess.run([node, os.path.join(here, "web_app.mjs"), config], timeout=600).returncode
    finally:
        box.cleanup()
        os.unlink(config)


if __name__ == "__main__":
    sys.exit(main())
