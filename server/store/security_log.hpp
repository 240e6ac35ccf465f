// security_log: the entrances' security log (security_events) and the run of unknown cards its rules read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

struct SecurityEventRecord {
  std::string uuid;
  std::string at;
  std::string kind;
  std::string kiosk;  // its name; "" when the kiosk is gone
  std::string card;
  std::optional<std::string> student_uuid;
  std::string student_name;  // "Анна Петрова"
  std::string class_name;
  std::string detail;
};

struct NewSecurityEvent {
  std::string at;
  std::string kind;
  std::optional<Id> kiosk_id;
  std::string card;
  std::optional<Id> student_id;
  std::string detail;
};
Status insert_security_event(Db& db, const NewSecurityEvent& e);
// Between two UTC instants (text, inclusive), oldest first, at most `limit`.
Result<std::vector<SecurityEventRecord>> security_events_between(Db& db, const std::string& from,
                                                                 const std::string& to, int limit);

// Unknown cards in a row at a kiosk up to its last tap, and its new value.
Result<int> unknown_run(Db& db, Id kiosk_id);
Status set_unknown_run(Db& db, Id kiosk_id, int run);

}  // namespace classbook::store
