// The reports' CSV as Excel in a Russian locale reads it (app::csv_text): BOM, ';', CRLF, quoting,
// no formulas; and the attendance CSV's rows come from the view (every day, then the totals).
#include <catch2/catch.hpp>

#include "app/report_files.hpp"

using namespace classbook;

TEST_CASE("report CSV: BOM, semicolons, CRLF, quotes only where needed") {
  const auto text = app::csv_text({"Класс", "Ученик"}, {{"5А", "Иванова; Анна"}, {"6Б", "Ольга \"Оля\""}, {"7В", "a\nb"}});
  CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(text == "\xEF\xBB\xBF" "Класс;Ученик\r\n5А;\"Иванова; Анна\"\r\n6Б;\"Ольга \"\"Оля\"\"\"\r\n7В;\"a\nb\"\r\n");
}

TEST_CASE("report CSV: a cell that a spreadsheet would run as a formula is kept as text") {
  const auto text = app::csv_text({"a", "b", "c", "d"}, {{"=1+2", "+7", "-x", "@SUM(A1)"}});
  CHECK(text.find("'=1+2;'+7;'-x;'@SUM(A1)\r\n") != std::string::npos);
}

TEST_CASE("attendance CSV: each class's days, its total, then the school's") {
  app::AttendanceReportView v;
  v.span = {"2026-11-16", "2026-11-22", 0, "", ""};
  app::ClassAttendance c{"c1", "5А", {}, {}};
  c.days.push_back({"2026-11-16", {25, 6, 2, 1, 0, 3}});
  c.days.push_back({"2026-11-17", {25, 5, 0, 0, 4, 0}});
  c.total = {25, 11, 2, 1, 4, 3};
  v.classes.push_back(c);
  v.school = c.total;
  const auto f = app::attendance_csv(v);
  CHECK(f.file_name == "attendance-2026-11-16-2026-11-22.csv");
  CHECK(f.bytes == "\xEF\xBB\xBF"
                   "Класс;Дата;Учеников;Уроков;«н»;«уп»;«б»;Опозданий\r\n"
                   "5А;2026-11-16;25;6;2;1;0;3\r\n"
                   "5А;2026-11-17;25;5;0;0;4;0\r\n"
                   "5А;итого;25;11;2;1;4;3\r\n"
                   "вся школа;итого;25;11;2;1;4;3\r\n");
}
