// Tests of printer_words: IPP's printer and job states read as the box's states, in words a
// secretary understands — paper and jams before the admin's switch, warnings never a fault.
#include <catch2/catch.hpp>

#include "printing/printer_words.hpp"

using namespace classbook::printing;

namespace {

PrinterReading printer(int state, std::vector<std::string> reasons, std::string message = {}, bool accepting = true) {
  return read_printer("office", IppPrinter{state, std::move(reasons), std::move(message), accepting});
}

}  // namespace

TEST_CASE("the states' names are the API's") {
  CHECK(to_string(PrinterState::ready) == "ready");
  CHECK(to_string(PrinterState::busy) == "busy");
  CHECK(to_string(PrinterState::off) == "off");
  CHECK(to_string(PrinterState::out_of_paper) == "out_of_paper");
  CHECK(to_string(PrinterState::jammed) == "jammed");
  CHECK(to_string(PrinterState::unreachable) == "unreachable");
  CHECK(to_string(PrinterState::other_problem) == "other_problem");
  CHECK(to_string(JobState::pending) == "pending");
  CHECK(to_string(JobState::processing) == "processing");
  CHECK(to_string(JobState::completed) == "completed");
  CHECK(to_string(JobState::stopped) == "stopped");
  CHECK(to_string(JobState::cancelled) == "cancelled");
}

TEST_CASE("an idle printer is ready, a printing one busy, and neither holds jobs") {
  auto idle = printer(ipp::printer_idle, {"none"});
  CHECK(idle.status.destination == "office");
  CHECK(idle.status.state == PrinterState::ready);
  CHECK(idle.status.message == "Готов");
  CHECK_FALSE(idle.holds_jobs);
  auto busy = printer(ipp::printer_processing, {"none"});
  CHECK(busy.status.state == PrinterState::busy);
  CHECK(busy.status.message == "Печатает");
  CHECK_FALSE(busy.holds_jobs);
  // A warning is not a fault: low toner still prints.
  CHECK(printer(ipp::printer_idle, {"toner-low-warning", "media-low-warning"}).status.state == PrinterState::ready);
}

TEST_CASE("a disabled printer is off, with the admin's reason (CUPS's stock word adds nothing)") {
  auto off = printer(ipp::printer_stopped, {"paused"}, "Замена картриджа");
  CHECK(off.status.state == PrinterState::off);
  CHECK(off.status.message == "Выключен администратором: Замена картриджа");
  CHECK(off.why == "принтер выключен администратором: Замена картриджа");
  CHECK(off.holds_jobs);
  CHECK(printer(ipp::printer_stopped, {"paused"}, "Paused").status.message == "Выключен администратором");
  CHECK(printer(ipp::printer_stopped, {}, "").status.state == PrinterState::off);
}

TEST_CASE("paper and jams outrank the switch, and hold jobs while printing too") {
  auto empty = printer(ipp::printer_stopped, {"paused", "media-empty-error"}, "Paused");
  CHECK(empty.status.state == PrinterState::out_of_paper);
  CHECK(empty.status.message == "Нет бумаги");
  CHECK(empty.why == "нет бумаги");
  auto needed = printer(ipp::printer_processing, {"media-needed"});
  CHECK(needed.status.state == PrinterState::out_of_paper);
  CHECK(needed.holds_jobs);
  auto jam = printer(ipp::printer_processing, {"media-empty-error", "media-jam-error"});
  CHECK(jam.status.state == PrinterState::jammed);  // a jam is cleared first
  CHECK(jam.status.message == "Замятие бумаги");
  CHECK(jam.why == "замятие бумаги");
  CHECK(jam.holds_jobs);
}

TEST_CASE("a printer that does not answer, an open cover and a fault with no words of ours") {
  auto offline = printer(ipp::printer_stopped, {"offline-report"});
  CHECK(offline.status.state == PrinterState::unreachable);
  CHECK(offline.why == "принтер не отвечает");
  // Connecting is a passing step while printing, a fault once the printer has stopped.
  CHECK(printer(ipp::printer_processing, {"connecting-to-device"}).status.state == PrinterState::busy);
  CHECK(printer(ipp::printer_stopped, {"connecting-to-device"}).status.state == PrinterState::unreachable);
  auto cover = printer(ipp::printer_stopped, {"cover-open-error"});
  CHECK(cover.status.state == PrinterState::other_problem);
  CHECK(cover.status.message == "Открыта крышка принтера");
  auto toner = printer(ipp::printer_stopped, {"toner-empty-error"});
  CHECK(toner.status.message == "Закончился тонер");
  auto odd = printer(ipp::printer_stopped, {"fuser-over-temp-error"}, "Fuser too hot");
  CHECK(odd.status.state == PrinterState::other_problem);
  CHECK(odd.status.message == "Неполадка принтера (fuser-over-temp-error): Fuser too hot");
  // CUPS's own bookkeeping on a stopped queue is not a printer fault.
  CHECK(printer(ipp::printer_stopped, {"paused", "cups-missing-filter-warning"}).status.state == PrinterState::off);
}

TEST_CASE("a queue that rejects jobs is off but still prints what it holds") {
  auto rejecting = printer(ipp::printer_idle, {"none"}, "Rejecting Jobs", false);
  CHECK(rejecting.status.state == PrinterState::off);
  CHECK(rejecting.status.message == "Не принимает задания");
  CHECK_FALSE(rejecting.holds_jobs);
  CHECK(printer(ipp::printer_idle, {"none"}, "Ремонт", false).status.message == "Не принимает задания: Ремонт");
}

TEST_CASE("job states read from IPP, and a job waiting at a printer that cannot print is stopped with its why") {
  const auto ready = printer(ipp::printer_idle, {"none"});
  const auto off = printer(ipp::printer_stopped, {"paused"}, "Замена картриджа");
  const auto no_paper = printer(ipp::printer_processing, {"media-empty-error"});
  const auto rejecting = printer(ipp::printer_idle, {"none"}, "", false);
  CHECK(read_job(7, ipp::job_pending, ready).state == JobState::pending);
  CHECK(read_job(7, ipp::job_held, ready).state == JobState::pending);
  CHECK(read_job(7, ipp::job_processing, ready).state == JobState::processing);
  CHECK(read_job(7, ipp::job_completed, ready).state == JobState::completed);
  CHECK(read_job(7, ipp::job_cancelled, ready).state == JobState::cancelled);
  CHECK(read_job(7, ipp::job_pending, rejecting).state == JobState::pending);
  CHECK(read_job(7, ipp::job_pending, ready).reason.empty());
  CHECK(read_job(7, ipp::job_pending, ready).cups_job_id == 7);

  auto held = read_job(7, ipp::job_pending, off);
  CHECK(held.state == JobState::stopped);
  CHECK(held.reason == "принтер выключен администратором: Замена картриджа");
  CHECK(read_job(7, ipp::job_held, off).state == JobState::stopped);
  auto waiting = read_job(7, ipp::job_processing, no_paper);
  CHECK(waiting.state == JobState::stopped);
  CHECK(waiting.reason == "нет бумаги");
  CHECK(read_job(7, ipp::job_completed, off).state == JobState::completed);

  auto stopped = read_job(7, ipp::job_stopped, ready);
  CHECK(stopped.state == JobState::stopped);
  CHECK_FALSE(stopped.reason.empty());
  auto aborted = read_job(7, ipp::job_aborted, no_paper);
  CHECK(aborted.state == JobState::stopped);
  CHECK(aborted.reason == "печать прервана: нет бумаги");
  CHECK(read_job(7, ipp::job_aborted, ready).reason == "печать прервана, отправьте документ заново");
}
