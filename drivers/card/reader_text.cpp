// reader_text: the words the kiosk's log uses for a reader's feedback (reader states: reader.hpp).
#include "drivers/reader.hpp"

namespace classbook::drivers {

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
