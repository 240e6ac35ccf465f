// writes: the journal's changes — marks, attendance, lesson topic and homework, notices,
// acknowledgements. Each validates first, then runs as one writer job: the change, its audit
// entry and its outbox row commit together or not at all.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/taps.hpp"  // record_tap, kept apart with its anomaly rules
#include "app/views.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr std::size_t max_comment_chars = 500;
constexpr std::size_t max_reason_chars = 500;
constexpr std::size_t max_topic_chars = 300;
constexpr std::size_t max_homework_chars = 2000;
constexpr std::size_t max_homework_items = 10;
constexpr std::size_t max_card_chars = 64;

// What the policy's time limits on journal writes need (domain/policy.hpp): the school's date now
// and its grace days for substitutes and former teachers.
struct JournalClock {
  domain::Date today;
  int grace_days = 0;
};
JournalClock journal_clock(const Context& ctx);
// The policy's target for a write in a class × subject journal — into `lesson` when there is one —
// with the day the actor's assignment to it ended, read from the store.
Result<domain::Target> journal_target(store::Db& db, const domain::Actor& actor, const JournalClock& when,
                                      store::Id student_id, store::Id class_id, store::Id subject_id,
                                      const store::LessonRecord* lesson);

struct NewMark {
  std::string student_id, lesson_id;
  int value = 0;
  std::string work_type;
  std::string comment;
  // The mark's id when the caller chose it (a UUID): sent again after an answer that never came, the
  // same POST finds the mark it made instead of making a second one. Empty: the box chooses.
  std::string id;
};
struct SavedMark {
  MarkView mark;
  bool created = true;  // false: the POST was sent again and this is the mark it made the first time
};
void put_mark(Context& ctx, const domain::Actor& actor, NewMark in, Reply<SavedMark> reply);

struct MarkChange {
  std::string mark_id;
  std::optional<int> value;
  std::optional<std::string> work_type;
  std::optional<std::string> comment;
  std::string reason;
};
void edit_mark(Context& ctx, const domain::Actor& actor, MarkChange in, Reply<MarkView> reply);
void remove_mark(Context& ctx, const domain::Actor& actor, std::string mark_id, std::string reason, Reply<Ok> reply);

struct AttendanceEntry {
  std::string student_id;
  domain::Presence presence = domain::Presence::present;
  int late_minutes = 0;
};
void put_attendance(Context& ctx, const domain::Actor& actor, std::string lesson_id,
                    std::vector<AttendanceEntry> entries, Reply<Ok> reply);

struct HomeworkInput {
  std::string id;  // empty for a new item
  std::string text;
  bool mandatory = true;
  std::string due_date;
};
struct LessonChange {
  std::optional<std::string> topic;
  std::optional<std::vector<HomeworkInput>> homework;
};
void update_lesson(Context& ctx, const domain::Actor& actor, std::string lesson_id, LessonChange in, Reply<Ok> reply);

struct NoticeInput {
  std::string student_id, from, to, reason, comment;
};
struct NoticeResult {
  std::string id;
  int excused_lessons = 0;
};
void add_absence_notice(Context& ctx, const domain::Actor& actor, NoticeInput in, Reply<NoticeResult> reply);

struct AckResult {
  std::string week, content_hash, at;
};
void acknowledge_week(Context& ctx, const domain::Actor& actor, std::string student_id, std::string week,
                      Reply<AckResult> reply);

// A mark as its audit entry and outbox row carry it.
std::string mark_json(const MarkView& m);
// The live stream's news of a mark: which one, what happened ("create", …), and the lesson's day.
boost::json::object mark_news(const std::string& mark_id, const char* action, const store::LessonRecord& l);

// Card numbers as readers send them: trimmed, upper-case hex or digits; none when unusable.
std::optional<std::string> normalise_card(std::string_view card);
// Counts UTF-8 code points; false for invalid UTF-8.
bool utf8_length(std::string_view s, std::size_t& out);

}  // namespace classbook::app
