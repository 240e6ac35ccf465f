// timetable_admin: the rows of rooms, the weekly template, per-date changes and the lessons made from them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/timetable.hpp"
#include "rows/records.hpp"

namespace classbook::rows {

struct RoomRecord {
  Id id = 0;
  std::string name;
};

struct Ref {
  std::string id;  // uuid
  std::string name;
};

struct SlotRecord {
  domain::TimetableSlot slot;
  Ref subject;
  Ref teacher;
  std::string room;  // "" when none
};

// The class's teaching assignments (table teaching): who teaches what in it, by subject.
struct TeachingRef {
  Id subject_id = 0;
  Id teacher_id = 0;
  Ref subject;
  Ref teacher;
};

// One row per change, a move included (period → new_period). The uuid is the change's name in the
// API, the audit trail and the outbox; the row id stays inside the box and orders the day's changes.
struct ChangeRecord {
  Id id = 0;
  std::string uuid;
  domain::TimetableChange change;
  Ref klass;
  std::optional<Ref> subject;
  std::optional<Ref> teacher;
  std::optional<std::string> room;
  Id created_by = 0;       // the user; 0 for changes older than the column
  std::string created_at;  // UTC ISO-8601; "" for changes older than the column
};

struct MadeConflict {
  std::string date;
  Ref klass;
  int period = 0;
  int group_no = 0;
  std::string reason;
};

struct MadeLessons {
  int days = 0;  // school days made
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int removed = 0;
  int conflict_count = 0;               // all of them
  std::vector<MadeConflict> conflicts;  // the first ones, as many as the caller keeps
  // Adds another day's counts, keeping at most `max_listed` conflicts in the list.
  void add(MadeLessons&& day, std::size_t max_listed) {
    days += day.days;
    created += day.created;
    updated += day.updated;
    unchanged += day.unchanged;
    removed += day.removed;
    conflict_count += day.conflict_count;
    for (auto& c : day.conflicts) {
      if (conflicts.size() >= max_listed) break;
      conflicts.push_back(std::move(c));
    }
  }
};

}  // namespace classbook::rows
