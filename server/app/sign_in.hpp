// sign_in: passwords, sessions and their expiry, login throttling. (Kiosks: app/kiosks.hpp.)
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"
#include "store/records.hpp"

namespace classbook::app {

constexpr auto session_idle_limit = std::chrono::minutes(30);
constexpr auto session_absolute_limit = std::chrono::hours(12);
constexpr auto session_touch_interval = std::chrono::minutes(1);  // how stale the stored last-seen may be
constexpr int max_failures_per_account = 5;    // within the throttle window
constexpr int max_failures_per_address = 20;
constexpr auto throttle_window = std::chrono::minutes(15);
constexpr std::size_t max_throttle_entries = 20000;  // logins + addresses tracked before stale ones are dropped
constexpr std::size_t max_login_chars = 64;
constexpr std::size_t max_password_chars = 256;

struct Session {
  Id session_id = 0;
  store::UserRecord user;
  domain::Actor actor;
  std::string csrf;
  TimePoint created;
  TimePoint last_seen;
  TimePoint stored_last_seen;  // what the database has; refreshed every session_touch_interval
};

struct SignedIn {
  std::string token;  // goes only into the cookie
  Session session;
};

struct SessionInfo {
  Id id = 0;
  std::string created_at, last_seen_at, address, user_agent;
  bool current = false;
};

// Counts failed sign-ins per account and per address within a sliding window.
class Throttle {
 public:
  explicit Throttle(const Clock& clock) : clock_(clock) {}
  // Seconds to wait before another try, 0 when allowed.
  int retry_after(const std::string& login, const std::string& address);
  void failed(const std::string& login, const std::string& address);
  void succeeded(const std::string& login);

 private:
  int count(std::vector<TimePoint>& v, TimePoint now);
  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, std::vector<TimePoint>> by_login_, by_address_;
};

class Sessions {
 public:
  Sessions(Context& ctx) : ctx_(ctx), throttle_(ctx.clock) {}

  // Checks the password (argon2id); the reply comes after the session row is durable.
  void sign_in(const std::string& login, const std::string& password, const std::string& address,
               const std::string& user_agent, Reply<SignedIn> reply);
  // The live session of a cookie token, or unauthenticated. Renews the idle timer.
  Result<Session> resolve(const std::string& token);
  void sign_out(const Session& s, Reply<Ok> reply);
  std::vector<SessionInfo> list(const Session& s);
  void revoke(const Session& s, Id session_id, Reply<Ok> reply);
  void change_password(const Session& s, const std::string& old_password, const std::string& new_password,
                       Reply<Ok> reply);
  // Class teacher (own class's pupils and their guardians) or secretary: a new one-time password.
  void reset_password(const Session& s, const std::string& login, Reply<std::string> reply);

  std::size_t cached() const;
  // Every session re-reads its user's rights (children, classes taught and led, disabled) from the
  // database on its next request: called after each committed roster change.
  void refresh_rights();

 private:
  void forget_user(Id user_id);
  Context& ctx_;
  Throttle throttle_;
  mutable std::mutex mutex_;
  std::map<std::string, Session> cache_;  // by token hash
  std::uint64_t rights_epoch_ = 0;         // moved by refresh_rights(); guards against caching stale rights
};

}  // namespace classbook::app
