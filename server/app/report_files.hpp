// report_files: the director's reports as files — CSV for a spreadsheet and PDF for paper — made from
// the same views the JSON answers carry (app/reports), so the three never disagree.
//
// CSV as Excel in a Russian locale opens it by double-click: UTF-8 with a byte-order mark (without
// one Excel reads the text as cp1251), ';' between fields (',' is the decimal separator there),
// decimals with a comma ("3,57"), CRLF line ends, fields quoted when they hold ';', '"' or a line
// break. A field that starts with '=', '+', '-' or '@' gets a leading apostrophe so no spreadsheet
// runs it as a formula. LibreOffice opens the same file when told ';'.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "app/reports.hpp"

namespace classbook::app {

struct CsvFile {
  std::string bytes;      // with the BOM
  std::string file_name;  // ASCII, for Content-Disposition
};

// One table as the CSV above; exposed for the unit test.
std::string csv_text(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

CsvFile attendance_csv(const AttendanceReportView& v);  // one row per class and day, then the class and school totals
CsvFile grades_csv(const GradesReportView& v);          // one row per class × subject
CsvFile at_risk_csv(const AtRiskView& v);               // one row per reason of each pupil

// PDFs: the attendance report shows the classes' totals and the days (the school's sum per day, or the
// class's days when one class is asked for): a year of every class's days would be hundreds of pages —
// the CSV has them all. The others show every row of their view.
Result<IssuedPdf> attendance_pdf(const Context& ctx, const AttendanceReportView& v);
Result<IssuedPdf> grades_pdf(const Context& ctx, const GradesReportView& v);
Result<IssuedPdf> at_risk_pdf(const Context& ctx, const AtRiskView& v);

}  // namespace classbook::app
