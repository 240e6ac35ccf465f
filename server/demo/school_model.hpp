// school_model: the demo school in memory while it is being built — people, courses, the timetable grid.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "demo/demo_rng.hpp"
#include "demo/demo_school.hpp"
#include "demo/names.hpp"
#include "domain/calendar.hpp"

namespace classbook::demo {

using Id = std::int64_t;
inline constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

inline constexpr int school_days = 5;       // Monday..Friday; Saturday is free
inline constexpr int periods_per_day = 8;   // the bell schedule's lessons
inline constexpr int max_weekly_lessons = 27;  // no teacher is given more
inline constexpr int target_weekly_lessons = 24;  // what hiring plans for, leaving room to timetable

struct SchoolClass {
  Id id = 0;
  std::string uuid;
  std::string name;    // "5А"
  std::string letter;  // "А"
  int grade = 1;
  std::string profile;  // grades 10–11 only
  std::size_t class_teacher = none;
  std::vector<std::size_t> pupils;  // in journal order (surname, first name)
};

struct Teacher {
  Id id = 0;
  std::string uuid;
  PersonName name;
  std::string speciality;
  int load = 0;  // lessons a week
  int max_load = max_weekly_lessons;
  Id room_id = 0;
  Id user_id = 0;
};

struct Pupil {
  Id id = 0;
  std::string uuid;
  PersonName name;
  std::size_t klass = 0;
  domain::Date birth;
  std::string card;
  double ability = 3.5;  // the mean mark the pupil earns, stable for the whole demo
  std::vector<std::size_t> guardians;
  Id user_id = 0;
};

struct Guardian {
  Id id = 0;
  std::string uuid;
  PersonName name;
  std::string relation;  // "mother" | "father"
  std::vector<std::size_t> children;
  Id user_id = 0;
};

// One subject in one class with its teacher: a teaching row and its weekly hours.
struct Course {
  std::size_t klass = 0;
  std::size_t subject = 0;
  int hours = 0;
  std::size_t teacher = none;
};

struct BellPeriod {
  int start_minute = 0;
  int end_minute = 0;
};

// A user made for a person, waiting for its password hash.
struct PendingAccount {
  Id user_id = 0;
  DemoAccount account;
};

// [weekday 1..5][period 1..8] → course index or `none`; index 0 unused so numbers read as in school.
using WeekGrid = std::array<std::array<std::size_t, periods_per_day + 1>, school_days + 1>;
inline std::size_t& cell(WeekGrid& g, int day, int period) {
  return g[static_cast<std::size_t>(day)][static_cast<std::size_t>(period)];
}
inline std::size_t cell(const WeekGrid& g, int day, int period) {
  return g[static_cast<std::size_t>(day)][static_cast<std::size_t>(period)];
}

struct School {
  // From the settings `classbookctl init` wrote.
  int utc_offset_minutes = 180;
  int academic_year = 2026;
  std::vector<domain::Term> terms;
  Id work_test = 0, work_independent = 0, work_classwork = 0, work_oral = 0, work_homework = 0;

  std::vector<Id> subject_ids;  // by catalogue index
  std::vector<SchoolClass> classes;
  std::vector<Teacher> teachers;
  std::vector<Pupil> pupils;
  std::vector<Guardian> guardians;
  std::vector<Course> courses;
  std::size_t deputy = none;  // the deputy head: a teacher with a small load and a staff login
  Id director_user = 0;
  std::vector<PendingAccount> accounts;

  std::vector<BellPeriod> bells;  // index 0 = period 1
  std::vector<WeekGrid> grid;     // by class
  int dropped_hours = 0;          // curriculum hours the timetable could not place

  DemoRng uuids{0};  // the random part of every uuid, drawn in insertion order
};

// Milliseconds since the Unix epoch of a school-local date and time of day.
std::int64_t unix_millis(const School& s, domain::Date day, int local_minute, int second = 0, int millis = 0);
// "YYYY-MM-DDTHH:MM:SS.mmmZ" for a school-local date and time of day.
std::string utc_text(const School& s, domain::Date day, int local_minute, int second = 0, int millis = 0);
// The uuid of a row made at that local time.
std::string uuid_at(School& s, domain::Date day, int local_minute, int second = 0, int millis = 0);

// Random streams by stage, so each stage's draws are independent of the others'.
enum Stream : std::uint64_t {
  roster_stream = 1, password_stream = 2, timetable_stream = 3, uuid_stream = 4, week_stream = 100
};

}  // namespace classbook::demo
