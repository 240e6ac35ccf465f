// timetable_admin: bells, timetable template, per-date changes, lessons materialised from them.
// Every change is the school office's (domain Action::manage_timetable) and one writer job with
// its audit and outbox rows. Reading the bells, rooms, a class's timetable and the changes is open
// to every signed-in person of the school except kiosks: it is the school's public information,
// and pupils and guardians need it to see their class's week.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_lesson_making_days = 120;       // one request makes at most a term's lessons
constexpr int lessons_kept_ahead_days = 14;       // housekeeping keeps lessons made this far ahead
constexpr std::size_t max_conflicts_listed = 200; // the rest are counted
constexpr int max_change_range_days = 366;
constexpr int max_changes_listed = 2000;
constexpr std::size_t max_bell_periods = 16;      // more lessons than fit a school day
constexpr std::size_t max_timetable_lessons = 120;  // a class's week; seven long days with groups fit
constexpr std::size_t max_name_chars = 40;        // a bell variant's or a room's name
constexpr std::size_t max_change_note_chars = 200;

// --- bells ---
struct BellPeriodInput {
  std::int64_t number = 0;
  std::string starts;  // "08:30"
  std::string ends;
  std::optional<std::string> break_after;  // "breakfast" | "lunch" | none
};
Result<domain::WeekBells> get_bells(Context& ctx, const domain::Actor& actor);
// Replaces (or makes) the variant `name`; refused while a weekday ringing it has timetable lessons
// past its new last bell.
void put_bell_variant(Context& ctx, const domain::Actor& actor, std::string name, std::vector<BellPeriodInput> periods,
                      Reply<domain::WeekBells> reply);
// Which variant rings on `weekday` (1..7); none: no lessons that day (refused while it has lessons).
void put_weekday_bells(Context& ctx, const domain::Actor& actor, std::int64_t weekday,
                       std::optional<std::string> variant, Reply<domain::WeekBells> reply);

// --- rooms ---
Result<std::vector<store::RoomRecord>> list_rooms(Context& ctx, const domain::Actor& actor);
void add_room(Context& ctx, const domain::Actor& actor, std::string name, Reply<store::RoomRecord> reply);

// --- a class's weekly template ---
struct SlotInput {
  std::int64_t weekday = 0;
  std::int64_t period = 0;
  std::int64_t group = 0;
  std::string subject_id;  // uuid
  std::string teacher_id;  // uuid
  std::optional<std::string> room;  // a room's name
};
struct ClassTimetableView {
  store::Ref klass;
  std::vector<store::SlotRecord> lessons;
  std::vector<store::TeachingRef> teaching;  // who may be put into this class's timetable for what
  domain::WeekBells bells;                   // for the start and end of each lesson
};
Result<ClassTimetableView> get_class_timetable(Context& ctx, const domain::Actor& actor, std::string_view class_id);
// A per-date change of the class, from today on, that the new week leaves without its lesson or
// clashing (domain::stale_changes), and why.
struct StaleChangeView {
  store::ChangeRecord change;
  std::string reason;
};
constexpr std::size_t max_stale_changes_listed = 200;  // the rest are counted
// What replacing a class's week did. With stale changes and no leave to drop them, nothing is
// written: `refused` says so (a conflict) and `stale` lists them. Else the week is replaced, the
// stale changes are deleted with it in the same transaction, and `stale` lists those deleted.
// `stale` holds at most max_stale_changes_listed; `stale_count` counts them all.
struct TimetablePutView {
  std::optional<Error> refused;
  std::vector<StaleChangeView> stale;
  std::size_t stale_count = 0;
  ClassTimetableView timetable;  // the week as it now is; empty when refused
};
// Replaces the class's whole week. Refused with 400 for a lesson the bells do not ring, a teacher
// who does not teach the subject in the class, or the class in two lessons at once; with 409
// (naming both) for a teacher or room the other classes already have at that time; and (see
// TimetablePutView) while per-date changes from today on do not fit it, unless `drop_stale_changes`.
// Lesson rows already made follow the new week and the dropped changes when lessons are next made.
void put_class_timetable(Context& ctx, const domain::Actor& actor, std::string class_id, std::vector<SlotInput> lessons,
                         bool drop_stale_changes, Reply<TimetablePutView> reply);

// --- per-date changes ---
struct ChangeInput {
  std::string date;
  std::string class_id;
  std::int64_t period = 0;
  std::int64_t group = 0;  // 0: every lesson of the period; N: only group N's
  std::string kind;  // substitution | cancelled | room | moved
  std::optional<std::string> subject_id;
  std::optional<std::string> teacher_id;
  std::optional<std::string> room;
  std::optional<std::int64_t> to_period;
  std::string note;
};
struct ChangeView {
  store::ChangeRecord change;
  int lessons_updated = 0;  // lesson rows already made that followed the change
};
Result<std::vector<store::ChangeRecord>> list_changes(Context& ctx, const domain::Actor& actor, std::string_view from,
                                                      std::string_view to, std::string_view class_id);
// Records the change; a lesson row of it that exists follows at once (domain::rows_following).
void post_change(Context& ctx, const domain::Actor& actor, ChangeInput in, Reply<ChangeView> reply);
// Takes a change back by its uuid; the lesson rows it touched return to the timetable.
void delete_change(Context& ctx, const domain::Actor& actor, std::string change_id, Reply<ChangeView> reply);

// --- making lessons ---
// Lesson rows for every school day from `from` to `to` (at most max_lesson_making_days), one writer
// job per day so that taps and marks are not held up. Days outside the terms and public holidays
// are skipped (domain::school_days_between).
void make_lessons(Context& ctx, const domain::Actor& actor, std::string_view from, std::string_view to,
                  Reply<store::MadeLessons> reply);
// Housekeeping: the lessons of today and the lessons_kept_ahead_days - 1 days after, made by the box.
void keep_lessons_made(Context& ctx, Reply<store::MadeLessons> reply);

}  // namespace classbook::app
