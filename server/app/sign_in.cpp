// sign_in: argon2id checks, session rows by token hash, idle and absolute expiry, throttling.
#include "app/sign_in.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "app/system_notice.hpp"
#include "auth/password.hpp"
#include "auth/session_token.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/sessions.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace json = boost::json;
namespace {
Error unauthenticated(ErrorCode id, std::string why) { return make_error(Errc::unauthenticated, id, std::move(why)); }

// Decoy hash so that an unknown login costs the same time as a wrong password.
const std::string& decoy_hash() {
  static const std::string h = auth::hash_password("decoy password that matches nothing");
  return h;
}
}  // namespace

std::string log_safe(std::string_view typed) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  std::size_t i = 0;
  for (; i < typed.size() && out.size() < max_logged_login_bytes; ++i) {
    const auto c = static_cast<unsigned char>(typed[i]);
    if (c < 0x20 || c == 0x7f || c == '\\' || c == '\'' || c == '"') {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  // Do not end inside a UTF-8 sequence (this may drop one whole character too, which is harmless).
  if (i < typed.size()) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0xC0) out.pop_back();
    out += "...";
  }
  return out;
}

namespace {
TimePoint wait_after(int failures, int free_failures, TimePoint now) {
  if (failures < free_failures) return now;
  // From the free_failures-th failure on: 2 s, 4 s, 8 s … up to the cap; the shift is bounded so
  // that it cannot overflow.
  const int doublings = std::min(failures - free_failures, 20);
  const auto wait = std::min<std::chrono::milliseconds>(first_throttle_delay * (1LL << doublings), max_throttle_delay);
  return now + wait;
}
}  // namespace

int Throttle::seconds_left(const Map& m, const std::string& key, TimePoint now) const {
  auto it = m.find(key);
  if (it == m.end() || it->second.wait_until <= now) return 0;
  return std::max<int>(1, static_cast<int>(std::chrono::ceil<std::chrono::seconds>(it->second.wait_until - now).count()));
}

int Throttle::retry_after(const std::string& login, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  return std::max(seconds_left(by_address_, address, now), seconds_left(by_login_address_, login + '\n' + address, now));
}

void Throttle::strike(Map& m, const std::string& key, std::size_t limit, int free_failures, TimePoint now) {
  auto it = m.find(key);
  if (it == m.end()) {
    if (m.size() >= limit) {
      std::erase_if(m, [&](const auto& kv) { return now - kv.second.last > throttle_memory && kv.second.wait_until <= now; });
      // Still full of live entries: the one idle longest makes room (a scan, only at the limit).
      if (m.size() >= limit)
        m.erase(std::min_element(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.second.last < b.second.last; }));
    }
    it = m.emplace(key, Strikes{}).first;
  }
  Strikes& s = it->second;
  if (now - s.last > throttle_memory) s.failures = 0;
  s.failures = std::min(s.failures + 1, 1000);
  s.last = now;
  s.wait_until = wait_after(s.failures, free_failures, now);
}

void Throttle::failed(const std::string& login, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  strike(by_login_address_, login + '\n' + address, max_tracked_login_addresses, free_failures_per_login_and_address, now);
  strike(by_address_, address, max_tracked_addresses, free_failures_per_address, now);
}

void Throttle::succeeded(const std::string& login, const std::string& address) {
  std::lock_guard lock(mutex_);
  // The address keeps its count: one valid account must not buy unlimited guesses at others.
  by_login_address_.erase(login + '\n' + address);
}

std::size_t Throttle::tracked_login_addresses() const {
  std::lock_guard lock(mutex_);
  return by_login_address_.size();
}
std::size_t Throttle::tracked_addresses() const {
  std::lock_guard lock(mutex_);
  return by_address_.size();
}

