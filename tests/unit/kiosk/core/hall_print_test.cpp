// hall_print_test: the Print button on a hall kiosk — the box's extract sent to the kiosk's own queue
// (a FakePrinters), followed to the end; every refusal on the way; the session and PIN lifetimes.
#include <catch2/catch.hpp>

#include "kiosk_rig.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;
using printing::JobState;
using printing::PrinterState;

namespace {

constexpr const char* queue = "hall-printer";

Reply diary_ok(const std::string& week = "2026-W49") {
  return reply_from_http(200, R"({"student":{"id":"s1","name":"Anna Petrova","class":"5A"},"week":")" + week +
                                  R"(","diary":{"week":")" + week + R"(","days":[]}})");
}

KioskConfig print_config(const std::string& printer_queue = queue) {
  auto c = test_config(Mode::hall);
  c.printer.queue = printer_queue;
  return c;
}

// A hall kiosk with its printer ready, showing Anna's diary (card, PIN 2580).
struct PrintRig : KioskRig {
  explicit PrintRig(KioskConfig c = print_config()) : KioskRig(std::move(c)) {
    printers.add_queue(queue);
    start_online();
    card("E37A5C1D");
    for (char ch : std::string("2580")) logic->pin_digit(ch - '0');
    logic->pin_submit();
    uplink.answer("diary", diary_ok());
  }
  const PrintProgress& print() const { return shown().print; }
  // Print pressed and the box's extract given to the printer: the job's id.
  int printing(int prints_left = 2) {
    logic->print_extract();
    REQUIRE(uplink.answer("extract", extract_ok(prints_left)));
    REQUIRE(printers.submitted().size() == 1);
    return printers.submitted().back().cups_job_id;
  }
  JobState job_state(int id) { return printers.job(queue, id)->state; }
};

}  // namespace

TEST_CASE("print: the box's extract of the shown week goes to the kiosk's queue, followed to the end") {
  PrintRig k;
  CHECK(k.print().stage == PrintStage::none);
  k.logic->print_extract();
  CHECK(k.print().stage == PrintStage::preparing);
  CHECK(k.banner() == Banner::diary);
  CHECK_FALSE(k.shown().diary_json.empty());
  CHECK(k.shown().banner_until_ms == 0);  // no idle time-out while printing
  const auto* asked = k.uplink.first("extract");
  REQUIRE(asked);
  CHECK(asked->diary.card == "E37A5C1D");
  CHECK(asked->diary.pin == "2580");
  CHECK(asked->diary.week == "2026-W49");
  CHECK(k.printers.submitted().empty());

  k.uplink.answer("extract", extract_ok(2));
  const auto sent = k.printers.submitted();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].destination == queue);
  CHECK(sent[0].title == "Выписка — Anna Petrova");
  CHECK(sent[0].copies == 1);
  CHECK(sent[0].pdf.rfind("%PDF-", 0) == 0);
  CHECK(k.print().stage == PrintStage::printing);

  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printing);
  k.printers.set_job(queue, sent[0].cups_job_id, JobState::processing);
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printing);
  k.printers.set_job(queue, sent[0].cups_job_id, JobState::completed);
  CHECK(k.logic->next_wakeup() <= k.clock.now() + print_poll_interval);
  k.advance(print_poll_interval);
  CHECK(k.print().stage == PrintStage::printed);
  CHECK(k.print().prints_left == 2);
  CHECK(k.banner() == Banner::diary);
  CHECK(k.shown().banner_until_ms != 0);  // the session's idle time runs again

  // The printed job is no longer asked after; the session ends at its idle time as always.
  k.advance(k.config.timing.hall_idle);
  CHECK(k.banner() == Banner::idle);
  CHECK(k.shown().print.stage == PrintStage::none);
}

TEST_CASE("print: a printer out of paper says so, and the extract prints once paper is in") {
  PrintRig k;
  const int id = k.printing();
  k.printers.set_printer(queue, PrinterState::out_of_paper, "Нет бумаги");
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::stopped);
  CHECK(k.print().problem == "out_of_paper");
  CHECK(k.print().reason == "Нет бумаги");
  CHECK(k.shown().banner_until_ms == 0);
  k.printers.set_printer(queue, PrinterState::ready, "");
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printing);
  k.printers.set_job(queue, id, JobState::completed);
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printed);
}

TEST_CASE("print: a jammed printer names the jam, a fault without a name gives the printer's words") {
  PrintRig k;
  k.printing();
  SECTION("jam") {
    k.printers.set_printer(queue, PrinterState::jammed, "Замятие бумаги");
    k.advance(1s);
    CHECK(k.print().problem == "jammed");
  }
  SECTION("another fault") {
    k.printers.set_printer(queue, PrinterState::other_problem, "Открыта крышка принтера");
    k.advance(1s);
    CHECK(k.print().problem == "other_problem");
    CHECK(k.print().reason == "Открыта крышка принтера");
  }
  CHECK(k.print().stage == PrintStage::stopped);
}

