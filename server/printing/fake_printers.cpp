// fake_printers: see the header. Its refusals carry the adapter's codes, so callers' handling of
// them is tested against the same contract.
#include "printing/fake_printers.hpp"

namespace classbook::printing {
namespace {

bool holds_jobs(PrinterState s) {
  return s != PrinterState::ready && s != PrinterState::busy;
}

std::string default_message(PrinterState s) {
  switch (s) {
    case PrinterState::ready: return "Готов";
    case PrinterState::busy: return "Печатает";
    case PrinterState::off: return "Выключен администратором";
    case PrinterState::out_of_paper: return "Нет бумаги";
    case PrinterState::jammed: return "Замятие бумаги";
    case PrinterState::unreachable: return "Принтер не отвечает";
    case PrinterState::other_problem: return "Неполадка принтера";
  }
  return "";
}

}  // namespace

void FakePrinters::add_queue(const std::string& destination, PrinterState state, std::string message) {
  std::lock_guard lock(mutex_);
  queues_[destination] = Queue{state, message.empty() ? default_message(state) : std::move(message), false, {}};
}

void FakePrinters::set_printer(const std::string& destination, PrinterState state, std::string message) {
  std::lock_guard lock(mutex_);
  auto& q = queues_[destination];
  q.state = state;
  q.message = message.empty() ? default_message(state) : std::move(message);
}

void FakePrinters::set_job(const std::string& destination, int cups_job_id, JobState state, std::string reason) {
  std::lock_guard lock(mutex_);
  queues_[destination].jobs[cups_job_id] = JobStatus{cups_job_id, state, std::move(reason)};
}

void FakePrinters::set_unreachable(const std::string& destination, bool unreachable) {
  std::lock_guard lock(mutex_);
  queues_[destination].unreachable = unreachable;
}

void FakePrinters::fail_submit(int nth) {
  std::lock_guard lock(mutex_);
  submits_until_failure_ = nth;
}

std::vector<FakePrinters::Submitted> FakePrinters::submitted() const {
  std::lock_guard lock(mutex_);
  return submitted_;
}

Result<FakePrinters::Queue*> FakePrinters::find(const std::string& destination) {
  auto it = queues_.find(destination);
  if (it == queues_.end())
    return make_error(Errc::not_found, "printing.no_such_queue", "the fake print server has no queue '" + destination + "'");
  if (it->second.unreachable)
    return make_error(Errc::unavailable, "printing.unreachable",
                      "the fake print server of queue '" + destination + "' cannot be reached (set so by the test)");
  return &it->second;
}

Result<PrinterStatus> FakePrinters::status(const std::string& destination) {
  std::lock_guard lock(mutex_);
  auto q = find(destination);
  if (!q) return q.error();
  return PrinterStatus{destination, (*q)->state, (*q)->message};
}

Result<int> FakePrinters::submit(const std::string& destination, const std::string& pdf, const std::string& title,
                                 int copies) {
  std::lock_guard lock(mutex_);
  auto q = find(destination);
  if (!q) return q.error();
  if (copies < 1 || copies > kMaxCopies)
    return make_error(Errc::invalid_input, "printing.copies_out_of_range", "copies out of range", "copies");
  if (!pdf.starts_with("%PDF-")) return make_error(Errc::invalid_input, "printing.not_a_pdf", "not a PDF");
  if (submits_until_failure_ > 0 && --submits_until_failure_ == 0)
    return make_error(Errc::unavailable, "printing.cups_failed", "the fake print server refused the job (set so by the test)");
  const int id = next_job_id_++;
  (*q)->jobs[id] = JobStatus{id, JobState::pending, ""};
  submitted_.push_back(Submitted{destination, pdf, title, copies, id});
  return id;
}

Result<JobStatus> FakePrinters::job(const std::string& destination, int cups_job_id) {
  std::lock_guard lock(mutex_);
  auto q = find(destination);
  if (!q) return q.error();
  auto it = (*q)->jobs.find(cups_job_id);
  if (it == (*q)->jobs.end())
    return make_error(Errc::not_found, "printing.no_such_job",
                      "queue '" + destination + "' has no job " + std::to_string(cups_job_id));
  JobStatus j = it->second;
  const bool waiting = j.state == JobState::pending || j.state == JobState::processing;
  if (waiting && holds_jobs((*q)->state)) return JobStatus{j.cups_job_id, JobState::stopped, (*q)->message};
  return j;
}

Status FakePrinters::cancel(const std::string& destination, int cups_job_id) {
  std::lock_guard lock(mutex_);
  auto q = find(destination);
  if (!q) return q.error();
  auto it = (*q)->jobs.find(cups_job_id);
  if (it == (*q)->jobs.end())
    return make_error(Errc::not_found, "printing.no_such_job",
                      "queue '" + destination + "' has no job " + std::to_string(cups_job_id));
  if (it->second.state == JobState::completed)
    return make_error(Errc::conflict, "printing.job_finished", "job " + std::to_string(cups_job_id) + " was printed");
  it->second = JobStatus{cups_job_id, JobState::cancelled, ""};
  return ok_status();
}

}  // namespace classbook::printing
