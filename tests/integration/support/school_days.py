"""school_days: a school day's journal changes written into a box's database, each with the outbox row the
box's use cases write beside it (server/app/writes.cpp, taps.cpp) — for the sync's benchmark and fault
campaign, which measure and check the sync, not the use cases. Payloads have the use cases' exact field
names; the audit trail is not written (nothing in the sync reads it).

A day: the marks of one date's lessons upserted again (a fraction with a new value: edits), a few of
them deleted, new marks, the attendance of that day, lesson contents (topic, homework), taps."""
import json
import random
import sqlite3
import uuid

NOW = "2026-12-07T15:00:00Z"


def _outbox(db, entity, key, op, payload):
    db.execute("INSERT INTO outbox(entity, uuid, op, payload, created_at) VALUES (?,?,?,?,?)",
               (entity, key, op, json.dumps(payload, ensure_ascii=False, separators=(",", ":")), NOW))


def school_day(db_path, rng, date=None, scale=1.0):
    """Writes one day's changes; returns {kind: count} of the outbox rows written. `date` defaults to the
    latest lesson date; `scale` < 1 takes that share of its lessons (a small day for the campaign)."""
    db = sqlite3.connect(db_path, timeout=60)
    counts = {}

    def count(k):
        counts[k] = counts.get(k, 0) + 1

    try:
        db.execute("BEGIN IMMEDIATE")
        if date is None:
            date = db.execute("SELECT max(date) FROM lessons").fetchone()[0]
        lessons = db.execute("SELECT l.id, l.uuid, l.class_id FROM lessons l WHERE l.date = ? ORDER BY l.id", (date,)).fetchall()
        if scale < 1:
            lessons = [x for x in lessons if rng.random() < scale]
        work_types = db.execute("SELECT id, code, weight FROM work_types ORDER BY id").fetchall()
        set_by = db.execute("SELECT coalesce(min(id), 1) FROM users").fetchone()[0]
        for lesson_id, lesson_uuid, class_id in lessons:
            pupils = db.execute("SELECT id, uuid FROM students WHERE class_id = ? ORDER BY id", (class_id,)).fetchall()
            marks = db.execute(
                "SELECT m.id, m.uuid, s.uuid, m.value, w.code, w.weight, m.comment FROM marks m "
                "JOIN students s ON s.id = m.student_id JOIN work_types w ON w.id = m.work_type_id "
                "WHERE m.lesson_id = ? AND m.deleted_at IS NULL ORDER BY m.id", (lesson_id,)).fetchall()
            for mid, muuid, suuid, value, code, weight, comment in marks:
                r = rng.random()
                if r < 0.03:  # deleted
                    db.execute("UPDATE marks SET deleted_at = ?, deleted_reason = 'campaign' WHERE id = ?", (NOW, mid))
                    _outbox(db, "mark", muuid, "delete", {"id": muuid})
                    count("mark_delete")
                    continue
                if r < 0.15:  # edited
                    value = value % 5 + 1
                    db.execute("UPDATE marks SET value = ?, updated_at = ? WHERE id = ?", (value, NOW, mid))
                _outbox(db, "mark", muuid, "upsert", {"id": muuid, "student": suuid, "lesson": lesson_uuid, "value": value,
                                                      "work_type": code, "weight": weight, "comment": comment})
                count("mark")
            for pid, puuid in pupils:
                if work_types and rng.random() < 0.08:  # a new mark
                    wid, code, weight = rng.choice(work_types)
                    muuid, value = str(uuid.UUID(int=rng.getrandbits(128), version=4)), rng.randint(2, 5)
                    db.execute("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, comment, set_by, created_at, "
                               "updated_at) VALUES (?,?,?,?,?,'',?,?,?)", (muuid, pid, lesson_id, value, wid, set_by, NOW, NOW))
                    _outbox(db, "mark", muuid, "upsert", {"id": muuid, "student": puuid, "lesson": lesson_uuid, "value": value,
                                                          "work_type": code, "weight": weight, "comment": ""})
                    count("mark")
                r = rng.random()
                if r < 0.06:  # attendance: absent, late, or back to present
                    presence = rng.choice(["absent_unexcused", "absent_excused", "late", "present"])
                    late = rng.randint(3, 20) if presence == "late" else 0
                    db.execute("INSERT INTO attendance(lesson_id, student_id, presence, late_minutes, set_by, set_at) "
                               "VALUES (?,?,?,?,?,?) ON CONFLICT(lesson_id, student_id) DO UPDATE SET presence = excluded.presence, "
                               "late_minutes = excluded.late_minutes, set_at = excluded.set_at",
                               (lesson_id, pid, presence, late, set_by, NOW))
                    _outbox(db, "attendance", lesson_uuid + "/" + puuid, "upsert",
                            {"lesson": lesson_uuid, "student": puuid, "presence": presence, "late_minutes": late})
                    count("attendance")
            if rng.random() < 0.5:  # the lesson's content: topic and homework, always whole
                topic = "Тема " + str(rng.randint(1, 999))
                db.execute("UPDATE lessons SET topic = ? WHERE id = ?", (topic, lesson_id))
                _outbox(db, "lesson", lesson_uuid, "upsert", {"id": lesson_uuid, "topic": topic, "homework": []})
                count("lesson")
        for pid, puuid, card in db.execute("SELECT id, uuid, coalesce(card, '') FROM students ORDER BY id").fetchall():
            if rng.random() < 0.5 * (scale if scale < 1 else 1):
                tap_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                at = date + "T07:5" + str(rng.randint(0, 9)) + ":00Z"
                db.execute("INSERT INTO taps(tap_id, student_id, card, reader, kiosk, at, result, received_at) "
                           "VALUES (?,?,?,'bench-entrance','',?,'in',?)", (tap_id, pid, card, at, NOW))
                _outbox(db, "tap", tap_id, "create", {"tap_id": tap_id, "student": puuid, "direction": "in", "at": at,
                                                      "reader": "bench-entrance"})
                count("tap")
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()
    return counts
