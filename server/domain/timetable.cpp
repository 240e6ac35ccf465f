// timetable: conflict checks of the weekly template and the application of per-date changes to it.
#include "timetable.hpp"

#include <algorithm>
#include <array>

#include "day_time.hpp"
#include "teacher_timetable.hpp"

namespace classbook::domain {

namespace {

constexpr std::array change_kinds{ChangeKind::substitution, ChangeKind::cancelled, ChangeKind::room,
                                  ChangeKind::moved};

// Zero is "not chosen": two unchosen teachers or rooms are not the same one.
bool same_id(long long a, long long b) { return a > 0 && a == b; }

std::string id(long long v) { return std::to_string(v); }

std::string when(const TimetableSlot& s) {
  return weekday_name(s.weekday) + ", lesson " + std::to_string(s.period);
}

std::string lesson_of(const TimetableSlot& s) {
  std::string words = "class " + id(s.class_id);
  if (s.group_no != 0) words += " group " + std::to_string(s.group_no);
  return words;
}

bool same_slot(const TimetableSlot& a, const TimetableSlot& b) {
  return a.class_id == b.class_id && a.weekday == b.weekday && a.period == b.period &&
         a.group_no == b.group_no && a.subject_id == b.subject_id && a.teacher_id == b.teacher_id &&
         a.room_id == b.room_id;
}

// The class-side conflict of two lessons at one time, if any.
std::optional<std::string> class_conflict(const TimetableSlot& a, const TimetableSlot& b) {
  if (!same_id(a.class_id, b.class_id)) return std::nullopt;
  const std::string cls = "Class " + id(a.class_id);
  if (a.group_no == 0 && b.group_no == 0) {
    return cls + " has two whole-class lessons on " + when(a) + " (subjects " + id(a.subject_id) + " and " +
           id(b.subject_id) + "); remove one or split the class into groups.";
  }
  if (a.group_no == 0 || b.group_no == 0) {
    const int group = a.group_no == 0 ? b.group_no : a.group_no;
    return cls + " has a whole-class lesson and a lesson of group " + std::to_string(group) + " on " +
           when(a) + "; the class cannot be at both, so move one of them.";
  }
  if (a.group_no == b.group_no) {
    return "Group " + std::to_string(a.group_no) + " of class " + id(a.class_id) + " has two lessons on " +
           when(a) + " (subjects " + id(a.subject_id) + " and " + id(b.subject_id) + "); remove one.";
  }
  return std::nullopt;  // two different groups of one class at once is what groups are for
}

std::optional<std::string> teacher_conflict(const TimetableSlot& a, const TimetableSlot& b) {
  if (!same_id(a.teacher_id, b.teacher_id)) return std::nullopt;
  return "Teacher " + id(a.teacher_id) + " has two lessons on " + when(a) + " (" + lesson_of(a) + " and " +
         lesson_of(b) + "); move one or give it to another teacher.";
}

std::optional<std::string> room_conflict(const TimetableSlot& a, const TimetableSlot& b) {
  if (!a.room_id || !b.room_id || !same_id(*a.room_id, *b.room_id)) return std::nullopt;
  return "Room " + id(*a.room_id) + " is booked twice on " + when(a) + " (" + lesson_of(a) + " and " +
         lesson_of(b) + "); choose another room for one of them.";
}

void report_pair(const TimetableSlot& a, const TimetableSlot& b, std::vector<std::string>& problems) {
  if (same_slot(a, b)) {
    problems.push_back("The lesson of " + lesson_of(a) + " on " + when(a) + " (subject " + id(a.subject_id) +
                       ") is listed twice; delete one.");
    return;
  }
  for (auto conflict : {class_conflict(a, b), teacher_conflict(a, b), room_conflict(a, b)}) {
    if (conflict) problems.push_back(std::move(*conflict));
  }
}

// Calls visit(a, b) for every pair of valid slots at the same weekday and period, in order.
template <class Visit>
void for_each_pair_at_once(const std::vector<TimetableSlot>& slots, Visit visit) {
  std::vector<const TimetableSlot*> valid;
  for (const TimetableSlot& s : slots) {
    if (!check_slot(s)) valid.push_back(&s);
  }
  // Sorting by time puts every lesson that can conflict with another next to it.
  std::stable_sort(valid.begin(), valid.end(), [](const TimetableSlot* a, const TimetableSlot* b) {
    if (a->weekday != b->weekday) return a->weekday < b->weekday;
    if (a->period != b->period) return a->period < b->period;
    if (a->class_id != b->class_id) return a->class_id < b->class_id;
    return a->group_no < b->group_no;
  });
  for (std::size_t i = 0; i < valid.size(); ++i) {
    for (std::size_t j = i + 1; j < valid.size(); ++j) {
      if (valid[i]->weekday != valid[j]->weekday || valid[i]->period != valid[j]->period) break;
      visit(*valid[i], *valid[j]);
    }
  }
}

const char* kind_words(ChangeKind k) {
  switch (k) {
    case ChangeKind::substitution: return "substitution";
    case ChangeKind::cancelled: return "cancellation";
    case ChangeKind::room: return "room change";
    case ChangeKind::moved: return "moved lesson";
  }
  return "change";
}

// Which optional fields a kind takes; a field it does not take must be empty.
struct Takes {
  bool subject = false;
  bool teacher = false;
  bool room = false;
  bool new_period = false;
};

Takes takes(ChangeKind k) {
  switch (k) {
    case ChangeKind::substitution: return {true, true, true, false};
    case ChangeKind::cancelled: return {};
    case ChangeKind::room: return {false, false, true, false};
    case ChangeKind::moved: return {false, false, true, true};
  }
  return {};
}

std::optional<std::string> check_stray_fields(const TimetableChange& c) {
  const Takes t = takes(c.kind);
  const std::string a_kind = std::string("A ") + kind_words(c.kind);
  if (c.subject_id && !t.subject) return a_kind + " does not set a subject; clear it.";
  if (c.teacher_id && !t.teacher) return a_kind + " does not set a teacher; clear it.";
  if (c.room_id && !t.room) return a_kind + " does not set a room; clear it.";
  if (c.new_period && !t.new_period) return a_kind + " does not set a new lesson number; clear it.";
  return std::nullopt;
}

std::optional<std::string> check_kind_fields(const TimetableChange& c) {
  switch (c.kind) {
    case ChangeKind::substitution:
      if (!c.teacher_id || *c.teacher_id <= 0) {
        return "A substitution needs the teacher who takes the lesson; choose one.";
      }
      if (c.subject_id && *c.subject_id <= 0) {
        return "The substitution names an unknown subject; choose it again or leave it empty.";
      }
      break;
    case ChangeKind::cancelled: break;
    case ChangeKind::room:
      if (!c.room_id) return "A room change needs the new room; choose one.";
      break;
    case ChangeKind::moved:
      if (!c.new_period) return "A moved lesson needs the lesson number it moves to; choose one.";
      if (*c.new_period < 1) {
        return "Lessons are numbered from 1, so a lesson cannot move to lesson " +
               std::to_string(*c.new_period) + "; choose another number.";
      }
      if (*c.new_period == c.period) {
        return "The lesson already is lesson " + std::to_string(c.period) +
               "; choose another lesson number to move it to.";
      }
      break;
  }
  if (c.room_id && *c.room_id <= 0) return "The change names an unknown room; choose the room again.";
  return std::nullopt;
}

void apply(const TimetableChange& c, PlannedLesson& lesson) {
  switch (c.kind) {
    case ChangeKind::substitution:
      lesson.teacher_id = *c.teacher_id;
      if (c.subject_id) lesson.subject_id = *c.subject_id;
      lesson.substituted = true;
      break;
    case ChangeKind::cancelled: lesson.cancelled = true; break;
    case ChangeKind::room: break;
    case ChangeKind::moved:
      lesson.period = *c.new_period;
      lesson.moved = true;
      break;
  }
  if (c.room_id) lesson.room_id = c.room_id;
  if (!c.note.empty()) lesson.note += (lesson.note.empty() ? "" : "; ") + c.note;
}

}  // namespace

std::optional<std::string> check_slot(const TimetableSlot& s) {
  if (s.class_id <= 0) return "A lesson of the timetable names no class; choose the class.";
  const std::string lesson = "A lesson of " + lesson_of(s);
  if (!is_weekday(s.weekday)) {
    return lesson + " is on weekday " + std::to_string(s.weekday) + "; use 1 (Monday) to 7 (Sunday).";
  }
  if (s.period < 1) {
    return lesson + " on " + weekday_name(s.weekday) + " has lesson number " + std::to_string(s.period) +
           "; lessons are numbered from 1.";
  }
  if (s.group_no < 0) {
    return "Class " + id(s.class_id) + " has no group " + std::to_string(s.group_no) +
           "; use 0 for the whole class or the group's number.";
  }
  if (s.subject_id <= 0) return lesson + " on " + when(s) + " names no subject; choose one.";
  if (s.teacher_id <= 0) return lesson + " on " + when(s) + " names no teacher; choose one.";
  if (s.room_id && *s.room_id <= 0) {
    return lesson + " on " + when(s) + " names an unknown room; choose the room again or leave it empty.";
  }
  return std::nullopt;
}

std::vector<std::string> check_timetable(const std::vector<TimetableSlot>& slots) {
  std::vector<std::string> problems;
  for (const TimetableSlot& s : slots) {
    if (auto problem = check_slot(s)) problems.push_back(std::move(*problem));
  }
  for_each_pair_at_once(slots, [&](const TimetableSlot& a, const TimetableSlot& b) { report_pair(a, b, problems); });
  return problems;
}

std::vector<TimetableClash> timetable_clashes(const std::vector<TimetableSlot>& slots) {
  std::vector<TimetableClash> clashes;
  for_each_pair_at_once(slots, [&](const TimetableSlot& a, const TimetableSlot& b) {
    if (same_slot(a, b)) {
      clashes.push_back({ClashKind::duplicate, a, b});
      return;
    }
    if (class_conflict(a, b)) clashes.push_back({ClashKind::class_busy, a, b});
    if (teacher_conflict(a, b)) clashes.push_back({ClashKind::teacher, a, b});
    if (room_conflict(a, b)) clashes.push_back({ClashKind::room, a, b});
  });
  return clashes;
}

const char* to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::substitution: return "substitution";
    case ChangeKind::cancelled: return "cancelled";
    case ChangeKind::room: return "room";
    case ChangeKind::moved: return "moved";
  }
  return "unknown";
}

