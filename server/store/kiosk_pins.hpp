// kiosk_pins: the hall kiosk's PINs — an argon2id hash per pupil with its wrong-PIN count and lock.
#pragma once

#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

struct KioskPinRecord {
  std::string pin_hash;
  int failures = 0;
  std::optional<std::string> locked_until;  // UTC text
  int lockouts = 0;                         // locks since the last right PIN (domain::PinCounter)
};

// A failed read is an error, never "no PIN".
Result<std::optional<KioskPinRecord>> find_kiosk_pin(Db& db, Id student_id);
// Sets the PIN; the count and any lock start afresh.
Status put_kiosk_pin(Db& db, Id student_id, const std::string& pin_hash, Id set_by, const std::string& now);
// False when there was none.
Result<bool> delete_kiosk_pin(Db& db, Id student_id);
Status set_kiosk_pin_counter(Db& db, Id student_id, int failures, const std::optional<std::string>& locked_until,
                             int lockouts);

}  // namespace classbook::store
