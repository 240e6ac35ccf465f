// ports: what the kiosk's logic needs from the world — the tap spool, the uplink to the box and the
// readers' LEDs — as small interfaces. kiosk/spool and kiosk/uplink are the real adapters;
// tests/unit/kiosk/core has the fakes. The hall's printer is printing::Printers (printing/printers.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "classbook/common/result.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/protocol.hpp"
#include "kiosk/core/tap.hpp"

namespace classbook::kiosk {

// The durable queue of taps not yet acknowledged by the box. Every call is synchronous and runs on
// the agent's thread; append() returns only once the row would survive a power cut.
class TapSpool {
 public:
  virtual ~TapSpool() = default;
  virtual Result<SpooledTap> append(const NewTap& tap) = 0;  // makes the tap_id
  virtual Result<std::optional<SpooledTap>> oldest_pending() = 0;
  virtual Status mark_delivered(std::int64_t seq) = 0;
  // The server will never take this row (e.g. 422): keep it for the record, stop sending it.
  virtual Status mark_rejected(std::int64_t seq, const std::string& why) = 0;
  virtual Status note_failure(std::int64_t seq, const std::string& why) = 0;  // attempts + 1
  virtual std::int64_t depth() const = 0;  // rows still pending
};

// Requests to the box. `done` is always called later from the agent's loop — never from inside the
// call — exactly once per request, also on time-out.
class Uplink {
 public:
  using Done = std::function<void(Reply)>;
  virtual ~Uplink() = default;
  virtual void hello(Done done) = 0;
  virtual void post_tap(const SpooledTap& tap, Done done) = 0;
  virtual void hall_diary(const DiaryQuery& query, Done done) = 0;
  // The same query for the week's extract: an answered Reply's body is the PDF, its headers carry
  // Classbook-Prints-Left (read_extract_answer).
  virtual void hall_extract(const DiaryQuery& query, Done done) = 0;
};

// The readers' own LED and buzzer.
class ReaderFeedback {
 public:
  virtual ~ReaderFeedback() = default;
  virtual void feedback(const std::string& reader, drivers::Feedback f) = 0;
};

}  // namespace classbook::kiosk
