// portal_cursor: see the header.
#include "sync/portal_cursor.hpp"

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/sync_state.hpp"
#include "sync/portal_paths.hpp"

namespace classbook::sync {
namespace json = boost::json;

Result<bool> first_push_pending(store::Db& db) {
  auto state = store::read_sync_state(db);
  if (!state) return state.error();
  if (state->snapshot_done || state->acknowledged_through > 0) return false;
  return store::journal_has_rows(db);
}

Result<std::int64_t> adopt_portal_cursor(PortalTransport& transport, TokenSource& tokens, store::Writer& writer, store::Db& db) {
  auto state = store::read_sync_state(db);
  if (!state) return state.error();
  auto pending = first_push_pending(db);
  if (!pending) return pending.error();
  if (*pending) return state->acknowledged_through;
  auto auth = tokens.authorization();
  if (!auth) return auth.error();
  auto answer = transport.send({"GET", cursor_path, {{"Authorization", *auth}, {"Accept", "application/json"}, {"X-Request-Id", new_uuid()}}, ""});
  if (!answer) return answer.error();
  if (answer->status == 401) tokens.forget();
  if (answer->status != 200)
    return make_error(Errc::unavailable, "sync.portal_unavailable",
                      "the portal answered HTTP " + std::to_string(answer->status) + " when asked where it stands (…/cursor)");
  boost::system::error_code ec;
  auto v = json::parse(answer->body, ec);
  const auto* n = !ec && v.is_object() ? v.as_object().if_contains("acknowledged_through") : nullptr;
  if (!n || !(n->is_int64() || n->is_uint64()))
    return make_error(Errc::unavailable, "sync.portal_answer_unreadable", "the portal's cursor could not be read");
  const auto portal = n->to_number<std::int64_t>();
  if (portal <= state->acknowledged_through) return state->acknowledged_through;
  log::info("sync", "the portal already holds the outbox through " + std::to_string(portal) + " (the box knew " +
                        std::to_string(state->acknowledged_through) + ": an imported file); sending from " + std::to_string(portal + 1));
  if (auto s = writer.run([portal](store::WriteContext& w) { return store::record_portal_cursor(w.db, portal); }); !s) return s.error();
  return portal;
}

}  // namespace classbook::sync
