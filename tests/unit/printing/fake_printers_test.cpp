// Tests of FakePrinters: it keeps the adapter's contract (the same codes, stopped jobs at a printer
// that cannot print) and its faults fire when and only where they are set.
#include <catch2/catch.hpp>

#include "printing/fake_printers.hpp"
#include "read_ok.hpp"

using namespace classbook;
using namespace classbook::printing;

namespace {

const std::string kPdf = "%PDF-1.4\n...";

template <class T>
std::string code_of(const Result<T>& r) {
  REQUIRE_FALSE(r);
  return std::string(r.error().id.view());
}

}  // namespace

TEST_CASE("a fake queue reports its state and keeps what was submitted") {
  FakePrinters fake;
  CHECK(code_of(fake.status("office")) == "printing.no_such_queue");
  fake.add_queue("office");
  auto s = test::ok(fake.status("office"));
  CHECK(s.destination == "office");
  CHECK(s.state == PrinterState::ready);
  CHECK(s.message == "Готов");
  const int id = test::ok(fake.submit("office", kPdf, "Выписка", 2));
  CHECK(test::ok(fake.job("office", id)).state == JobState::pending);
  const auto sent = fake.submitted();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].destination == "office");
  CHECK(sent[0].pdf == kPdf);
  CHECK(sent[0].title == "Выписка");
  CHECK(sent[0].copies == 2);
  CHECK(sent[0].cups_job_id == id);
  CHECK(test::ok(fake.submit("office", kPdf, "", 1)) != id);
  CHECK(code_of(fake.submit("staffroom", kPdf, "", 1)) == "printing.no_such_queue");
  CHECK(code_of(fake.submit("office", "not a pdf", "", 1)) == "printing.not_a_pdf");
  CHECK(code_of(fake.submit("office", kPdf, "", 0)) == "printing.copies_out_of_range");
  CHECK(code_of(fake.submit("office", kPdf, "", kMaxCopies + 1)) == "printing.copies_out_of_range");
}

TEST_CASE("a job at a fake printer that cannot print is stopped with its message, and goes on when it can") {
  FakePrinters fake;
  fake.add_queue("office");
  const int id = test::ok(fake.submit("office", kPdf, "", 1));
  fake.set_printer("office", PrinterState::out_of_paper, "Нет бумаги");
  CHECK(test::ok(fake.status("office")).state == PrinterState::out_of_paper);
  auto held = test::ok(fake.job("office", id));
  CHECK(held.state == JobState::stopped);
  CHECK(held.reason == "Нет бумаги");
  fake.set_printer("office", PrinterState::busy, "");
  CHECK(test::ok(fake.status("office")).message == "Печатает");
  CHECK(test::ok(fake.job("office", id)).state == JobState::pending);
  fake.set_job("office", id, JobState::completed);
  CHECK(test::ok(fake.job("office", id)).state == JobState::completed);
  fake.set_printer("office", PrinterState::off, "");
  CHECK(test::ok(fake.job("office", id)).state == JobState::completed);  // what is printed stays printed
  fake.set_job("office", 40, JobState::stopped, "замятие бумаги");
  CHECK(test::ok(fake.job("office", 40)).reason == "замятие бумаги");
}

TEST_CASE("cancelling in the fake: a waiting job is cancelled, a printed one cannot be, an unknown one is not found") {
  FakePrinters fake;
  fake.add_queue("office");
  fake.add_queue("staffroom");
  const int waiting = test::ok(fake.submit("office", kPdf, "", 1));
  const int printed = test::ok(fake.submit("office", kPdf, "", 1));
  fake.set_job("office", printed, JobState::completed);
  REQUIRE(fake.cancel("office", waiting));
  CHECK(test::ok(fake.job("office", waiting)).state == JobState::cancelled);
  CHECK(fake.cancel("office", waiting));  // again: still fine
  CHECK(code_of(fake.cancel("office", printed)) == "printing.job_finished");
  CHECK(code_of(fake.cancel("staffroom", waiting)) == "printing.no_such_job");
  CHECK(code_of(fake.job("staffroom", waiting)) == "printing.no_such_job");
}

TEST_CASE("fake faults: an unreachable queue fails every call, the nth submit fails and queues nothing") {
  FakePrinters fake;
  fake.add_queue("office");
  fake.add_queue("staffroom");
  const int id = test::ok(fake.submit("office", kPdf, "", 1));
  fake.set_unreachable("office");
  CHECK(code_of(fake.status("office")) == "printing.unreachable");
  CHECK(code_of(fake.submit("office", kPdf, "", 1)) == "printing.unreachable");
  CHECK(code_of(fake.job("office", id)) == "printing.unreachable");
  CHECK(code_of(fake.cancel("office", id)) == "printing.unreachable");
  CHECK(test::ok(fake.status("staffroom")).state == PrinterState::ready);  // only that queue
  fake.set_unreachable("office", false);
  CHECK(test::ok(fake.job("office", id)).state == JobState::pending);

  fake.fail_submit(2);
  test::ok(fake.submit("office", kPdf, "first", 1));
  CHECK(code_of(fake.submit("office", kPdf, "second", 1)) == "printing.cups_failed");
  test::ok(fake.submit("office", kPdf, "third", 1));
  std::vector<std::string> titles;
  for (const auto& s : fake.submitted()) titles.push_back(s.title);
  CHECK(titles == std::vector<std::string>{"", "first", "third"});
}
