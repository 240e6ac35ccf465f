// access_applications: SQL for the register of applications for access to the diary.
#include "store/access_applications.hpp"

namespace classbook::store {
namespace {

// ?1 is the school's date today, for `overdue`.
constexpr const char* application_select =
    "SELECT a.id, a.uuid, a.number, a.applicant_name, a.applicant_kind, a.contact, a.student_id, coalesce(s.uuid, ''), "
    "coalesce(s.last_name || ' ' || s.first_name || CASE WHEN s.middle_name = '' THEN '' ELSE ' ' || s.middle_name "
    "END, ''), "
    "coalesce(c.name, ''), s.left_on, a.pupil_name, a.pupil_birth_date, a.documents, a.arrived_at, a.registered_at, "
    "a.registered_by, coalesce(ru.display_name, ''), a.registered_late, a.due_on, "
    "(a.status = 'registered' AND a.due_on < ?1) AS overdue, a.status, a.decided_at, coalesce(a.decided_by, 0), "
    "coalesce(du.display_name, ''), a.reason, a.comment, a.account_user, coalesce(au.login, '') "
    "FROM access_applications a LEFT JOIN students s ON s.id = a.student_id LEFT JOIN classes c ON c.id = s.class_id "
    "LEFT JOIN users ru ON ru.id = a.registered_by LEFT JOIN users du ON du.id = a.decided_by "
    "LEFT JOIN users au ON au.id = a.account_user ";

AccessApplicationRecord read_application(Stmt& r) {
  AccessApplicationRecord a;
  a.id = r.i64(0);
  a.uuid = r.text(1);
  a.number = r.text(2);
  a.applicant_name = r.text(3);
  a.applicant_kind = r.text(4);
  a.contact = r.text(5);
  a.student_id = r.opt_i64(6);
  a.student_uuid = r.text(7);
  a.student_name = r.text(8);
  a.class_name = r.text(9);
  a.student_left_on = r.opt_text(10);
  a.pupil_name = r.opt_text(11);
  a.pupil_birth_date = r.opt_text(12);
  a.documents = r.text(13);
  a.arrived_at = r.opt_text(14);
  a.registered_at = r.text(15);
  a.registered_by = r.i64(16);
  a.registered_by_name = r.text(17);
  a.registered_late = r.i32(18) != 0;
  a.due_on = r.text(19);
  a.overdue = r.i32(20) != 0;
  a.status = r.text(21);
  a.decided_at = r.opt_text(22);
  a.decided_by = r.i64(23);
  a.decided_by_name = r.text(24);
  a.reason = r.opt_text(25);
  a.comment = r.text(26);
  a.account_user = r.opt_i64(27);
  a.account_login = r.text(28);
  return a;
}

}  // namespace

Result<long long> next_application_seq(Db& db, int year) {
  auto& q = db.prepare(
      "SELECT coalesce(max(CAST(substr(number, 6) AS INTEGER)), 0) + 1 FROM access_applications WHERE substr(number, "
      "1, 5)=?");
  q.bind(1, std::to_string(year) + "-");
  return q.first_or([](Stmt& r) { return static_cast<long long>(r.i64(0)); }, 1LL);
}

Result<Id> insert_access_application(Db& db, const AccessApplicationRecord& a) {
  auto& q = db.prepare(
      "INSERT INTO access_applications(uuid, number, applicant_name, applicant_kind, contact, student_id, pupil_name, "
      "pupil_birth_date, documents, arrived_at, registered_at, registered_by, registered_late, due_on) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, a.uuid).bind(2, a.number).bind(3, a.applicant_name).bind(4, a.applicant_kind).bind(5, a.contact);
  q.bind(6, a.student_id).bind(7, a.pupil_name).bind(8, a.pupil_birth_date).bind(9, a.documents).bind(10, a.arrived_at);
  q.bind(11, a.registered_at).bind(12, a.registered_by).bind(13, a.registered_late ? 1 : 0).bind(14, a.due_on);
  if (auto st = q.run(); !st) return st.error();
  return db.last_insert_id();
}

Result<std::optional<AccessApplicationRecord>> find_access_application(Db& db, std::string_view uuid,
                                                                       domain::Date today) {
  auto& q = db.prepare(std::string(application_select) + "WHERE a.uuid = ?2");
  q.bind(1, domain::format_date(today)).bind(2, uuid);
  return q.first(read_application);
}

Result<std::vector<AccessApplicationRecord>> list_access_applications(Db& db, std::string_view status,
                                                                      domain::Date today) {
  auto& q = db.prepare(std::string(application_select) +
                       "WHERE (?2 = '' OR a.status = ?2) ORDER BY overdue DESC, a.due_on, a.number, a.id");
  q.bind(1, domain::format_date(today)).bind(2, status);
  return q.all(read_application);
}

Result<bool> record_application_decision(Db& db, const ApplicationDecision& d) {
  auto& q = db.prepare(
      "UPDATE access_applications SET status=?, reason=?, comment=?, student_id=coalesce(?, student_id), "
      "account_user=?, "
      "decided_by=?, decided_at=? WHERE id=? AND status='registered'");
  q.bind(1, d.status).bind(2, d.reason).bind(3, d.comment).bind(4, d.student_id).bind(5, d.account_user);
  q.bind(6, d.decided_by).bind(7, d.decided_at).bind(8, d.application_id);
  if (auto st = q.run(); !st) return st.error();
  return db.changes() == 1;
}

}  // namespace classbook::store
