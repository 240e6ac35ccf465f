// fake_printers: a print server in memory, for tests of what calls Printers. Queues are added with a
// state; jobs submitted to them are kept (bytes, title, copies) and move through the states a test
// sets. A job waiting at a queue that cannot print reports stopped with the queue's message, as the
// CUPS adapter does. Faults: a queue can be unreachable (every call on it is printing.unreachable),
// and the Nth submit from now can fail (printing.cups_failed). Safe to call from several threads.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "printing/printers.hpp"

namespace classbook::printing {

class FakePrinters : public Printers {
 public:
  struct Submitted {
    std::string destination;
    std::string pdf;
    std::string title;
    int copies = 1;
    int cups_job_id = 0;
  };

  // Adds (or resets) a queue; `message` is what status() says ("Готов" when left empty and ready).
  void add_queue(const std::string& destination, PrinterState state = PrinterState::ready, std::string message = {});
  // Changes a known queue's state: off, out_of_paper, jammed, unreachable and other_problem hold its jobs.
  void set_printer(const std::string& destination, PrinterState state, std::string message);
  // Moves a job on (processing, completed, …); `reason` is what a stopped job says.
  void set_job(const std::string& destination, int cups_job_id, JobState state, std::string reason = {});
  // Every call naming this queue fails as if its server were down (false: it is back).
  void set_unreachable(const std::string& destination, bool unreachable = true);
  // The nth submit from now (1: the next) fails and queues nothing.
  void fail_submit(int nth = 1);
  // What was submitted, in order (jobs that failed to submit are not here).
  std::vector<Submitted> submitted() const;

  Result<PrinterStatus> status(const std::string& destination) override;
  Result<int> submit(const std::string& destination, const std::string& pdf, const std::string& title, int copies) override;
  Result<JobStatus> job(const std::string& destination, int cups_job_id) override;
  Status cancel(const std::string& destination, int cups_job_id) override;

 private:
  struct Queue {
    PrinterState state = PrinterState::ready;
    std::string message;
    bool unreachable = false;
    std::map<int, JobStatus> jobs;
  };
  // The queue, or why a call on it fails.
  Result<Queue*> find(const std::string& destination);

  mutable std::mutex mutex_;
  std::map<std::string, Queue> queues_;
  std::vector<Submitted> submitted_;
  int next_job_id_ = 1;
  int submits_until_failure_ = 0;  // 0: none planned
};

}  // namespace classbook::printing