TEST_CASE("print: a printer that cannot print is said before the box counts a print") {
  PrintRig k;
  SECTION("out of paper") {
    k.printers.set_printer(queue, PrinterState::out_of_paper, "Нет бумаги");
    k.logic->print_extract();
    CHECK(k.print().problem == "out_of_paper");
    CHECK(k.print().reason == "Нет бумаги");
  }
  SECTION("the kiosk's CUPS is down") {
    k.printers.set_unreachable(queue);
    k.logic->print_extract();
    CHECK(k.print().problem == print_problem::printer_unreachable);
  }
  SECTION("no such queue") {
    k.printers.set_unreachable(queue, false);
    PrintRig other(print_config("no-such-queue"));
    other.logic->print_extract();
    CHECK(other.print().stage == PrintStage::failed);
    CHECK(other.print().problem == print_problem::printer_refused);
    CHECK(other.uplink.extracts == 0);
    k.logic->print_extract();  // this one's queue is fine: it asks
    CHECK(k.uplink.extracts == 1);
    return;
  }
  CHECK(k.print().stage == PrintStage::failed);
  CHECK(k.uplink.extracts == 0);
  CHECK(k.banner() == Banner::diary);
  // Paper in: the button works again.
  k.printers.set_unreachable(queue, false);
  k.printers.set_printer(queue, PrinterState::ready, "");
  k.logic->print_extract();
  CHECK(k.print().stage == PrintStage::preparing);
  CHECK(k.uplink.extracts == 1);
}

TEST_CASE("print: the day's limit is said, and the diary stays") {
  PrintRig k;
  k.logic->print_extract();
  k.uplink.answer("extract", error_reply(429, "print_limit", "this pupil's prints at the kiosks for today are used up"));
  CHECK(k.print().stage == PrintStage::failed);
  CHECK(k.print().problem == print_problem::print_limit);
  CHECK(k.printers.submitted().empty());
  CHECK(k.banner() == Banner::diary);
  k.logic->week_step(-1);  // the session goes on
  CHECK(k.uplink.count("diary") == 1);
}

TEST_CASE("print: a box that cannot be reached, or that fails, is said and nothing is printed") {
  PrintRig k;
  k.logic->print_extract();
  SECTION("unreachable") {
    k.uplink.answer("extract", unreachable_reply("connect: timed out"));
    CHECK(k.print().problem == print_problem::box_unreachable);
    CHECK(k.print().reason == "connect: timed out");
    CHECK(k.feedback.last() == drivers::Feedback::offline);
  }
  SECTION("5xx") {
    k.uplink.answer("extract", error_reply(503, "store.unavailable", "the database is busy; try again"));
    CHECK(k.print().problem == print_problem::box_refused);
    CHECK(k.print().reason == "the database is busy; try again");
  }
  SECTION("an answer that is not a PDF") {
    k.uplink.answer("extract", reply_from_http(200, "<html>a proxy's page</html>"));
    CHECK(k.print().problem == print_problem::box_refused);
  }
  CHECK(k.print().stage == PrintStage::failed);
  CHECK(k.printers.submitted().empty());
  CHECK(k.banner() == Banner::diary);
  CHECK(k.shown().banner_until_ms != 0);
}

TEST_CASE("print: the PIN refusals of the diary end the session the same way") {
  PrintRig k;
  k.logic->print_extract();
  SECTION("wrong PIN (changed meanwhile)") {
    k.uplink.answer("extract", error_reply(403, "wrong_pin", "wrong PIN", R"(,"attempts_left":4)"));
    CHECK(k.banner() == Banner::wrong_pin);
    CHECK(k.shown().attempts_left == 4);
  }
  SECTION("locked") {
    k.uplink.answer("extract", error_reply(423, "pin_locked", "locked", R"(,"locked_until":"2026-11-30T05:27:00.000Z")"));
    CHECK(k.banner() == Banner::pin_locked);
  }
  CHECK(k.printers.submitted().empty());
  CHECK(k.shown().print.stage == PrintStage::none);
}

TEST_CASE("print: no queue configured says so and asks nobody") {
  PrintRig k(print_config(""));
  k.logic->print_extract();
  CHECK(k.print().stage == PrintStage::unavailable);
  CHECK(k.uplink.extracts == 0);
  CHECK(k.printers.submitted().empty());
  CHECK(k.banner() == Banner::diary);
  CHECK(k.shown().banner_until_ms != 0);
}

TEST_CASE("print: a second press while a print runs starts nothing") {
  PrintRig k;
  k.logic->print_extract();
  k.logic->print_extract();  // preparing
  CHECK(k.uplink.count("extract") == 1);
  k.uplink.answer("extract", extract_ok());
  k.logic->print_extract();  // printing
  k.printers.set_printer(queue, PrinterState::out_of_paper, "");
  k.advance(1s);
  k.logic->print_extract();  // stopped
  CHECK(k.uplink.extracts == 1);
  CHECK(k.printers.submitted().size() == 1);
  // Once it is over, another print may be asked for (the box counts it).
  k.printers.set_printer(queue, PrinterState::ready, "");
  k.printers.set_job(queue, k.printers.submitted()[0].cups_job_id, JobState::completed);
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printed);
  k.logic->print_extract();
  CHECK(k.uplink.extracts == 2);
}

