// school_report: a title and the report's tables laid down landscape pages by pdf_flow.
#include "docs/school_report.hpp"

#include "docs/pdf_flow.hpp"

namespace classbook::docs {

Result<std::string> school_report_pdf(const SchoolReport& r) {
  Flow flow(r.title + " · " + r.scope + " · " + r.period + " · сформирован " + r.made_at, "стр.", "из",
            Orientation::landscape);
  flow.title({r.title, r.school, "Период: " + r.period + ", " + r.scope, "Сформирован: " + r.made_at}, "", "");
  constexpr TextStyle small{8, false, 0};
  constexpr TextStyle bold{8, true, 0};
  for (const auto& s : r.sections) {
    if (!s.heading.empty()) flow.heading(s.heading);
    if (s.rows.empty()) {
      flow.paragraph(s.empty_text.empty() ? "Нет данных за период." : s.empty_text, TextStyle{8.5, false, 0.35});
      continue;
    }
    std::vector<Cell> header;
    for (const auto& h : s.header) header.push_back({h, small});
    std::vector<std::vector<Cell>> rows;
    rows.reserve(s.rows.size());
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      const auto style = s.last_row_is_total && i + 1 == s.rows.size() ? bold : small;
      std::vector<Cell> row;
      for (const auto& cell : s.rows[i]) row.push_back({cell, style});
      rows.push_back(std::move(row));
    }
    flow.table(s.widths, std::move(header), std::move(rows));
    flow.space(8);
  }
  if (!r.note.empty()) flow.paragraph(r.note, TextStyle{8, false, 0.35});
  return flow.pdf(r.title + " — " + r.scope + ", " + r.period);
}

}  // namespace classbook::docs
