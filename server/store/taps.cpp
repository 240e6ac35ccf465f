// taps: SQL for the entrance's rows.
#include "store/taps.hpp"

namespace classbook::store {

Result<std::optional<Id>> student_by_card(Db& db, std::string_view card) {
  auto& q = db.prepare("SELECT id FROM students WHERE card=?");
  q.bind(1, card);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::optional<std::string>> card_of_student(Db& db, Id student_id) {
  auto& q = db.prepare("SELECT card FROM students WHERE id=? AND card IS NOT NULL AND card<>''");
  q.bind(1, student_id);
  return q.first([](Stmt& r) { return r.text(0); });
}

Result<std::optional<PresenceRecord>> presence_of(Db& db, Id student_id) {
  auto& q = db.prepare("SELECT inside, last_at, last_kiosk FROM presence WHERE student_id=?");
  q.bind(1, student_id);
  return q.first([](Stmt& r) { return PresenceRecord{r.i32(0) != 0, r.text(1), r.i64(2)}; });
}

Status put_presence(Db& db, Id student_id, bool inside, const std::string& at, Id kiosk) {
  auto& q = db.prepare(
      "INSERT INTO presence(student_id, inside, last_at, last_kiosk) VALUES (?,?,?,?) "
      "ON CONFLICT(student_id) DO UPDATE SET inside=excluded.inside, last_at=excluded.last_at, "
      "last_kiosk=excluded.last_kiosk");
  return q.bind(1, student_id).bind(2, inside ? 1 : 0).bind(3, at).bind(4, kiosk).run();
}

Result<std::optional<StoredTap>> tap_by_id(Db& db, std::string_view tap_id) {
  auto& q = db.prepare("SELECT student_id, result FROM taps WHERE tap_id=?");
  q.bind(1, tap_id);
  return q.first([](Stmt& r) { return StoredTap{r.opt_i64(0), r.text(1)}; });
}

Status insert_tap(Db& db, const NewTap& t) {
  auto& q = db.prepare(
      "INSERT INTO taps(tap_id, student_id, card, reader, kiosk, at, result, received_at, direction) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  q.bind(1, t.tap_id).bind(2, t.student_id).bind(3, t.card).bind(4, t.reader).bind(5, t.kiosk).bind(6, t.at);
  return q.bind(7, t.result).bind(8, t.received_at).bind(9, t.direction).run();
}

}  // namespace classbook::store