std::optional<ChangeKind> parse_change_kind(std::string_view s) {
  for (ChangeKind k : change_kinds) {
    if (s == to_string(k)) return k;
  }
  return std::nullopt;
}

std::optional<std::string> check_change(const TimetableChange& c) {
  if (!c.date.ok()) return "The change needs a real calendar date; pick it again.";
  if (c.class_id <= 0) return "The change names no class; choose the class again.";
  if (c.period < 1) {
    return "The change names lesson " + std::to_string(c.period) + "; lessons are numbered from 1.";
  }
  if (c.group_no < 0) {
    return "The change names group " + std::to_string(c.group_no) +
           "; use 0 for the whole class or the group's number.";
  }
  if (auto problem = check_stray_fields(c)) return problem;
  return check_kind_fields(c);
}

bool change_applies(const TimetableChange& c, const TimetableSlot& s, Date date) {
  const bool names = c.date == date && same_id(c.class_id, s.class_id) && c.period == s.period &&
                     (c.group_no == 0 || c.group_no == s.group_no);
  return names && !check_change(c);
}

std::vector<PlannedLesson> lessons_on(Date date, const std::vector<TimetableSlot>& template_slots,
                                      const std::vector<TimetableChange>& changes) {
  const int weekday = iso_weekday(date);
  std::vector<PlannedLesson> lessons;
  for (const TimetableSlot& s : template_slots) {
    if (s.weekday != weekday) continue;
    PlannedLesson lesson{date, s.period, s.class_id, s.group_no, s.subject_id, s.teacher_id, s.room_id};
    lesson.template_period = s.period;
    for (const TimetableChange& c : changes) {
      if (change_applies(c, s, date)) apply(c, lesson);
    }
    lessons.push_back(std::move(lesson));
  }
  std::stable_sort(lessons.begin(), lessons.end(), [](const PlannedLesson& a, const PlannedLesson& b) {
    if (a.period != b.period) return a.period < b.period;
    if (a.class_id != b.class_id) return a.class_id < b.class_id;
    return a.group_no < b.group_no;
  });
  return lessons;
}

}  // namespace classbook::domain
