// sync_state: the sync client's rows (migration 20) and its reads of the outbox, journal and audit trail.
#include "store/sync_state.hpp"

#include <array>

namespace classbook::store {
namespace {

constexpr const char* state_columns =
    "SELECT box_uuid, acknowledged_through, last_attempt_at, last_success_at, last_error, last_error_at, "
    "snapshot_done, snapshot_outbox_seq, snapshot_sent, snapshot_part, snapshot_key, anchor, snapshot_started FROM sync_state "
    "WHERE id = 1";

// One part of the snapshot: the entity it is sent as, the op, and a SELECT of (uuid, payload,
// changed_at, key) whose {where} is replaced by the resume condition on its `key` columns (a row
// value compared with the JSON array of the last row sent) and which is ordered by them.
struct SnapshotPart {
  const char* entity;
  const char* op;
  const char* key_columns;  // "(m.id)" — the row value compared on resume
  int key_arity;
  const char* select;       // with "{where}" where the resume condition (or nothing) goes
};

const std::array<SnapshotPart, snapshot_parts> parts = {{
    {"lesson", "upsert", "(l.id)", 1,
     "SELECT l.uuid, json_object('id', l.uuid, 'date', l.date, 'period', l.period, 'class', c.uuid, 'group', l.group_no, "
     "'subject', s.uuid, 'teacher', t.uuid, 'room', r.name, 'cancelled', json(CASE WHEN l.cancelled THEN 'true' ELSE 'false' END)), "
     "'', json_array(l.id) FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id "
     "JOIN teachers t ON t.id = l.teacher_id LEFT JOIN rooms r ON r.id = l.room_id WHERE 1 {where} ORDER BY l.id"},
    {"lesson", "upsert", "(l.id)", 1,
     "SELECT l.uuid, json_object('id', l.uuid, 'topic', l.topic, 'homework', (SELECT json_group_array(json_object('id', h.uuid, "
     "'text', h.text, 'mandatory', json(CASE WHEN h.mandatory THEN 'true' ELSE 'false' END), 'due_date', h.due_date)) "
     "FROM homework h WHERE h.lesson_id = l.id)), coalesce((SELECT max(h.revised_at) FROM homework h WHERE h.lesson_id = l.id), ''), "
     "json_array(l.id) FROM lessons l WHERE (l.topic <> '' OR EXISTS (SELECT 1 FROM homework h WHERE h.lesson_id = l.id)) "
     "{where} ORDER BY l.id"},
    {"mark", "upsert", "(m.id)", 1,
     "SELECT m.uuid, json_object('id', m.uuid, 'student', s.uuid, 'lesson', l.uuid, 'value', m.value, 'work_type', w.code, "
     "'weight', w.weight, 'comment', m.comment), m.updated_at, json_array(m.id) FROM marks m "
     "JOIN students s ON s.id = m.student_id JOIN lessons l ON l.id = m.lesson_id JOIN work_types w ON w.id = m.work_type_id "
     "WHERE m.deleted_at IS NULL {where} ORDER BY m.id"},
    {"attendance", "upsert", "(a.lesson_id, a.student_id)", 2,
     "SELECT l.uuid || '/' || s.uuid, json_object('lesson', l.uuid, 'student', s.uuid, 'presence', a.presence, "
     "'late_minutes', a.late_minutes), a.set_at, json_array(a.lesson_id, a.student_id) FROM attendance a "
     "JOIN lessons l ON l.id = a.lesson_id JOIN students s ON s.id = a.student_id WHERE 1 {where} "
     "ORDER BY a.lesson_id, a.student_id"},
    {"term_grade", "upsert", "(g.student_id, g.subject_id, g.term)", 3,
     "SELECT g.uuid, json_object('student', st.uuid, 'subject', su.uuid, 'term', g.term, 'grade', g.grade, 'proposed', g.proposed), "
     "g.set_at, json_array(g.student_id, g.subject_id, g.term) FROM term_grades g JOIN students st ON st.id = g.student_id "
     "JOIN subjects su ON su.id = g.subject_id WHERE 1 {where} ORDER BY g.student_id, g.subject_id, g.term"},
    {"absence_notice", "create", "(n.id)", 1,
     "SELECT n.uuid, json_object('student', s.uuid, 'from', n.from_date, 'to', n.to_date, 'reason', n.reason, 'comment', n.comment), "
     "n.created_at, json_array(n.id) FROM absence_notices n JOIN students s ON s.id = n.student_id WHERE 1 {where} ORDER BY n.id"},
    {"acknowledgement", "upsert", "(k.student_id, k.week, k.user_id)", 3,
     "SELECT k.week || '/' || k.student_id, json_object('student', s.uuid, 'week', k.week, 'content_hash', k.content_hash, 'at', k.at), "
     "k.at, json_array(k.student_id, k.week, k.user_id) FROM acknowledgements k JOIN students s ON s.id = k.student_id "
     "WHERE 1 {where} ORDER BY k.student_id, k.week, k.user_id"},
    {"tap", "create", "(t.id)", 1,
     "SELECT t.tap_id, json_object('tap_id', t.tap_id, 'student', s.uuid, 'direction', t.result, 'at', t.at, 'reader', t.reader), "
     "t.received_at, json_array(t.id) FROM taps t JOIN students s ON s.id = t.student_id WHERE 1 {where} ORDER BY t.id"},
    // Not journal rows, but the snapshot moves the cursor over their outbox rows: the links the box told
    // the portal of (roster in, docs/sync.md § Telling the portal of a link) go out with it.
    {"portal_link", "upsert", "(o.seq)", 1,
     "SELECT o.uuid, o.payload, o.created_at, json_array(o.seq) FROM outbox o WHERE o.entity = 'portal_link' {where} ORDER BY o.seq"},
}};

std::string part_sql(const SnapshotPart& p, bool resume) {
  std::string where;
  if (resume) {
    where = std::string(" AND ") + p.key_columns + " > (";
    for (int i = 0; i < p.key_arity; ++i)
      where += (i ? ", " : "") + std::string("json_extract(?1, '$[") + std::to_string(i) + "]')";
    where += ")";
  }
  std::string sql = p.select;
  sql.replace(sql.find("{where}"), 7, where);
  return sql;
}

Status one_update(Db& db, Stmt& q) {
  if (auto s = q.run(); !s) return s;
  if (db.changes() != 1)
    return make_error(Errc::internal, "sync.state_missing", "the sync state row is missing; the database was not migrated");
  return ok_status();
}

}  // namespace

Result<SyncState> read_sync_state(Db& db) {
  auto row = db.prepare(state_columns).first([](Stmt& r) {
    SyncState s;
    s.box_uuid = r.text(0);
    s.acknowledged_through = r.i64(1);
    s.last_attempt_at = r.opt_text(2);
    s.last_success_at = r.opt_text(3);
    s.last_error = r.opt_text(4);
    s.last_error_at = r.opt_text(5);
    s.snapshot_done = r.i64(6) != 0;
    s.snapshot_outbox_seq = r.i64(7);
    s.snapshot_sent = r.i64(8);
    s.snapshot_part = r.i32(9);
    s.snapshot_key = r.text(10);
    s.anchor_seq_at = r.opt_text(11);
    s.snapshot_started = r.i64(12) != 0;
    return s;
  });
  if (!row) return row.error();
  if (!*row)
    return make_error(Errc::internal, "sync.state_missing", "the sync state row is missing; the database was not migrated");
  return std::move(**row);
}

Result<std::string> ensure_sync_box_uuid(Db& db, const std::string& fresh_uuid) {
  if (auto s = db.prepare("UPDATE sync_state SET box_uuid = ? WHERE id = 1 AND box_uuid = ''").bind(1, fresh_uuid).run(); !s)
    return s.error();
  auto state = read_sync_state(db);
  if (!state) return state.error();
  return state->box_uuid;
}

Status record_sync_acknowledged(Db& db, std::int64_t through, const std::string& at, const std::string& anchor) {
  return one_update(db, db.prepare("UPDATE sync_state SET acknowledged_through = max(acknowledged_through, ?), "
                                   "last_success_at = ?2, last_error = NULL, last_error_at = NULL, anchor = ?3 WHERE id = 1")
                            .bind(1, through).bind(2, at).bind(3, anchor));
}

Status record_portal_cursor(Db& db, std::int64_t through) {
  return one_update(db, db.prepare("UPDATE sync_state SET acknowledged_through = max(acknowledged_through, ?) WHERE id = 1")
                            .bind(1, through));
}

Status record_sync_attempt(Db& db, const std::string& at) {
  return one_update(db, db.prepare("UPDATE sync_state SET last_attempt_at = ? WHERE id = 1").bind(1, at));
}

Status record_sync_error(Db& db, const std::string& at, const std::string& error) {
  return one_update(db, db.prepare("UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1").bind(1, error).bind(2, at));
}

Status record_sync_success(Db& db, const std::string& at) {
  return one_update(db, db.prepare("UPDATE sync_state SET last_success_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1")
                            .bind(1, at));
}

Status record_sync_refusals(Db& db, const std::vector<SyncRefusal>& refused) {
  if (refused.empty()) return ok_status();
  for (const auto& r : refused)
    if (auto s = db.prepare("INSERT INTO sync_refusals(seq, reason, at) VALUES (?,?,?)").bind(1, r.seq).bind(2, r.reason).bind(3, r.at).run();
        !s)
      return s;
  return db.prepare("DELETE FROM sync_refusals WHERE id <= (SELECT max(id) FROM sync_refusals) - ?")
      .bind(1, static_cast<std::int64_t>(max_sync_refusals_kept))
      .run();
}

Status record_snapshot_progress(Db& db, std::int64_t outbox_seq, std::int64_t sent, int part, const std::string& key) {
  return one_update(db, db.prepare("UPDATE sync_state SET snapshot_outbox_seq = ?, snapshot_sent = ?, snapshot_part = ?, "
                                   "snapshot_key = ? WHERE id = 1")
                            .bind(1, outbox_seq).bind(2, sent).bind(3, part).bind(4, key));
}

Status record_snapshot_start(Db& db, std::int64_t outbox_seq) {
  return one_update(db, db.prepare("UPDATE sync_state SET snapshot_started = 1, snapshot_outbox_seq = ? WHERE id = 1")
                            .bind(1, outbox_seq));
}

Status record_snapshot_done(Db& db, std::int64_t outbox_seq, const std::string& at) {
  return one_update(db, db.prepare("UPDATE sync_state SET snapshot_done = 1, snapshot_outbox_seq = ?1, "
                                   "acknowledged_through = max(acknowledged_through, ?1), last_success_at = ?2 WHERE id = 1")
                            .bind(1, outbox_seq).bind(2, at));
}

Result<std::vector<SyncRefusal>> sync_refusals(Db& db, std::size_t limit) {
  return db.prepare("SELECT seq, reason, at FROM sync_refusals ORDER BY id DESC LIMIT ?")
      .bind(1, static_cast<std::int64_t>(limit))
      .all([](Stmt& r) { return SyncRefusal{r.i64(0), r.text(1), r.text(2)}; });
}

Result<std::vector<OutboxRow>> outbox_after(Db& db, std::int64_t after, std::size_t limit) {
  return db.prepare("SELECT seq, entity, uuid, op, payload, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?")
      .bind(1, after)
      .bind(2, static_cast<std::int64_t>(limit))
      .all([](Stmt& r) { return OutboxRow{r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)}; });
}

