// system_messages: messages the box itself sends — its own sender account, the class teacher it
// writes to, one conversation per teacher for the box's alerts, and the notices already sent.
#pragma once

#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

constexpr const char* system_login = "@system";  // no login made from a name or typed by the office has '@'
constexpr const char* system_display_name = "Classbook";

// The box's sender account, made on first use: disabled and without a usable password, so nobody
// signs in with it.
Result<Id> system_user(Db& db, const std::string& now);
// The enabled account of the class's class teacher, if the class has one.
Result<std::optional<Id>> class_teacher_user(Db& db, Id class_id);
// The system's conversation with `user` under `subject`, made on first use: its row and public id.
struct SystemThread {
  Id id = 0;
  std::string uuid;
  friend bool operator==(const SystemThread&, const SystemThread&) = default;
};
Result<SystemThread> system_thread(Db& db, Id system_user, Id user, const std::string& subject, const std::string& now);
// Records that the pupil's notice of `kind` on `day` goes out; false when one went out already.
Result<bool> first_notice_of_day(Db& db, Id student_id, const std::string& kind, const std::string& day);

}  // namespace classbook::store
