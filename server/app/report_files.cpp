// report_files: each view turned into rows of text once per file kind — CSV with every row, PDF in
// docs/school_report's sections.
#include "app/report_files.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "app/document_words.hpp"
#include "docs/school_report.hpp"

namespace classbook::app {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string csv_field(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(v.begin(), '\'');
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// Two decimals, with the separator given: "3,57" for the CSV, "3,57" on paper too (the school's way).
std::string decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100.0) / 100.0);  // as the JSON rounds it (half away from zero)
  std::string s = buf;
  for (auto& ch : s)
    if (ch == '.') ch = ',';
  return s;
}

std::string period_text(const ReportSpan& s) {
  std::string p = dotted(s.from) + " — " + dotted(s.to);
  if (s.term) p = "учебный период " + std::to_string(s.term) + " (" + p + ")";
  return p;
}
std::string scope_text(const ReportSpan& s) { return s.class_name.empty() ? "вся школа" : "класс " + s.class_name; }
std::string file_stem(const char* kind, const ReportSpan& s) {
  return std::string(kind) + (s.term ? "-term" + std::to_string(s.term) : "") + "-" + s.from + "-" + s.to;
}

std::vector<std::string> figures(const AttendanceFigures& f) {
  return {std::to_string(f.pupils), std::to_string(f.lessons),   std::to_string(f.unexcused),
          std::to_string(f.excused), std::to_string(f.illness), std::to_string(f.late)};
}
const std::vector<std::string> figure_header{"Учеников", "Уроков", "«н»", "«уп»", "«б»", "Опозданий"};

// The values any row has, highest first: the distribution's columns.
template <class Rows, class Get>
std::vector<int> values_in(const Rows& rows, Get get) {
  std::set<int, std::greater<>> values;
  for (const auto& r : rows)
    for (const auto& [v, n] : get(r)) values.insert(v);
  return {values.begin(), values.end()};
}

std::vector<std::string> counts_of(const std::map<int, int>& by_value, const std::vector<int>& values) {
  std::vector<std::string> out;
  for (int v : values) {
    auto it = by_value.find(v);
    out.push_back(std::to_string(it == by_value.end() ? 0 : it->second));
  }
  return out;
}

std::vector<std::string> grades_header(const std::vector<int>& mark_values, const std::vector<int>& grade_values) {
  std::vector<std::string> h{"Класс", "Предмет", "Оценок", "Учеников с оценками", "Средний балл"};
  for (int v : mark_values) h.push_back("«" + std::to_string(v) + "»");
  h.push_back("Итоговых оценок");
  for (int v : grade_values) h.push_back("итог «" + std::to_string(v) + "»");
  return h;
}

std::vector<std::vector<std::string>> grades_rows(const GradesReportView& v, const std::vector<int>& mark_values,
                                                  const std::vector<int>& grade_values) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : v.rows) {
    std::vector<std::string> row{r.class_name, r.subject, std::to_string(r.marks), std::to_string(r.pupils_with_marks),
                                 r.average ? decimal(*r.average) : ""};
    for (auto& c : counts_of(r.marks_by_value, mark_values)) row.push_back(std::move(c));
    row.push_back(std::to_string(r.term_grades));
    for (auto& c : counts_of(r.term_grades_by_value, grade_values)) row.push_back(std::move(c));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string reason_text(const AtRiskReason& r) {
  if (r.kind == "low_average")
    return "средний балл " + decimal(r.average) + " по предмету «" + r.subject + "» (" + std::to_string(r.marks) + " оц.)";
  return std::to_string(r.unexcused) + " уроков пропущено без уважительной причины";
}

Result<IssuedPdf> as_pdf(const Context& ctx, docs::SchoolReport r, const std::string& stem) {
  r.school = ctx.settings().name;
  r.made_at = local_text(ctx, ctx.clock.now());
  auto pdf = docs::school_report_pdf(r);
  if (!pdf) return pdf.error();
  return IssuedPdf{std::move(*pdf), stem + ".pdf", ""};
}

}  // namespace

std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out(utf8_bom);
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? ";" : "") + csv_field(cells[i]);
    out += "\r\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out;
}

CsvFile attendance_csv(const AttendanceReportView& v) {
  std::vector<std::string> header{"Класс", "Дата"};
  header.insert(header.end(), figure_header.begin(), figure_header.end());
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const std::string& a, const std::string& b, const AttendanceFigures& f) {
    std::vector<std::string> row{a, b};
    for (auto& x : figures(f)) row.push_back(std::move(x));
    rows.push_back(std::move(row));
  };
  for (const auto& c : v.classes) {
    for (const auto& d : c.days) add(c.class_name, d.date, d.figures);
    add(c.class_name, "итого", c.total);
  }
  add("вся школа", "итого", v.school);
  return {csv_text(header, rows), file_stem("attendance", v.span) + ".csv"};
}

CsvFile grades_csv(const GradesReportView& v) {
  const auto mv = values_in(v.rows, [](const auto& r) { return r.marks_by_value; });
  const auto gv = values_in(v.rows, [](const auto& r) { return r.term_grades_by_value; });
  return {csv_text(grades_header(mv, gv), grades_rows(v, mv, gv)), file_stem("grades", v.span) + ".csv"};
}

