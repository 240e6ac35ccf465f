// notice_mail: guardians' e-mail notice preferences and the durable mail queue (migration 18).
// One queue row per notice and guardian; a row is sent once: `about` names what it tells of, and
// (guardian, kind, about) is unique, so the same absence, mark or message never queues twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notice_mail.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

struct GuardianNoticeSettings {
  Id guardian_id = 0;
  std::string guardian_uuid;
  std::string name;             // "Ольга Петрова"
  std::string email;            // guardians.email; "" when none
  domain::NoticePreferences preferences;  // the defaults (all off) when never chosen
  std::optional<std::string> updated_at;  // none: never chosen
};

Result<std::optional<GuardianNoticeSettings>> guardian_notice_settings(Db& db, Id guardian_id);
// Every guardian of the pupil, each with their choices.
Result<std::vector<GuardianNoticeSettings>> notice_settings_of_pupil(Db& db, Id student_id);
// The guardians among a conversation's members, but `author_user`.
Result<std::vector<GuardianNoticeSettings>> notice_settings_of_thread(Db& db, Id thread_id, Id author_user);
Status put_notice_preferences(Db& db, Id guardian_id, const domain::NoticePreferences& p, const std::string& now);
Status set_guardian_email(Db& db, Id guardian_id, const std::string& email);  // "" clears it

// The period of the class's first lesson that day for a pupil of `group_no` (a whole-class lesson
// or the pupil's group's); none when the day has no lesson.
Result<std::optional<int>> first_period_of_day(Db& db, Id class_id, int group_no, const std::string& date);

enum class MailState { queued, sent, failed };

struct QueuedNotice {
  std::string uuid;  // the Message-ID is made from it
  Id guardian_id = 0;
  domain::NoticeKind kind = domain::NoticeKind::absence;
  std::string about;  // "attendance/<lesson>/<pupil>", "mark/<mark>", "message/<message>"
  domain::Delivery delivery = domain::Delivery::immediate;
  std::optional<std::string> digest_day;  // the digest's local date ("2026-12-07"); digest only
  std::string to_address;
  std::string subject;
  std::string body;
  std::string created_at;
};
// Adds the row; false (and nothing written) when this guardian was already told of `about`.
Result<bool> enqueue_notice(Db& db, const QueuedNotice& n);

struct MailRow {
  Id id = 0;
  std::string uuid;
  Id guardian_id = 0;
  std::string guardian_uuid;
  std::string kind;
  std::string delivery;
  std::optional<std::string> digest_day;
  std::string to_address;
  std::string subject;
  std::string body;
  std::string state;
  int attempts = 0;
  std::string next_attempt_at;
  std::string last_error;
  std::string created_at;
  std::optional<std::string> sent_at;
};

// Immediate rows queued and due (next attempt at or before `now`), oldest first.
Result<std::vector<MailRow>> due_immediate_mail(Db& db, const std::string& now, int limit);
// Digest rows queued and due whose day is at or before `last_due_day`, by guardian, day and age.
Result<std::vector<MailRow>> due_digest_mail(Db& db, const std::string& now, const std::string& last_due_day, int limit);
Status mark_mail_sent(Db& db, const std::vector<Id>& ids, const std::string& now);
Status mark_mail_retry(Db& db, const std::vector<Id>& ids, const std::string& next_attempt_at, const std::string& error);
Status mark_mail_failed(Db& db, const std::vector<Id>& ids, const std::string& error, const std::string& now);
Result<std::vector<MailRow>> mail_of_guardian(Db& db, Id guardian_id, int limit);  // newest first

struct MailQueueFigures {
  int queued = 0;
  int failed = 0;
  std::optional<std::string> oldest_queued_at;  // created_at of the oldest queued row
  std::optional<std::string> last_sent_at;
  std::optional<std::string> last_failed_at;
  std::string last_failure;                     // that row's last_error
};
Result<MailQueueFigures> mail_queue_figures(Db& db);

}  // namespace classbook::store
