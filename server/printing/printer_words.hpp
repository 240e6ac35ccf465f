// printer_words: what IPP says of a printer and a job (printer-state, printer-state-reasons,
// printer-state-message, printer-is-accepting-jobs, job-state) read as PrinterState/JobState and told
// in words a school secretary understands. Pure: the CUPS adapter fills the plain values below from
// its IPP responses, and tests feed them directly.
#pragma once

#include <string>
#include <vector>

#include "printing/printers.hpp"

namespace classbook::printing {

// IPP's printer-state (RFC 8011 5.4.11) and job-state (5.3.7) values.
namespace ipp {
inline constexpr int printer_idle = 3, printer_processing = 4, printer_stopped = 5;
inline constexpr int job_pending = 3, job_held = 4, job_processing = 5, job_stopped = 6, job_cancelled = 7,
                     job_aborted = 8, job_completed = 9;
}  // namespace ipp

// A printer as IPP describes it.
struct IppPrinter {
  int state = ipp::printer_idle;
  std::vector<std::string> reasons;  // printer-state-reasons keywords: "paused", "media-empty-error", …
  std::string message;               // printer-state-message: the admin's reason for cupsdisable -r, or the driver's
  bool accepting = true;             // printer-is-accepting-jobs
};

// The printer read: its status, and `why` — the same as a phrase that ends "остановлено: …" — for a
// job it holds. `holds_jobs`: jobs queued for it wait (the printer is stopped or has a problem that
// stops printing); a queue that merely rejects new jobs still prints the ones it has.
struct PrinterReading {
  PrinterStatus status;
  std::string why;
  bool holds_jobs = false;
};

PrinterReading read_printer(const std::string& destination, const IppPrinter& printer);

// A job from its IPP job-state: 3 pending, 4 held → pending, 5 processing, 6 stopped, 7 cancelled,
// 8 aborted → stopped, 9 completed. A job not yet done whose printer holds jobs is stopped, with
// the printer's why as its reason.
JobStatus read_job(int cups_job_id, int job_state, const PrinterReading& printer);

}  // namespace classbook::printing
