// timetable_changes: per-date changes as the timetable tests write them (a kind, or a substitution).
#pragma once

#include "domain/timetable.hpp"

namespace classbook::test {

inline domain::TimetableChange change(domain::Date date, long long class_id, int period, domain::ChangeKind kind) {
  domain::TimetableChange c;
  c.date = date;
  c.class_id = class_id;
  c.period = period;
  c.kind = kind;
  return c;
}

inline domain::TimetableChange substitution(domain::Date date, long long class_id, int period, long long teacher) {
  auto c = change(date, class_id, period, domain::ChangeKind::substitution);
  c.teacher_id = teacher;
  return c;
}

}  // namespace classbook::test
