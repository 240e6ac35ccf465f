// portal_cursor: where the portal stands before anything is sent — an outbox file imported there
// (classbookctl export-outbox) moved its cursor past the box's, and the box must not send that again.
#pragma once

#include <cstdint>

#include "store/db.hpp"
#include "store/writer.hpp"
#include "sync/portal_transport.hpp"
#include "sync/token_source.hpp"

namespace classbook::sync {

// Does the box still owe the portal its first full push (never acknowledged, and a journal to send)?
// Then the outbox alone is not what the portal lacks: no file is written and no cursor adopted.
Result<bool> first_push_pending(store::Db& db);

// Asks GET …/cursor and moves the box's acknowledged cursor up to the portal's (never down: a portal
// behind the box answers the next batch with 409 and the push starts where it says). Returns the
// box's cursor afterwards. `db` reads the state; the move is one writer job.
Result<std::int64_t> adopt_portal_cursor(PortalTransport& transport, TokenSource& tokens, store::Writer& writer, store::Db& db);

}  // namespace classbook::sync
