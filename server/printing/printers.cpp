// printers: the names of the states, as the API and the logs spell them.
#include "printing/printers.hpp"

namespace classbook::printing {

std::string_view to_string(PrinterState state) {
  switch (state) {
    case PrinterState::ready: return "ready";
    case PrinterState::busy: return "busy";
    case PrinterState::off: return "off";
    case PrinterState::out_of_paper: return "out_of_paper";
    case PrinterState::jammed: return "jammed";
    case PrinterState::unreachable: return "unreachable";
    case PrinterState::other_problem: return "other_problem";
  }
  return "other_problem";
}

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::pending: return "pending";
    case JobState::processing: return "processing";
    case JobState::completed: return "completed";
    case JobState::stopped: return "stopped";
    case JobState::cancelled: return "cancelled";
  }
  return "stopped";
}

}  // namespace classbook::printing
