// api: the routes of /api/v1 — from a plain request to a use case and back to a response.
// The routes are one table (router.hpp, rows in routes_*.cpp); this class only dispatches.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/api_clients.hpp"
#include "app/box_desk.hpp"
#include "app/mail_desk.hpp"
#include "app/context.hpp"
#include "app/kiosk_diary.hpp"
#include "app/kiosks.hpp"
#include "app/live_feed.hpp"
#include "app/print_desk.hpp"
#include "app/sign_in.hpp"
#include "app/sync_desk.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"

namespace classbook::http {

constexpr const char* session_cookie = "__Host-classbook";
constexpr const char* csrf_header = "X-CSRF-Token";

// What handlers use besides their request: the use cases' context and the services the API owns.
// It lives as long as the Api, so a write's callback may keep a reference to it.
class Api;
struct Env {
  Api& api;
  app::Context& ctx;
  app::Sessions& sessions;
  app::Kiosks& kiosks;
  app::KioskDiary& kiosk_diary;
  Metrics& metrics;
  app::LiveFeed& live;
  app::PrintDesk* print_desk = nullptr;  // none: the print routes say no printers are set up
  app::BoxDesk* box_desk = nullptr;      // none: the backup and box routes say so
  app::ApiClients& api_clients;          // OneRoster API clients: the token endpoint, bearer tokens
  app::MailDesk* mail_desk = nullptr;    // none: GET /api/v1/mail says no sender runs
  app::SyncDesk* sync_desk = nullptr;    // none: /api/v1/sync says sync.not_configured
};

class Api {
 public:
  struct Call;  // one request in flight: http/call.hpp
  // Hears the writer's committed changes for the live stream until it is destroyed.
  Api(app::Context& ctx, app::Sessions& sessions, app::Kiosks& kiosks);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;
  void handle(Request&& req, const Peer& peer, Respond respond);
  // The body a request may carry, by its route's row: the row's own limit, else `fallback`
  // (ServerConfig::body_limit_for asks it once a request's headers are read).
  static std::size_t body_limit_for(boost::beast::http::verb method, std::string_view target, std::size_t fallback);
  // Extra Prometheus lines from the parts the API does not own (connections, …).
  void set_extra_metrics(std::function<std::string()> f) { extra_metrics_ = std::move(f); }
  // Besides loopback, the one address that may read /metrics (a Prometheus on the LAN); "" for none.
  void set_metrics_from(std::string address) { metrics_from_ = std::move(address); }
  const std::string& metrics_from() const { return metrics_from_; }
  // The school's printers (classbookd makes it from [printing]); it must outlive the Api's calls.
  void set_print_desk(app::PrintDesk* desk) { env_.print_desk = desk; }
  // The administrator's desk of backups and the box's figures; it must outlive the Api's calls.
  void set_box_desk(app::BoxDesk* desk) { env_.box_desk = desk; }
  // The sender of guardians' e-mail notices (classbookd makes it from [mail]); it must outlive the Api's calls.
  void set_mail_desk(app::MailDesk* desk) { env_.mail_desk = desk; }
  // The runner of the sync with the city portal (classbookd makes it from [portal]); it must outlive the Api's calls.
  void set_sync_desk(app::SyncDesk* desk) { env_.sync_desk = desk; }
  void set_kiosk_prints_per_day(int n) { kiosk_diary_.set_prints_per_day(n); }
  // How long the access tokens of OneRoster API clients live (classbookd --api-token-seconds); set
  // before serving. Tokens already issued keep the expiry they were given.
  void set_api_token_lifetime(std::chrono::seconds s) { api_clients_.set_token_lifetime(s); }
  std::string metrics_text();
  app::LiveFeed& live() { return live_; }

 private:
  void dispatch(const std::shared_ptr<Call>& c);
  void unmatched(const std::shared_ptr<Call>& c);
  bool signed_in_gates(Call& c, bool before_password_change);

  app::Context& ctx_;
  app::Sessions& sessions_;
  app::Kiosks& kiosks_;
  app::KioskDiary kiosk_diary_;
  Metrics metrics_;
  app::LiveFeed live_{app::new_live_epoch()};
  std::function<std::string()> extra_metrics_;
  std::string metrics_from_;
  app::ApiClients api_clients_{ctx_};
  Env env_{*this, ctx_, sessions_, kiosks_, kiosk_diary_, metrics_, live_, nullptr, nullptr, api_clients_};
};

}  // namespace classbook::http
