// reader_text: the words the kiosk's log and status page use for reader states and feedback.
#include "drivers/reader.hpp"

namespace classbook::drivers {

const char* to_string(ReaderState s) {
  switch (s) {
    case ReaderState::absent: return "absent";
    case ReaderState::opening: return "opening";
    case ReaderState::ready: return "ready";
    case ReaderState::failed: return "failed";
  }
  return "?";
}

const char* to_string(Feedback f) {
  switch (f) {
    case Feedback::accepted: return "accepted";
    case Feedback::unknown: return "unknown";
    case Feedback::offline: return "offline";
    case Feedback::error: return "error";
  }
  return "?";
}

}  // namespace classbook::drivers
