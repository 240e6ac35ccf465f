// report_card: the pupil's term report card — each subject's marks, averages, proposed and final
// term grades and absences in one table, then per subject a chart of its marks over the term with
// the running average. Its content is given as text already in the school's words and formats
// (app/ makes it from the journal and the work types' weights); this file lays it out.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

// One mark on a subject's chart.
struct ChartMark {
  double at;               // 0..1: where in the term (first day 0, last day 1)
  int value;               // 1..5
  double weight;           // its work type's weight: the dot is larger for ×2
  double running_average;  // weighted average of marks so far, incl. this one
};

struct ReportCardSubject {
  std::string subject;     // "Математика"
  std::string teacher;     // "Петрова А. С."
  std::string marks;       // "5 4 4 5 3" in order
  std::string average;     // "4,25" or "—"
  std::string proposed;    // proposed term grade "4" or ""
  std::string term_grade;  // final term grade "4" or "" (not yet set)
  std::string absences;    // "3 (1 по уважительной причине)" or "—"
  std::vector<ChartMark> chart;  // empty: no marks, no chart drawn
};

struct ReportCard {
  std::string school, pupil, class_name;
  std::string term;     // "2 четверть (09.11.2026 — 27.12.2026)"
  std::string made_at;  // "07.12.2026 03:20 (МСК)"
  std::string weights;  // one line: "Веса: контрольная ×2, ответ на уроке ×1, ..." ("" none)
  std::vector<ReportCardSubject> subjects;
  std::string overall;  // "Средний балл по всем предметам: 4,31" or ""
};

// The report card as a PDF (A4, DejaVu embedded).
Result<std::string> report_card_pdf(const ReportCard& card);

}  // namespace classbook::docs
