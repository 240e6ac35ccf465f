// oneroster_orgs: the school read as OneRoster's org of type school.
#include "app/oneroster_orgs.hpp"

#include "store/api_clients.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {

Result<std::vector<rows::SchoolOrgRecord>> oneroster_orgs(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto org = store::school_org(*db);
  if (!org) return org.error();
  return std::vector<rows::SchoolOrgRecord>{std::move(*org)};
}

Result<rows::SchoolOrgRecord> oneroster_org(Context& ctx, const ApiClient& client, std::string_view sourced_id) {
  auto orgs = oneroster_orgs(ctx, client);
  if (!orgs) return orgs.error();
  for (auto& o : *orgs)
    if (o.sourced_id == sourced_id) return std::move(o);
  return make_error(Errc::not_found, "org.not_found", "no org has this sourcedId; GET .../orgs lists them", "sourcedId");
}

}  // namespace classbook::app
