// reader: the one boundary between card readers / code scanners and the kiosk. Every source — USB
// readers (drivers/usb), the camera scanner (drivers/scan), the simulated reader (drivers/sim) —
// implements CardSource and reports to a ReaderSink; the kiosk never sees libusb or ZXing.
#pragma once

#include <string>

#include "classbook/common/clock.hpp"
#include "classbook/common/result.hpp"
#include "drivers/card/card_id.hpp"

namespace classbook::drivers {

enum class ReaderState {
  absent,   // configured or expected, not plugged in
  opening,  // found; claiming, initialising
  ready,    // reading cards
  failed,   // failing; being reset and reopened with back-off (detail says why)
};
// The one spelling of a reader state: the kiosk's log and the screen's JSON (whose page keys its
// texts on these exact words) both use it. Inline, so the kiosk's pure core needs only this header.
constexpr const char* to_string(ReaderState s) {
  switch (s) {
    case ReaderState::absent: return "absent";
    case ReaderState::opening: return "opening";
    case ReaderState::ready: return "ready";
    case ReaderState::failed: return "failed";
  }
  return "failed";  // a value no enumerator names: show it as a fault, not as a new word the page lacks
}

struct ReaderStatus {
  std::string reader;  // stable name, e.g. "acr122u@1-1" or "simulated"
  std::string model;   // the profile's name, e.g. "ACS ACR122U"
  ReaderState state = ReaderState::absent;
  std::string detail;  // for a person: "unplugged", "reopening in 4 s: LIBUSB_ERROR_IO", ...
};

// A card presented once: already normalised by the reader's profile and debounced (the same card
// within the profile's debounce window is reported once).
struct CardRead {
  std::string reader;
  CardId card;
  TimePoint at;  // from the injected Clock, when the read completed
};

// A barcode or QR code read by a scanner (camera or wedge scanner).
struct CodeScan {
  std::string reader;
  std::string format;  // "QRCode", "Code128", "EAN-13", "DataMatrix"
  std::string text;
  TimePoint at;
};

// What the person at the reader should see/hear from the reader itself (LED, buzzer).
enum class Feedback { accepted, unknown, offline, error };
const char* to_string(Feedback f);

// Called from the source's own thread(s): implementations must be thread-safe and quick (post the
// event to their own loop; never block a reader's thread).
class ReaderSink {
 public:
  virtual ~ReaderSink() = default;
  virtual void on_card(const CardRead& read) = 0;
  virtual void on_code(const CodeScan& scan) = 0;
  virtual void on_status(const ReaderStatus& status) = 0;
};

class CardSource {
 public:
  virtual ~CardSource() = default;
  // Starts reading on the source's own thread(s); events go to `sink` until stop().
  virtual Status start(ReaderSink& sink) = 0;
  // Stops and joins; no sink call happens after it returns. Safe to call twice.
  virtual void stop() = 0;
  // LED/beep on the reader that produced a read (no-op for sources without any). Thread-safe.
  virtual void feedback(const std::string& reader, Feedback f) = 0;
};

}  // namespace classbook::drivers
