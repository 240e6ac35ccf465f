// reports: the counts read from store/reports, put together per class and day or per class × subject,
// with the averages from domain::weighted_average (the diary's own) and the policy asked first.
#include "app/reports.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "app/found.hpp"
#include "app/reads.hpp"
#include "app/school_days.hpp"
#include "domain/marks.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"
#include "store/reports.hpp"

namespace classbook::app {

AttendanceFigures& AttendanceFigures::operator+=(const AttendanceFigures& o) {
  pupils += o.pupils;
  lessons += o.lessons;
  unexcused += o.unexcused;
  excused += o.excused;
  illness += o.illness;
  late += o.late;
  return *this;
}

namespace {

Status allowed(const domain::Actor& actor, domain::Action action) {
  if (auto d = domain::decide(actor, domain::Action::read_all, {}); d) return ok_status();
  // The office prints any class's attendance (print_class_records for every class, class 0), so it
  // may read the school's attendance as well; marks stay the director's.
  if (action == domain::Action::print_class_records)
    if (auto d = domain::decide(actor, action, {}); d) return ok_status();
  auto d = domain::decide(actor, domain::Action::read_all, {});
  return make_error(Errc::forbidden, "report.not_allowed", d.reason);
}

// The period and class of a request, checked: a term, or from and to, never both.
struct Span {
  ReportSpan view;
  domain::Date from, to;
  store::Id class_id = 0;
};

Result<Span> span_of(Context& ctx, store::Db& db, const ReportRequest& in) {
  Span s;
  const bool by_dates = !in.from.empty() || !in.to.empty();
  if (!in.term.empty() && by_dates)
    return make_error(Errc::invalid_input, "report.period_ambiguous", "ask for a term (term=2) or for dates (from, to), not both", "term");
  if (!in.term.empty()) {
    auto term = parse_term(ctx.settings(), in.term);
    if (!term) return term.error();
    s.from = term->start;
    s.to = term->end;
    s.view.term = term->number;
  } else {
    if (in.from.empty() || in.to.empty())
      return make_error(Errc::invalid_input, "report.period_missing",
                        "say which period: term=2, or from and to such as from=2026-09-01&to=2027-05-31",
                        in.from.empty() ? "from" : "to");
    auto days = parse_school_days(in.from, in.to, local_date(ctx, ctx.clock.now()), max_report_days);
    if (!days) return days.error();
    s.from = days->from;
    s.to = days->to;
  }
  s.view.from = domain::format_date(s.from);
  s.view.to = domain::format_date(s.to);
  if (!in.class_id.empty()) {
    auto id = id_for(db, store::Table::classes, in.class_id,
                     make_error(Errc::not_found, "class.not_found", "no such class; GET /api/v1/classes lists the classes", "class_id"));
    if (!id) return id.error();
    s.class_id = *id;
    s.view.class_id = in.class_id;
  }
  return s;
}

// Pupils of the class on `date`: everyone on its list who had not left before that day (store/enrolled_on's rule).
int pupils_on(const std::vector<const store::ReportPupil*>& pupils, const std::string& date) {
  int n = 0;
  for (const auto* p : pupils)
    if (p->left_on.empty() || p->left_on >= date) ++n;
  return n;
}

}  // namespace

Result<AttendanceReportView> attendance_report_view(Context& ctx, const domain::Actor& actor, const ReportRequest& in) {
  if (auto st = allowed(actor, domain::Action::print_class_records); !st) return st.error();
  auto db = ctx.readers.acquire();
  auto span = span_of(ctx, *db, in);
  if (!span) return span.error();
  auto classes = store::classes_for_report(*db, span->class_id);
  if (!classes) return classes.error();
  auto pupils = store::pupils_for_report(*db, span->class_id);
  if (!pupils) return pupils.error();
  auto days = store::attendance_by_class_day(*db, span->from, span->to, span->class_id);
  if (!days) return days.error();

  AttendanceReportView view;
  view.span = span->view;
  std::unordered_map<store::Id, std::vector<const store::ReportPupil*>> pupils_of;
  for (const auto& p : *pupils) pupils_of[p.class_id].push_back(&p);
  std::unordered_map<store::Id, std::vector<const store::AttendanceDayCounts*>> days_of;
  for (const auto& d : *days) days_of[d.class_id].push_back(&d);
  std::map<std::string, AttendanceFigures> school_days;
  for (const auto& c : *classes) {
    if (span->class_id) view.span.class_name = c.name;
    ClassAttendance ca{c.uuid, c.name, {}, {}};
    const auto& list = pupils_of[c.id];
    for (const auto* d : days_of[c.id]) {
      AttendanceFigures f{pupils_on(list, d->date), d->lessons, d->unexcused, d->excused, d->illness, d->late};
      ca.days.push_back({d->date, f});
      ca.total += f;
      school_days[d->date] += f;
    }
    ca.total.pupils = pupils_on(list, view.span.from);
    view.school += ca.total;
    view.classes.push_back(std::move(ca));
  }
  for (auto& [date, f] : school_days) view.school_days.push_back({date, f});
  return view;
}

namespace {

// Marks of the span per class × subject and per pupil × subject, as the rules need them.
struct MarkTally {
  std::vector<domain::MarkValue> values;
  std::map<int, int> by_value;
  std::vector<store::Id> pupils;  // one per mark; counted once each at the end
};

// One number for a class × subject pair, for hashing: ids are row ids, far below 2^32.
std::uint64_t class_subject_key(store::Id class_id, store::Id subject_id) {
  return static_cast<std::uint64_t>(class_id) << 32 | static_cast<std::uint64_t>(subject_id & 0xffffffff);
}

// The terms wholly inside the span: their term grades belong to it.
std::vector<int> terms_within(const store::SchoolSettings& s, const Span& span) {
  std::vector<int> out;
  for (const auto& t : s.terms)
    if (t.start >= span.from && t.end <= span.to) out.push_back(t.number);
  return out;
}

}  // namespace

Result<GradesReportView> grades_report_view(Context& ctx, const domain::Actor& actor, const ReportRequest& in) {
  if (auto st = allowed(actor, domain::Action::read_all); !st) return st.error();
  auto db = ctx.readers.acquire();
  auto span = span_of(ctx, *db, in);
  if (!span) return span.error();
  auto classes = store::classes_for_report(*db, span->class_id);
  if (!classes) return classes.error();
  auto subjects = store::subjects_for_report(*db);
  if (!subjects) return subjects.error();

  GradesReportView view;
  view.span = span->view;
  view.terms = span->view.term ? std::vector<int>{span->view.term} : terms_within(ctx.settings(), *span);
  // A pupil's marks of one subject often follow one another: the last tally is kept at hand.
  std::unordered_map<std::uint64_t, MarkTally> tallies;  // by class_subject_key
  MarkTally* tally = nullptr;
  std::uint64_t tally_key = ~std::uint64_t{0};
  auto st = store::each_mark_for_report(*db, span->from, span->to, span->class_id,
                                        [&](const store::ReportMark& m) {
    if (tally_key != class_subject_key(m.class_id, m.subject_id)) {
      tally_key = class_subject_key(m.class_id, m.subject_id);
      tally = &tallies[tally_key];
    }
    const auto* w = ctx.settings().work_type(m.work_type_id);
    tally->values.push_back({m.value, w ? w->type.weight : 1, w ? w->type.rank : 0});
    ++tally->by_value[m.value];
    tally->pupils.push_back(m.student_id);
  });
  if (!st) return st.error();
  auto grades = store::term_grades_for_report(*db, view.terms, span->class_id);
  if (!grades) return grades.error();
  std::map<std::pair<store::Id, store::Id>, std::map<int, int>> grade_counts;
  for (const auto& g : *grades) grade_counts[{g.class_id, g.subject_id}][g.grade] += g.count;

  for (const auto& c : *classes) {
    if (span->class_id) view.span.class_name = c.name;
    for (const auto& s : *subjects) {  // by subject name
      const auto t = tallies.find(class_subject_key(c.id, s.id));
      const auto g = grade_counts.find({c.id, s.id});
      if (t == tallies.end() && g == grade_counts.end()) continue;
      SubjectGradesRow row{c.uuid, c.name, s.uuid, s.name, 0, 0, std::nullopt, {}, 0, {}};
      if (t != tallies.end()) {
        row.marks = static_cast<int>(t->second.values.size());
        auto& pupils = t->second.pupils;
        std::sort(pupils.begin(), pupils.end());
        row.pupils_with_marks = static_cast<int>(std::unique(pupils.begin(), pupils.end()) - pupils.begin());
        row.average = domain::weighted_average(t->second.values);
        row.marks_by_value = t->second.by_value;
      }
      if (g != grade_counts.end()) {
        row.term_grades_by_value = g->second;
        for (const auto& [grade, n] : g->second) row.term_grades += n;
      }
      view.rows.push_back(std::move(row));
    }
  }
  return view;
}

namespace {

Result<double> threshold_of(std::string_view text, const domain::MarkScale& scale) {
  if (text.empty()) return default_at_risk_below;
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v) || v < scale.min || v > scale.max)
    return make_error(Errc::invalid_input, "report.threshold_malformed",
                      "below must be an average on the school's scale, such as 3.0 (from " + std::to_string(scale.min) +
                          " to " + std::to_string(scale.max) + ")",
                      "below");
  return v;
}

