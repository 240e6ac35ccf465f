// kiosk_pins: SQL for PINs and their counters.
#include "store/kiosk_pins.hpp"

namespace classbook::store {

Result<std::optional<KioskPinRecord>> find_kiosk_pin(Db& db, Id student_id) {
  auto& q = db.prepare("SELECT pin_hash, failures, locked_until, lockouts FROM kiosk_pins WHERE student_id=?");
  q.bind(1, student_id);
  return q.first([](Stmt& r) { return KioskPinRecord{r.text(0), r.i32(1), r.opt_text(2), r.i32(3)}; });
}

Status put_kiosk_pin(Db& db, Id student_id, const std::string& pin_hash, Id set_by, const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO kiosk_pins(student_id, pin_hash, failures, locked_until, set_by, set_at) VALUES (?,?,0,NULL,?,?) "
      "ON CONFLICT(student_id) DO UPDATE SET pin_hash=excluded.pin_hash, failures=0, locked_until=NULL, lockouts=0, "
      "set_by=excluded.set_by, set_at=excluded.set_at");
  return q.bind(1, student_id).bind(2, pin_hash).bind(3, set_by).bind(4, now).run();
}

Result<bool> delete_kiosk_pin(Db& db, Id student_id) {
  if (auto s = db.prepare("DELETE FROM kiosk_pins WHERE student_id=?").bind(1, student_id).run(); !s) return s.error();
  return db.changes() > 0;
}

Status set_kiosk_pin_counter(Db& db, Id student_id, int failures, const std::optional<std::string>& locked_until,
                             int lockouts) {
  auto& q = db.prepare("UPDATE kiosk_pins SET failures=?, locked_until=?, lockouts=? WHERE student_id=?");
  return q.bind(1, failures).bind(2, locked_until).bind(3, lockouts).bind(4, student_id).run();
}

}  // namespace classbook::store
