// sign_in: argon2id checks, session rows by token hash, idle and absolute expiry, throttling.
#include "app/sign_in.hpp"

#include <algorithm>

#include "auth/password.hpp"
#include "auth/session_token.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/people.hpp"
#include "store/sessions.hpp"

namespace classbook::app {
namespace {
Error unauthenticated(std::string why = "sign in first") { return make_error(Errc::unauthenticated, std::move(why)); }

// Decoy hash so that an unknown login costs the same time as a wrong password.
const std::string& decoy_hash() {
  static const std::string h = auth::hash_password("decoy password that matches nothing");
  return h;
}
}  // namespace

int Throttle::count(std::vector<TimePoint>& v, TimePoint now) {
  std::erase_if(v, [&](TimePoint t) { return now - t > throttle_window; });
  return static_cast<int>(v.size());
}

int Throttle::retry_after(const std::string& login, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  auto wait = [&](std::vector<TimePoint>& v, int limit) -> int {
    if (count(v, now) < limit) return 0;
    const auto until = v.front() + throttle_window;
    return std::max<int>(1, static_cast<int>(std::chrono::ceil<std::chrono::seconds>(until - now).count()));
  };
  return std::max(wait(by_login_[login], max_failures_per_account), wait(by_address_[address], max_failures_per_address));
}

void Throttle::failed(const std::string& login, const std::string& address) {
  std::lock_guard lock(mutex_);
  // Guessing at many logins from many addresses must not grow memory without end.
  if (by_login_.size() + by_address_.size() > max_throttle_entries) {
    const auto now = clock_.now();
    for (auto* m : {&by_login_, &by_address_})
      std::erase_if(*m, [&](const auto& kv) {
        return std::none_of(kv.second.begin(), kv.second.end(), [&](TimePoint t) { return now - t <= throttle_window; });
      });
  }
  by_login_[login].push_back(clock_.now());
  by_address_[address].push_back(clock_.now());
}

void Throttle::succeeded(const std::string& login) {
  std::lock_guard lock(mutex_);
  by_login_.erase(login);
}

void Sessions::sign_in(const std::string& login, const std::string& password, const std::string& address,
                       const std::string& user_agent, Reply<SignedIn> reply) {
  if (login.empty() || login.size() > max_login_chars)
    return reply(make_error(Errc::invalid_input, "login must be 1 to 64 characters", "login"));
  if (password.size() > max_password_chars)
    return reply(make_error(Errc::invalid_input, "password is too long", "password"));
  if (int wait = throttle_.retry_after(login, address); wait > 0)
    return reply(make_error(Errc::throttled, "too many failed sign-ins; try again in " + std::to_string(wait) + " s", std::to_string(wait)));
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
  bool ok = auth::verify_password(password, user ? user->password_hash : decoy_hash());
  // One-time passwords are read off paper: accept them typed without dashes or in capitals.
  if (!ok && user && user->must_change_password) {
    const auto typed = auth::normalize_one_time_password(password);
    ok = typed != password && auth::verify_password(typed, user->password_hash);
  }
  if (!user || !ok || user->disabled) {
    throttle_.failed(login, address);
    log::info("auth", "failed sign-in for '" + login + "' from " + address);
    return reply(unauthenticated("wrong login or password"));
  }
  throttle_.succeeded(login);
  auto token = auth::make_session_token();
  Session s;
  s.user = *user;
  s.actor = actor;
  s.csrf = random_token(32);
  s.created = s.last_seen = s.stored_last_seen = ctx_.clock.now();
  auto shared = std::make_shared<std::pair<Session, std::string>>(std::move(s), token.token);
  ctx_.writer.submit(
      [shared, hash = token.hash, address, user_agent](store::WriteContext& w) -> Status {
        auto id = store::insert_session(w.db, hash, shared->first.user.id, shared->first.csrf, w.now_text, address,
                                        user_agent.substr(0, 200));
        if (!id) return id.error();
        shared->first.session_id = *id;
        return ok_status();
      },
      [this, shared, hash = token.hash, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        {
          std::lock_guard lock(mutex_);
          cache_[hash] = shared->first;
        }
        reply(SignedIn{shared->second, shared->first});
      });
}

Result<Session> Sessions::resolve(const std::string& token) {
  if (token.empty() || token.size() > 128) return unauthenticated();
  const auto hash = auth::hash_session_token(token);
  const auto now = ctx_.clock.now();
  std::unique_lock lock(mutex_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) {
    const auto epoch = rights_epoch_;
    lock.unlock();
    // Not seen since start-up: the stored row is the truth.
    Session s;
    {
      auto db = ctx_.readers.acquire();
      auto rec = store::find_session(*db, hash);
      if (!rec) return unauthenticated("your session has ended; sign in again");
      auto user_read = store::find_user(*db, rec->user_id);
      if (!user_read) return user_read.error();
      const auto& user = *user_read;
      if (!user || user->disabled) return unauthenticated("this account is disabled");
      if (!parse_utc(rec->created_at, s.created) || !parse_utc(rec->last_seen_at, s.last_seen))
        return unauthenticated("your session has ended; sign in again");
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
      return resolve(token);
    }
    it = cache_.emplace(hash, std::move(s)).first;
  }
  Session& s = it->second;
  if (now - s.created > session_absolute_limit || now - s.last_seen > session_idle_limit) {
    const Id id = s.session_id;
    cache_.erase(it);
    lock.unlock();
    ctx_.writer.submit([id](store::WriteContext& w) { return store::delete_session(w.db, id); }, [](const Status&) {});
    return unauthenticated("your session has expired; sign in again");
  }
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

std::vector<SessionInfo> Sessions::list(const Session& s) {
  auto db = ctx_.readers.acquire();
  std::vector<SessionInfo> out;
  for (const auto& r : store::sessions_of_user(*db, s.user.id))
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
        auto& q = w.db.prepare("DELETE FROM sessions WHERE id=? AND user_id=?");
        if (auto st = q.bind(1, session_id).bind(2, user_id).run(); !st) return st;
        if (w.db.changes() == 0) return make_error(Errc::not_found, "no such session of yours");
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
  if (!auth::verify_password(old_password, s.user.password_hash))
    return reply(make_error(Errc::invalid_input, "the current password is wrong", "old_password"));
  if (auto msg = auth::check_password_strength(new_password, s.user.login))
    return reply(make_error(Errc::invalid_input, *msg, "new_password"));
  if (new_password == old_password)
    return reply(make_error(Errc::invalid_input, "the new password must differ from the one-time password", "new_password"));
  const auto hash = auth::hash_password(new_password);
  const Id user_id = s.user.id, keep = s.session_id;
  ctx_.writer.submit(
      [user_id, keep, hash](store::WriteContext& w) -> Status {
        if (auto st = store::set_password(w.db, user_id, hash, false, w.now_text); !st) return st;
        // Other sessions signed in with the old password end now.
        return w.db.prepare("DELETE FROM sessions WHERE user_id=? AND id<>?").bind(1, user_id).bind(2, keep).run();
      },
      [this, user_id, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        forget_user(user_id);
        reply(Ok{});
      });
}

void Sessions::reset_password(const Session& s, const std::string& login, Reply<std::string> reply) {
  std::optional<store::UserRecord> target;
  std::vector<store::StudentBrief> pupils;  // whose class decides a class teacher's right
  {
    auto db = ctx_.readers.acquire();
    auto found = store::find_user_by_login(*db, login);
    if (!found) return reply(found.error());
    target = std::move(*found);
    if (target && target->role == domain::Role::student && target->person_id) {
      auto b = store::student_brief(*db, *target->person_id);
      if (!b) return reply(b.error());
      if (*b) pupils.push_back(**b);
    } else if (target && target->role == domain::Role::guardian && target->person_id) {
      auto children = store::children_of(*db, *target->person_id);
      if (!children) return reply(children.error());
      pupils = std::move(*children);
    }
  }
  if (!target) return reply(make_error(Errc::not_found, "no account with the login '" + login + "'", "login"));
  bool allowed = false;
  std::string why = "you may reset passwords only of your own class's pupils and their guardians";
  if (s.actor.role == domain::Role::secretary) {
    allowed = target->role != domain::Role::admin && target->role != domain::Role::director;
    why = "a secretary cannot reset the director's or the administrator's password";
  }
  for (const auto& p : pupils)
    if (domain::decide(s.actor, domain::Action::reset_credentials, {p.id, p.class_id, 0})) allowed = true;
  if (!allowed) return reply(make_error(Errc::forbidden, why));
  const auto otp = auth::make_one_time_password();
  const auto hash = auth::hash_password(otp);
  const Id user_id = target->id;
  ctx_.writer.submit(
      [user_id, hash](store::WriteContext& w) -> Status {
        if (auto st = store::set_password(w.db, user_id, hash, true, w.now_text); !st) return st;
        return store::delete_sessions_of_user(w.db, user_id);
      },
      [this, user_id, otp, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        forget_user(user_id);
        reply(otp);
      });
}

std::size_t Sessions::cached() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace classbook::app
