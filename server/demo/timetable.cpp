// timetable: a greedy timetabler with one-step repair and retries, good enough for demo data.
#include "demo/timetable.hpp"

#include "domain/bell_schedule.hpp"

#include <algorithm>

namespace classbook::demo {
namespace {

constexpr int attempts_per_class = 8;     // reshuffles before settling for a dropped hour
constexpr int max_same_subject_a_day = 2;

constexpr int slots = (school_days + 1) * (periods_per_day + 1);
using TeacherWeek = std::array<bool, slots>;
constexpr std::size_t at(int day, int period) { return static_cast<std::size_t>(day * (periods_per_day + 1) + period); }

struct Attempt {
  WeekGrid grid{};
  std::vector<TeacherWeek> busy;
  int dropped = 0;
};

class ClassPlanner {
 public:
  ClassPlanner(const School& s, std::size_t klass, DemoRng& rng) : s_(s), rng_(rng) {
    for (std::size_t i = 0; i < s.courses.size(); ++i)
      if (s.courses[i].klass == klass) courses_.push_back(i);
  }

  Attempt plan(const std::vector<TeacherWeek>& busy) {
    Attempt best;
    best.dropped = -1;
    for (int k = 0; k < attempts_per_class; ++k) {
      Attempt a = try_once(busy);
      if (best.dropped < 0 || a.dropped < best.dropped) best = std::move(a);
      if (best.dropped == 0) break;
    }
    return best;
  }

 private:
  Attempt try_once(const std::vector<TeacherWeek>& busy) {
    Attempt a;
    a.busy = busy;
    for (auto& day : a.grid) day.fill(none);
    // Day lengths: the week's hours spread evenly, the spare ones on randomly chosen days.
    int hours = 0;
    std::vector<std::size_t> units;
    for (const auto c : courses_) {
      hours += s_.courses[c].hours;
      for (int h = 0; h < s_.courses[c].hours; ++h) units.push_back(c);
    }
    std::vector<int> days{1, 2, 3, 4, 5};
    rng_.shuffle(days);
    std::array<int, school_days + 1> length{};
    for (int d = 1; d <= school_days; ++d) length[static_cast<std::size_t>(d)] = hours / school_days;
    for (int i = 0; i < hours % school_days; ++i) ++length[static_cast<std::size_t>(days[static_cast<std::size_t>(i)])];
    for (auto& l : length) l = std::min(l, periods_per_day);
    length_ = length;
    // The busiest teachers first: they have the fewest free periods left.
    rng_.shuffle(units);
    std::stable_sort(units.begin(), units.end(), [&](std::size_t x, std::size_t y) {
      return s_.teachers[s_.courses[x].teacher].load > s_.teachers[s_.courses[y].teacher].load;
    });
    for (const auto u : units)
      if (!place(a, u) && !repair(a, u)) ++a.dropped;
    return a;
  }

  int same_on_day(const Attempt& a, int d, std::size_t course) const {
    int n = 0;
    for (int p = 1; p <= periods_per_day; ++p) n += cell(a.grid, d, p) == course;
    return n;
  }

  bool place(Attempt& a, std::size_t course) {
    const std::size_t t = s_.courses[course].teacher;
    int best_score = -1, best_d = 0, best_p = 0;
    for (int d = 1; d <= school_days; ++d) {
      const int same = same_on_day(a, d, course);
      if (same >= max_same_subject_a_day) continue;
      for (int p = 1; p <= length_[static_cast<std::size_t>(d)]; ++p) {
        if (cell(a.grid, d, p) != none || a.busy[t][at(d, p)]) continue;
        const int score = same * 100 + rng_.between(0, 9);
        if (best_score < 0 || score < best_score) best_score = score, best_d = d, best_p = p;
      }
    }
    if (best_score < 0) return false;
    put(a, course, best_d, best_p);
    return true;
  }