Result<std::int64_t> outbox_count_after(Db& db, std::int64_t after) {
  return db.prepare("SELECT count(*) FROM outbox WHERE seq > ?").bind(1, after).first_or([](Stmt& r) { return r.i64(0); },
                                                                                          std::int64_t{0});
}

Result<std::int64_t> outbox_max_seq(Db& db) {
  return db.prepare("SELECT coalesce(max(seq), 0) FROM outbox").first_or([](Stmt& r) { return r.i64(0); }, std::int64_t{0});
}

Result<AuditHead> audit_head(Db& db) {
  return db.prepare("SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1")
      .first_or([](Stmt& r) { return AuditHead{r.i64(0), r.text(1), r.text(2)}; }, AuditHead{});
}

Result<std::optional<AuditHead>> audit_entry_at(Db& db, std::int64_t seq) {
  return db.prepare("SELECT seq, hash, at FROM audit WHERE seq = ?").bind(1, seq).first([](Stmt& r) {
    return AuditHead{r.i64(0), r.text(1), r.text(2)};
  });
}

Result<bool> journal_has_rows(Db& db) {
  return db.prepare("SELECT EXISTS (SELECT 1 FROM marks) OR EXISTS (SELECT 1 FROM attendance) OR EXISTS (SELECT 1 FROM lessons) "
                    "OR EXISTS (SELECT 1 FROM term_grades)")
      .first_or([](Stmt& r) { return r.i64(0) != 0; }, false);
}