void Sessions::sign_in(const std::string& login, const std::string& password, const std::string& address,
                       const std::string& user_agent, Reply<SignedIn> reply) {
  if (login.empty() || login.size() > max_login_chars)
    return reply(make_error(Errc::invalid_input, "sign_in.login_malformed", "login must be 1 to 64 characters", "login"));
  if (auth::count_characters(password) > auth::kMaxPasswordLength)
    return reply(make_error(Errc::invalid_input, "password.too_long", "password is too long", "password"));
  if (int wait = throttle_.retry_after(login, address); wait > 0)
    return reply(make_error(Errc::throttled, "sign_in.throttled", "too many failed sign-ins; try again in " + std::to_string(wait) + " s", std::to_string(wait)));
  purge_now_and_then();
  std::optional<store::UserRecord> user;
  domain::Actor actor;
  {
    auto db = ctx_.readers.acquire();
    auto found = store::find_user_by_login(*db, login);
    if (!found) return reply(found.error());
    user = std::move(*found);
    if (user) {
      auto loaded = store::load_actor(*db, *user);
      if (!loaded) return reply(loaded.error());
      actor = std::move(*loaded);
    }
  }
  auto job = [this, login, password, address, user_agent, user = std::move(user), actor, reply]() mutable {
    // Exactly one Argon2 verification on every path — unknown login, disabled account, one-time
    // password or not — so the time taken tells nothing. One-time passwords are read off paper:
    // typed without dashes or in capitals they are put into the form they were issued in.
    const bool one_time = user && user->must_change_password;
    const bool ok = auth::verify_password(one_time ? auth::normalize_one_time_password(password) : password,
                                          user ? user->password_hash : decoy_hash());
    // A device's or an API client's account never signs in, whatever its row says (a password set
    // by hand, an account enabled again): it answers as a wrong password does.
    if (!user || !ok || user->disabled || !domain::signs_in(user->role)) {
      throttle_.failed(login, address);
      log::info("auth", "failed sign-in for '" + log_safe(login) + "' from " + address);
      // Only someone who knows the password learns that the account is disabled.
      if (user && ok && domain::signs_in(user->role))
        return reply(unauthenticated("account.disabled", "this account is disabled; ask the school's administrator"));
      return reply(unauthenticated("sign_in.wrong_credentials", "wrong login or password"));
    }
    TimePoint issued;
    if (one_time && (!parse_utc(user->password_set_at, issued) ||
                     ctx_.clock.now() - issued > options_.one_time_password_lifetime))
      return reply(make_error(Errc::unauthenticated, "sign_in.one_time_password_expired",
                              "this one-time password has expired; ask the school office for a new login slip",
                              one_time_password_expired));
    throttle_.succeeded(login, address);
    start_session(*user, actor, address, user_agent, std::move(reply));
  };
  if (!hash(std::move(job))) reply(hashing_busy());
}

void Sessions::start_session(const store::UserRecord& user, const domain::Actor& actor, const std::string& address,
                             const std::string& user_agent, Reply<SignedIn> reply) {
  auto token = auth::make_session_token();
  Session s;
  s.user = user;
  s.actor = actor;
  s.csrf = random_token(32);
  s.created = s.last_seen = s.stored_last_seen = ctx_.clock.now();
  auto shared = std::make_shared<std::pair<Session, std::string>>(std::move(s), token.token);
  auto trimmed = std::make_shared<int>(0);
  ctx_.writer.submit(
      [shared, trimmed, hash = token.hash, address, user_agent](store::WriteContext& w) -> Status {
        auto id = store::insert_session(w.db, hash, shared->first.user.id, shared->first.csrf, w.now_text, address,
                                        user_agent.substr(0, 200));
        if (!id) return id.error();
        shared->first.session_id = *id;
        // A stolen password signing in again and again must not pile up sessions: the oldest go.
        auto gone = store::trim_sessions_of_user(w.db, shared->first.user.id, max_sessions_per_user);
        if (!gone) return gone.error();
        *trimmed = *gone;
        return ok_status();
      },
      [this, shared, trimmed, hash = token.hash, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        if (*trimmed > 0) forget_user(shared->first.user.id);  // the rest are read again from their rows
        {
          std::lock_guard lock(mutex_);
          cache_[hash] = shared->first;
        }
        reply(SignedIn{shared->second, shared->first});
      });
}

void Sessions::purge_now_and_then() {
  const auto now = ctx_.clock.now();
  {
    std::lock_guard lock(mutex_);
    if (last_purge_ != TimePoint{} && now - last_purge_ < session_purge_interval) return;
    last_purge_ = now;
  }
  purge_expired([](Result<int> r) {
    if (!r) log::warn("auth", "deleting expired sessions failed: " + r.error().message);
  });
}

void Sessions::purge_expired(Reply<int> reply) {
  const auto now = ctx_.clock.now();
  // The stored last-seen may lag the cache's by session_touch_interval: never delete a live one.
  const auto idle_cutoff = format_utc(now - session_idle_limit - session_touch_interval);
  const auto absolute_cutoff = format_utc(now - session_absolute_limit);
  auto n = std::make_shared<int>(0);
  ctx_.writer.submit(
      [n, idle_cutoff, absolute_cutoff](store::WriteContext& w) -> Status {
        auto gone = store::delete_expired_sessions(w.db, idle_cutoff, absolute_cutoff);
        if (!gone) return gone.error();
        *n = *gone;
        return ok_status();
      },
      [n, reply = std::move(reply)](const Status& st) { st ? reply(*n) : reply(st.error()); });
}

