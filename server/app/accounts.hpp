// accounts: the administrator's desk for accounts (issue 12) — find them, disable and enable them,
// see and end their sessions. A disabled account is signed out at once and cannot sign in; the box
// never loses its last administrator nor lets one lock themselves out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/sign_in.hpp"
#include "app/store_rows.hpp"
#include "domain/policy.hpp"
#include "rows/accounts.hpp"

namespace classbook::app {

constexpr int default_account_list_limit = 50;
constexpr int max_account_list_limit = 500;           // a big school's staff and more; page by q and role beyond
constexpr std::size_t max_account_query_chars = 64;   // a login is at most 64 bytes; a name fits too
constexpr std::size_t max_disable_reason_chars = 200;

struct AccountQuery {
  std::string text;                  // matches login or name, ignoring case (Latin and Cyrillic); "" for all
  std::optional<domain::Role> role;  // none: every role
  int limit = default_account_list_limit;
};

struct AccountList {
  std::vector<rows::AccountListing> accounts;  // by login, at most `limit`
  bool truncated = false;                      // more matched than the limit
};

// Casefolds ASCII and Russian Cyrillic letters (А–Я, Ё) for matching names as people type them.
std::string fold_for_search(std::string_view text);

Result<AccountList> list_accounts(Context& ctx, const domain::Actor& actor, const AccountQuery& query);
// The account's sessions that are still open (not idle past session_idle_limit nor older than
// session_absolute_limit).
Result<std::vector<SessionInfo>> account_sessions(Context& ctx, const domain::Actor& actor, const std::string& login);

// Disabled: sessions ended, sign-in refused (account.disabled), audited with the reason. Refused for
// the actor's own account and for the last enabled administrator. Already disabled: nothing changes.
void disable_account(Context& ctx, Sessions& sessions, const domain::Actor& actor, const std::string& actor_name,
                     const std::string& login, const std::string& reason, Reply<Ok> reply);
// Enabled again, audited; the password stays as it was. Already enabled: nothing changes.
void enable_account(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const std::string& login,
                    Reply<Ok> reply);
// Every session of the account ended (sign out everywhere), audited with how many there were.
void end_account_sessions(Context& ctx, Sessions& sessions, const domain::Actor& actor, const std::string& actor_name,
                          const std::string& login, Reply<Ok> reply);

}  // namespace classbook::app
