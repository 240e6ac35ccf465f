// client_gradebook: see the header.
#include "store/client_gradebook.hpp"

namespace classbook::store {
namespace {

constexpr const char* line_item_columns =
    "SELECT li.id, li.sourced_id, li.client_id, ac.name, li.class_id, li.subject_id, c.uuid, sub.uuid, li.work_type_id, "
    "li.due_date, li.result_min, li.result_max, li.title, li.record, li.status, li.modified_at "
    "FROM client_line_items li JOIN api_clients ac ON ac.id = li.client_id JOIN classes c ON c.id = li.class_id "
    "JOIN subjects sub ON sub.id = li.subject_id ";

ClientLineItem read_line_item(Stmt& q) {
  ClientLineItem i;
  i.id = q.i64(0);
  i.sourced_id = q.text(1);
  i.client_id = q.i64(2);
  i.client_name = q.text(3);
  i.class_id = q.i64(4);
  i.subject_id = q.i64(5);
  i.class_uuid = q.text(6);
  i.subject_uuid = q.text(7);
  i.work_type_id = q.i64(8);
  i.due_date = q.text(9);
  i.result_min = q.f64(10);
  i.result_max = q.f64(11);
  i.title = q.text(12);
  i.record = q.text(13);
  i.active = q.text(14) == "active";
  i.modified_at = q.text(15);
  return i;
}

constexpr const char* result_columns =
    "SELECT r.id, r.sourced_id, r.client_id, r.line_item_id, li.sourced_id, r.student_id, s.uuid, r.score_status, "
    "r.score, r.record, r.status, r.lesson_id, r.mark_id, r.mark_value, r.modified_at "
    "FROM client_results r JOIN client_line_items li ON li.id = r.line_item_id JOIN students s ON s.id = r.student_id ";

ClientResult read_result(Stmt& q) {
  ClientResult r;
  r.id = q.i64(0);
  r.sourced_id = q.text(1);
  r.client_id = q.i64(2);
  r.line_item_id = q.i64(3);
  r.line_item_sourced_id = q.text(4);
  r.student_id = q.i64(5);
  r.student_uuid = q.text(6);
  r.score_status = q.text(7);
  if (!q.is_null(8)) r.score = q.f64(8);
  r.record = q.text(9);
  r.active = q.text(10) == "active";
  r.lesson_id = q.opt_i64(11);
  r.mark_id = q.opt_i64(12);
  if (!q.is_null(13)) r.mark_value = q.i32(13);
  r.modified_at = q.text(14);
  return r;
}

const char* status_text(bool active) { return active ? "active" : "tobedeleted"; }

}  // namespace

Result<std::optional<ClientLineItem>> find_client_line_item(Db& db, std::string_view sourced_id) {
  return db.prepare(std::string(line_item_columns) + "WHERE li.sourced_id = ?").bind(1, sourced_id).first(read_line_item);
}

Result<std::vector<ClientLineItem>> client_line_items(Db& db, std::optional<Id> class_id, std::optional<Id> subject_id) {
  if (class_id && subject_id)
    return db
        .prepare(std::string(line_item_columns) +
                 "WHERE li.class_id = ? AND li.subject_id = ? AND li.status = 'active' ORDER BY li.due_date, li.sourced_id")
        .bind(1, *class_id).bind(2, *subject_id).all(read_line_item);
  return db.prepare(std::string(line_item_columns) + "WHERE li.status = 'active' ORDER BY li.due_date, li.sourced_id")
      .all(read_line_item);
}

Result<Id> save_client_line_item(Db& db, const ClientLineItem& i) {
  auto& q = db.prepare(
      "INSERT INTO client_line_items(sourced_id, client_id, class_id, subject_id, work_type_id, due_date, result_min, "
      "result_max, title, record, status, modified_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
      "ON CONFLICT(sourced_id) DO UPDATE SET client_id=?2, class_id=?3, subject_id=?4, work_type_id=?5, due_date=?6, "
      "result_min=?7, result_max=?8, title=?9, record=?10, status=?11, modified_at=?12 RETURNING id");
  q.bind(1, i.sourced_id).bind(2, i.client_id).bind(3, i.class_id).bind(4, i.subject_id).bind(5, i.work_type_id);
  q.bind(6, i.due_date).bind(7, i.result_min).bind(8, i.result_max).bind(9, i.title).bind(10, i.record);
  q.bind(11, status_text(i.active)).bind(12, i.modified_at);
  auto id = q.first([](Stmt& r) { return r.i64(0); });
  if (!id) return id.error();
  if (!*id) return make_error(Errc::internal, "store.row_vanished", "the line item was not saved");
  return **id;
}

Result<std::optional<ClientResult>> find_client_result(Db& db, std::string_view sourced_id) {
  return db.prepare(std::string(result_columns) + "WHERE r.sourced_id = ?").bind(1, sourced_id).first(read_result);
}

Result<std::vector<ClientResult>> client_results(Db& db, std::optional<Id> line_item_id) {
  if (line_item_id)
    return db.prepare(std::string(result_columns) + "WHERE r.line_item_id = ? AND r.status = 'active' ORDER BY r.sourced_id")
        .bind(1, *line_item_id).all(read_result);
  return db.prepare(std::string(result_columns) + "WHERE r.status = 'active' ORDER BY li.due_date, li.sourced_id, r.sourced_id")
      .all(read_result);
}

Result<Id> save_client_result(Db& db, const ClientResult& r) {
  auto& q = db.prepare(
      "INSERT INTO client_results(sourced_id, client_id, line_item_id, student_id, score_status, score, record, status, "
      "lesson_id, mark_id, mark_value, modified_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
      "ON CONFLICT(sourced_id) DO UPDATE SET client_id=?2, line_item_id=?3, student_id=?4, score_status=?5, score=?6, "
      "record=?7, status=?8, lesson_id=?9, mark_id=?10, mark_value=?11, modified_at=?12 RETURNING id");
  q.bind(1, r.sourced_id).bind(2, r.client_id).bind(3, r.line_item_id).bind(4, r.student_id).bind(5, r.score_status);
  q.bind(6, r.score).bind(7, r.record).bind(8, status_text(r.active)).bind(9, r.lesson_id).bind(10, r.mark_id);
  q.bind(11, r.mark_value).bind(12, r.modified_at);
  auto id = q.first([](Stmt& row) { return row.i64(0); });
  if (!id) return id.error();
  if (!*id) return make_error(Errc::internal, "store.row_vanished", "the result was not saved");
  return **id;
}

Result<std::optional<TaughtClassSubject>> taught_class_subject(Db& db, std::string_view class_uuid,
                                                               std::string_view subject_uuid) {
  return db
      .prepare("SELECT c.id, s.id FROM classes c JOIN subjects s ON s.uuid = ?2 WHERE c.uuid = ?1 "
               "AND EXISTS(SELECT 1 FROM teaching t WHERE t.class_id = c.id AND t.subject_id = s.id)")
      .bind(1, class_uuid).bind(2, subject_uuid)
      .first([](Stmt& q) { return TaughtClassSubject{q.i64(0), q.i64(1)}; });
}

Result<std::optional<MarkLesson>> lesson_for_client_mark(Db& db, Id class_id, Id subject_id, int group_no,
                                                         std::string_view due_date) {
  // The due day's lessons first, then the earlier ones latest first, then the later ones earliest first.
  return db
      .prepare("SELECT id, date = ?4 FROM lessons WHERE class_id = ?1 AND subject_id = ?2 AND cancelled = 0 "
               "AND group_no IN (0, ?3) ORDER BY date = ?4 DESC, date < ?4 DESC, "
               "CASE WHEN date < ?4 THEN date END DESC, date, period LIMIT 1")
      .bind(1, class_id).bind(2, subject_id).bind(3, group_no).bind(4, due_date)
      .first([](Stmt& q) { return MarkLesson{q.i64(0), q.i64(1) != 0}; });
}

Result<bool> pupil_has_left(Db& db, Id student_id) {
  return db.prepare("SELECT left_on IS NOT NULL FROM students WHERE id = ?")
      .bind(1, student_id).first_or([](Stmt& q) { return q.i64(0) != 0; }, true);
}

Result<bool> mark_changed_by_other(Db& db, Id mark_id, Id client_user) {
  return db.prepare("SELECT EXISTS(SELECT 1 FROM mark_history WHERE mark_id = ? AND replaced_by_user != ?)")
      .bind(1, mark_id).bind(2, client_user).first_or([](Stmt& q) { return q.i64(0) != 0; }, false);
}

Result<std::vector<ClientScore>> client_scores_of_class(Db& db, Id class_id, Id subject_id, domain::Date from,
                                                        domain::Date to) {
  auto& q = db.prepare(
      "SELECT r.student_id, r.lesson_id, r.mark_id, ac.name, li.title, r.score, li.result_max, r.score_status = 'exempt', "
      "r.mark_id IS NOT NULL AND EXISTS(SELECT 1 FROM mark_history h WHERE h.mark_id = r.mark_id AND h.replaced_by_user != ac.user_id) "
      "FROM lessons l JOIN client_results r ON r.lesson_id = l.id JOIN client_line_items li ON li.id = r.line_item_id "
      "JOIN api_clients ac ON ac.id = r.client_id "
      "WHERE l.class_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND r.status = 'active' "
      "AND (r.mark_id IS NOT NULL OR r.score_status = 'exempt') ORDER BY l.date, l.period, r.sourced_id");
  q.bind(1, class_id).bind(2, subject_id).bind(3, domain::format_date(from)).bind(4, domain::format_date(to));
  return q.all([](Stmt& row) {
    ClientScore s;
    s.student_id = row.i64(0);
    s.lesson_id = row.i64(1);
    s.mark_id = row.opt_i64(2);
    s.client_name = row.text(3);
    s.title = row.text(4);
    if (!row.is_null(5)) s.score = row.f64(5);
    s.result_max = row.f64(6);
    s.exempt = row.i64(7) != 0;
    s.overridden = row.i64(8) != 0;
    return s;
  });
}

}  // namespace classbook::store
