// sessions: signed-in sessions, stored by the hash of their token — a stolen database holds no live token.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Result<Id> insert_session(Db& db, const std::string& token_hash, Id user_id, const std::string& csrf,
                          const std::string& now, const std::string& address, const std::string& user_agent);
// A failed read is an error, never "no such session" (a busy database must not sign anyone out).
Result<std::optional<SessionRecord>> find_session(Db& db, const std::string& token_hash);
Result<std::vector<SessionRecord>> sessions_of_user(Db& db, Id user_id);
Status touch_session(Db& db, Id session_id, const std::string& now);
Status delete_session(Db& db, Id session_id);
Status delete_sessions_of_user(Db& db, Id user_id);
// The user's own session `session_id`: false when the user has no such session.
Result<bool> delete_session_of_user(Db& db, Id session_id, Id user_id);
// Every session of the user but `keep` (after a password change).
Status delete_other_sessions(Db& db, Id user_id, Id keep);
// Signs out the user's oldest sessions so that at most `keep` remain; how many went.
Result<int> trim_sessions_of_user(Db& db, Id user_id, int keep);
// Sessions idle since before `idle_cutoff` or created before `absolute_cutoff` (UTC text); how many went.
Result<int> delete_expired_sessions(Db& db, const std::string& idle_cutoff, const std::string& absolute_cutoff);
// Moves whenever an account's password, role or disabled flag changes, from any process (a trigger).
Result<std::int64_t> account_version(Db& db);
// Moves account_version by hand: for rights a trigger does not see (teaching, a pupil's class, guardian
// links written by the roster pull or classbookctl import), so every server reads its sessions again.
Status bump_account_version(Db& db);

}  // namespace classbook::store