TEST_CASE("print: week steps while the printer works keep its progress in view") {
  PrintRig k;
  k.printing();
  k.logic->week_step(-1);
  k.uplink.answer("diary", diary_ok("2026-W48"));
  CHECK(k.shown().week == "2026-W48");
  CHECK(k.print().stage == PrintStage::printing);
  CHECK(k.shown().banner_until_ms == 0);
}

TEST_CASE("print: the session outlives the idle time while printing, the PIN does not") {
  PrintRig k;
  const int id = k.printing();
  k.printers.set_printer(queue, PrinterState::out_of_paper, "");
  k.advance(k.config.timing.hall_idle - 1s);
  k.advance(1s);  // the idle time is up
  CHECK(k.banner() == Banner::diary);
  CHECK(k.print().stage == PrintStage::stopped);
  // The PIN is gone: no week step, no second print.
  k.logic->week_step(-1);
  CHECK(k.uplink.count("diary") == 0);
  k.printers.set_printer(queue, PrinterState::ready, "");
  k.printers.set_job(queue, id, JobState::completed);
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printed);
  k.logic->print_extract();
  CHECK(k.uplink.extracts == 1);
  // The result stays hall_notice, then idle.
  k.advance(k.config.timing.hall_notice - 1s);
  CHECK(k.banner() == Banner::diary);
  k.advance(1s);
  CHECK(k.banner() == Banner::idle);
}

TEST_CASE("print: a slow box keeps the session while it prepares, the PIN goes at the idle time") {
  PrintRig k;
  k.logic->print_extract();
  k.advance(k.config.timing.hall_idle);
  CHECK(k.banner() == Banner::diary);
  CHECK(k.print().stage == PrintStage::preparing);
  k.uplink.answer("extract", extract_ok(0));
  CHECK(k.printers.submitted().size() == 1);
  k.printers.set_job(queue, k.printers.submitted()[0].cups_job_id, JobState::completed);
  k.advance(1s);
  CHECK(k.print().stage == PrintStage::printed);
  CHECK(k.print().prints_left == 0);
  k.logic->week_step(-1);
  CHECK(k.uplink.count("diary") == 0);
}

TEST_CASE("print: a job not printed in time is cancelled, so it never comes out for someone else") {
  PrintRig k;
  const int id = k.printing();
  k.printers.set_printer(queue, PrinterState::out_of_paper, "");
  for (auto waited = 0s; waited < print_follow_max; waited += 1s) k.advance(1s);
  CHECK(k.print().stage == PrintStage::failed);
  CHECK(k.print().problem == print_problem::timed_out);
  CHECK(k.print().reason == "Нет бумаги");
  CHECK(k.job_state(id) == JobState::cancelled);
  k.advance(k.config.timing.hall_notice);
  CHECK(k.banner() == Banner::idle);
}

TEST_CASE("print: Done while printing leaves the job to print, and cancels it if it does not") {
  PrintRig k;
  const int id = k.printing();
  k.logic->done();
  CHECK(k.banner() == Banner::idle);
  SECTION("it prints") {
    k.printers.set_job(queue, id, JobState::completed);
    k.advance(1s);
    CHECK(k.job_state(id) == JobState::completed);
  }
  SECTION("it is stuck") {
    k.printers.set_printer(queue, PrinterState::jammed, "");
    k.advance(print_follow_max);
    CHECK(k.job_state(id) == JobState::cancelled);
  }
  CHECK(k.banner() == Banner::idle);
  CHECK(k.shown().print.stage == PrintStage::none);
}

TEST_CASE("print: a late extract for a session that has ended is not printed") {
  PrintRig k;
  k.logic->print_extract();
  SECTION("Done") { k.logic->done(); }
  SECTION("another card") { k.card("AAAA0001"); }
  k.uplink.answer("extract", extract_ok());
  CHECK(k.printers.submitted().empty());
}

TEST_CASE("print: the printer refusing the job, or cancelling it, is said") {
  PrintRig k;
  SECTION("refused") {
    k.printers.fail_submit();
    k.logic->print_extract();
    k.uplink.answer("extract", extract_ok());
    CHECK(k.print().problem == print_problem::printer_refused);
  }
  SECTION("cancelled at the printer") {
    const int id = k.printing();
    REQUIRE(k.printers.cancel(queue, id));
    k.advance(1s);
    CHECK(k.print().problem == print_problem::cancelled);
  }
  SECTION("CUPS gone for good") {
    k.printing();
    k.printers.set_unreachable(queue);
    k.advance(1s);
    CHECK(k.print().stage == PrintStage::stopped);  // it may come back
    CHECK(k.print().problem == print_problem::printer_unreachable);
    k.advance(print_follow_max);
    CHECK(k.print().problem == print_problem::timed_out);
  }
  CHECK(k.print().stage == PrintStage::failed);
  CHECK(k.banner() == Banner::diary);
}