CsvFile at_risk_csv(const AtRiskView& v) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : v.pupils)
    for (const auto& r : p.reasons)
      rows.push_back({p.class_name, p.name, r.kind == "low_average" ? "низкий средний балл" : "пропуски без уважительной причины",
                      r.subject, r.kind == "low_average" ? decimal(r.average) : "", std::to_string(p.unexcused),
                      std::to_string(p.excused), std::to_string(p.illness)});
  return {csv_text({"Класс", "Ученик", "Причина", "Предмет", "Средний балл", "«н»", "«уп»", "«б»"}, rows),
          file_stem("at-risk", v.span) + ".csv"};
}

Result<IssuedPdf> attendance_pdf(const Context& ctx, const AttendanceReportView& v) {
  docs::SchoolReport r;
  r.title = "Посещаемость по классам и дням";
  r.period = period_text(v.span);
  r.scope = scope_text(v.span);
  docs::ReportSection classes{"По классам", {14, 12, 12, 12, 12, 12, 14}, {"Класс"}, {}, true, "Нет классов."};
  classes.header.insert(classes.header.end(), figure_header.begin(), figure_header.end());
  for (const auto& c : v.classes) {
    std::vector<std::string> row{c.class_name};
    for (auto& x : figures(c.total)) row.push_back(std::move(x));
    classes.rows.push_back(std::move(row));
  }
  if (v.span.class_name.empty()) {
    std::vector<std::string> row{"Вся школа"};
    for (auto& x : figures(v.school)) row.push_back(std::move(x));
    classes.rows.push_back(std::move(row));
  }
  const auto& days = v.span.class_name.empty() || v.classes.empty() ? v.school_days : v.classes.front().days;
  docs::ReportSection by_day{v.span.class_name.empty() ? "По дням (вся школа)" : "По дням", {14, 12, 12, 12, 12, 12, 14},
                             {"Дата"}, {}, false, "В период не было уроков."};
  by_day.header.insert(by_day.header.end(), figure_header.begin(), figure_header.end());
  for (const auto& d : days) {
    std::vector<std::string> row{dotted(d.date)};
    for (auto& x : figures(d.figures)) row.push_back(std::move(x));
    by_day.rows.push_back(std::move(row));
  }
  r.sections = {std::move(classes), std::move(by_day)};
  r.note = "Учеников — в списке класса (в итоге: на первый день периода); уроков — проведённых (без отменённых); "
           "«н» — пропущено без уважительной причины, «уп» — по уважительной, «б» — по болезни (в уроках). "
           "Все классы по дням — в выгрузке CSV.";
  return as_pdf(ctx, std::move(r), file_stem("attendance", v.span));
}

Result<IssuedPdf> grades_pdf(const Context& ctx, const GradesReportView& v) {
  const auto mv = values_in(v.rows, [](const auto& r) { return r.marks_by_value; });
  const auto gv = values_in(v.rows, [](const auto& r) { return r.term_grades_by_value; });
  docs::SchoolReport r;
  r.title = "Успеваемость по классам и предметам";
  r.period = period_text(v.span);
  r.scope = scope_text(v.span);
  std::vector<double> widths{8, 22, 8, 9, 9};
  for (std::size_t i = 0; i < mv.size(); ++i) widths.push_back(6);
  widths.push_back(9);
  for (std::size_t i = 0; i < gv.size(); ++i) widths.push_back(6);
  r.sections = {{"", widths, grades_header(mv, gv), grades_rows(v, mv, gv), false, "За период нет оценок."}};
  r.note = "Средний балл — средневзвешенный по весам видов работ, как в дневнике, по всем оценкам класса по предмету. "
           "Итоговые оценки — за учебные периоды, целиком вошедшие в период.";
  return as_pdf(ctx, std::move(r), file_stem("grades", v.span));
}

Result<IssuedPdf> at_risk_pdf(const Context& ctx, const AtRiskView& v) {
  docs::SchoolReport r;
  r.title = "Ученики группы риска";
  r.period = period_text(v.span);
  r.scope = scope_text(v.span);
  docs::ReportSection s{"", {8, 24, 50, 6, 6, 6}, {"Класс", "Ученик", "Причины", "«н»", "«уп»", "«б»"}, {}, false,
                        "Учеников группы риска нет."};
  for (const auto& p : v.pupils) {
    std::string reasons;
    for (const auto& x : p.reasons) reasons += (reasons.empty() ? "" : "; ") + reason_text(x);
    s.rows.push_back({p.class_name, p.name, reasons, std::to_string(p.unexcused), std::to_string(p.excused),
                      std::to_string(p.illness)});
  }
  r.sections = {std::move(s)};
  r.note = "В группе риска — ученики со средним баллом ниже " + decimal(v.below) +
           " хотя бы по одному предмету или пропустившие без уважительной причины больше " +
           std::to_string(v.unexcused_over) + " уроков за период.";
  return as_pdf(ctx, std::move(r), file_stem("at-risk", v.span));
}

}  // namespace classbook::app
