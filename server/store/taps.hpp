// taps: the entrance's rows — a pupil by card, the pupil's presence, taps by their kiosk id.
#pragma once

#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Result<std::optional<Id>> student_by_card(Db& db, std::string_view card);
// The pupil's card number as stored (upper-case hex); none when the office has not registered a card.
Result<std::optional<std::string>> card_of_student(Db& db, Id student_id);

struct PresenceRecord {
  bool inside = false;
  std::string last_at;  // UTC text
  Id last_kiosk = 0;
};
Result<std::optional<PresenceRecord>> presence_of(Db& db, Id student_id);
Status put_presence(Db& db, Id student_id, bool inside, const std::string& at, Id kiosk);

struct StoredTap {
  std::optional<Id> student_id;
  std::string result;
};
Result<std::optional<StoredTap>> tap_by_id(Db& db, std::string_view tap_id);
struct NewTap {
  std::string tap_id;
  std::optional<Id> student_id;
  std::string card, reader, kiosk, at, result, received_at, direction;
};
Status insert_tap(Db& db, const NewTap& t);

}  // namespace classbook::store
