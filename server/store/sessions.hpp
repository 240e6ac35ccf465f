// sessions: signed-in sessions, stored by the hash of their token — a stolen database holds no live token.
#pragma once

#include <optional>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Result<Id> insert_session(Db& db, const std::string& token_hash, Id user_id, const std::string& csrf,
                          const std::string& now, const std::string& address, const std::string& user_agent);
std::optional<SessionRecord> find_session(Db& db, const std::string& token_hash);
std::vector<SessionRecord> sessions_of_user(Db& db, Id user_id);
Status touch_session(Db& db, Id session_id, const std::string& now);
Status delete_session(Db& db, Id session_id);
Status delete_sessions_of_user(Db& db, Id user_id);

}  // namespace classbook::store
