// notice_mail: SQL for the notice preferences and the mail queue.
#include "store/notice_mail.hpp"

namespace classbook::store {
namespace {

using domain::Delivery;

// guardians g LEFT JOIN notice_preferences p: the defaults come from the domain, not from SQL.
constexpr const char* kSettings =
    "SELECT g.id, g.uuid, g.first_name || ' ' || g.last_name, COALESCE(g.email, ''), p.absence, p.low_mark, "
    "p.teacher_message, p.mark_below, p.updated_at FROM guardians g "
    "LEFT JOIN notice_preferences p ON p.guardian_id = g.id ";

GuardianNoticeSettings read_settings(Stmt& r) {
  GuardianNoticeSettings s;
  s.guardian_id = r.i64(0);
  s.guardian_uuid = r.text(1);
  s.name = r.text(2);
  s.email = r.text(3);
  if (!r.is_null(8)) {
    s.preferences.absence = domain::parse_delivery(r.text(4)).value_or(Delivery::off);
    s.preferences.low_mark = domain::parse_delivery(r.text(5)).value_or(Delivery::off);
    s.preferences.teacher_message = domain::parse_delivery(r.text(6)).value_or(Delivery::off);
    s.preferences.mark_below = r.i32(7);
    s.updated_at = r.text(8);
  }
  return s;
}

constexpr const char* kRow =
    "SELECT q.id, q.uuid, q.guardian_id, g.uuid, q.kind, q.delivery, q.digest_day, q.to_address, q.subject, q.body, "
    "q.state, q.attempts, q.next_attempt_at, q.last_error, q.created_at, q.sent_at FROM mail_queue q "
    "JOIN guardians g ON g.id = q.guardian_id ";

MailRow read_row(Stmt& r) {
  return MailRow{r.i64(0),   r.text(1),  r.i64(2),  r.text(3),  r.text(4),  r.text(5),  r.opt_text(6),  r.text(7),
                 r.text(8),  r.text(9),  r.text(10), r.i32(11), r.text(12), r.text(13), r.text(14), r.opt_text(15)};
}

template <class Bind>
Status each_id(Db& db, const char* sql, const std::vector<Id>& ids, Bind bind) {
  for (const auto id : ids) {
    auto& q = db.prepare(sql);
    bind(q);
    if (auto s = q.bind(10, id).run(); !s) return s;
  }
  return ok_status();
}

}  // namespace

Result<std::optional<GuardianNoticeSettings>> guardian_notice_settings(Db& db, Id guardian_id) {
  auto& q = db.prepare(std::string(kSettings) + "WHERE g.id = ?");
  q.bind(1, guardian_id);
  return q.first(read_settings);
}

Result<std::vector<GuardianNoticeSettings>> notice_settings_of_pupil(Db& db, Id student_id) {
  auto& q = db.prepare(std::string(kSettings) +
                       "JOIN student_guardians sg ON sg.guardian_id = g.id WHERE sg.student_id = ? ORDER BY g.id");
  q.bind(1, student_id);
  return q.all(read_settings);
}

Result<std::vector<GuardianNoticeSettings>> notice_settings_of_thread(Db& db, Id thread_id, Id author_user) {
  auto& q = db.prepare(std::string(kSettings) +
                       "JOIN users u ON u.person_id = g.id AND u.role = 'guardian' AND u.disabled = 0 "
                       "JOIN thread_members tm ON tm.user_id = u.id WHERE tm.thread_id = ? AND u.id <> ? ORDER BY g.id");
  q.bind(1, thread_id).bind(2, author_user);
  return q.all(read_settings);
}

Status put_notice_preferences(Db& db, Id guardian_id, const domain::NoticePreferences& p, const std::string& now) {
  auto& q = db.prepare(
      "INSERT INTO notice_preferences(guardian_id, absence, low_mark, teacher_message, mark_below, updated_at) "
      "VALUES (?,?,?,?,?,?) ON CONFLICT(guardian_id) DO UPDATE SET absence=excluded.absence, "
      "low_mark=excluded.low_mark, teacher_message=excluded.teacher_message, mark_below=excluded.mark_below, "
      "updated_at=excluded.updated_at");
  return q.bind(1, guardian_id).bind(2, domain::to_string(p.absence)).bind(3, domain::to_string(p.low_mark))
      .bind(4, domain::to_string(p.teacher_message)).bind(5, p.mark_below).bind(6, now).run();
}

Status set_guardian_email(Db& db, Id guardian_id, const std::string& email) {
  auto& q = db.prepare("UPDATE guardians SET email = ? WHERE id = ?");
  if (email.empty()) q.bind_null(1); else q.bind(1, email);
  return q.bind(2, guardian_id).run();
}

Result<std::optional<int>> first_period_of_day(Db& db, Id class_id, int group_no, const std::string& date) {
  auto& q = db.prepare(
      "SELECT MIN(period) FROM lessons WHERE class_id = ? AND date = ? AND cancelled = 0 AND group_no IN (0, ?)");
  q.bind(1, class_id).bind(2, date).bind(3, group_no);
  auto v = q.first([](Stmt& r) { return r.opt_i64(0); });
  if (!v) return v.error();
  if (!*v || !**v) return std::optional<int>();
  return std::optional<int>(static_cast<int>(***v));
}

Result<bool> enqueue_notice(Db& db, const QueuedNotice& n) {
  auto& q = db.prepare(
      "INSERT INTO mail_queue(uuid, guardian_id, kind, about, delivery, digest_day, to_address, subject, body, state, "
      "attempts, next_attempt_at, last_error, created_at) VALUES (?,?,?,?,?,?,?,?,?,'queued',0,?,'',?) "
      "ON CONFLICT(guardian_id, kind, about) DO NOTHING");
  q.bind(1, n.uuid).bind(2, n.guardian_id).bind(3, domain::to_string(n.kind)).bind(4, n.about);
  q.bind(5, domain::to_string(n.delivery)).bind(6, n.digest_day).bind(7, n.to_address).bind(8, n.subject);
  q.bind(9, n.body).bind(10, n.created_at).bind(11, n.created_at);
  if (auto s = q.run(); !s) return s.error();
  return db.changes() > 0;
}

Result<std::vector<MailRow>> due_immediate_mail(Db& db, const std::string& now, int limit) {
  auto& q = db.prepare(std::string(kRow) +
                       "WHERE q.state = 'queued' AND q.delivery = 'immediate' AND q.next_attempt_at <= ? "
                       "ORDER BY q.next_attempt_at, q.id LIMIT ?");
  q.bind(1, now).bind(2, limit);
  return q.all(read_row);
}

Result<std::vector<MailRow>> due_digest_mail(Db& db, const std::string& now, const std::string& last_due_day, int limit) {
  auto& q = db.prepare(std::string(kRow) +
                       "WHERE q.state = 'queued' AND q.delivery = 'digest' AND q.digest_day <= ? AND q.next_attempt_at <= ? "
                       "ORDER BY q.guardian_id, q.digest_day, q.id LIMIT ?");
  q.bind(1, last_due_day).bind(2, now).bind(3, limit);
  return q.all(read_row);
}

Status mark_mail_sent(Db& db, const std::vector<Id>& ids, const std::string& now) {
  return each_id(db, "UPDATE mail_queue SET state='sent', sent_at=?1, attempts=attempts+1, last_error='' "
                     "WHERE id=?10 AND state='queued'",
                 ids, [&](Stmt& q) { q.bind(1, now); });
}

Status mark_mail_retry(Db& db, const std::vector<Id>& ids, const std::string& next_attempt_at, const std::string& error) {
  return each_id(db, "UPDATE mail_queue SET attempts=attempts+1, next_attempt_at=?1, last_error=?2 "
                     "WHERE id=?10 AND state='queued'",
                 ids, [&](Stmt& q) { q.bind(1, next_attempt_at).bind(2, error); });
}

Status mark_mail_failed(Db& db, const std::vector<Id>& ids, const std::string& error, const std::string& now) {
  return each_id(db, "UPDATE mail_queue SET state='failed', attempts=attempts+1, last_error=?1, next_attempt_at=?2 "
                     "WHERE id=?10 AND state='queued'",
                 ids, [&](Stmt& q) { q.bind(1, error).bind(2, now); });
}

Result<std::vector<MailRow>> mail_of_guardian(Db& db, Id guardian_id, int limit) {
  auto& q = db.prepare(std::string(kRow) + "WHERE q.guardian_id = ? ORDER BY q.id DESC LIMIT ?");
  q.bind(1, guardian_id).bind(2, limit);
  return q.all(read_row);
}

Result<MailQueueFigures> mail_queue_figures(Db& db) {
  MailQueueFigures f;
  {
    auto& q = db.prepare(
        "SELECT (SELECT count(*) FROM mail_queue WHERE state='queued'), (SELECT count(*) FROM mail_queue WHERE state='failed'), "
        "(SELECT min(created_at) FROM mail_queue WHERE state='queued'), (SELECT max(sent_at) FROM mail_queue WHERE state='sent')");
    auto st = q.each([&](Stmt& r) {
      f.queued = r.i32(0);
      f.failed = r.i32(1);
      f.oldest_queued_at = r.opt_text(2);
      f.last_sent_at = r.opt_text(3);
    });
    if (!st) return st.error();
  }
  auto& q = db.prepare("SELECT next_attempt_at, last_error FROM mail_queue WHERE state='failed' ORDER BY next_attempt_at DESC LIMIT 1");
  auto st = q.each([&](Stmt& r) {
    f.last_failed_at = r.text(0);
    f.last_failure = r.text(1);
  });
  if (!st) return st.error();
  return f;
}

}  // namespace classbook::store