Result<Session> Sessions::resolve(const std::string& token, Renew renew) {
  if (token.empty() || token.size() > 128) return unauthenticated("session.required", "sign in first");
  const auto hash = auth::hash_session_token(token);
  const auto now = ctx_.clock.now();
  // One row read per request tells whether any process changed an account (classbookctl user
  // disable or reset): then every cached session is read again from its row.
  std::int64_t version = 0;
  {
    auto db = ctx_.readers.acquire();
    auto v = store::account_version(*db);
    if (!v) return v.error();
    version = *v;
  }
  std::unique_lock lock(mutex_);
  if (version != account_version_) {
    cache_.clear();
    ++rights_epoch_;
    account_version_ = version;
  }
  auto it = cache_.find(hash);
  if (it == cache_.end()) {
    const auto epoch = rights_epoch_;
    lock.unlock();
    // Not seen since start-up: the stored row is the truth.
    Session s;
    {
      auto db = ctx_.readers.acquire();
      auto found = store::find_session(*db, hash);
      // A failed read is the database's trouble, not the user's: 503, never "signed out".
      if (!found) return found.error();
      const auto& rec = *found;
      if (!rec) return unauthenticated("session.ended", "your session has ended; sign in again");
      auto user_read = store::find_user(*db, rec->user_id);
      if (!user_read) return user_read.error();
      const auto& user = *user_read;
      if (!user || user->disabled || !domain::signs_in(user->role))
        return unauthenticated("account.disabled", "this account is disabled");
      if (!parse_utc(rec->created_at, s.created) || !parse_utc(rec->last_seen_at, s.last_seen))
        return unauthenticated("session.ended", "your session has ended; sign in again");
      s.session_id = rec->id;
      s.user = *user;
      auto loaded = store::load_actor(*db, *user);
      if (!loaded) return loaded.error();
      s.actor = std::move(*loaded);
      s.csrf = rec->csrf;
      s.stored_last_seen = s.last_seen;
    }
    lock.lock();
    // Rights changed while we read them: read them again rather than keep what may be stale.
    if (epoch != rights_epoch_) {
      lock.unlock();
      return resolve(token, renew);
    }
    it = cache_.emplace(hash, std::move(s)).first;
  }
  Session& s = it->second;
  if (now - s.created > session_absolute_limit || now - s.last_seen > session_idle_limit) {
    const Id id = s.session_id;
    cache_.erase(it);
    lock.unlock();
    ctx_.writer.submit([id](store::WriteContext& w) { return store::delete_session(w.db, id); }, [](const Status&) {});
    return unauthenticated("session.expired", "your session has expired; sign in again");
  }
  if (renew == Renew::no) return s;
  s.last_seen = now;
  if (now - s.stored_last_seen > session_touch_interval) {
    s.stored_last_seen = now;
    ctx_.writer.submit([id = s.session_id](store::WriteContext& w) { return store::touch_session(w.db, id, w.now_text); },
                       [](const Status&) {});
  }
  return s;
}

void Sessions::sign_out(const Session& s, Reply<Ok> reply) {
  {
    std::lock_guard lock(mutex_);
    std::erase_if(cache_, [&](const auto& kv) { return kv.second.session_id == s.session_id; });
  }
  ctx_.writer.submit([id = s.session_id](store::WriteContext& w) { return store::delete_session(w.db, id); },
                     [reply = std::move(reply)](const Status& st) { st ? reply(Ok{}) : reply(st.error()); });
}

Result<std::vector<SessionInfo>> Sessions::list(const Session& s) {
  auto db = ctx_.readers.acquire();
  auto rows = store::sessions_of_user(*db, s.user.id);
  if (!rows) return rows.error();
  std::vector<SessionInfo> out;
  for (const auto& r : *rows)
    out.push_back({r.id, r.created_at, r.last_seen_at, r.address, r.user_agent, r.id == s.session_id});
  return out;
}

