// report_card: GradesView put in the school's words and drawn by docs/report_card.
#include "app/report_card.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include "app/document_words.hpp"
#include "app/reads.hpp"
#include "docs/report_card.hpp"
#include "domain/calendar.hpp"
#include "domain/marks.hpp"

namespace classbook::app {
namespace {

// Days from the term's first day: where a mark stands on the chart's x axis.
double share_of_term(const domain::Term& term, domain::Date day) {
  const auto span = (std::chrono::sys_days(term.end) - std::chrono::sys_days(term.start)).count();
  if (span <= 0) return 0;
  return static_cast<double>((std::chrono::sys_days(day) - std::chrono::sys_days(term.start)).count()) / static_cast<double>(span);
}

std::string absences_text(const domain::AbsenceCount& a) {
  if (a.total == 0) return "—";
  return std::to_string(a.total) + (a.excused ? " (" + std::to_string(a.excused) + " по уважительной причине)" : "");
}

// The weights a reader needs to follow the averages: each work type the card's marks use, once.
std::string weights_line(const GradesView& g) {
  std::vector<std::pair<std::string, int>> used;
  for (const auto& s : g.subjects)
    for (const auto& m : s.marks)
      if (std::none_of(used.begin(), used.end(), [&](auto& u) { return u.first == m.work_type_name; }))
        used.emplace_back(m.work_type_name, m.weight);
  if (used.empty()) return "";
  std::sort(used.begin(), used.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::string out = "Средний балл взвешенный. Веса видов работ: ";
  for (std::size_t i = 0; i < used.size(); ++i)
    out += (i ? ", " : "") + used[i].first + " ×" + std::to_string(used[i].second);
  return out + ".";
}

}  // namespace

std::string term_name(const store::SchoolSettings& school, int number) {
  switch (school.term_kind) {
    case domain::TermKind::quarters: return std::to_string(number) + " четверть";
    case domain::TermKind::trimesters: return std::to_string(number) + " триместр";
    case domain::TermKind::semesters: return std::to_string(number) + " полугодие";
  }
  return std::to_string(number) + " период";
}

Result<IssuedPdf> report_card(Context& ctx, const domain::Actor& actor, std::string_view student_id, std::string_view term_text) {
  if (term_text.empty())
    return make_error(Errc::invalid_input, "term.malformed", "say which term: term=1, 2, … (GET /api/v1/school lists the terms)",
                      "term");
  auto grades = get_grades(ctx, actor, student_id, term_text);
  if (!grades) return grades.error();
  auto term = parse_term(ctx.settings(), term_text);
  if (!term) return term.error();
  const auto& g = *grades;
  docs::ReportCard card;
  card.school = ctx.settings().name;
  card.pupil = g.student.full_name;
  card.class_name = g.student.class_name;
  card.term = term_name(ctx.settings(), g.term) + " (" + dotted(g.from) + " — " + dotted(g.to) + ")";
  card.made_at = local_text(ctx, ctx.clock.now());
  card.weights = weights_line(g);
  std::vector<double> averages;
  for (const auto& s : g.subjects) {
    docs::ReportCardSubject out;
    out.subject = s.subject;
    out.teacher = s.teacher;
    // The marks in the order they were given (by lesson date), each with its running weighted average.
    std::vector<std::size_t> order(s.marks.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return s.mark_dates[a] < s.mark_dates[b]; });
    std::vector<domain::MarkValue> so_far;
    for (std::size_t i : order) {
      const auto& m = s.marks[i];
      out.marks += (out.marks.empty() ? "" : " ") + std::to_string(m.value);
      so_far.push_back({m.value, m.weight});
      const auto running = domain::weighted_average(so_far).value_or(m.value);
      out.chart.push_back({share_of_term(*term, s.mark_dates[i]), m.value, static_cast<double>(m.weight), running});
    }
    out.average = average_text(s.average);
    if (s.average) averages.push_back(*s.average);
    out.proposed = s.proposed ? std::to_string(s.proposed->grade) : "";
    out.term_grade = s.final_grade ? std::to_string(*s.final_grade) : "";
    out.absences = absences_text(s.absences);
    card.subjects.push_back(std::move(out));
  }
  if (!averages.empty())
    card.overall = "Средний балл по предметам: " +
                   average_text(std::accumulate(averages.begin(), averages.end(), 0.0) / static_cast<double>(averages.size()));
  auto pdf = docs::report_card_pdf(card);
  if (!pdf) return pdf.error();
  return IssuedPdf{std::move(*pdf), "report-card-term-" + std::to_string(g.term) + ".pdf", ""};
}

}  // namespace classbook::app
