// screen_json_test: the page's state object for every banner, the diary pass-through, the footer.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <set>

#include "kiosk/screen/screen_json.hpp"

using namespace classbook::kiosk;
namespace json = boost::json;

namespace {
const Banner all_banners[] = {Banner::idle,         Banner::welcome,   Banner::goodbye,   Banner::unknown_card,
                              Banner::sent_to_desk, Banner::recorded_offline, Banner::enter_pin, Banner::wrong_pin,
                              Banner::pin_locked,   Banner::no_pin,    Banner::diary,     Banner::error};

json::object parse(const ScreenState& s) { return json::parse(screen::screen_json(s)).as_object(); }

ScreenState sample(Banner b) {
  ScreenState s;
  s.seq = 42;
  s.mode = Mode::hall;
  s.language = "en";
  s.kiosk_name = "Главный вход";
  s.school = "Школа № 5";
  s.server_reachable = true;
  s.last_contact = "2026-11-29T08:14:03.120Z";
  s.spool_depth = 3;
  s.readers = {{"acr122u@1-1", "ACS ACR122U", classbook::drivers::ReaderState::ready, ""},
               {"rdm6300@ttyUSB0", "RDM6300", classbook::drivers::ReaderState::failed, "reopening in 4 s"}};
  s.banner = b;
  s.person = "Анна Петрова";
  s.class_name = "5А";
  s.time_text = "08:12";
  s.detail = "09:30";
  s.attempts_left = 2;
  s.pin_length = 3;
  s.week = "2026-W48";
  s.banner_until_ms = 1764404000000;
  return s;
}
}  // namespace

TEST_CASE("every banner has its own name, and the JSON carries it with the whole state") {
  std::set<std::string> names;
  for (Banner b : all_banners) {
    const auto o = parse(sample(b));
    CAPTURE(to_string(b));
    CHECK(o.at("banner").as_string() == to_string(b));
    names.insert(to_string(b));
    CHECK(o.at("seq").to_number<std::uint64_t>() == 42);
    CHECK(o.at("mode").as_string() == "hall");
    CHECK(o.at("language").as_string() == "en");
    CHECK(o.at("kiosk_name").as_string() == "Главный вход");
    CHECK(o.at("school").as_string() == "Школа № 5");
    CHECK(o.at("server_reachable").as_bool());
    CHECK(o.at("last_contact").as_string() == "2026-11-29T08:14:03.120Z");
    CHECK(o.at("spool_depth").to_number<int>() == 3);
    CHECK(o.at("person").as_string() == "Анна Петрова");
    CHECK(o.at("class_name").as_string() == "5А");
    CHECK(o.at("time_text").as_string() == "08:12");
    CHECK(o.at("detail").as_string() == "09:30");
    CHECK(o.at("attempts_left").to_number<int>() == 2);
    CHECK(o.at("pin_length").to_number<int>() == 3);
    CHECK(o.at("week").as_string() == "2026-W48");
    CHECK(o.at("banner_until_ms").to_number<std::int64_t>() == 1764404000000);
    CHECK(o.at("diary").is_null());
    CHECK_FALSE(o.contains("diary_error"));
  }
  CHECK(names.size() == std::size(all_banners));
}

TEST_CASE("readers are listed with their state words in order") {
  const auto readers = parse(sample(Banner::idle)).at("readers").as_array();
  REQUIRE(readers.size() == 2);
  CHECK(readers[0].at("reader").as_string() == "acr122u@1-1");
  CHECK(readers[0].at("model").as_string() == "ACS ACR122U");
  CHECK(readers[0].at("state").as_string() == "ready");
  CHECK(readers[1].at("state").as_string() == "failed");
  CHECK(readers[1].at("detail").as_string() == "reopening in 4 s");
}

TEST_CASE("the page gets each reader state in the drivers' one spelling") {
  using classbook::drivers::ReaderState;
  for (auto state : {ReaderState::absent, ReaderState::opening, ReaderState::ready, ReaderState::failed}) {
    ScreenState s;
    s.readers = {{"r", "m", state, ""}};
    CHECK(parse(s).at("readers").as_array()[0].at("state").as_string() == classbook::drivers::to_string(state));
  }
}

