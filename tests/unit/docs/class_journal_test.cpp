// Tests of the class journal PDF, read back with poppler: names, marks, averages, topics and homework
// are in its text, its fonts are embedded, its sheets are landscape A4, and a term of many lessons
// splits the grid into blocks of dates — every date printed, every page of the grid naming every
// pupil, each pupil's cells in the row of their name in lesson order.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "docs/class_journal.hpp"
#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using classbook::test::output_of;
using classbook::test::squeezed;
using classbook::test::written;

namespace {

const char* const kSurnames[] = {"Иванова", "Петров", "Сидорова", "Кузнецов", "Смирнова", "Васильев", "Попова", "Соколов",
                                 "Морозова", "Волков"};
const char* const kFirstNames[] = {"Мария", "Алексей", "Анна"};

// A term of `lessons` lessons on distinct dates (from 01.09, 28 days a month) for `pupils` pupils
// with distinct names; cell (i, l) cycles through every kind of entry the grid shows.
ClassJournal term(int pupils, int lessons) {
  ClassJournal j;
  j.school = "ГБОУ Школа № 1";
  j.class_name = "7А";
  j.subject = "Математика";
  j.teacher = "Петрова А. С.";
  j.term = "1 полугодие (01.09.2026 — 27.12.2026)";
  j.made_at = "28.12.2026 03:20 (МСК)";
  auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  for (int l = 0; l < lessons; ++l)
    j.lessons.push_back({two(1 + l % 28) + "." + two(9 + l / 28), "Тема урока номер " + std::to_string(l + 1),
                         l % 3 == 0 ? "" : "Задание к уроку " + std::to_string(l + 1)});
  const char* const kinds[] = {"5", "4", "", "н", "4/5", "3", "уп", "", "оп10", "•", "2", ""};
  for (int i = 0; i < pupils; ++i) {
    JournalPupilRow p;
    p.pupil = std::string(kSurnames[i % 10]) + " " + kFirstNames[i / 10 % 3];
    for (int l = 0; l < lessons; ++l) p.cells.push_back(kinds[(i + l) % 12]);
    p.average = i % 7 == 0 ? "—" : "4," + two(10 + i);
    p.term_grade = i % 7 == 0 ? "" : std::to_string(3 + i % 3);
    j.pupils.push_back(std::move(p));
  }
  return j;
}

}  // namespace

TEST_CASE("a class journal holds the pupils, marks, averages, topics and homework, in embedded fonts on landscape A4") {
  test::TempDir dir;
  auto j = term(3, 9);
  j.pupils[1].average = "4,25";
  j.pupils[1].term_grade = "4";
  auto pdf = class_journal_pdf(j);
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = written(dir, *pdf);
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
  for (const char* expected :
       {"Классныйжурнал:МатематикаГБОУШкола№1", "Класс:7А,учительПетроваА.С.", "Период:1полугодие(01.09.2026—27.12.2026)",
        "Уроков:9,учеников:3.", "ИвановаМария", "ПетровМария", "СидороваМария", "4/5", "оп10", "уп", "•", "4,25",
        "Ср.балл", "Итог", "01.09", "09.09", "Темауроканомер9", "Заданиекуроку8", "Обозначения:4/5—двеоценкизаурок",
        "н—отсутствовал(а)безуважительнойпричины", "•—точка", "Темыуроковидомашниезадания",
        "Классныйжурнал·7А·Математика·1полугодие(01.09.2026—27.12.2026)·сформирован28.12.202603:20(МСК)", "стр.1из"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
  CHECK(squeezed(output_of("pdfinfo " + path)).find("Pagesize:841.89x595.276pts(A4)") != std::string::npos);
  // The term grade and average sit in the row of their pupil, after the pupil's cells in lesson order.
  std::istringstream lines(output_of("pdftotext -layout -enc UTF-8 " + path + " -"));
  bool found = false;
  for (std::string line; std::getline(lines, line);)
    if (line.find("Петров Мария") != std::string::npos) {
      found = true;
      CHECK(squeezed(line) == "2ПетровМария4н4/53упоп10•4,254");
    }
  CHECK(found);
}

TEST_CASE("a term of 40 lessons for 30 pupils splits the grid into blocks, each on its page with every pupil") {
  test::TempDir dir;
  const auto j = term(30, 40);
  auto pdf = class_journal_pdf(j);
  REQUIRE(pdf);
  const auto path = written(dir, *pdf);
  const int pages = classbook::test::page_count(path);
  std::vector<int> grid_pages;
  for (int p = 1; p <= pages; ++p)
    if (squeezed(classbook::test::raw_page_text(path, p)).find("Отметкиипосещаемость") != std::string::npos) grid_pages.push_back(p);
  // 40 dates at 16 a block: three blocks, each kept whole on a page of its own.
  REQUIRE(grid_pages.size() == 3);
  std::size_t block = 0;
  for (int p : grid_pages) {
    INFO("page " << p);
    const auto text = squeezed(classbook::test::raw_page_text(path, p));
    const auto layout = classbook::test::raw_page_text(path, p, "-layout");
    for (const auto& pupil : j.pupils) CHECK(text.find(squeezed(pupil.pupil)) != std::string::npos);
    CHECK(text.find("стр." + std::to_string(p) + "из" + std::to_string(pages)) != std::string::npos);
    // Its dates in order along the header row, each pupil's cells under them in order in the row of
    // the pupil's name (-layout keeps a row on one line), and the average and term grade only in the
    // last block.
    const std::size_t from = block * kJournalDatesPerBlock, to = std::min<std::size_t>(40, from + kJournalDatesPerBlock);
    std::string dates;
    for (std::size_t l = from; l < to; ++l) dates += j.lessons[l].date;
    CHECK(squeezed(layout).find("№Ученик" + dates + (to == 40 ? "Ср.баллИтог" : "")) != std::string::npos);
    std::istringstream lines(layout);
    std::size_t rows = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto row = squeezed(line);
      for (std::size_t i = 0; i < j.pupils.size(); ++i) {
        const auto head = std::to_string(i + 1) + squeezed(j.pupils[i].pupil);
        if (!row.starts_with(head)) continue;
        std::string expected = head;
        for (std::size_t l = from; l < to; ++l) expected += j.pupils[i].cells[l];
        if (to == 40) expected += j.pupils[i].average + j.pupils[i].term_grade;
        INFO(line);
        CHECK(row == expected);
        ++rows;
      }
    }
    CHECK(rows == j.pupils.size());
    ++block;
  }
  // Every one of the 40 dates is the head of a grid column: all are found across the grid pages.
  std::string grid;
  for (int p : grid_pages) grid += squeezed(classbook::test::raw_page_text(path, p));
  for (const auto& lesson : j.lessons) {
    INFO(lesson.date);
    CHECK(grid.find(lesson.date) != std::string::npos);
  }
  // The lessons' list follows the grid, every topic in it.
  std::string after;
  for (int p = grid_pages.back(); p <= pages; ++p) after += squeezed(classbook::test::raw_page_text(path, p));
  CHECK(after.find("Темыуроковидомашниезадания") != std::string::npos);
  for (const auto& lesson : j.lessons) CHECK(after.find(squeezed(lesson.topic)) != std::string::npos);
}

TEST_CASE("a journal whose cells do not match its lessons is refused, not printed with marks under wrong dates") {
  auto j = term(2, 4);
  j.pupils[1].cells.pop_back();
  auto pdf = class_journal_pdf(j);
  REQUIRE_FALSE(pdf);
  CHECK(pdf.error().id.view() == "journal.cells_mismatch");
}