Result<int> absences_of(std::string_view text) {
  if (text.empty()) return default_at_risk_unexcused;
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 0 || v > 10000)
    return make_error(Errc::invalid_input, "report.absences_malformed",
                      "absences must be a number of unexcused lessons missed, such as 10", "absences");
  return v;
}

}  // namespace

Result<AtRiskView> at_risk_view(Context& ctx, const domain::Actor& actor, const AtRiskRequest& in) {
  if (auto st = allowed(actor, domain::Action::read_all); !st) return st.error();
  auto below = threshold_of(in.below, ctx.settings().scale);
  if (!below) return below.error();
  auto over = absences_of(in.absences);
  if (!over) return over.error();
  auto db = ctx.readers.acquire();
  auto span = span_of(ctx, *db, in.period);
  if (!span) return span.error();
  auto classes = store::classes_for_report(*db, span->class_id);
  if (!classes) return classes.error();
  auto pupils = store::pupils_for_report(*db, span->class_id);
  if (!pupils) return pupils.error();
  auto subjects = store::subjects_for_report(*db);
  if (!subjects) return subjects.error();
  auto absences = store::absences_by_pupil(*db, span->from, span->to, span->class_id);
  if (!absences) return absences.error();

  std::unordered_map<store::Id, const store::SubjectName*> subject_of;
  for (const auto& s : *subjects) subject_of[s.id] = &s;
  std::unordered_map<store::Id, store::PupilAbsences> absent;
  for (const auto& a : *absences) absent[a.student_id] = a;

  // A pupil's average in a subject is the diary's: every mark of the span's lessons of that subject.
  // The marks come pupil by pupil, so each pupil's subjects are averaged when the next pupil begins.
  std::unordered_map<store::Id, std::vector<AtRiskReason>> low;
  std::map<store::Id, std::vector<domain::MarkValue>> subjects_of_pupil;  // the current pupil's
  store::Id pupil = 0;
  auto close_pupil = [&] {
    for (auto& [subject, values] : subjects_of_pupil) {
      const auto avg = domain::weighted_average(values);
      if (avg && *avg < *below) {
        const auto* s = subject_of[subject];
        low[pupil].push_back({"low_average", s ? s->uuid : "", s ? s->name : "", *avg, static_cast<int>(values.size()), 0});
      }
      values.clear();
    }
  };
  auto st = store::each_mark_for_report(*db, span->from, span->to, span->class_id,
                                        [&](const store::ReportMark& m) {
    if (m.student_id != pupil) {
      close_pupil();
      pupil = m.student_id;
    }
    const auto* w = ctx.settings().work_type(m.work_type_id);
    subjects_of_pupil[m.subject_id].push_back({m.value, w ? w->type.weight : 1, w ? w->type.rank : 0});
  });
  if (!st) return st.error();
  close_pupil();

  AtRiskView view;
  view.span = span->view;
  view.below = *below;
  view.unexcused_over = *over;
  std::unordered_map<store::Id, std::vector<const store::ReportPupil*>> pupils_of;
  for (const auto& p : *pupils)
    if (p.left_on.empty() || p.left_on >= view.span.from) pupils_of[p.class_id].push_back(&p);
  for (const auto& c : *classes) {
    if (span->class_id) view.span.class_name = c.name;
    for (const auto* p : pupils_of[c.id]) {
      AtRiskPupil row{p->uuid, p->name, c.uuid, c.name, 0, 0, 0, {}};
      if (auto a = absent.find(p->id); a != absent.end()) {
        row.unexcused = a->second.unexcused;
        row.excused = a->second.excused;
        row.illness = a->second.illness;
      }
      if (auto l = low.find(p->id); l != low.end()) {
        row.reasons = std::move(l->second);
        std::sort(row.reasons.begin(), row.reasons.end(), [](const auto& x, const auto& y) { return x.subject < y.subject; });
      }
      if (row.unexcused > *over) {
        AtRiskReason r;
        r.kind = "unexcused_absences";
        r.unexcused = row.unexcused;
        row.reasons.push_back(std::move(r));
      }
      if (!row.reasons.empty()) view.pupils.push_back(std::move(row));
    }
  }
  return view;
}

}  // namespace classbook::app