TEST_CASE("an entrance kiosk's default state is idle, offline, with no readers") {
  const auto o = parse(ScreenState{});
  CHECK(o.at("mode").as_string() == "entrance");
  CHECK(o.at("banner").as_string() == "idle");
  CHECK(o.at("language").as_string() == "ru");
  CHECK_FALSE(o.at("server_reachable").as_bool());
  CHECK(o.at("readers").as_array().empty());
}

TEST_CASE("the diary is embedded as an object, unchanged") {
  auto s = sample(Banner::diary);
  s.diary_json = R"({"week":"2026-W48","days":[{"date":"2026-11-23","weekday":1,"lessons":[{"subject":"Математика","marks":[{"value":5,"weight":2}]}]}]})";
  const auto o = parse(s);
  REQUIRE(o.at("diary").is_object());
  CHECK(o.at("diary") == json::parse(s.diary_json));
  CHECK(o.at("diary").at("days").at(0).at("lessons").at(0).at("subject").as_string() == "Математика");
}

TEST_CASE("a diary that is not JSON becomes null with a reason, not a broken page") {
  auto s = sample(Banner::diary);
  s.diary_json = R"({"week":"2026-W48","days":[)";
  const auto o = parse(s);
  CHECK(o.at("diary").is_null());
  REQUIRE(o.contains("diary_error"));
  CHECK(std::string(o.at("diary_error").as_string()).find("not valid JSON") != std::string::npos);
}

TEST_CASE("the JSON is one line even when texts hold line breaks, and reads back the same") {
  auto s = sample(Banner::error);
  s.detail = "first line\nsecond line\r\nthird";
  s.person = "</script><script>alert(1)</script>";
  const std::string text = screen::screen_json(s);
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  const auto o = json::parse(text).as_object();
  CHECK(o.at("detail").as_string() == "first line\nsecond line\r\nthird");
  CHECK(o.at("person").as_string() == "</script><script>alert(1)</script>");
}

TEST_CASE("earlier answers still in their time go to the page as `recent`, newest first") {
  ScreenState s;
  s.recent = {{Banner::welcome, "Анна Петрова", "5А", "08:12", 1764404000000},
              {Banner::unknown_card, "", "", "08:11", 1764403999000}};
  const auto recent = parse(s).at("recent").as_array();
  REQUIRE(recent.size() == 2);
  CHECK(recent[0].at("banner").as_string() == "welcome");
  CHECK(recent[0].at("person").as_string() == "Анна Петрова");
  CHECK(recent[0].at("class_name").as_string() == "5А");
  CHECK(recent[0].at("time_text").as_string() == "08:12");
  CHECK(recent[0].at("until_ms").to_number<std::int64_t>() == 1764404000000);
  CHECK(recent[1].at("banner").as_string() == "unknown_card");
  CHECK(parse(ScreenState{}).at("recent").as_array().empty());
}

TEST_CASE("the Print button's progress goes to the page as `print`, every stage by its own name") {
  const PrintStage stages[] = {PrintStage::none,    PrintStage::unavailable, PrintStage::preparing, PrintStage::printing,
                               PrintStage::stopped, PrintStage::printed,     PrintStage::failed};
  std::set<std::string> names;
  for (auto stage : stages) {
    auto s = sample(Banner::diary);
    s.print = {stage, "out_of_paper", "нет бумаги", 2};
    const auto print = parse(s).at("print").as_object();
    CHECK(print.at("stage").as_string() == to_string(stage));
    CHECK(print.at("problem").as_string() == "out_of_paper");
    CHECK(print.at("reason").as_string() == "нет бумаги");
    CHECK(print.at("prints_left").to_number<int>() == 2);
    names.insert(to_string(stage));
  }
  CHECK(names.size() == std::size(stages));
  const auto idle = parse(ScreenState{}).at("print").as_object();
  CHECK(idle.at("stage").as_string() == "none");
  CHECK(idle.at("prints_left").to_number<int>() == -1);
}
