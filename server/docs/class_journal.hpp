// class_journal: one subject's class journal for a term, printed in the paper journal's layout —
// the grid of pupils by lesson dates with each mark or absence, the average and the term grade, and
// the list of lessons with their topics and homework. Its content comes as text already in the
// school's words (app/ makes it from the journal); this file lays it out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct JournalLesson {
  std::string date;      // "07.12"
  std::string topic;     // the lesson's topic
  std::string homework;  // "" none
};

struct JournalPupilRow {
  std::string pupil;               // "Иванова Мария"
  std::vector<std::string> cells;  // one per lesson, same order as lessons: "5", "4/5", "н", "уп", "оп10", "•" (dot), ""
  std::string average;             // "4,25" or "—"
  std::string term_grade;          // "4" or ""
};

struct ClassJournal {
  std::string school, class_name, subject, teacher;  // teacher "Петрова А. С."
  std::string term;     // "2 четверть (09.11.2026 — 27.12.2026)"
  std::string made_at;
  std::vector<JournalLesson> lessons;     // in date order
  std::vector<JournalPupilRow> pupils;    // in register order
};

// How many lesson dates one block of the grid holds across a landscape A4 sheet: at 8 pt a date
// ("07.12") and a cell ("оп10", "4/5") keep their width; more lessons go on to the next block.
inline constexpr std::size_t kJournalDatesPerBlock = 16;

// The journal as a PDF (A4 landscape, DejaVu embedded). Refuses (invalid_input) a pupil whose
// cells do not match the lessons one to one: a shifted column would put marks under wrong dates.
Result<std::string> class_journal_pdf(const ClassJournal& j);

}  // namespace classbook::docs
