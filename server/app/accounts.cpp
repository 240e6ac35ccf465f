// accounts: the administrator's list of accounts and the writer jobs that disable, enable and sign
// them out — each with its audit entry in the same job.
#include "app/accounts.hpp"

#include <algorithm>
#include <memory>

#include <boost/json.hpp>

#include "domain/text.hpp"
#include "store/accounts.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/sessions.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace json = boost::json;
namespace {

Error not_allowed(const domain::Actor& actor) {
  return make_error(Errc::forbidden, "account.admin_only", domain::decide(actor, domain::Action::manage_accounts, {}).reason);
}

Error no_such_account(const std::string& login) {
  return make_error(Errc::not_found, "account.not_found",
                    "no account has the login '" + log_safe(login) + "'; GET /api/v1/users?q= finds accounts", "login");
}

// The cut-offs of an open session now: seen within the idle limit, begun within the absolute one.
std::pair<std::string, std::string> open_since(const Context& ctx) {
  const auto now = ctx.clock.now();
  return {format_utc(now - session_idle_limit), format_utc(now - session_absolute_limit)};
}

// The account of `login` inside a writer job: not_found when there is none.
Result<store::UserRecord> account_in_job(store::WriteContext& w, const std::string& login) {
  auto user = store::find_user_by_login(w.db, login);
  if (!user) return user.error();
  if (!*user) return no_such_account(login);
  return std::move(**user);
}

std::string by_whom(const std::string& actor_name, const domain::Actor& actor) {
  return actor_name + ", " + domain::to_string(actor.role);
}

}  // namespace

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + ('a' - 'A'));
    } else if (c == 0xD0 && next >= 0x90 && next <= 0x9F) {  // А–П → а–п
      out += '\xD0', out += static_cast<char>(next + 0x20), ++i;
    } else if (c == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // Р–Я → р–я
      out += '\xD1', out += static_cast<char>(next - 0x20), ++i;
    } else if ((c == 0xD0 && next == 0x81) || (c == 0xD1 && next == 0x91)) {  // Ё, ё → е: typed either way
      out += "\xD0\xB5", ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Result<AccountList> list_accounts(Context& ctx, const domain::Actor& actor, const AccountQuery& query) {
  if (!domain::decide(actor, domain::Action::manage_accounts, {})) return not_allowed(actor);
  const auto chars = domain::utf8_length(query.text);
  if (!chars || *chars > max_account_query_chars)
    return make_error(Errc::invalid_input, "account.query_invalid",
                      "q is part of a login or a name, at most " + std::to_string(max_account_query_chars) + " characters", "q");
  if (query.limit < 1 || query.limit > max_account_list_limit)
    return make_error(Errc::invalid_input, "account.limit_out_of_range",
                      "limit is 1 to " + std::to_string(max_account_list_limit), "limit");
  const auto [idle, absolute] = open_since(ctx);
  Result<std::vector<rows::AccountListing>> all = [&] {
    auto db = ctx.readers.acquire();
    return store::list_accounts(*db, query.role, idle, absolute);
  }();
  if (!all) return all.error();
  const auto wanted = fold_for_search(query.text);
  AccountList out;
  for (auto& a : *all) {
    if (!wanted.empty() && fold_for_search(a.login).find(wanted) == std::string::npos &&
        fold_for_search(a.display_name).find(wanted) == std::string::npos)
      continue;
    if (static_cast<int>(out.accounts.size()) == query.limit) {
      out.truncated = true;
      break;
    }
    out.accounts.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<SessionInfo>> account_sessions(Context& ctx, const domain::Actor& actor, const std::string& login) {
  if (!domain::decide(actor, domain::Action::manage_accounts, {})) return not_allowed(actor);
  const auto [idle, absolute] = open_since(ctx);
  auto db = ctx.readers.acquire();
  auto user = store::find_user_by_login(*db, login);
  if (!user) return user.error();
  if (!*user) return no_such_account(login);
  auto rows = store::sessions_of_user(*db, (*user)->id);
  if (!rows) return rows.error();
  std::vector<SessionInfo> out;
  for (const auto& r : *rows)
    if (r.last_seen_at >= idle && r.created_at >= absolute)
      out.push_back({r.id, r.created_at, r.last_seen_at, r.address, r.user_agent, false});
  return out;
}

void disable_account(Context& ctx, Sessions& sessions, const domain::Actor& actor, const std::string& actor_name,
                     const std::string& login, const std::string& reason, Reply<Ok> reply) {
  if (!domain::decide(actor, domain::Action::manage_accounts, {})) return reply(not_allowed(actor));
  const auto chars = domain::utf8_length(reason);
  const bool one_line = std::none_of(reason.begin(), reason.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
  if (!chars || *chars > max_disable_reason_chars || !one_line)
    return reply(make_error(Errc::invalid_input, "account.reason_invalid",
                            "the reason is one line of text, at most " + std::to_string(max_disable_reason_chars) + " characters",
                            "reason"));
  auto disabled = std::make_shared<Id>(0);
  ctx.writer.submit(
      [actor, by = by_whom(actor_name, actor), login, reason, disabled](store::WriteContext& w) -> Status {
        auto user = account_in_job(w, login);
        if (!user) return user.error();
        if (user->id == actor.user_id)
          return make_error(Errc::conflict, "account.cannot_disable_self",
                            "you cannot disable your own account; another administrator can", "login");
        if (user->disabled) return ok_status();
        if (user->role == domain::Role::admin) {
          auto admins = store::enabled_admins(w.db);
          if (!admins) return admins.error();
          if (*admins <= 1)
            return make_error(Errc::conflict, "account.last_admin",
                              "this is the box's last enabled administrator account; enable or make another one first", "login");
        }
        *disabled = user->id;
        return write_account_disable(w, *user, actor.user_id, by, reason);
      },
      [&sessions, disabled, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        if (*disabled) sessions.forget_user(*disabled);
        reply(Ok{});
      });
}

void enable_account(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const std::string& login,
                    Reply<Ok> reply) {
  if (!domain::decide(actor, domain::Action::manage_accounts, {})) return reply(not_allowed(actor));
  ctx.writer.submit(
      [actor, by = by_whom(actor_name, actor), login](store::WriteContext& w) -> Status {
        auto user = account_in_job(w, login);
        if (!user) return user.error();
        if (!user->disabled) return ok_status();
        if (auto st = store::enable_user(w.db, user->id); !st) return st;
        w.audit(actor.user_id, "user", user->uuid, "enable", json::serialize(json::object{{"disabled", true}}),
                json::serialize(json::object{{"login", user->login}, {"disabled", false}, {"by", by}}));
        return ok_status();
      },
      [reply = std::move(reply)](const Status& st) { st ? reply(Ok{}) : reply(st.error()); });
}

void end_account_sessions(Context& ctx, Sessions& sessions, const domain::Actor& actor, const std::string& actor_name,
                          const std::string& login, Reply<Ok> reply) {
  if (!domain::decide(actor, domain::Action::manage_accounts, {})) return reply(not_allowed(actor));
  auto ended = std::make_shared<Id>(0);
  ctx.writer.submit(
      [actor, by = by_whom(actor_name, actor), login, ended](store::WriteContext& w) -> Status {
        auto user = account_in_job(w, login);
        if (!user) return user.error();
        auto open = store::sessions_of_user(w.db, user->id);
        if (!open) return open.error();
        if (auto st = store::delete_sessions_of_user(w.db, user->id); !st) return st;
        w.audit(actor.user_id, "user", user->uuid, "sessions_ended", json::serialize(json::object{{"sessions", open->size()}}),
                json::serialize(json::object{{"login", user->login}, {"sessions", 0}, {"by", by}}));
        *ended = user->id;
        return ok_status();
      },
      [&sessions, ended, reply = std::move(reply)](const Status& st) {
        if (!st) return reply(st.error());
        sessions.forget_user(*ended);  // the cache must not keep a session whose row is gone
        reply(Ok{});
      });
}

}  // namespace classbook::app
