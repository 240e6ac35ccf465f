// screen_json: builds the page's state object with Boost.JSON (a few hundred bytes, plus the diary).
#include "kiosk/screen/screen_json.hpp"

#include <boost/json.hpp>

namespace classbook::kiosk::screen {
namespace json = boost::json;

const char* mode_code(Mode m) { return m == Mode::hall ? "hall" : "entrance"; }

std::string screen_json(const ScreenState& s) {
  json::array readers;
  for (const auto& r : s.readers)
    readers.push_back(json::object{
        {"reader", r.reader}, {"model", r.model}, {"state", drivers::to_string(r.state)}, {"detail", r.detail}});

  json::array recent;
  for (const auto& r : s.recent)
    recent.push_back(json::object{{"banner", to_string(r.banner)}, {"person", r.person}, {"class_name", r.class_name},
                                  {"time_text", r.time_text}, {"until_ms", r.until_ms}});

  json::value diary = nullptr;
  std::string diary_error;
  if (!s.diary_json.empty()) {
    json::error_code ec;
    diary = json::parse(s.diary_json, ec);
    if (ec) {
      diary = nullptr;
      diary_error = "the diary from the server is not valid JSON: " + ec.message();
    }
  }

  json::object o{
      {"seq", s.seq},
      {"mode", mode_code(s.mode)},
      {"language", s.language},
      {"kiosk_name", s.kiosk_name},
      {"school", s.school},
      {"server_reachable", s.server_reachable},
      {"last_contact", s.last_contact},
      {"spool_depth", s.spool_depth},
      {"readers", std::move(readers)},
      {"banner", to_string(s.banner)},
      {"person", s.person},
      {"class_name", s.class_name},
      {"time_text", s.time_text},
      {"detail", s.detail},
      {"attempts_left", s.attempts_left},
      {"pin_length", s.pin_length},
      {"week", s.week},
      {"diary", std::move(diary)},
      {"print", json::object{{"stage", to_string(s.print.stage)},
                             {"problem", s.print.problem},
                             {"reason", s.print.reason},
                             {"prints_left", s.print.prints_left}}},
      {"banner_until_ms", s.banner_until_ms},
      {"recent", std::move(recent)},
  };
  if (!diary_error.empty()) o["diary_error"] = diary_error;
  return json::serialize(o);
}

}  // namespace classbook::kiosk::screen
