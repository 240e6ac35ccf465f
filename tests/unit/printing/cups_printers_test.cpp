// Tests of the CUPS adapter against a real cupsd started for each test (tests/support/cups_fixture):
// a PDF sent prints byte for byte (read back with pdfinfo and pdftotext), a disabled, empty or jammed
// printer holds the job as stopped with its reason in words and prints it once it can, cancelling,
// a queue that rejects jobs, and the refusals for an unknown queue or a server that is not there.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cups_fixture.hpp"
#include "pdf_read.hpp"
#include "printing/printers.hpp"
#include "read_ok.hpp"

using namespace classbook;
using namespace classbook::printing;
using namespace std::chrono_literals;

namespace {

// A job on an idle private cupsd is done in about a second.
constexpr auto kJobDeadline = 20s;

// A one-page PDF with a line of text in a base-14 font, its cross-reference table exact, so poppler
// reads it without repairs.
std::string tiny_pdf(const std::string& text) {
  const std::string content = "BT /F1 24 Tf 72 720 Td (" + text + ") Tj ET";
  const std::array<std::string, 5> objects{
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}


// Asks for the job until it is in `want` or the deadline passes; what it last said.
JobStatus wait_for(Printers& printers, const std::string& queue, int id, JobState want) {
  const auto deadline = std::chrono::steady_clock::now() + kJobDeadline;
  JobStatus last = test::ok(printers.job(queue, id));
  while (last.state != want && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    last = test::ok(printers.job(queue, id));
  }
  return last;
}

// The output file once it holds `size` bytes (cupsd writes it as the job runs).
std::string printed(const std::string& path, std::size_t size) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  std::string bytes = read_file(path);
  while (bytes.size() < size && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    bytes = read_file(path);
  }
  return bytes;
}

template <class T>
std::string code_of(const Result<T>& r) {
  REQUIRE_FALSE(r);
  return std::string(r.error().id.view());
}


}  // namespace

TEST_CASE("a ready queue reports ready, by TCP and by the server's socket, from several threads at once") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  auto s = test::ok(printers->status("office"));
  CHECK(s.destination == "office");
  CHECK(s.state == PrinterState::ready);
  CHECK(s.message == "Готов");
  CHECK(test::ok(cups_printers(cups.socket_path())->status("office")).state == PrinterState::ready);

  // One adapter serves every thread: each call has its own connection.
  std::array<int, 4> ready{};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ready.size(); ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = printers->status("office");
        if (r && r->state == PrinterState::ready) ++ready[t];
      }
    });
  for (auto& t : threads) t.join();
  CHECK(ready == std::array<int, 4>{10, 10, 10, 10});
}

TEST_CASE("a PDF sent to a queue prints as it was sent") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  const auto pdf = tiny_pdf("Classbook test page");
  const int id = test::ok(printers->submit("office", pdf, "Выписка из дневника", 1));
  CHECK(id > 0);
  auto done = wait_for(*printers, "office", id, JobState::completed);
  CHECK(done.state == JobState::completed);
  CHECK(done.cups_job_id == id);
  CHECK(done.reason.empty());
  const auto out = printed(cups.output("office"), pdf.size());
  CHECK(out.starts_with("%PDF-"));
  CHECK(out == pdf);
  CHECK(test::output_of("pdfinfo " + cups.output("office")).find("Pages:           1") != std::string::npos);
  CHECK(test::output_of("pdftotext " + cups.output("office") + " -").find("Classbook test page") != std::string::npos);
  // What is printed stays so; and it was a job of this queue only.
  CHECK(test::ok(printers->job("office", id)).state == JobState::completed);
  cups.add_queue("staffroom");
  CHECK(code_of(printers->job("staffroom", id)) == "printing.no_such_job");
}

TEST_CASE("a disabled queue holds the job as stopped with the admin's reason, and prints it once enabled") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  cups.admin("cupsdisable", {"-r", "Замена картриджа", "office"});
  auto off = test::ok(printers->status("office"));
  CHECK(off.state == PrinterState::off);
  CHECK(off.message == "Выключен администратором: Замена картриджа");

  const auto pdf = tiny_pdf("held, then printed");
  const int id = test::ok(printers->submit("office", pdf, "Ведомость", 1));
  auto held = test::ok(printers->job("office", id));
  CHECK(held.state == JobState::stopped);
  CHECK(held.reason == "принтер выключен администратором: Замена картриджа");
  std::this_thread::sleep_for(300ms);
  CHECK(test::ok(printers->job("office", id)).state == JobState::stopped);  // it stays held
  CHECK_FALSE(std::filesystem::exists(cups.output("office")));

  cups.admin("cupsenable", {"office"});
  CHECK(wait_for(*printers, "office", id, JobState::completed).state == JobState::completed);
  CHECK(printed(cups.output("office"), pdf.size()) == pdf);
  CHECK(test::ok(printers->status("office")).state == PrinterState::ready);
}

