// accounts: an account as the administrator's list shows it — who holds it, its state, its sessions.
#pragma once

#include <optional>
#include <string>

#include "rows/records.hpp"

namespace classbook::rows {

struct AccountListing {
  Id id = 0;
  std::string uuid;
  std::string login;
  domain::Role role = domain::Role::student;
  std::optional<std::string> person_uuid;  // the pupil, guardian or teacher behind it; none for office accounts
  std::string display_name;
  bool must_change_password = false;
  bool disabled = false;
  int open_sessions = 0;                          // sessions neither idle nor past their absolute limit
  std::optional<std::string> newest_session_at;  // when the newest of those began
};

}  // namespace classbook::rows
