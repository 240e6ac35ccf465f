// school_report: the director's school-wide reports as paper (issue 12) — a title, then tables, on A4
// turned on its side (a class × subject table is wide). app/report_files puts each report's model in
// these words; this file lays it out.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct ReportSection {
  std::string heading;                         // "" for none
  std::vector<double> widths;                  // shares of the text width, one per column
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as many cells as the header
  bool last_row_is_total = false;              // drawn bold
  std::string empty_text;                      // said instead of the table when it has no rows
};

struct SchoolReport {
  std::string school, title;  // "Посещаемость по классам и дням"
  std::string period;         // "01.09.2026 — 31.05.2027"
  std::string scope;          // "вся школа" or "класс 5А"
  std::string made_at;        // "07.12.2026 03:20 (МСК)"
  std::vector<ReportSection> sections;
  std::string note;           // under the last table: what the columns count
};

// The report as a PDF (A4 landscape, DejaVu embedded).
Result<std::string> school_report_pdf(const SchoolReport& r);

}  // namespace classbook::docs
