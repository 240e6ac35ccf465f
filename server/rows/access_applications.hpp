// access_applications: an application for access to the electronic diary as the office's register keeps it.
#pragma once

#include <optional>
#include <string>

#include "rows/records.hpp"

namespace classbook::rows {

struct AccessApplicationRecord {
  Id id = 0;
  std::string uuid;
  std::string number;          // "2026-0042"
  std::string applicant_name;  // "Иванова Мария Сергеевна", as on the identity document
  std::string applicant_kind;  // domain::ApplicantKind's name: "parent", …
  std::string contact;         // a normalised phone ("+79001234567") or e-mail
  // The pupil in the register: given as student_id, or found by the name and birth date as given;
  // none when no pupil at school matched them at registration.
  std::optional<Id> student_id;
  std::string student_uuid, student_name, class_name;       // "" without a pupil
  std::optional<std::string> student_left_on;               // the pupil has left school
  std::optional<std::string> pupil_name, pupil_birth_date;  // as the applicant gave them
  std::string documents;                  // the documents' names, comma-separated in the regulation's order
  std::optional<std::string> arrived_at;  // UTC text, as the office noted it
  std::string registered_at;              // UTC text
  Id registered_by = 0;
  std::string registered_by_name;
  bool registered_late = false;           // more than 15 minutes after the arrival
  std::string due_on;                     // the last day to answer, the school's date
  bool overdue = false;                   // undecided and past due_on on the day asked for
  std::string status;                     // "registered", "approved", "denied"
  std::optional<std::string> decided_at;  // UTC text
  Id decided_by = 0;
  std::string decided_by_name;
  std::optional<std::string> reason;  // denied: domain::DenialReason's name
  std::string comment;
  std::optional<Id> account_user;  // approved: the account given access
  std::string account_login;
};

}  // namespace classbook::rows
