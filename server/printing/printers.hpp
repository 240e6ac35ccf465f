// printers: the printing boundary — what the box asks of a print server (is this printer ready, print
// this PDF, how is that job doing, cancel it) and what it hears back, in a secretary's words. The
// real adapter speaks IPP to CUPS (cups_printers.cpp); FakePrinters (fake_printers.hpp) stands in
// for it in tests of callers. Nothing of CUPS shows here: callers see plain values.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::printing {

// A print job of more copies than this is a slip of the keyboard, not a school's need.
inline constexpr int kMaxCopies = 100;
// IPP caps a job's name at 255 bytes (RFC 8011 name(MAX)); a longer title is cut at a character.
inline constexpr std::size_t kMaxTitleBytes = 255;

enum class PrinterState { ready, busy, off, out_of_paper, jammed, unreachable, other_problem };
// "ready", "busy", "off", "out_of_paper", "jammed", "unreachable", "other_problem"
std::string_view to_string(PrinterState state);

struct PrinterStatus {
  std::string destination;  // the CUPS queue's name
  PrinterState state = PrinterState::ready;
  std::string message;  // in plain Russian words: "Готов", "Нет бумаги", "Выключен администратором: <why>"
};

enum class JobState { pending, processing, completed, stopped, cancelled };
// "pending", "processing", "completed", "stopped", "cancelled"
std::string_view to_string(JobState state);

struct JobStatus {
  int cups_job_id = 0;
  JobState state = JobState::pending;
  std::string reason;  // for stopped: why, in plain words ("нет бумаги"); empty otherwise
};

// One print server's queues. Each call stands alone (no session to keep), so one object serves
// every thread of the daemon.
class Printers {
 public:
  virtual ~Printers() = default;

  // The printer behind the queue `destination` now.
  virtual Result<PrinterStatus> status(const std::string& destination) = 0;

  // Sends `pdf` (the file's bytes) as one job of `copies` copies named `title`; returns the CUPS job
  // id. A disabled (stopped) queue still takes the job and holds it: job() then says stopped, with
  // the printer's reason, and the job prints once the queue is enabled again. A queue that rejects
  // jobs (cupsreject) refuses it: printing.not_accepting.
  virtual Result<int> submit(const std::string& destination, const std::string& pdf, const std::string& title,
                             int copies) = 0;

  // The job `cups_job_id` of queue `destination` (a job of another queue is no such job). A job
  // waiting at a printer that cannot print (off, out of paper, jammed, …) is `stopped`, with the
  // printer's reason.
  virtual Result<JobStatus> job(const std::string& destination, int cups_job_id) = 0;

  // Cancels the job. Cancelling a job already cancelled (or aborted) succeeds: a cancel may be
  // repeated. A job already printed cannot be: printing.job_finished.
  virtual Status cancel(const std::string& destination, int cups_job_id) = 0;
};

// The real adapter. `cups_server` is "host", "host:port", "[v6 address]:port" or a Unix socket path;
// empty for CUPS's own default (CUPS_SERVER, client.conf, the local cupsd). Every call opens its own
// connection and keeps nothing between calls; loopback and socket connections are never encrypted,
// others when the server asks for it. A server that cannot be reached is printing.unreachable,
// naming it and what to check.
std::unique_ptr<Printers> cups_printers(std::string cups_server);

}  // namespace classbook::printing
