// live_rules: whether a reader of the live stream may hear of a change — the API's read rules for
// what changed, asked again for every event and every reader. Pure: no store, no clock.
#pragma once

#include "app/store_rows.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

using store::Change;
using store::ChangeScope;
using store::Id;

// Who holds a stream, as the rules need it. `classes` is what community::scope_of gives the reader
// (announcements): a guardian's children's classes, a teacher's classes taught and led, a pupil's own.
struct LiveReader {
  Id user_id = 0;
  domain::Actor actor;
  store::ClassScope classes;
};

bool may_hear(const LiveReader& reader, const store::Change& change);

}  // namespace classbook::app
