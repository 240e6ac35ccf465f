// my_notices: a guardian's own earlier absence notices (GET /api/v1/me/absence-notices), so the web
// app can show what was already sent.
#pragma once

#include <vector>

#include "app/class_overview.hpp"
#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// The notices the guardian wrote, for every child still linked to them, newest first. Only a
// guardian writes notices, so any other role is refused (403) rather than shown an empty list.
Result<std::vector<NoticeView>> my_notices(Context& ctx, const domain::Actor& actor);

}  // namespace classbook::app
