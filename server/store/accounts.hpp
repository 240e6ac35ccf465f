// accounts: the administrator's view of the users table — every account with its person and open
// sessions, turning an account on again, and how many administrators can still sign in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rows/accounts.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::AccountListing;

// Every account (of `role`, when given) by login. A session counts as open when it was seen after
// `idle_cutoff` and began after `absolute_cutoff` (UTC text): expired rows not yet purged do not.
Result<std::vector<AccountListing>> list_accounts(Db& db, std::optional<domain::Role> role, const std::string& idle_cutoff,
                                                  const std::string& absolute_cutoff);
Status enable_user(Db& db, Id user_id);
// Administrators' accounts that are not disabled.
Result<int> enabled_admins(Db& db);

}  // namespace classbook::store
