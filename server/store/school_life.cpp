// school_life: SQL for the school's events and clubs — the feed, the office's writes, members, closing.
#include "store/community.hpp"
#include "store/id_list.hpp"

namespace classbook::store {
namespace {

constexpr const char* event_select =
    "SELECT e.uuid, e.date, coalesce(c.uuid, ''), coalesce(c.name, ''), e.title, e.body, e.start_minute, e.end_minute, "
    "e.place, e.cancelled_at, e.cancel_reason, e.id, e.class_id FROM events e LEFT JOIN classes c ON c.id = e.class_id ";

std::optional<int> opt_int(Stmt& r, int col) {
  if (r.is_null(col)) return std::nullopt;
  return r.i32(col);
}

EventRecord read_event(Stmt& r) {
  EventRecord e{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
  e.start_minute = opt_int(r, 6);
  e.end_minute = opt_int(r, 7);
  e.place = r.text(8);
  e.cancelled_at = r.opt_text(9);
  e.cancel_reason = r.opt_text(10);
  e.id = r.i64(11);
  e.class_id = r.opt_i64(12);
  return e;
}

constexpr const char* club_select =
    "SELECT cl.id, cl.uuid, cl.name, "
    "coalesce(trim(t.last_name || ' ' || t.first_name || ' ' || t.middle_name), ''), coalesce(r.name, ''), "
    "(SELECT count(*) FROM club_members cm WHERE cm.club_id = cl.id), coalesce(t.uuid, ''), cl.teacher_id, cl.room_id, "
    "cl.closed_at, cl.closed_reason "
    "FROM clubs cl LEFT JOIN teachers t ON t.id = cl.teacher_id LEFT JOIN rooms r ON r.id = cl.room_id ";

Result<std::vector<ClubRecord>> read_clubs(Db& db, Stmt& q) {
  auto out = q.all([](Stmt& r) {
    ClubRecord c;
    c.id = r.i64(0);
    c.uuid = r.text(1);
    c.name = r.text(2);
    c.teacher = r.text(3);
    c.room = r.text(4);
    c.member_count = r.i32(5);
    c.teacher_uuid = r.text(6);
    c.teacher_id = r.opt_i64(7);
    c.room_id = r.opt_i64(8);
    c.closed_at = r.opt_text(9);
    c.closed_reason = r.opt_text(10);
    return c;
  });
  if (!out) return out;
  for (auto& c : *out) {
    auto& s = db.prepare(
        "SELECT weekday, start_minute, end_minute FROM club_sessions WHERE club_id=? ORDER BY weekday, start_minute");
    s.bind(1, c.id);
    if (auto st = s.each([&](Stmt& r) { c.sessions.push_back({r.i32(0), r.i32(1), r.i32(2)}); }); !st)
      return st.error();
  }
  return out;
}

}  // namespace

// --- events ---------------------------------------------------------------------------------------

Result<std::vector<EventRecord>> events_for(Db& db, const ClassScope& scope, domain::Date from, domain::Date to, int limit) {
  auto& q = db.prepare(std::string(event_select) +
                       "WHERE e.date BETWEEN ? AND ? "
                       "AND (? OR e.class_id IS NULL OR e.class_id IN (SELECT value FROM json_each(?))) "
                       "ORDER BY e.date, e.start_minute, c.name, e.id LIMIT ?");
  q.bind(1, domain::format_date(from)).bind(2, domain::format_date(to)).bind(3, scope.all_classes ? 1 : 0);
  q.bind(4, id_array(scope.class_ids)).bind(5, limit);
  return q.all(read_event);
}

Result<std::optional<EventRecord>> find_event(Db& db, std::string_view uuid) {
  auto& q = db.prepare(std::string(event_select) + "WHERE e.uuid=?");
  q.bind(1, uuid);
  return q.first(read_event);
}

Result<Id> insert_event(Db& db, const EventRecord& e, Id created_by, const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO events(uuid, class_id, date, title, body, start_minute, end_minute, place, created_by, updated_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, e.uuid).bind(2, e.class_id).bind(3, e.date).bind(4, e.title).bind(5, e.body);
  q.bind(6, e.start_minute).bind(7, e.end_minute).bind(8, e.place).bind(9, created_by).bind(10, now);
  if (auto st = q.run(); !st) return st.error();
  return db.last_insert_id();
}

Status update_event(Db& db, const EventRecord& e, const std::string& now) {
  return db.prepare("UPDATE events SET class_id=?, date=?, title=?, body=?, start_minute=?, end_minute=?, place=?, "
                    "updated_at=? WHERE id=?")
      .bind(1, e.class_id).bind(2, e.date).bind(3, e.title).bind(4, e.body).bind(5, e.start_minute)
      .bind(6, e.end_minute).bind(7, e.place).bind(8, now).bind(9, e.id).run();
}

Status cancel_event(Db& db, Id event_id, const std::string& reason, const std::string& now) {
  return db.prepare("UPDATE events SET cancelled_at=?, cancel_reason=?, updated_at=? WHERE id=? AND cancelled_at IS NULL")
      .bind(1, now).bind(2, reason).bind(3, now).bind(4, event_id).run();
}

// --- clubs ----------------------------------------------------------------------------------------

Result<std::vector<ClubRecord>> all_clubs(Db& db) {
  return read_clubs(db, db.prepare(std::string(club_select) + "WHERE cl.closed_at IS NULL ORDER BY cl.name, cl.id"));
}

Result<std::vector<ClubRecord>> clubs_of_student(Db& db, Id student_id) {
  auto& q = db.prepare(std::string(club_select) +
                       "JOIN club_members m ON m.club_id = cl.id WHERE m.student_id=? AND cl.closed_at IS NULL "
                       "ORDER BY cl.name, cl.id");
  return read_clubs(db, q.bind(1, student_id));
}

Result<std::optional<ClubRecord>> find_club(Db& db, std::string_view uuid) {
  auto& q = db.prepare(std::string(club_select) + "WHERE cl.uuid=?");
  auto found = read_clubs(db, q.bind(1, uuid));
  if (!found) return found.error();
  if (found->empty()) return std::optional<ClubRecord>{};
  return std::optional<ClubRecord>{std::move(found->front())};
}

Result<Id> insert_club(Db& db, const ClubRecord& c) {
  auto& q = db.prepare("INSERT INTO clubs(uuid, name, teacher_id, room_id) VALUES (?,?,?,?)");
  q.bind(1, c.uuid).bind(2, c.name).bind(3, c.teacher_id).bind(4, c.room_id);
  if (auto st = q.run(); !st) return st.error();
  return db.last_insert_id();
}

Status update_club(Db& db, const ClubRecord& c) {
  return db.prepare("UPDATE clubs SET name=?, teacher_id=?, room_id=? WHERE id=?")
      .bind(1, c.name).bind(2, c.teacher_id).bind(3, c.room_id).bind(4, c.id).run();
}

Status replace_club_sessions(Db& db, Id club_id, const std::vector<domain::ClubSession>& sessions) {
  if (auto st = db.prepare("DELETE FROM club_sessions WHERE club_id=?").bind(1, club_id).run(); !st) return st;
  for (const auto& s : sessions)
    if (auto st = db.prepare("INSERT INTO club_sessions(club_id, weekday, start_minute, end_minute) VALUES (?,?,?,?)")
                      .bind(1, club_id).bind(2, s.weekday).bind(3, s.start_minute).bind(4, s.end_minute).run();
        !st)
      return st;
  return ok_status();
}

Status close_club(Db& db, Id club_id, const std::string& reason, const std::string& now) {
  return db.prepare("UPDATE clubs SET closed_at=?, closed_reason=? WHERE id=? AND closed_at IS NULL")
      .bind(1, now).bind(2, reason).bind(3, club_id).run();
}

Result<bool> is_club_member(Db& db, Id club_id, Id student_id) {
  auto& q = db.prepare("SELECT 1 FROM club_members WHERE club_id=? AND student_id=?");
  q.bind(1, club_id).bind(2, student_id);
  auto row = q.first([](Stmt&) { return true; });
  if (!row) return row.error();
  return row->has_value();
}

Status add_club_member(Db& db, Id club_id, Id student_id) {
  return db.prepare("INSERT OR IGNORE INTO club_members(club_id, student_id) VALUES (?,?)").bind(1, club_id).bind(2, student_id).run();
}

Status remove_club_member(Db& db, Id club_id, Id student_id) {
  return db.prepare("DELETE FROM club_members WHERE club_id=? AND student_id=?").bind(1, club_id).bind(2, student_id).run();
}

}  // namespace classbook::store
