// timetable_admin: bells, timetable template, per-date changes, lessons materialised from them.
// Plain SQL over bell_periods, bell_variants, rooms, timetable, timetable_changes and lessons;
// the rules are the domain's (bell_schedule, timetable, lesson_plan). Writes run inside the
// caller's transaction (the writer's job, or a test's).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/lesson_plan.hpp"
#include "rows/timetable_admin.hpp"
#include "store/db.hpp"
#include "store/records.hpp"
#include "store/writer.hpp"

namespace classbook::store {

// --- names for messages and views ---

// The school's names of classes, subjects, teachers ("Иванова М.П.", as the diary shows them) and
// rooms, read once per id.
class DbNamer : public domain::Namer {
 public:
  explicit DbNamer(Db& db) : db_(db) {}
  std::string class_name(long long id) const override;
  std::string subject_name(long long id) const override;
  std::string teacher_name(long long id) const override;
  std::string room_name(long long id) const override;

 private:
  std::string cached(std::map<long long, std::string>& cache, const std::string& sql, long long id) const;
  Db& db_;
  mutable std::optional<Error> error_;  // the first failed read; names read after it are empty

 public:
  const std::optional<Error>& error() const { return error_; }

 private:
  mutable std::map<long long, std::string> classes_, subjects_, teachers_, rooms_;
};

// The API's names of some classes, subjects and teachers (uuid and name; a teacher's short name)
// and rooms (name), by internal id; an id that names no row is left out.
struct TimetableRefs {
  std::map<Id, rows::Ref> classes, subjects, teachers;
  std::map<Id, std::string> rooms;
};
struct TimetableIds {
  std::vector<Id> classes, subjects, teachers, rooms;
};
Result<TimetableRefs> timetable_refs(Db& db, const TimetableIds& ids);

// --- rooms (named, they have no uuid) ---
using rows::RoomRecord;
Result<std::vector<RoomRecord>> all_rooms(Db& db);  // by name
Result<std::optional<Id>> room_by_name(Db& db, std::string_view name);
Result<Id> insert_room(Db& db, const std::string& name);

// --- bells ---
Result<domain::WeekBells> load_week_bells(Db& db);  // variants by name, periods by number
// Replaces the periods of `s.variant` (a new name makes a new variant).
Status put_bell_variant(Db& db, const domain::BellSchedule& s);
// Which variant rings on `weekday`; none: that weekday has no lessons.
Status set_weekday_bells(Db& db, int weekday, const std::optional<std::string>& variant);
// JSON snapshots for the audit trail and the outbox.
Result<std::string> bell_variant_json(Db& db, const std::string& variant);
Result<std::string> weekday_bells_json(Db& db, int weekday);

// --- the weekly template ---
using rows::Ref;
using rows::SlotRecord;
Result<std::vector<SlotRecord>> class_timetable(Db& db, Id class_id);  // by weekday, period, group
// Every class's slots, or those of one weekday.
Result<std::vector<domain::TimetableSlot>> timetable_slots(Db& db, std::optional<int> weekday = std::nullopt);
Status replace_class_timetable(Db& db, Id class_id, const std::vector<domain::TimetableSlot>& slots);
Result<std::string> class_timetable_json(Db& db, Id class_id);
using rows::TeachingRef;
Result<std::vector<TeachingRef>> class_teaching(Db& db, Id class_id);

// --- per-date changes ---
using rows::ChangeRecord;
// Changes between two dates inclusive, of one class or all; by date, class name, period, group, id.
Result<std::vector<ChangeRecord>> changes_between(Db& db, std::optional<Id> class_id, domain::Date from, domain::Date to,
                                          int limit);
Result<std::vector<ChangeRecord>> changes_on(Db& db, domain::Date day);  // every class's, in the order made
// The changes from `from` to `to` that can touch `teacher_id`'s day: every change of a class the
// teacher has in the weekly template, or of a class where a change of those days names the
// teacher; by date, then in the order made (the order lessons_on applies them in).
Result<std::vector<ChangeRecord>> changes_touching_teacher(Db& db, Id teacher_id, domain::Date from, domain::Date to);
// Every class's changes of the dates from `from` on on which `class_id` has a change: by date, then
// in the order made (what domain::stale_changes judges a class's new week by).
Result<std::vector<ChangeRecord>> change_days_of_class(Db& db, Id class_id, domain::Date from);
std::vector<domain::TimetableChange> changes_of(const std::vector<ChangeRecord>& records);
Result<std::optional<ChangeRecord>> find_change(Db& db, std::string_view uuid);
Result<Id> insert_change(Db& db, const std::string& uuid, const domain::TimetableChange& c, Id created_by,
                         const std::string& created_at);
Status delete_change(Db& db, std::string_view uuid);
Result<std::string> change_json(Db& db, const ChangeRecord& c);

// --- lesson rows ---
// The lessons of the days from `from` to `to` (of one class or all) with what the journal holds.
Result<std::vector<domain::LessonRow>> lesson_rows(Db& db, domain::Date from, domain::Date to,
                                           std::optional<Id> class_id = std::nullopt);
// The lessons (not cancelled) `teacher_id` gives in the classes `class_ids` from `from` to `to`:
// uuid, date, period, class and group only. Driven by the classes through lessons_slot: lessons
// have no index on the teacher.
Result<std::vector<LessonRecord>> lessons_given_in(Db& db, Id teacher_id, const std::vector<Id>& class_ids,
                                                   domain::Date from, domain::Date to);
Result<Id> insert_lesson(Db& db, const std::string& uuid, const domain::PlannedLesson& l);
// Sets period, subject, teacher, room and cancellation; the topic and the journal stay.
Status update_lesson(Db& db, Id lesson_id, const domain::PlannedLesson& l);
Status delete_lesson(Db& db, Id lesson_id);
Result<std::string> lesson_json(Db& db, Id lesson_id);  // {id, date, period, class, group, subject, teacher, room, cancelled}

// Writes the updates of domain::rows_following with an audit and an outbox row each.
Status update_lessons(WriteContext& w, Id actor_user, const std::vector<domain::LessonUpdate>& updates);

// --- making the lessons of a day ---
using rows::MadeConflict;
using rows::MadeLessons;
// "10 school days: 120 created, 2 updated, 40 unchanged, 0 removed, 1 conflict"
std::string describe(const MadeLessons& m);
// One school day: the template and the day's changes within its bells (domain::plan_day) meet
// the day's lesson rows (domain::diff_lessons); rows are created (new uuid), updated and removed,
// each with an audit row ("lesson") by `actor_user` (0: the box itself) and an outbox row. What
// is not made is reported as a conflict. Whether the day is a school day is the caller's question.
Result<MadeLessons> make_lessons_on(WriteContext& w, domain::Date day, Id actor_user);

}  // namespace classbook::store