Status each_snapshot_row(Db& db, int part, const std::string& key,
                         const std::function<bool(const OutboxRow&, int, const std::string&)>& each) {
  for (int p = part; p < snapshot_parts; ++p) {
    const bool resume = p == part && !key.empty();
    auto& q = db.prepare(part_sql(parts[static_cast<std::size_t>(p)], resume));
    if (resume) q.bind(1, key);
    OutboxRow row;
    row.entity = parts[static_cast<std::size_t>(p)].entity;
    row.op = parts[static_cast<std::size_t>(p)].op;
    for (;;) {
      auto more = q.next();
      if (!more) return more.error();
      if (!*more) break;
      row.uuid = q.text(0);
      row.payload = q.text(1);
      row.created_at = q.text(2);
      // Stopping leaves the statement mid-way; the next prepare of its text resets it.
      if (!each(row, p, q.text(3))) return ok_status();
    }
  }
  return ok_status();
}

Result<std::int64_t> snapshot_row_count(Db& db) {
  return db.prepare("SELECT (SELECT count(*) FROM lessons) + (SELECT count(*) FROM lessons l WHERE l.topic <> '' OR EXISTS "
                    "(SELECT 1 FROM homework h WHERE h.lesson_id = l.id)) + (SELECT count(*) FROM marks WHERE deleted_at IS NULL) + "
                    "(SELECT count(*) FROM attendance) + (SELECT count(*) FROM term_grades) + (SELECT count(*) FROM absence_notices) + "
                    "(SELECT count(*) FROM acknowledgements) + (SELECT count(*) FROM taps WHERE student_id IS NOT NULL) + "
                    "(SELECT count(*) FROM outbox WHERE entity = 'portal_link')")
      .first_or([](Stmt& r) { return r.i64(0); }, std::int64_t{0});
}

}  // namespace classbook::store
