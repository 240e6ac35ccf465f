// diary_extract: the printed extract of a pupil's diary for a period — what a guardian takes to a
// doctor, a club or another school. Its content is given as text already in the school's words and
// formats (app/ makes it from the journal); this file lays it out. The QR code and the code under
// it lead to /verify/<code>, where anyone can check that the school issued it.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct ExtractLesson {
  std::string period;      // "2"
  std::string time;        // "09:30–10:15"
  std::string subject;     // "Математика"
  std::string teacher;     // "Петрова А. С."
  std::string topic;       // the lesson's topic
  std::string homework;    // what was set, "" for none
  std::string marks;       // "5 (контрольная, ×2); 4 (ответ на уроке, ×1)"
  std::string attendance;  // "н", "уп", "опоздание 10 мин", ""
  std::string comments;    // the teachers' comments on the marks
};

struct ExtractDay {
  std::string date;  // "пн, 07.12.2026"
  std::vector<ExtractLesson> lessons;
};

struct ExtractSubject {
  std::string subject;
  std::string marks;    // "5 4 4 5"
  std::string average;  // "4,50" or "—"
  std::string absences;  // "2 (1 по уважительной причине)"
};

struct DiaryExtract {
  std::string school;     // "ГБОУ Школа № 1"
  std::string pupil;      // "Иванова Мария Сергеевна"
  std::string class_name; // "7А"
  std::string period;     // "01.12.2026 — 07.12.2026"
  std::string made_at;    // "07.12.2026 03:20 (МСК)"
  std::string verify_url; // "https://journal.school.lan/verify/…", in the QR code
  std::string verify_code;
  std::vector<ExtractDay> days;
  std::vector<ExtractSubject> subjects;  // averages over the period
  std::string acknowledgements;          // "Неделя 49 подтверждена родителем 06.12.2026 19:02; …"
};

// The extract as a PDF (A4, DejaVu embedded).
Result<std::string> diary_extract_pdf(const DiaryExtract& extract);

}  // namespace classbook::docs
