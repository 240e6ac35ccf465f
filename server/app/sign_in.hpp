// sign_in: passwords, sessions and their expiry, login throttling. (Kiosks: app/kiosks.hpp.)
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/context.hpp"
#include "app/hash_pool.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr auto session_idle_limit = std::chrono::minutes(30);
constexpr auto session_absolute_limit = std::chrono::hours(12);
constexpr auto session_touch_interval = std::chrono::minutes(1);  // how stale the stored last-seen may be
constexpr int max_sessions_per_user = 10;  // a further sign-in signs out the oldest
constexpr auto session_purge_interval = std::chrono::minutes(10);  // expired rows are deleted this often
// Throttling: failures are counted per (login, address) and per address — never per login alone, so
// nobody can lock someone else out from another machine. Failures before the free_failures_*-th cost
// nothing; from it on each failure is followed by a wait that doubles, up to a cap.
constexpr int free_failures_per_login_and_address = 5;
constexpr int free_failures_per_address = 30;  // a classroom PC: many pupils mistyping
constexpr auto first_throttle_delay = std::chrono::seconds(2);
constexpr auto max_throttle_delay = std::chrono::minutes(15);
constexpr auto throttle_memory = std::chrono::hours(1);  // failures are forgotten this long after the last
constexpr std::size_t max_tracked_login_addresses = 10000;  // (login, address) pairs held; the stalest go first
constexpr std::size_t max_tracked_addresses = 5000;
constexpr std::size_t max_login_chars = 64;       // bytes: logins are ASCII
constexpr std::size_t max_logged_login_bytes = 64;  // a login in a log line or a message, escaped, is cut here
constexpr const char* password_reset_thread_subject = "Ваша учётная запись";
constexpr const char* one_time_password_expired = "one_time_password_expired";  // Error.field

// A login as typed, fit for a log line or a message: control characters, quotes and backslashes
// escaped (\xNN), cut after max_logged_login_bytes on a character boundary — so a typed login
// cannot forge log lines or flood them.
std::string log_safe(std::string_view typed);

// Inside a writer job — the same steps from the API and from classbookctl (actor_user 0, the console):
// the one-time password's hash stored, the account's sessions ended, the reset audited and the
// account holder told by a system message. `by` names who did it, for the audit and the message.
Status write_password_reset(store::WriteContext& w, const store::UserRecord& target, Id actor_user,
                            const std::string& by, const std::string& hash);
// The account disabled, its sessions ended, audited. A running classbookd refuses its sessions from
// the next request on (store::account_version).
Status write_account_disable(store::WriteContext& w, const store::UserRecord& target, Id actor_user, const std::string& by,
                             const std::string& reason = "");

// The account `login` if `actor` may reset its password (the policy's reset_credentials, judged by
// the pupils' classes for a pupil's or a guardian's account); none when there is no such account or
// the actor may not — the same answer, so nobody learns which logins exist.
Result<std::optional<store::UserRecord>> resettable_account(store::Db& db, const domain::Actor& actor, std::string_view login);
// The refusal for both of those cases, and for an actor who resets nobody's password.
Error no_resettable_account(std::string_view login);
Error may_reset_nobody(const domain::Actor& actor);
bool may_reset_someone(const domain::Actor& actor);

struct SignInOptions {
  // A login slip's one-time password stops working this long after it was issued.
  std::chrono::milliseconds one_time_password_lifetime = std::chrono::days(14);
};

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

// Counts failed sign-ins per (login, address) and per address, with waits that double from
// free_failures_* on. Both maps are bounded: a host guessing at a million logins holds at most
// max_tracked_* entries, and an address already made to wait adds nothing more.
class Throttle {
 public:
  explicit Throttle(const Clock& clock) : clock_(clock) {}
  // Seconds to wait before another try, 0 when allowed. Adds nothing to the maps.
  int retry_after(const std::string& login, const std::string& address);
  void failed(const std::string& login, const std::string& address);
  void succeeded(const std::string& login, const std::string& address);
  std::size_t tracked_login_addresses() const;
  std::size_t tracked_addresses() const;

  struct Strikes {
    int failures = 0;
    TimePoint last{};
    TimePoint wait_until{};
  };

 private:
  using Map = std::unordered_map<std::string, Strikes>;
  void strike(Map& m, const std::string& key, std::size_t limit, int free_failures, TimePoint now);
  int seconds_left(const Map& m, const std::string& key, TimePoint now) const;
  const Clock& clock_;
  mutable std::mutex mutex_;
  Map by_login_address_, by_address_;
};

class Sessions {
 public:
  explicit Sessions(Context& ctx, SignInOptions options = {}) : ctx_(ctx), options_(options), throttle_(ctx.clock) {}
  // Waits for this object's jobs still queued on the hashing pool, which outlives it.
  ~Sessions();
  Sessions(const Sessions&) = delete;
  Sessions& operator=(const Sessions&) = delete;

  // Checks the password (argon2id) on the hashing pool — the same work whether or not the login
  // exists or holds a one-time password; the reply comes after the session row is durable.
  void sign_in(const std::string& login, const std::string& password, const std::string& address,
               const std::string& user_agent, Reply<SignedIn> reply);
  // The live session of a cookie token, or unauthenticated. A request renews the idle timer; an open
  // live stream asking again (Renew::no) does not, so a tab left open still ends its session.
  enum class Renew : bool { no, yes };
  Result<Session> resolve(const std::string& token, Renew renew = Renew::yes);
  void sign_out(const Session& s, Reply<Ok> reply);
  Result<std::vector<SessionInfo>> list(const Session& s);
  void revoke(const Session& s, Id session_id, Reply<Ok> reply);
  void change_password(const Session& s, const std::string& old_password, const std::string& new_password,
                       Reply<Ok> reply);
  // Class teacher (own class's pupils and their guardians) or secretary: a new one-time password.
  void reset_password(const Session& s, const std::string& login, Reply<std::string> reply);

  const SignInOptions& options() const { return options_; }
  std::size_t cached() const;
  // Deletes expired session rows; sign_in calls it every session_purge_interval.
  void purge_expired(Reply<int> reply);
  // Every session re-reads its user's rights (children, classes taught and led, disabled) from the
  // database on its next request: called after each committed roster change.
  void refresh_rights();
  // The user's cached sessions are dropped: their rows are read again (after a sign-out everywhere).
  void forget_user(Id user_id);

 private:
  void start_session(const store::UserRecord& user, const domain::Actor& actor, const std::string& address,
                     const std::string& user_agent, Reply<SignedIn> reply);
  void purge_now_and_then();
  void write_reset(const store::UserRecord& target, Id actor_user, const std::string& by, const std::string& otp,
                   const std::string& hash, Reply<std::string> reply);
  Context& ctx_;
  const SignInOptions options_;
  Throttle throttle_;
  mutable std::mutex mutex_;
  std::map<std::string, Session> cache_;  // by token hash
  std::uint64_t rights_epoch_ = 0;         // moved by refresh_rights(); guards against caching stale rights
  std::int64_t account_version_ = -1;      // store::account_version() the cache was filled at
  TimePoint last_purge_{};
  // Jobs of ours on ctx_.hashing not yet finished; the destructor waits for none.
  bool hash(std::function<void()> job);
  std::mutex jobs_mutex_;
  std::condition_variable jobs_done_;
  int jobs_ = 0;
};

}  // namespace classbook::app