TEST_CASE("a printer out of paper or jammed holds its jobs, saying so, and prints once it is fixed") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  cups.report("office", 5, {"media-empty-error"});
  auto empty = test::ok(printers->status("office"));
  CHECK(empty.state == PrinterState::out_of_paper);
  CHECK(empty.message == "Нет бумаги");
  const auto pdf = tiny_pdf("after the paper came");
  const int id = test::ok(printers->submit("office", pdf, "", 1));
  auto held = test::ok(printers->job("office", id));
  CHECK(held.state == JobState::stopped);
  CHECK(held.reason == "нет бумаги");

  cups.report("office", 5, {"media-jam-error"});
  CHECK(test::ok(printers->status("office")).state == PrinterState::jammed);
  CHECK(test::ok(printers->job("office", id)).reason == "замятие бумаги");

  cups.report("office", 3, {"none"});
  cups.admin("cupsenable", {"office"});
  CHECK(wait_for(*printers, "office", id, JobState::completed).state == JobState::completed);
  CHECK(printed(cups.output("office"), pdf.size()) == pdf);
}

TEST_CASE("cancel: a held job is cancelled and may be cancelled again, a printed job cannot be") {
  test::CupsFixture cups;
  cups.add_queue("office");
  cups.add_queue("staffroom");
  auto printers = cups_printers(cups.server());
  const int printed_id = test::ok(printers->submit("office", tiny_pdf("printed"), "", 1));
  REQUIRE(wait_for(*printers, "office", printed_id, JobState::completed).state == JobState::completed);

  cups.admin("cupsdisable", {"office"});
  const int held_id = test::ok(printers->submit("office", tiny_pdf("never printed"), "", 1));
  CHECK(code_of(printers->cancel("staffroom", held_id)) == "printing.no_such_job");  // not that queue's
  CHECK(test::ok(printers->job("office", held_id)).state == JobState::stopped);
  REQUIRE(printers->cancel("office", held_id));
  CHECK(test::ok(printers->job("office", held_id)).state == JobState::cancelled);
  CHECK(printers->cancel("office", held_id));  // a repeated cancel is fine
  cups.admin("cupsenable", {"office"});
  std::this_thread::sleep_for(500ms);
  CHECK(test::ok(printers->job("office", held_id)).state == JobState::cancelled);

  auto finished = printers->cancel("office", printed_id);
  CHECK(code_of(finished) == "printing.job_finished");
  CHECK(code_of(printers->cancel("office", 0)) == "printing.no_such_job");  // 0 would mean "the current job"
  CHECK(code_of(printers->job("office", 99999)) == "printing.no_such_job");
  CHECK(code_of(printers->cancel("office", 99999)) == "printing.no_such_job");
}

TEST_CASE("a queue that rejects jobs is off and refuses a new one") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  cups.admin("cupsreject", {"-r", "Ремонт", "office"});
  auto s = test::ok(printers->status("office"));
  CHECK(s.state == PrinterState::off);
  CHECK(s.message == "Не принимает задания: Ремонт");
  auto refused = printers->submit("office", tiny_pdf("refused"), "", 1);
  CHECK(code_of(refused) == "printing.not_accepting");
  CHECK(refused.error().message.find("cupsaccept office") != std::string::npos);
  cups.admin("cupsaccept", {"office"});
  CHECK(test::ok(printers->submit("office", tiny_pdf("taken"), "", 1)) > 0);
}

TEST_CASE("an unknown queue is printing.no_such_queue, naming it") {
  test::CupsFixture cups;
  cups.add_queue("office");
  auto printers = cups_printers(cups.server());
  auto status = printers->status("Staffroom_MFP");
  CHECK(code_of(status) == "printing.no_such_queue");
  CHECK(status.error().message.find("'Staffroom_MFP'") != std::string::npos);
  CHECK(code_of(printers->submit("Staffroom_MFP", tiny_pdf("x"), "", 1)) == "printing.no_such_queue");
  CHECK(code_of(printers->job("Staffroom_MFP", 1)) == "printing.no_such_queue");
  CHECK(code_of(printers->cancel("Staffroom_MFP", 1)) == "printing.no_such_queue");
  CHECK(code_of(printers->status("office/../x")) == "printing.no_such_queue");  // not a CUPS name at all
  CHECK(code_of(printers->status("Канцелярия")) == "printing.no_such_queue");
}

TEST_CASE("a server with nothing listening is printing.unreachable, saying which and what to check") {
  const std::string server = "127.0.0.1:" + std::to_string(test::free_loopback_port());
  auto printers = cups_printers(server);
  auto status = printers->status("office");
  CHECK(code_of(status) == "printing.unreachable");
  CHECK(status.error().code == Errc::unavailable);
  CHECK(status.error().message.find("'" + server + "'") != std::string::npos);
  CHECK(status.error().message.find("cups_server") != std::string::npos);
  CHECK(code_of(printers->submit("office", tiny_pdf("x"), "", 1)) == "printing.unreachable");
  CHECK(code_of(printers->job("office", 1)) == "printing.unreachable");
  CHECK(code_of(printers->cancel("office", 1)) == "printing.unreachable");
  CHECK(code_of(cups_printers("127.0.0.1:port")->status("office")) == "printing.unreachable");
}

TEST_CASE("submit refuses what is not a PDF and an odd number of copies before asking any server") {
  auto printers = cups_printers("127.0.0.1:" + std::to_string(test::free_loopback_port()));
  CHECK(code_of(printers->submit("office", "Hello", "", 1)) == "printing.not_a_pdf");
  auto none = printers->submit("office", tiny_pdf("x"), "", 0);
  CHECK(code_of(none) == "printing.copies_out_of_range");
  CHECK(none.error().field == "copies");
  CHECK(code_of(printers->submit("office", tiny_pdf("x"), "", kMaxCopies + 1)) == "printing.copies_out_of_range");
}