  // Where the teacher is free but the class is not: move that lesson to a slot free for both.
  bool repair(Attempt& a, std::size_t course) {
    const std::size_t t = s_.courses[course].teacher;
    for (int d = 1; d <= school_days; ++d)
      for (int p = 1; p <= length_[static_cast<std::size_t>(d)]; ++p) {
        const std::size_t other = cell(a.grid, d, p);
        if (other == none || a.busy[t][at(d, p)]) continue;
        const std::size_t t2 = s_.courses[other].teacher;
        for (int d2 = 1; d2 <= school_days; ++d2)
          for (int p2 = 1; p2 <= length_[static_cast<std::size_t>(d2)]; ++p2) {
            if (cell(a.grid, d2, p2) != none || a.busy[t2][at(d2, p2)]) continue;
            take(a, d, p);
            put(a, other, d2, p2);
            put(a, course, d, p);
            return true;
          }
      }
    return false;
  }

  void put(Attempt& a, std::size_t course, int d, int p) {
    cell(a.grid, d, p) = course;
    a.busy[s_.courses[course].teacher][at(d, p)] = true;
  }
  void take(Attempt& a, int d, int p) {
    auto& lesson = cell(a.grid, d, p);
    a.busy[s_.courses[lesson].teacher][at(d, p)] = false;
    lesson = none;
  }

  const School& s_;
  DemoRng& rng_;
  std::vector<std::size_t> courses_;
  std::array<int, school_days + 1> length_{};
};

}  // namespace

// The school's default bells (domain::default_bell_schedule), cut to the demo's periods a day.
std::vector<BellPeriod> weekday_bells() {
  std::vector<BellPeriod> bells;
  for (const auto& p : domain::default_bell_schedule().periods)
    if (p.number <= periods_per_day) bells.push_back({p.start_minute, p.end_minute});
  return bells;
}

void plan_timetable(const DemoOptions& opt, School& s, const DemoProgress& progress) {
  DemoRng rng(opt.seed, timetable_stream);
  s.bells = weekday_bells();
  s.grid.assign(s.classes.size(), WeekGrid{});
  for (auto& g : s.grid)
    for (auto& day : g) day.fill(none);
  std::vector<TeacherWeek> busy(s.teachers.size(), TeacherWeek{});
  // Senior classes first: they share the most subject teachers and have the longest weeks.
  std::vector<std::size_t> order(s.classes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.classes[a].grade > s.classes[b].grade; });
  std::size_t done = 0;
  for (const auto k : order) {
    Attempt a = ClassPlanner(s, k, rng).plan(busy);
    s.grid[k] = a.grid;
    busy = std::move(a.busy);
    s.dropped_hours += a.dropped;
    if (progress) progress("timetable", ++done, s.classes.size());
  }
}

Status insert_timetable(store::Db& db, const School& s) {
  const auto schedule = domain::default_bell_schedule();
  for (std::size_t p = 0; p < s.bells.size(); ++p) {
    const auto& bell = schedule.periods[p];
    auto& q = db.prepare(
        "INSERT INTO bell_periods(variant, number, start_minute, end_minute, break_after_name) VALUES (?,?,?,?,?)");
    q.bind(1, "weekday").bind(2, bell.number).bind(3, s.bells[p].start_minute).bind(4, s.bells[p].end_minute);
    if (bell.break_after_name.empty()) q.bind_null(5);
    else q.bind(5, bell.break_after_name);
    if (auto st = q.run(); !st) return st;
  }
  for (int d = 1; d <= school_days; ++d) {  // Saturday has no variant: the school has a five-day week
    auto& q = db.prepare("INSERT INTO bell_variants(weekday, variant) VALUES (?,?)");
    if (auto st = q.bind(1, d).bind(2, "weekday").run(); !st) return st;
  }
  for (std::size_t k = 0; k < s.classes.size(); ++k)
    for (int d = 1; d <= school_days; ++d)
      for (int p = 1; p <= periods_per_day; ++p) {
        const std::size_t c = cell(s.grid[k], d, p);
        if (c == none) continue;
        const auto& course = s.courses[c];
        const auto& t = s.teachers[course.teacher];
        auto& q = db.prepare(
            "INSERT INTO timetable(class_id, weekday, period, group_no, subject_id, teacher_id, room_id) "
            "VALUES (?,?,?,0,?,?,?)");
        q.bind(1, s.classes[k].id).bind(2, d).bind(3, p).bind(4, s.subject_ids[course.subject]);
        if (auto st = q.bind(5, t.id).bind(6, t.room_id).run(); !st) return st;
      }
  return ok_status();
}

}  // namespace classbook::demo
