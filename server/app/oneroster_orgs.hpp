// oneroster_orgs: the orgs a OneRoster client reads — the box is one school, so the school alone.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "app/api_clients.hpp"
#include "app/context.hpp"
#include "rows/api_clients.hpp"

namespace classbook::app {

// Every org (the school), for GET /ims/oneroster/rostering/v1p2/orgs. The route table has checked the
// client's roster.readonly scope; `client` is who asks, for what a read may record in future.
Result<std::vector<rows::SchoolOrgRecord>> oneroster_orgs(Context& ctx, const ApiClient& client);
// One org by its sourcedId: not_found unless it is the school's.
Result<rows::SchoolOrgRecord> oneroster_org(Context& ctx, const ApiClient& client, std::string_view sourced_id);

}  // namespace classbook::app
