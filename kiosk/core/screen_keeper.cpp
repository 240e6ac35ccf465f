// screen_keeper: change detection, so the page's SSE stream carries changes and not ticks.
#include "kiosk/core/screen_keeper.hpp"

#include <tuple>

namespace classbook::kiosk {
namespace {

auto reader_key(const drivers::ReaderStatus& r) { return std::tie(r.reader, r.model, r.state, r.detail); }

bool same_readers(const std::vector<drivers::ReaderStatus>& a, const std::vector<drivers::ReaderStatus>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (reader_key(a[i]) != reader_key(b[i])) return false;
  return true;
}

auto picture_key(const ScreenState& s) {
  return std::tie(s.mode, s.language, s.kiosk_name, s.school, s.server_reachable, s.last_contact, s.spool_depth,
                  s.banner, s.person, s.class_name, s.time_text, s.detail, s.attempts_left, s.pin_length, s.week,
                  s.diary_json, s.print, s.banner_until_ms, s.recent);
}

}  // namespace

bool same_picture(const ScreenState& a, const ScreenState& b) {
  return picture_key(a) == picture_key(b) && same_readers(a.readers, b.readers);
}

void ScreenKeeper::message(Banner banner, TimePoint until) {
  draft_.banner = banner;
  draft_.person.clear();
  draft_.class_name.clear();
  draft_.time_text.clear();
  draft_.detail.clear();
  draft_.attempts_left = 0;
  draft_.pin_length = 0;
  draft_.week.clear();
  draft_.diary_json.clear();
  draft_.print = {};
  draft_.banner_until_ms = until.time_since_epoch().count();
}

TimePoint ScreenKeeper::banner_until() const { return TimePoint(std::chrono::milliseconds(draft_.banner_until_ms)); }

void ScreenKeeper::publish() {
  if (ever_shown_ && same_picture(draft_, shown_)) return;
  draft_.seq = shown_.seq + 1;
  shown_ = draft_;
  ever_shown_ = true;
  screen_.show(shown_);
}

}  // namespace classbook::kiosk
