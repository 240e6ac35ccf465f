// simulated_reader_test: the simulated reader on real files and FIFOs in a temp folder.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>

#include "drivers/sim/simulated_reader.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

namespace {

class RecordingSink final : public ReaderSink {
 public:
  void on_card(const CardRead& r) override { add([&] { cards.push_back(r); }); }
  void on_code(const CodeScan& s) override { add([&] { codes.push_back(s); }); }
  void on_status(const ReaderStatus& s) override { add([&] { statuses.push_back(s); }); }

  template <class Pred>
  bool wait_for(Pred pred, std::chrono::milliseconds limit = 3000ms) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, limit, [&] { return pred(); });
  }
  std::vector<std::string> card_hexes() {
    std::lock_guard lock(mutex);
    std::vector<std::string> out;
    for (const auto& c : cards) out.push_back(c.card.hex);
    return out;
  }

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<CardRead> cards;
  std::vector<CodeScan> codes;
  std::vector<ReaderStatus> statuses;

 private:
  template <class F>
  void add(F f) {
    {
      std::lock_guard lock(mutex);
      f();
    }
    changed.notify_all();
  }
};

void append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app);
  out << text;
}

SimulatedReaderOptions from(const std::string& source) {
  SimulatedReaderOptions o;
  o.source = source;
  o.debounce = 1500ms;
  o.poll_interval = 20ms;
  return o;
}

TimePoint t0() {
  TimePoint t;
  parse_utc("2026-11-30T05:12:00.000Z", t);
  return t;
}

}  // namespace

TEST_CASE("a file is read to its end, then followed") {
  test::TempDir dir;
  const auto path = dir.file("cards.txt");
  append(path, "# morning\nE37A5C1D\n\n3816447005\nqr classbook:card:AAAA0001\n");
  FakeClock clock(t0());
  SimulatedReader reader(from(path), clock);
  RecordingSink sink;
  REQUIRE(reader.start(sink));
  REQUIRE(sink.wait_for([&] { return sink.codes.size() == 1; }));
  CHECK(sink.card_hexes() == std::vector<std::string>{"E37A5C1D"});  // 3816447005 is the same card: debounced
  CHECK(sink.codes[0].text == "classbook:card:AAAA0001");
  CHECK(sink.codes[0].format == "QRCode");
  CHECK(sink.cards[0].reader == "simulated");
  CHECK(sink.cards[0].at == t0());

  clock.advance(2s);
  append(path, "card E37A5C1D\nBBBB0002");  // the last line has no newline yet
  REQUIRE(sink.wait_for([&] { return sink.cards.size() == 3; }));
  CHECK(sink.card_hexes() == std::vector<std::string>{"E37A5C1D", "E37A5C1D", "BBBB0002"});
  reader.stop();
  REQUIRE_FALSE(sink.statuses.empty());
  CHECK(sink.statuses.front().state == ReaderState::opening);
  CHECK(sink.statuses.back().state == ReaderState::ready);
  CHECK(sink.statuses.back().model == "Simulated reader");
}

TEST_CASE("unplug and plug change the reader's state, cards in between are not read") {
  test::TempDir dir;
  const auto path = dir.file("cards.txt");
  append(path, "unplug\nAAAA0001\nplug\nBBBB0002\n");
  FakeClock clock(t0());
  SimulatedReader reader(from(path), clock);
  RecordingSink sink;
  REQUIRE(reader.start(sink));
  REQUIRE(sink.wait_for([&] { return sink.cards.size() == 1; }));
  CHECK(sink.card_hexes() == std::vector<std::string>{"BBBB0002"});
  std::lock_guard lock(sink.mutex);
  std::vector<ReaderState> states;
  for (const auto& s : sink.statuses) states.push_back(s.state);
  CHECK(states == std::vector<ReaderState>{ReaderState::opening, ReaderState::ready, ReaderState::absent, ReaderState::ready});
  CHECK(sink.statuses[2].detail == "unplugged");
}

TEST_CASE("bad lines are skipped, the rest is read") {
  test::TempDir dir;
  const auto path = dir.file("cards.txt");
  append(path, "12AZ\nhello there\nCCCC0003\n");
  FakeClock clock(t0());
  SimulatedReader reader(from(path), clock);
  RecordingSink sink;
  REQUIRE(reader.start(sink));
  REQUIRE(sink.wait_for([&] { return sink.cards.size() == 1; }));
  CHECK(sink.card_hexes() == std::vector<std::string>{"CCCC0003"});
}

TEST_CASE("a FIFO is reopened after each writer, and stop() does not wait for one") {
  test::TempDir dir;
  const auto path = dir.file("cards.fifo");
  REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  FakeClock clock(t0());
  SimulatedReader reader(from(path), clock);
  RecordingSink sink;
  REQUIRE(reader.start(sink));
  REQUIRE(sink.wait_for([&] { return !sink.statuses.empty() && sink.statuses.back().state == ReaderState::ready; }));

  for (const char* card : {"AAAA0001\n", "BBBB0002\n", "CCCC0003\n"}) {
    const int fd = ::open(path.c_str(), O_WRONLY);  // blocks until the reader has the FIFO open
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, card, std::strlen(card)) == static_cast<ssize_t>(std::strlen(card)));
    ::close(fd);
  }
  REQUIRE(sink.wait_for([&] { return sink.cards.size() == 3; }));
  CHECK(sink.card_hexes() == std::vector<std::string>{"AAAA0001", "BBBB0002", "CCCC0003"});

  const auto t = std::chrono::steady_clock::now();
  reader.stop();  // nobody writes now: the reader sits in poll()
  CHECK(std::chrono::steady_clock::now() - t < 500ms);
  reader.stop();  // twice is fine
}

TEST_CASE("a missing source is reported and picked up once it appears") {
  test::TempDir dir;
  const auto path = dir.file("later.txt");
  FakeClock clock(t0());
  SimulatedReader reader(from(path), clock);
  RecordingSink sink;
  REQUIRE(reader.start(sink));
  REQUIRE(sink.wait_for([&] { return !sink.statuses.empty() && sink.statuses.back().state == ReaderState::failed; }));
  {
    std::lock_guard lock(sink.mutex);
    CHECK(sink.statuses.back().detail.find("cannot open " + path) != std::string::npos);
  }
  append(path, "DDDD0004\n");
  REQUIRE(sink.wait_for([&] { return sink.cards.size() == 1; }));
  CHECK(sink.statuses.back().state == ReaderState::ready);
}

TEST_CASE("feedback for this reader is kept (there is no LED), for others ignored") {
  FakeClock clock(t0());
  SimulatedReader reader(from("/nonexistent"), clock);
  reader.feedback("simulated", Feedback::accepted);
  reader.feedback("acr122u@1-1", Feedback::error);
  reader.feedback("simulated", Feedback::offline);
  CHECK(reader.feedback_given() == std::vector<Feedback>{Feedback::accepted, Feedback::offline});
}
