// Tests of the attendance report PDF, read back with poppler: the pupils' names, counts and days are
// in its text, its fonts are embedded, the page is upright A4, and the class's total row is the sum
// of the rows above it as printed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "docs/attendance_report.hpp"
#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using classbook::test::output_of;
using classbook::test::squeezed;
using classbook::test::written;

namespace {

const char* const kNames[] = {"Иванова Мария", "Петров Алексей", "Сидорова Анна", "Кузнецов Дмитрий", "Смирнова Ольга",
                              "Васильев Иван"};

AttendanceReport week(int pupils) {
  AttendanceReport r;
  r.school = "ГБОУ Школа № 1";
  r.class_name = "7А";
  r.class_teacher = "Петрова А. С.";
  r.period = "01.12.2026 — 07.12.2026";
  r.made_at = "07.12.2026 03:20 (МСК)";
  r.school_days = 5;
  r.lessons = 31;
  for (int i = 0; i < pupils; ++i) {
    AttendanceRow row;
    row.pupil = std::string(kNames[i % 6]) + (i < 6 ? "" : " " + std::to_string(i / 6 + 1));
    // Counts that differ per pupil and are zero for some, so a dash and a number both occur.
    row.lessons_missed = (i * 7) % 11;
    row.lessons_excused = row.lessons_missed / 2;
    row.days_absent = row.lessons_missed >= 6 ? 1 : 0;
    row.late_count = i % 3;
    row.late_minutes = row.late_count * (5 + i % 4);
    if (row.lessons_missed > 0) row.dates = "02.12 н(" + std::to_string(row.lessons_missed) + ")";
    r.rows.push_back(std::move(row));
  }
  return r;
}

// A printed count: a dash is zero.
int number(const std::string& s) { return s == "—" ? 0 : std::stoi(s); }

}  // namespace

TEST_CASE("an attendance report holds the class, the pupils and their counts, in embedded fonts on upright A4") {
  test::TempDir dir;
  auto r = week(4);
  r.rows[1].dates = "02.12 н(3), 03.12 уп(6)";
  r.rows[1].lessons_missed = 9;
  r.rows[1].lessons_excused = 6;
  r.rows[1].days_absent = 1;
  r.rows[1].late_count = 2;
  r.rows[1].late_minutes = 17;
  auto pdf = attendance_report_pdf(r);
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = written(dir, *pdf);
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
  for (const char* expected : {"ОтчётопосещаемостиГБОУШкола№1", "Класс:7А,классныйруководительПетроваА.С.",
                               "Период:01.12.2026—07.12.2026", "Учебныхдней:5,проведеноуроков:31.", "ИвановаМария",
                               "ПетровАлексей", "СидороваАнна", "КузнецовДмитрий", "02.12н(3),03.12уп(6)", "2/17",
                               "Итогопоклассу",
                               "Отчётопосещаемости·7А·01.12.2026—07.12.2026·сформирован07.12.202603:20(МСК)", "стр.1из1"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
  CHECK(squeezed(output_of("pdfinfo " + path)).find("Pagesize:595.276x841.89pts(A4)") != std::string::npos);
}

TEST_CASE("the class total row of a report is the sum of its pupils' rows as printed") {
  test::TempDir dir;
  const auto r = week(30);
  auto pdf = attendance_report_pdf(r);
  REQUIRE(pdf);
  const auto path = written(dir, *pdf);
  // -layout keeps each table row on one line: "12  Петров Алексей  —  —  —  2 / 16" (and may drop the
  // space before the slash).
  std::istringstream lines(output_of("pdftotext -layout -enc UTF-8 " + path + " -"));
  const std::regex row(R"(^\s*(\d+)?\s+(\S.*?\S)\s{2,}(\d+|—)\s+(\d+|—)\s+(\d+|—)\s+(?:(\d+) ?/ ?(\d+)|—)(?:\s.*)?$)");
  std::array<int, 5> sum{}, total{};
  int pupils = 0, totals = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    std::array<int, 5> values = {number(m[3]), number(m[4]), number(m[5]), m[6].matched ? std::stoi(m[6]) : 0,
                                 m[7].matched ? std::stoi(m[7]) : 0};
    if (m[2] == "Итого по классу") {
      total = values;
      ++totals;
      continue;
    }
    INFO(line);
    ++pupils;
    CHECK(m[1].matched);
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += values[k];
  }
  CHECK(pupils == 30);
  CHECK(totals == 1);
  CHECK(total == sum);
  // And the sum is the data's: nothing was lost between the rows given and the rows printed.
  std::array<int, 5> given{};
  for (const auto& p : r.rows) {
    given[0] += p.lessons_missed;
    given[1] += p.lessons_excused;
    given[2] += p.days_absent;
    given[3] += p.late_count;
    given[4] += p.late_minutes;
  }
  CHECK(total == given);
  CHECK(given[0] > 0);
}

TEST_CASE("a report of a class without pupils says so") {
  test::TempDir dir;
  auto pdf = attendance_report_pdf(week(0));
  REQUIRE(pdf);
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + written(dir, *pdf) + " -"));
  CHECK(text.find("Вклассенетучеников.") != std::string::npos);
  CHECK(text.find("Итогопоклассу") == std::string::npos);
}