void Sessions::revoke(const Session& s, Id session_id, Reply<Ok> reply) {
  const Id user_id = s.user.id;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(cache_, [&](const auto& kv) { return kv.second.session_id == session_id && kv.second.user.id == user_id; });
  }
  ctx_.writer.submit(
      [session_id, user_id](store::WriteContext& w) -> Status {
        auto gone = store::delete_session_of_user(w.db, session_id, user_id);
        if (!gone) return gone.error();
        if (!*gone) return make_error(Errc::not_found, "session.not_found", "no such session of yours");
        return ok_status();
      },
      [reply = std::move(reply)](const Status& st) { st ? reply(Ok{}) : reply(st.error()); });
}

void Sessions::refresh_rights() {
  std::lock_guard lock(mutex_);
  ++rights_epoch_;
  cache_.clear();
}

void Sessions::forget_user(Id user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.user.id == user_id; });
}

void Sessions::change_password(const Session& s, const std::string& old_password, const std::string& new_password,
                               Reply<Ok> reply) {
  // Guessing the current password from a stolen session is throttled like sign-in, per account.
  const std::string throttle_key = "session:" + std::to_string(s.session_id);
  if (int wait = throttle_.retry_after(s.user.login, throttle_key); wait > 0)
    return reply(make_error(Errc::throttled, "password.check_throttled", "too many wrong current passwords; try again in " + std::to_string(wait) + " s",
                            std::to_string(wait)));
  if (auth::count_characters(old_password) > auth::kMaxPasswordLength)
    return reply(make_error(Errc::invalid_input, "password.current_wrong", "the current password is wrong", "old_password"));
  if (auto msg = auth::check_password_strength(new_password, s.user.login))
    return reply(make_error(Errc::invalid_input, "password.too_weak", *msg, "new_password"));
  if (new_password == old_password)
    return reply(make_error(Errc::invalid_input, "password.same_as_one_time", "the new password must differ from the one-time password", "new_password"));
  auto job = [this, user = s.user, keep = s.session_id, throttle_key, old_password, new_password, reply]() {
    if (!auth::verify_password(old_password, user.password_hash)) {
      throttle_.failed(user.login, throttle_key);
      return reply(make_error(Errc::invalid_input, "password.current_wrong", "the current password is wrong", "old_password"));
    }
    throttle_.succeeded(user.login, throttle_key);
    const auto hash = auth::hash_password(new_password);
    ctx_.writer.submit(
        [user_id = user.id, keep, hash](store::WriteContext& w) -> Status {
          if (auto st = store::set_password(w.db, user_id, hash, false, w.now_text); !st) return st;
          // Other sessions signed in with the old password end now.
          return store::delete_other_sessions(w.db, user_id, keep);
        },
        [this, user_id = user.id, reply](const Status& st) {
          if (!st) return reply(st.error());
          forget_user(user_id);
          reply(Ok{});
        });
  };
  if (!hash(std::move(job))) reply(hashing_busy());
}

namespace {
// Whether the actor may reset anybody's password at all: who may not learns nothing about logins.
bool may_reset_some(const domain::Actor& a) {
  switch (a.role) {
    case domain::Role::secretary:
    case domain::Role::admin: return true;
    case domain::Role::teacher: return !a.homeroom_classes.empty();
    default: return false;
  }
}

// The policy's verdict on resetting `target`: a pupil's or guardian's account is judged by each of
// the pupils' classes (a guardian of two pupils is the class teacher's to reset if one is theirs).
bool may_reset(const domain::Actor& a, const store::UserRecord& target, const std::vector<store::StudentBrief>& pupils) {
  domain::Target t;
  t.account_role = target.role;
  if (pupils.empty()) return static_cast<bool>(domain::decide(a, domain::Action::reset_credentials, t));
  for (const auto& p : pupils) {
    t.student_id = p.id;
    t.class_id = p.class_id;
    if (domain::decide(a, domain::Action::reset_credentials, t)) return true;
  }
  return false;
}

// The account holder hears of every reset, so a reset they did not ask for does not go unnoticed.
Status notify_reset(store::WriteContext& w, Id user_id, const std::string& by) {
  return send_system_notice(w, user_id, password_reset_thread_subject,
                            "Пароль вашей учётной записи сброшен (" + by +
                                "), выдан новый одноразовый пароль. Если вы об этом не просили, сообщите в канцелярию школы.");
}
}  // namespace

Error may_reset_nobody(const domain::Actor& actor) {
  return make_error(Errc::forbidden, "password_reset.not_allowed", domain::decide(actor, domain::Action::reset_credentials, {}).reason);
}

bool may_reset_someone(const domain::Actor& actor) { return may_reset_some(actor); }

