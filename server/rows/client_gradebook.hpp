// client_gradebook: what OneRoster API clients wrote into the gradebook (migration 24) — their line
// items and results as sent, beside the journal's rows they became (docs/sync.md § Writes).
#pragma once

#include <optional>
#include <string>

#include "rows/records.hpp"

namespace classbook::rows {

// A client's line item: its column (a test, a homework) in one class × subject's gradebook.
struct ClientLineItem {
  Id id = 0;
  std::string sourced_id;
  Id client_id = 0;
  std::string client_name;
  Id class_id = 0;
  Id subject_id = 0;
  std::string class_uuid;
  std::string subject_uuid;
  Id work_type_id = 0;
  std::string due_date;  // YYYY-MM-DD: the day its marks are given
  double result_min = 0;
  double result_max = 100;
  std::string title;
  std::string record;  // the lineItem object as the client sent it (JSON)
  bool active = true;  // false: deleted (status tobedeleted), left out of every read
  std::string modified_at;
};

// A client's result: one pupil's score on one of its line items, and the mark it made, if any.
struct ClientResult {
  Id id = 0;
  std::string sourced_id;
  Id client_id = 0;
  Id line_item_id = 0;
  std::string line_item_sourced_id;
  Id student_id = 0;
  std::string student_uuid;
  std::string score_status;  // as sent ("fully graded", "exempt", …)
  std::optional<double> score;
  std::string record;  // the result object as the client sent it (JSON)
  bool active = true;
  std::optional<Id> lesson_id;   // the lesson its mark (or its excusal) is on
  std::optional<Id> mark_id;     // the mark it made
  std::optional<int> mark_value; // the value the client's last write gave that mark
  std::string modified_at;
};

// What the teacher's journal shows of a client's result: the source of a mark, or an excusal.
struct ClientScore {
  Id student_id = 0;
  Id lesson_id = 0;
  std::optional<Id> mark_id;  // none: exempt (shown as excused)
  std::string client_name;
  std::string title;
  std::optional<double> score;
  double result_max = 100;
  bool exempt = false;
  bool overridden = false;  // a person other than the client changed or deleted the mark since
};

}  // namespace classbook::rows
