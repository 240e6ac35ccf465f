// attendance_report: the report's layout on pdf_flow — a title, the period's school days and
// lessons, then one row per pupil in register order and the class's total row under them.
#include "docs/attendance_report.hpp"

#include "docs/pdf_flow.hpp"

namespace classbook::docs {
namespace {

// A zero is shown as a dash: in a column of thirty mostly-clean rows the eye finds the numbers.
std::string count(int n) { return n == 0 ? "—" : std::to_string(n); }

std::string lateness(int lessons, int minutes) {
  return lessons == 0 && minutes == 0 ? "—" : std::to_string(lessons) + " / " + std::to_string(minutes);
}

}  // namespace

Result<std::string> attendance_report_pdf(const AttendanceReport& r) {
  Flow flow("Отчёт о посещаемости · " + r.class_name + " · " + r.period + " · сформирован " + r.made_at, "стр.", "из");
  std::vector<std::string> title = {"Отчёт о посещаемости", r.school, "Класс: " + r.class_name};
  if (!r.class_teacher.empty()) title.back() += ", классный руководитель " + r.class_teacher;
  title.push_back("Период: " + r.period);
  title.push_back("Сформирован: " + r.made_at);
  flow.title(std::move(title), "", "");
  flow.paragraph("Учебных дней: " + std::to_string(r.school_days) + ", проведено уроков: " + std::to_string(r.lessons) + ".",
                 TextStyle{9.5, false, 0});

  constexpr TextStyle small{8, false, 0};
  constexpr TextStyle total{8, true, 0};
  if (r.rows.empty()) {
    flow.paragraph("В классе нет учеников.", TextStyle{8, false, 0.35});
    return flow.pdf("Отчёт о посещаемости — " + r.class_name + ", " + r.period);
  }
  AttendanceRow sum;
  std::vector<std::vector<Cell>> rows;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& p = r.rows[i];
    rows.push_back({{std::to_string(i + 1), small}, {p.pupil, small}, {count(p.lessons_missed), small},
                    {count(p.lessons_excused), small}, {count(p.days_absent), small},
                    {lateness(p.late_count, p.late_minutes), small}, {p.dates, small}});
    sum.lessons_missed += p.lessons_missed;
    sum.lessons_excused += p.lessons_excused;
    sum.days_absent += p.days_absent;
    sum.late_count += p.late_count;
    sum.late_minutes += p.late_minutes;
  }
  // The total row in numbers, zeros too: it is the line a report is read for.
  rows.push_back({{"", total}, {"Итого по классу", total}, {std::to_string(sum.lessons_missed), total},
                  {std::to_string(sum.lessons_excused), total}, {std::to_string(sum.days_absent), total},
                  {std::to_string(sum.late_count) + " / " + std::to_string(sum.late_minutes), total}, {"", total}});
  // Wide enough that no header word is broken ("Пропущено", "Опоздания" in bold).
  flow.table({4, 20, 12, 12, 12, 13, 27},
             {{"№", small}, {"Ученик", small}, {"Пропущено уроков", small}, {"из них по уважит. причине", small},
              {"Дней пропущено", small}, {"Опоздания (уроков / минут)", small}, {"По дням", small}},
             std::move(rows));
  flow.paragraph("Пропущено уроков — отмеченные «н» и «уп»; дней пропущено — учебные дни, когда пропущены все уроки. "
                 "По дням: дата, отметка и число пропущенных уроков.",
                 TextStyle{8, false, 0.35});
  return flow.pdf("Отчёт о посещаемости — " + r.class_name + ", " + r.period);
}

}  // namespace classbook::docs
