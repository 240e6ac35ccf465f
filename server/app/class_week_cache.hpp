// class_week_cache: the lessons and homework of one class in one week, shared by the diaries of all
// its pupils. Thirty pupils and their guardians open the same week of the same class; the lessons,
// their times, teachers and homework are the same for all of them and only marks and attendance
// differ. An entry is served only while the class's lesson version (store::lesson_version, kept by
// triggers in the database) is the one it was filled at, so no write path — the API, classbookctl
// in another process, a restore — can leave a diary stale.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "domain/calendar.hpp"
#include "rows/records.hpp"

namespace classbook::app {

constexpr std::size_t class_week_cache_entries = 512;  // ~10 KB each; a full school's current weeks

struct ClassWeek {
  std::int64_t version = 0;  // the class's lesson version this was read at
  std::vector<rows::LessonRecord> lessons;
  std::vector<rows::HomeworkRecord> homework;
  std::vector<rows::Id> lesson_ids;  // sorted, for the pupil's marks and attendance on them
  // Each lesson's part of what a week's acknowledgement signs (by index into `lessons`): the
  // lesson, its topic and its homework with their revisions — the same for every pupil of the class.
  std::vector<std::string> canonical;

  // Each lesson's fixed part as the API writes it (by index into `lessons`), made once by the first
  // diary of the week that is written out. The format is http/'s business; app/ only keeps it with
  // the week it was made from, so it is exactly as fresh as the week and goes when the week goes.
  mutable std::once_flag rendered_once;
  mutable std::vector<std::string> rendered;
};

class ClassWeekCache {
 public:
  explicit ClassWeekCache(std::size_t capacity = class_week_cache_entries) : capacity_(capacity) {}

  // The entry of this class and week if it was read at exactly `version`; none otherwise.
  std::shared_ptr<const ClassWeek> find(rows::Id class_id, domain::Date monday, std::int64_t version) const;
  // Keeps `week`; when full, forgets everything first (cheap, rare, and always correct).
  void keep(rows::Id class_id, domain::Date monday, std::shared_ptr<const ClassWeek> week);

  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  using Key = std::pair<rows::Id, int>;  // class, days since the epoch of the Monday
  static Key key_of(rows::Id class_id, domain::Date monday);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_ptr<const ClassWeek>> entries_;
  mutable std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace classbook::app
