// weeks: one school week at a time — the journal as teachers fill it and the entrance as pupils pass it.
#include "demo/weeks.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "demo/catalogue.hpp"
#include "demo/extras.hpp"
#include "domain/attendance.hpp"

namespace classbook::demo {
namespace {

constexpr double illness_start_share = 0.009;  // a day, for a pupil who is well: ~3.5 % of days ill
constexpr int illness_min_days = 2;
constexpr int illness_max_days = 6;             // school days
constexpr double notice_share = 0.6;            // illnesses a guardian reports through the diary
constexpr double truancy_day_share = 0.002;     // a whole day away without a word
constexpr double skipped_lesson_share = 0.004;  // one lesson missed on a day at school
constexpr double late_first_share = 0.06;       // late for the first lesson of the day
constexpr double late_other_share = 0.01;
constexpr int max_late_demo_minutes = 20;
constexpr int test_every = 8;                   // every 8th lesson of a subject is a test
constexpr double mark_share = 0.28;             // of other lessons a pupil gets a mark in: ~1 in 3 overall
constexpr double comment_share = 0.05;
constexpr double dot_share = 0.01;              // of lessons, one pupil owes work
constexpr int dot_min_days = 3;
constexpr int dot_max_days = 14;
constexpr double mandatory_share = 0.9;
constexpr int homework_search_days = 21;
constexpr int homework_fallback_days = 2;
constexpr const char* entrance_reader = "entrance-1";
constexpr std::int64_t rows_per_transaction = 400000;

// Public holidays of the Russian Federation: no school teaches on them.
constexpr std::pair<unsigned, unsigned> public_holidays[] = {
    {1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {2, 23}, {3, 8}, {5, 1}, {5, 9}, {6, 12}, {11, 4}};

constexpr const char* illness_comments[] = {"Температура, вызвали врача", "ОРВИ", "Простуда, справка будет",
                                            "Болеет, лечимся дома"};

struct PupilDay {
  enum Kind { present, ill, truant } kind = present;
  int late_first = 0;  // minutes late for the first lesson, 0 if on time
};

class WeekWriter {
 public:
  WeekWriter(store::Db& db, const DemoOptions& opt, School& s)
      : db_(db), opt_(opt), s_(s), sick_left_(s.pupils.size(), 0), lessons_given_(s.courses.size(), 0),
        course_days_(s.courses.size(), 0),
        last_day_(domain::add_days(opt.first_monday, 7 * std::max(opt.weeks, 1) - 3)) {
    for (const auto& g : s.grid)
      for (int d = 1; d <= school_days; ++d)
        for (int p = 1; p <= periods_per_day; ++p) {
          const std::size_t c = cell(g, d, p);
          if (c != none) course_days_[c] |= 1u << d;
        }
  }

  Status week(int index, domain::Date monday) {
    DemoRng rng(opt_.seed, week_stream + static_cast<std::uint64_t>(index));
    for (int d = 1; d <= school_days; ++d) {
      const domain::Date day = domain::add_days(monday, d - 1);
      if (!is_school_day(s_, day)) continue;
      for (std::size_t k = 0; k < s_.classes.size(); ++k)
        if (auto st = class_day(k, day, d, rng); !st) return st;
    }
    return insert_week_extras(db_, s_, rng, index, monday);
  }

 private:
  Status class_day(std::size_t k, domain::Date day, int weekday, DemoRng& rng) {
    const auto& klass = s_.classes[k];
    const auto& grid = s_.grid[k];
    std::vector<PupilDay> today(klass.pupils.size());
    for (std::size_t i = 0; i < klass.pupils.size(); ++i)
      if (auto st = decide_day(klass.pupils[i], day, rng, today[i]); !st) return st;
    int first = 0, last = 0;
    for (int p = 1; p <= periods_per_day; ++p)
      if (cell(grid, weekday, p) != none) last = p, first = first ? first : p;
    if (!first) return ok_status();
    for (int p = first; p <= last; ++p) {
      const std::size_t c = cell(grid, weekday, p);
      if (c == none) continue;
      if (auto st = lesson(c, day, p, p == first, today, rng); !st) return st;
    }
    const int in_minute = s_.bells[static_cast<std::size_t>(first - 1)].start_minute;
    const int out_minute = s_.bells[static_cast<std::size_t>(last - 1)].end_minute;
    for (std::size_t i = 0; i < klass.pupils.size(); ++i) {
      if (today[i].kind != PupilDay::present) continue;
      const auto& pupil = s_.pupils[klass.pupils[i]];
      const int in = today[i].late_first ? in_minute + today[i].late_first - 1 : in_minute - rng.between(3, 30);
      if (auto st = tap(pupil, day, in, "in", rng); !st) return st;
      if (auto st = tap(pupil, day, out_minute + rng.between(1, 45), "out", rng); !st) return st;
    }
    return ok_status();
  }

  Status decide_day(std::size_t pupil, domain::Date day, DemoRng& rng, PupilDay& out) {
    auto& left = sick_left_[pupil];
    if (left > 0) {
      --left;
      out.kind = PupilDay::ill;
      return ok_status();
    }
    if (rng.chance(illness_start_share)) {
      const int length = rng.between(illness_min_days, illness_max_days);
      left = length - 1;
      out.kind = PupilDay::ill;
      if (rng.chance(notice_share) && !s_.pupils[pupil].guardians.empty()) return notice(pupil, day, length, rng);
      return ok_status();
    }
    if (rng.chance(truancy_day_share)) {
      out.kind = PupilDay::truant;
      return ok_status();
    }
    if (rng.chance(late_first_share)) out.late_first = rng.between(1, max_late_demo_minutes);
    return ok_status();
  }

  // The guardian writes on the first morning, for the school days the illness will last.
  Status notice(std::size_t pupil, domain::Date from, int school_days_ill, DemoRng& rng) {
    domain::Date to = from;
    for (int left = school_days_ill - 1; left > 0;) {
      to = domain::add_days(to, 1);
      if (is_school_day(s_, to)) --left;
    }
    const auto& p = s_.pupils[pupil];
    const auto& g = s_.guardians[p.guardians[rng.below(p.guardians.size())]];
    auto& q = db_.prepare(
        "INSERT INTO absence_notices(uuid, student_id, from_date, to_date, reason, comment, guardian_id, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)");
    const int minute = rng.between(6 * 60 + 30, 8 * 60 + 15), second = rng.between(0, 59);
    q.bind(1, uuid_at(s_, from, minute, second)).bind(2, p.id).bind(3, domain::format_date(from));
    q.bind(4, domain::format_date(to)).bind(5, domain::to_string(domain::NoticeReason::illness));
    q.bind(6, rng.pick(illness_comments)).bind(7, g.id);
    return q.bind(8, utc_text(s_, from, minute, second)).run();
  }

  Status lesson(std::size_t c, domain::Date day, int period, bool first_of_day, const std::vector<PupilDay>& today,
                DemoRng& rng) {
    const auto& course = s_.courses[c];
    const auto& klass = s_.classes[course.klass];
    const auto& teacher = s_.teachers[course.teacher];
    const auto& bell = s_.bells[static_cast<std::size_t>(period - 1)];
    const int n = lessons_given_[c]++;
    const bool test = has_tests(course.subject) && n % test_every == test_every - 1;
    const bool graded = klass.grade >= 2;  // first-formers get no marks and no homework
    auto& q = db_.prepare(
        "INSERT INTO lessons(uuid, date, period, class_id, group_no, subject_id, teacher_id, room_id, topic) "
        "VALUES (?,?,?,?,0,?,?,?,?)");
    q.bind(1, uuid_at(s_, day, bell.start_minute)).bind(2, domain::format_date(day)).bind(3, period).bind(4, klass.id);
    q.bind(5, s_.subject_ids[course.subject]).bind(6, teacher.id).bind(7, teacher.room_id);
    q.bind(8, test ? test_topic(course.subject, klass.grade, n) : lesson_topic(course.subject, klass.grade, n));
    if (auto st = q.run(); !st) return st;
    const Id lesson_id = db_.last_insert_id();

    if (graded && !test && rng.chance(subjects()[course.subject].homework_share)) {
      const int second = rng.between(0, 59);
      const std::string set_at = utc_text(s_, day, bell.end_minute - 5, second);
      auto& h = db_.prepare(
          "INSERT INTO homework(uuid, lesson_id, text, mandatory, due_date, created_at, revised_at) VALUES (?,?,?,?,?,?,?)");
      h.bind(1, uuid_at(s_, day, bell.end_minute - 5, second)).bind(2, lesson_id);
      h.bind(3, homework_text(course.subject, klass.grade, n, rng));
      h.bind(4, rng.chance(mandatory_share) ? 1 : 0).bind(5, domain::format_date(due_date(c, day)));
      if (auto st = h.bind(6, set_at).bind(7, set_at).run(); !st) return st;
    }

    std::vector<std::size_t> present;
    for (std::size_t i = 0; i < klass.pupils.size(); ++i) {
      const auto& pupil = s_.pupils[klass.pupils[i]];
      domain::Presence presence = domain::Presence::present;
      int late = 0;
      if (today[i].kind == PupilDay::ill) presence = domain::Presence::absent_illness;
      else if (today[i].kind == PupilDay::truant) presence = domain::Presence::absent_unexcused;
      else if (first_of_day && today[i].late_first) presence = domain::Presence::late, late = today[i].late_first;
      else if (!first_of_day && rng.chance(skipped_lesson_share)) presence = domain::Presence::absent_unexcused;
      else if (!first_of_day && rng.chance(late_other_share))
        presence = domain::Presence::late, late = rng.between(1, max_late_demo_minutes);
      if (presence != domain::Presence::present) {
        auto& a = db_.prepare(
            "INSERT INTO attendance(lesson_id, student_id, presence, late_minutes, set_by, set_at) VALUES (?,?,?,?,?,?)");
        a.bind(1, lesson_id).bind(2, pupil.id).bind(3, domain::to_string(presence)).bind(4, late);
        const auto set_at = utc_text(s_, day, bell.start_minute + rng.between(1, 5));
        if (auto st = a.bind(5, teacher.user_id).bind(6, set_at).run(); !st) return st;
      }
      if (domain::is_absence(presence)) continue;
      present.push_back(klass.pupils[i]);
      if (graded && (test || rng.chance(mark_share)))
        if (auto st = mark(pupil, lesson_id, teacher, day, bell, test, rng); !st) return st;
    }
    if (!present.empty() && rng.chance(dot_share)) return dot(rng.pick(present), lesson_id, teacher, day, bell, rng);
    return ok_status();
  }

  Status mark(const Pupil& pupil, Id lesson_id, const Teacher& teacher, domain::Date day, const BellPeriod& bell,
              bool test, DemoRng& rng) {
    Id work = s_.work_test;
    if (!test) {
      const double u = rng.unit();
      work = u < 0.4 ? s_.work_classwork : u < 0.7 ? s_.work_oral : u < 0.9 ? s_.work_homework : s_.work_independent;
    }
    // Marks scatter around the pupil's ability; tests come out a little lower.
    const double noise = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 1.6;
    const double raw = pupil.ability + noise - (test ? 0.25 : 0.0);
    const int value = std::clamp(static_cast<int>(raw + 0.5), 2, 5);
    const int minute = bell.start_minute + rng.between(10, 44), second = rng.between(0, 59);
    const std::string at = utc_text(s_, day, minute, second);
    auto& q = db_.prepare(
        "INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, comment, set_by, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    q.bind(1, uuid_at(s_, day, minute, second)).bind(2, pupil.id).bind(3, lesson_id).bind(4, value).bind(5, work);
    q.bind(6, rng.chance(comment_share) ? mark_comment(value, rng) : std::string_view(""));
    return q.bind(7, teacher.user_id).bind(8, at).bind(9, at).run();
  }

  Status dot(std::size_t pupil, Id lesson_id, const Teacher& teacher, domain::Date day, const BellPeriod& bell,
             DemoRng& rng) {
    const auto expires = domain::add_days(day, rng.between(dot_min_days, dot_max_days));
    auto& q = db_.prepare(
        "INSERT INTO dots(uuid, student_id, lesson_id, set_on, expires_on, state, set_by) VALUES (?,?,?,?,?,?,?)");
    q.bind(1, uuid_at(s_, day, bell.end_minute)).bind(2, s_.pupils[pupil].id).bind(3, lesson_id);
    q.bind(4, domain::format_date(day));
    q.bind(5, domain::format_date(expires)).bind(6, expires < last_day_ ? "expired" : "open");
    return q.bind(7, teacher.user_id).run();
  }

  Status tap(const Pupil& pupil, domain::Date day, int minute, const char* result, DemoRng& rng) {
    const int second = rng.between(0, 59), millis = rng.between(0, 999);
    auto& q = db_.prepare(
        "INSERT INTO taps(tap_id, student_id, card, reader, at, result, received_at) VALUES (?,?,?,?,?,?,?)");
    q.bind(1, uuid_at(s_, day, minute, second, millis)).bind(2, pupil.id).bind(3, pupil.card).bind(4, entrance_reader);
    q.bind(5, utc_text(s_, day, minute, second, millis)).bind(6, result);
    return q.bind(7, utc_text(s_, day, minute, second, millis + rng.between(20, 1500))).run();
  }

  // The next school day the class has this subject, as a teacher sets it.
  domain::Date due_date(std::size_t course, domain::Date day) const {
    for (int k = 1; k <= homework_search_days; ++k) {
      const auto d = domain::add_days(day, k);
      const int wd = domain::iso_weekday(d);
      if (wd <= school_days && (course_days_[course] & (1u << wd)) && is_school_day(s_, d)) return d;
    }
    return domain::add_days(day, homework_fallback_days);
  }

  store::Db& db_;
  const DemoOptions& opt_;
  School& s_;
  std::vector<int> sick_left_;      // school days of illness still ahead, by pupil
  std::vector<int> lessons_given_;  // by course, across weeks
  std::vector<unsigned> course_days_;  // by course, bit d set when it is taught on weekday d
  domain::Date last_day_;           // the Friday of the last demo week: dots expiring before it have expired
};

}  // namespace

bool is_school_day(const School& s, domain::Date day) {
  if (domain::iso_weekday(day) > school_days) return false;
  for (const auto& [m, d] : public_holidays)
    if (static_cast<unsigned>(day.month()) == m && static_cast<unsigned>(day.day()) == d) return false;
  if (s.terms.empty()) return true;
  // Outside the configured academic year the school's calendar says nothing, so the weeks asked
  // for are taught in full; inside it, the holidays between terms have no lessons.
  const auto first = std::min_element(s.terms.begin(), s.terms.end(),
                                      [](const auto& a, const auto& b) { return a.start < b.start; });
  const auto last = std::max_element(s.terms.begin(), s.terms.end(),
                                     [](const auto& a, const auto& b) { return a.end < b.end; });
  if (day < first->start || day > last->end) return true;
  return domain::term_on(s.terms, day).has_value();
}

Status insert_weeks(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress) {
  WeekWriter writer(db, opt, s);
  for (int w = 0; w < opt.weeks;) {
    // Whole weeks per transaction until it holds rows_per_transaction rows: every week touches
    // the pupil-keyed index pages of every pupil, and each commit writes those pages out again.
    store::Transaction tx(db);
    if (!tx.begun()) return tx.begun();
    const auto rows_before = db.total_changes();
    do {
      if (auto st = writer.week(w, domain::add_days(opt.first_monday, 7 * w)); !st) return st;
      ++w;
      if (progress) progress("weeks", static_cast<std::size_t>(w), static_cast<std::size_t>(opt.weeks));
    } while (w < opt.weeks && db.total_changes() - rows_before < rows_per_transaction);
    if (auto st = tx.commit(); !st) return st;
  }
  return ok_status();
}

}  // namespace classbook::demo
