// security_log: one event of the box's security log as it is listed.
#pragma once

#include <optional>
#include <string>


namespace classbook::rows {

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

}  // namespace classbook::rows
