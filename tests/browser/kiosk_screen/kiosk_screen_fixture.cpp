// kiosk_screen_fixture: runs a real ScreenServer showing one chosen state, for the Chromium test.
// Prints "PORT <n>" when ready; stops when its stdin closes. Inputs posted by the page are printed.
//   kiosk_screen_fixture <scenario> <ru|en> [diary.json]
// Scenario "live" starts with a welcome and shows unknown_card as soon as the page's first event
// stream opens: what the page then shows came to it over SSE, not in the HTML.
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "kiosk/screen/screen_server.hpp"

using namespace classbook::kiosk;
using classbook::drivers::ReaderState;

namespace {

class PrintingInput final : public ScreenInput {
 public:
  void pin_digit(int d) override { say("digit " + std::to_string(d)); }
  void pin_erase() override { say("erase"); }
  void pin_submit() override { say("submit"); }
  void week_step(int delta) override { say("week " + std::to_string(delta)); }
  void done() override { say("done"); }
  void print_extract() override { say("print"); }

 private:
  static void say(const std::string& what) { std::cout << "INPUT " << what << std::endl; }
};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

ScreenState base(const std::string& language) {
  ScreenState s;
  s.seq = 7;
  s.language = language;
  s.kiosk_name = "Главный вход";
  s.school = "Школа № 5";
  s.server_reachable = false;
  s.last_contact = "2026-11-29T07:55:00.000Z";
  s.spool_depth = 3;
  s.readers = {{"acr122u@1-1", "ACS ACR122U", ReaderState::ready, ""},
               {"rdm6300@ttyUSB0", "RDM6300", ReaderState::failed, "reopening in 4 s"}};
  return s;
}

bool scenario(const std::string& name, const std::string& diary_file, ScreenState& s) {
  s.person = "Анна Петрова";
  s.class_name = "5А";
  s.time_text = "08:12";
  if (name == "welcome" || name == "live") {
    s.banner = Banner::welcome;
    s.server_reachable = true;
    s.spool_depth = 0;
  } else if (name == "unknown_card") {
    s.banner = Banner::unknown_card;
    s.person.clear();
  } else if (name == "sent_to_desk") {  // the office's reader, with the previous card still listed
    s.banner = Banner::sent_to_desk;
    s.person.clear();
    s.class_name.clear();
    s.server_reachable = true;
    s.spool_depth = 0;
    s.recent = {RecentAnswer{Banner::sent_to_desk, "", "", "08:11", now_ms() + 600000}};
  } else if (name == "recorded_offline") {
    s.banner = Banner::recorded_offline;
  } else if (name == "expired") {  // a hall welcome whose time is up: the page shows idle by itself
    s.mode = Mode::hall;
    s.banner = Banner::welcome;
    s.banner_until_ms = now_ms() - 1000;
  } else if (name == "wrong_pin") {
    s.mode = Mode::hall;
    s.banner = Banner::wrong_pin;
    s.attempts_left = 2;
    s.pin_length = 2;
  } else if (name == "diary" || name == "diary_print") {
    s.mode = Mode::hall;
    // The Print button's progress: the kiosk's printer holds the extract for want of paper.
    if (name == "diary_print") s.print = {PrintStage::stopped, "out_of_paper", "нет бумаги", 2};
    s.banner = Banner::diary;
    s.server_reachable = true;
    s.week = "2026-W48";
    std::ifstream in(diary_file);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    s.diary_json = text.str();
  } else {
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kiosk_screen_fixture <scenario> <ru|en> [diary.json]\n";
    return 2;
  }
  ScreenState state = base(argv[2]);
  if (!scenario(argv[1], argc > 3 ? argv[3] : "", state)) {
    std::cerr << "unknown scenario or unreadable diary: " << argv[1] << "\n";
    return 2;
  }
  PrintingInput input;
  auto server = ScreenServer::create({}, input, [](std::function<void()> task) { task(); });
  if (!server) {
    std::cerr << server.error().message << "\n";
    return 1;
  }
  (*server)->show(state);
  std::cout << "PORT " << (*server)->port() << std::endl;

  std::atomic<bool> ending{false};
  std::thread live;
  if (std::string(argv[1]) == "live")
    live = std::thread([&] {
      while (!ending && (*server)->stats().streams_opened == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ScreenState next = state;
      next.seq = state.seq + 1;
      next.banner = Banner::unknown_card;
      next.person.clear();
      (*server)->show(next);
    });
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  ending = true;
  if (live.joinable()) live.join();
  (*server)->stop();
  return 0;
}
