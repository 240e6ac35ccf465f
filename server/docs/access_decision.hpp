// access_decision: the printed decision on an application for access to the electronic diary —
// whose application, for which pupil, with which documents, and what was decided: access granted
// (with the login), or refused on one of the regulation's grounds in its words. app/ puts it in words;
// this file lays it out.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct AccessDecision {
  std::string school;
  std::string number;          // the register's "2026-0042"
  std::string registered_on;   // "23.11.2026 09:12"
  std::string due_on;          // the last day to answer, "26.11.2026"
  std::string applicant;       // "Иванова Мария Сергеевна"
  std::string applicant_kind;  // "родитель"
  std::string contact;         // "+79001234567"
  std::string pupil;           // "Иванов Пётр Сергеевич, 7А", or the name and birth date as given
  std::vector<std::string> documents;  // in words, in the regulation's order
  bool approved = false;
  std::string login;       // approved: the account given access
  std::string reason;      // denied: the ground, in the regulation's words
  std::string comment;     // "" for none
  std::string decided_by;  // "Анна Петрова, секретарь"
  std::string decided_at;  // "24.11.2026 10:15"
};

// The decision as a PDF (A4 upright, DejaVu embedded).
Result<std::string> access_decision_pdf(const AccessDecision& d);

}  // namespace classbook::docs
