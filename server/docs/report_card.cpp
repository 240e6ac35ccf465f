// report_card: the card's layout on pdf_flow — a title, the term's table of every subject, the
// weights the averages are counted with, then a heading and a chart of marks per subject.
#include "docs/report_card.hpp"

#include <utility>

#include "docs/pdf_flow.hpp"

namespace classbook::docs {
namespace {

constexpr double kChartHeight = 90;  // small enough for five or six subjects to a page
constexpr TextStyle kSmall{8, false, 0};
constexpr TextStyle kMuted{8, false, 0.35};

// A grade not yet given is a dash, not an empty cell: a printed blank reads as forgotten.
std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

std::vector<ChartPoint> points_of(const std::vector<ChartMark>& marks) {
  std::vector<ChartPoint> points;
  points.reserve(marks.size());
  for (const auto& m : marks) points.push_back({m.at, static_cast<double>(m.value), m.weight, m.running_average});
  return points;
}

}  // namespace

Result<std::string> report_card_pdf(const ReportCard& card) {
  Flow flow("Табель успеваемости · " + card.pupil + " · " + card.class_name + " · сформирован " + card.made_at, "стр.", "из");
  flow.title({"Табель успеваемости", card.school, "Ученик: " + card.pupil + ", класс " + card.class_name, card.term,
              "Сформирован: " + card.made_at},
             "", "");

  if (card.subjects.empty()) {
    flow.paragraph("Предметов в четверти нет.", kMuted);
    return flow.pdf("Табель успеваемости — " + card.pupil + ", " + card.term);
  }
  std::vector<std::vector<Cell>> rows;
  for (const auto& s : card.subjects)
    rows.push_back({{s.subject, kSmall}, {s.teacher, kSmall}, {s.marks, kSmall}, {s.average, kSmall},
                    {or_dash(s.proposed), kSmall}, {or_dash(s.term_grade), kSmall}, {s.absences, kSmall}});
  flow.table({16, 15, 21, 10, 10, 11, 17},
             {{"Предмет", kSmall}, {"Учитель", kSmall}, {"Оценки", kSmall}, {"Средний балл", kSmall},
              {"Предв. оценка", kSmall}, {"Итог за четверть", kSmall}, {"Пропуски", kSmall}},
             std::move(rows));
  if (!card.overall.empty()) {
    flow.space(4);
    flow.paragraph(card.overall, {9, true, 0});
  }
  if (!card.weights.empty()) flow.paragraph(card.weights, kMuted);

  // The legend goes under the first chart only: the others are read the same way.
  bool legend_given = false;
  for (const auto& s : card.subjects) {
    flow.heading(s.subject);
    if (s.chart.empty()) {
      flow.paragraph("Оценок за четверть нет.", kMuted);
      continue;
    }
    std::string legend;
    if (!legend_given) legend = "● оценка (крупнее — больший вес), — средний балл";
    legend_given = true;
    flow.chart(points_of(s.chart), {1, 5, "начало", "конец"}, kChartHeight, std::move(legend));
  }
  return flow.pdf("Табель успеваемости — " + card.pupil + ", " + card.term);
}

}  // namespace classbook::docs
