// api: the routes of /api/v1 — from a plain request to a use case and back to a response.
// Only cookies, CSRF and status codes live here; every rule is in app/ and domain/.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/context.hpp"
#include "app/kiosk_diary.hpp"
#include "app/kiosks.hpp"
#include "app/sign_in.hpp"
#include "http/message.hpp"

namespace classbook::http {

constexpr const char* session_cookie = "__Host-classbook";
constexpr const char* csrf_header = "X-CSRF-Token";

class Api {
 public:
  struct Call;  // one request in flight: http/call.hpp
  Api(app::Context& ctx, app::Sessions& sessions, app::Kiosks& kiosks)
      : ctx_(ctx), sessions_(sessions), kiosks_(kiosks), kiosk_diary_(ctx) {}
  void handle(Request&& req, const Peer& peer, Respond respond);
  // Extra Prometheus lines from the parts the API does not own (connections, …).
  void set_extra_metrics(std::function<std::string()> f) { extra_metrics_ = std::move(f); }

 private:
  void route(const std::shared_ptr<Call>& c);
  void route_signed_in(const std::shared_ptr<Call>& c);
  void route_session(const std::shared_ptr<Call>& c);
  void route_journal(const std::shared_ptr<Call>& c);  // routes_journal.cpp, then route_school
  void route_school(const std::shared_ptr<Call>& c);   // routes_school.cpp, then route_roster
  void route_roster(const std::shared_ptr<Call>& c);   // routes_roster.cpp, then route_timetable
  void route_timetable(const std::shared_ptr<Call>& c);  // routes_timetable.cpp, then route_kiosk
  void route_kiosk(const std::shared_ptr<Call>& c);      // routes_kiosk.cpp, then 404
  // Kiosks' own requests (no session): enrolment, hello, taps, the hall diary — routes_kiosk.cpp.
  // False when the path is none of them.
  bool route_device(const std::shared_ptr<Call>& c);
  void tap_recorded(const std::string& result);

  void metrics(Call& c);
  void count(int status);

  app::Context& ctx_;
  app::Sessions& sessions_;
  app::Kiosks& kiosks_;
  app::KioskDiary kiosk_diary_;
  std::function<std::string()> extra_metrics_;
  std::mutex metrics_mutex_;
  std::map<int, std::uint64_t> responses_;
  std::map<std::string, std::uint64_t> taps_;
};

}  // namespace classbook::http
