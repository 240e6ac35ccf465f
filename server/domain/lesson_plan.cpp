// lesson_plan: school days, a day's lessons within its bells, and the rows of the journal meeting them.
#include "lesson_plan.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "day_time.hpp"

namespace classbook::domain {

namespace {

constexpr std::pair<unsigned, unsigned> public_holidays[] = {
    {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {2, 23}, {3, 8}, {5, 1}, {5, 9}, {6, 12}, {11, 4}};

std::string count_of(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "a, b and c"
std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string class_and_group(long long class_id, int group_no, const Namer& names) {
  if (group_no == 0) return names.class_name(class_id);
  return "group " + std::to_string(group_no) + " of " + names.class_name(class_id);
}

TimetableSlot slot_of(const PlannedLesson& l) {
  return TimetableSlot{l.class_id, iso_weekday(l.date), l.period, l.group_no, l.subject_id, l.teacher_id, l.room_id};
}

// "5А (Математика)"
std::string in_class(const TimetableSlot& s, const Namer& names) {
  return class_and_group(s.class_id, s.group_no, names) + " (" + names.subject_name(s.subject_id) + ")";
}

std::string clash_words(const TimetableClash& c, const std::string& when, const Namer& names) {
  const TimetableSlot& a = c.a;
  const TimetableSlot& b = c.b;
  switch (c.kind) {
    case ClashKind::duplicate:
      return "The lesson of " + in_class(a, names) + " on " + when + " is listed twice; delete one.";
    case ClashKind::class_busy:
      return names.class_name(a.class_id) + " has two lessons at once on " + when + ": " + in_class(a, names) +
             " and " + in_class(b, names) + "; remove one, move it, or split the class into groups.";
    case ClashKind::teacher:
      return names.teacher_name(a.teacher_id) + " has two lessons on " + when + ": " + in_class(a, names) + " and " +
             in_class(b, names) + "; move one or give it to another teacher.";
    case ClashKind::room:
      return "Room " + names.room_name(a.room_id.value_or(0)) + " is booked twice on " + when + ": " +
             in_class(a, names) + " and " + in_class(b, names) + "; choose another room for one of them.";
  }
  return "Two lessons clash on " + when + ".";
}

std::vector<std::string> clashes_in_words(const std::vector<PlannedLesson>& lessons, const Namer& names) {
  std::vector<TimetableSlot> slots;
  for (const PlannedLesson& l : lessons) {
    if (!l.cancelled) slots.push_back(slot_of(l));
  }
  std::vector<std::string> out;
  const Date date = lessons.empty() ? Date{} : lessons.front().date;
  for (const TimetableClash& c : timetable_clashes(slots)) {
    out.push_back(clash_words(c, format_date(date) + ", lesson " + std::to_string(c.a.period), names));
  }
  return out;
}

using SlotKey = std::tuple<long long, Date, int, int>;  // class, date, period, group: the journal's unique slot
SlotKey key_of(const PlannedLesson& l) { return {l.class_id, l.date, l.period, l.group_no}; }

bool groups_overlap(int a, int b) { return a == 0 || b == 0 || a == b; }

}  // namespace

bool is_public_holiday(Date d) {
  for (const auto& [m, day] : public_holidays) {
    if (static_cast<unsigned>(d.month()) == m && static_cast<unsigned>(d.day()) == day) return true;
  }
  return false;
}

bool is_school_day(Date d, const std::vector<Term>& terms) {
  return term_on(terms, d).has_value() && !is_public_holiday(d);
}

std::vector<Date> school_days_between(Date from, Date to, const std::vector<Term>& terms) {
  std::vector<Date> days;
  for (Date d = from; d <= to; d = add_days(d, 1)) {
    if (is_school_day(d, terms)) days.push_back(d);
  }
  return days;
}

std::string lesson_label(const PlannedLesson& l, const Namer& names) {
  std::string words = names.class_name(l.class_id) + ", lesson " + std::to_string(l.period);
  if (l.group_no != 0) words += " of group " + std::to_string(l.group_no);
  return words + " on " + format_date(l.date);
}

std::string lesson_words(const PlannedLesson& l, const Namer& names) {
  std::string words = names.subject_name(l.subject_id) + " with " + names.teacher_name(l.teacher_id);
  if (l.room_id) words += " in room " + names.room_name(*l.room_id);
  if (l.cancelled) words += ", cancelled";
  return words;
}

std::string describe_clash(const TimetableClash& clash, const Namer& names) {
  return clash_words(clash, weekday_name(clash.a.weekday) + ", lesson " + std::to_string(clash.a.period), names);
}

bool rings(const BellSchedule* bells, int period) {
  return bells && std::any_of(bells->periods.begin(), bells->periods.end(),
                              [&](const BellPeriod& p) { return p.number == period; });
}

std::vector<TimetableSlot> slots_without_bell(const std::vector<TimetableSlot>& slots, int weekday,
                                              const BellSchedule* bells) {
  std::vector<TimetableSlot> out;
  for (const TimetableSlot& s : slots) {
    if (s.weekday == weekday && !rings(bells, s.period)) out.push_back(s);
  }
  return out;
}

DayPlan plan_day(Date date, const BellSchedule* bells, const std::vector<TimetableSlot>& slots,
                 const std::vector<TimetableChange>& changes, const Namer& names) {
  DayPlan plan;
  for (PlannedLesson& l : lessons_on(date, slots, changes)) {
    if (rings(bells, l.period)) {
      plan.lessons.push_back(std::move(l));
    } else if (!bells) {
      std::string reason = lesson_label(l, names) + " is in the timetable, but no bells ring on " +
                           weekday_name(iso_weekday(date)) + "s; choose the bells of that weekday.";
      plan.left_out.push_back({std::move(l), std::move(reason)});
    } else {
      std::string reason = lesson_label(l, names) + " is in the timetable, but the bells \"" + bells->variant +
                           "\" of that day ring only " +
                           count_of(static_cast<int>(bells->periods.size()), "lesson", "lessons") +
                           "; move the lesson or add the bell.";
      plan.left_out.push_back({std::move(l), std::move(reason)});
    }
  }
  return plan;
}

std::vector<std::string> new_clashes(const std::vector<PlannedLesson>& before, const std::vector<PlannedLesson>& after,
                                     const Namer& names) {
  const auto old = clashes_in_words(before, names);
  const std::set<std::string> known(old.begin(), old.end());
  std::vector<std::string> added;
  for (auto& words : clashes_in_words(after, names)) {
    if (known.count(words) == 0) added.push_back(std::move(words));
  }
  return added;
}

std::string describe(const JournalUse& use) {
  std::vector<std::string> parts;
  if (use.marks > 0) parts.push_back(count_of(use.marks, "mark", "marks"));
  if (use.attendance > 0) parts.push_back("attendance of " + count_of(use.attendance, "pupil", "pupils"));
  if (use.dots > 0) parts.push_back("work owed by " + count_of(use.dots, "pupil", "pupils"));
  if (use.homework > 0) parts.push_back(use.homework == 1 ? "homework" : count_of(use.homework, "homework", "homework items"));
  if (use.topic) parts.push_back("a topic");
  return parts.empty() ? "nothing" : joined(parts);
}

bool row_is(const PlannedLesson& row, const PlannedLesson& wanted) {
  return row.class_id == wanted.class_id && row.date == wanted.date && row.period == wanted.period &&
         row.group_no == wanted.group_no && row.subject_id == wanted.subject_id &&
         row.teacher_id == wanted.teacher_id && row.room_id == wanted.room_id && row.cancelled == wanted.cancelled;
}

LessonDiff diff_lessons(const std::vector<PlannedLesson>& wanted, const std::vector<LessonRow>& rows,
                        const Namer& names) {
  LessonDiff diff;
  std::map<SlotKey, const LessonRow*> row_at;
  for (const LessonRow& r : rows) row_at.emplace(key_of(r.lesson), &r);
  std::map<SlotKey, const PlannedLesson*> claimed;
  for (const PlannedLesson& w : wanted) {
    const SlotKey key = key_of(w);
    if (const auto first = claimed.find(key); first != claimed.end()) {
      diff.conflicts.push_back({w, "Two lessons want " + lesson_label(w, names) + " (" + lesson_words(*first->second, names) +
                                       " and " + lesson_words(w, names) +
                                       "); only the first was made. Correct the timetable or the day's changes."});
      continue;
    }
    claimed.emplace(key, &w);
    const auto found = row_at.find(key);
    if (found == row_at.end()) {
      diff.create.push_back(w);
      continue;
    }
    const LessonRow& row = *found->second;
    if (row_is(row.lesson, w)) {
      ++diff.unchanged;
    } else if (!row.use.any()) {
      diff.update.push_back({row.id, row.lesson, w});
    } else {
      diff.conflicts.push_back(
          {row.lesson, lesson_label(w, names) + " already holds " + describe(row.use) + " as " +
                           lesson_words(row.lesson, names) + ", but the timetable now wants " + lesson_words(w, names) +
                           " there. It was kept as it is: record a change for that date, or correct the timetable."});
    }
  }
  for (const LessonRow& r : rows) {
    if (claimed.count(key_of(r.lesson)) > 0) continue;
    if (!r.use.any()) {
      diff.remove.push_back(r);
    } else {
      diff.conflicts.push_back({r.lesson, lesson_label(r.lesson, names) + " (" + lesson_words(r.lesson, names) +
                                              ") is no longer in the timetable but holds " + describe(r.use) +
                                              ". It was kept: put it back in the timetable, or ask the teacher to "
                                              "clear it in the journal and make the lessons again."});
    }
  }
  return diff;
}

RowsFollowing rows_following(const std::vector<PlannedLesson>& before, const std::vector<PlannedLesson>& after,
                             const std::vector<LessonRow>& rows, const Namer& names) {
  RowsFollowing out;
  auto same_template_lesson = [](const PlannedLesson& a, const PlannedLesson& b) {
    return a.class_id == b.class_id && a.date == b.date && a.group_no == b.group_no &&
           a.template_period == b.template_period;
  };
  auto row_at = [&](const PlannedLesson& l, int period) -> const LessonRow* {
    for (const LessonRow& r : rows) {
      if (r.lesson.class_id == l.class_id && r.lesson.date == l.date && r.lesson.period == period &&
          r.lesson.group_no == l.group_no)
        return &r;
    }
    return nullptr;
  };
  for (const PlannedLesson& a : after) {
    const auto b = std::find_if(before.begin(), before.end(), [&](const PlannedLesson& x) { return same_template_lesson(x, a); });
    if (b == before.end() || row_is(*b, a)) continue;
    const LessonRow* row = row_at(a, b->period);
    if (!row || row_is(row->lesson, a)) continue;
    const std::string label = lesson_label(row->lesson, names);
    if (a.cancelled && !row->lesson.cancelled && row->use.about_pupils()) {
      out.refusal = label + " already holds " + describe(row->use) +
                    "; cancelling it would hide them. Ask the teacher to remove them in the journal first, or record "
                    "a substitution instead of a cancellation.";
      return out;
    }
    if (a.subject_id != row->lesson.subject_id && row->use.any()) {
      out.refusal = label + " already holds " + describe(row->use) + " in " + names.subject_name(row->lesson.subject_id) +
                    "; a lesson of " + names.subject_name(a.subject_id) +
                    " cannot keep them. Keep the subject, or ask the teacher to clear the lesson in the journal first.";
      return out;
    }
    if (a.period != row->lesson.period) {
      for (const LessonRow& other : rows) {
        if (&other == row || other.lesson.class_id != a.class_id || other.lesson.date != a.date ||
            other.lesson.period != a.period || !groups_overlap(other.lesson.group_no, a.group_no))
          continue;
        out.refusal = names.class_name(a.class_id) + " already has lesson " + std::to_string(a.period) + " on " +
                      format_date(a.date) + " (" + lesson_words(other.lesson, names) +
                      "); cancel or move that lesson first.";
        return out;
      }
    }
    out.updates.push_back({row->id, row->lesson, a});
  }
  return out;
}

}  // namespace classbook::domain