Error no_resettable_account(std::string_view login) {
  return make_error(Errc::forbidden, "password_reset.no_such_account",
                    "no account you may reset has the login '" + log_safe(login) +
                        "': the office and class teachers reset pupils' and guardians' passwords, the administrator staff's",
                    "login");
}

Result<std::optional<store::UserRecord>> resettable_account(store::Db& db, const domain::Actor& actor, std::string_view login) {
  auto found = store::find_user_by_login(db, login);
  if (!found) return found.error();
  auto& target = *found;
  std::vector<store::StudentBrief> pupils;  // whose class decides a class teacher's right
  if (target && target->role == domain::Role::student && target->person_id) {
    auto b = store::student_brief(db, *target->person_id);
    if (!b) return b.error();
    if (*b) pupils.push_back(**b);
  } else if (target && target->role == domain::Role::guardian && target->person_id) {
    auto children = store::children_of(db, *target->person_id);
    if (!children) return children.error();
    pupils = std::move(*children);
  }
  if (!target || !may_reset(actor, *target, pupils)) return std::optional<store::UserRecord>();
  return std::move(target);
}

void Sessions::reset_password(const Session& s, const std::string& login, Reply<std::string> reply) {
  if (!may_reset_some(s.actor)) return reply(may_reset_nobody(s.actor));
  // An unknown login and one the actor may not reset get the same answer: no login enumeration.
  std::optional<store::UserRecord> target;
  {
    auto db = ctx_.readers.acquire();
    auto found = resettable_account(*db, s.actor, login);
    if (!found) return reply(found.error());
    target = std::move(*found);
  }
  if (!target) return reply(no_resettable_account(login));
  const std::string by = s.user.display_name + ", " + domain::to_string(s.actor.role);
  auto job = [this, target = *target, by, actor_user = s.user.id, reply]() {
    const auto otp = auth::make_one_time_password();
    const auto hash = auth::hash_one_time_password(otp);
    write_reset(target, actor_user, by, otp, hash, reply);
  };
  if (!hash(std::move(job))) reply(hashing_busy());
}

Status write_password_reset(store::WriteContext& w, const store::UserRecord& target, Id actor_user,
                            const std::string& by, const std::string& hash) {
  if (auto st = store::set_password(w.db, target.id, hash, true, w.now_text); !st) return st;
  if (auto st = store::delete_sessions_of_user(w.db, target.id); !st) return st;
  w.audit(actor_user, "user", target.uuid, "password_reset", "{}",
          json::serialize(json::object{{"login", target.login}, {"role", domain::to_string(target.role)}, {"by", by}}));
  return notify_reset(w, target.id, by);
}

Status write_account_disable(store::WriteContext& w, const store::UserRecord& target, Id actor_user, const std::string& by,
                             const std::string& reason) {
  if (auto st = store::disable_user(w.db, target.id); !st) return st;
  if (auto st = store::delete_sessions_of_user(w.db, target.id); !st) return st;
  json::object after{{"login", target.login}, {"disabled", true}, {"by", by}};
  if (!reason.empty()) after["reason"] = reason;
  w.audit(actor_user, "user", target.uuid, "disable", json::serialize(json::object{{"disabled", target.disabled}}),
          json::serialize(after));
  return ok_status();
}

void Sessions::write_reset(const store::UserRecord& target, Id actor_user, const std::string& by, const std::string& otp,
                           const std::string& hash, Reply<std::string> reply) {
  const Id user_id = target.id;
  ctx_.writer.submit(
      [target, hash, by, actor_user](store::WriteContext& w) -> Status {
        return write_password_reset(w, target, actor_user, by, hash);
      },
      [this, user_id, otp, reply](const Status& st) {
        if (!st) return reply(st.error());
        forget_user(user_id);
        reply(otp);
      });
}

Sessions::~Sessions() {
  std::unique_lock lock(jobs_mutex_);
  jobs_done_.wait(lock, [&] { return jobs_ == 0; });
}

bool Sessions::hash(std::function<void()> job) {
  {
    std::lock_guard lock(jobs_mutex_);
    ++jobs_;
  }
  const bool queued = ctx_.hashing->submit([this, job = std::move(job)] {
    job();
    std::lock_guard lock(jobs_mutex_);
    if (--jobs_ == 0) jobs_done_.notify_all();
  });
  if (!queued) {
    std::lock_guard lock(jobs_mutex_);
    if (--jobs_ == 0) jobs_done_.notify_all();
  }
  return queued;
}

std::size_t Sessions::cached() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace classbook::app
