// tap: one card presented at an entrance kiosk, before and after it is in the spool.
#pragma once

#include <cstdint>
#include <string>

namespace classbook::kiosk {

enum class Direction { in, out, toggle };
const char* to_string(Direction d);

struct NewTap {
  std::string card;    // canonical card id, upper-case hex
  std::string reader;  // the reader's stable name
  std::string at;      // ISO UTC of the read, "2026-11-29T08:14:03.120Z"
  Direction direction = Direction::toggle;
};

// A tap as the spool keeps it: `seq` orders delivery, `tap_id` (a UUID made when spooled) makes
// the server's insert idempotent, so a replay after a lost answer is harmless.
struct SpooledTap {
  std::int64_t seq = 0;
  std::string tap_id;
  NewTap tap;
  int attempts = 0;
};

}  // namespace classbook::kiosk
