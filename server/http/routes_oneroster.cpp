// routes_oneroster: the OneRoster 1.2 provider's rows (/ims/oneroster/…), each behind the scope the
// standard names for it; refusals answer in the standard's words (oneroster_reply).
#include "app/oneroster_orgs.hpp"
#include "http/oneroster_org_json.hpp"
#include "http/oneroster_reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

void reply_oneroster(Api::Call& c, std::string body) { c.reply(make_response(status::ok, c.req.version(), std::move(body))); }

void get_orgs(Env& env, const CallPtr& cp) {
  auto orgs = app::oneroster_orgs(env.ctx, *cp->api_client);
  if (!orgs) return oneroster_fail(*cp, orgs.error());
  reply_oneroster(*cp, oneroster_orgs_payload(*orgs));
}

void get_org(Env& env, const CallPtr& cp) {
  auto org = app::oneroster_org(env.ctx, *cp->api_client, cp->param("sourcedId"));
  if (!org) return oneroster_fail(*cp, org.error());
  reply_oneroster(*cp, oneroster_org_payload(*org));
}

using V = bh::verb;
using domain::Scope;

const Route rows[] = {
    {V::get, "/ims/oneroster/rostering/v1p2/orgs", get_orgs, for_api_client(Scope::roster_readonly)},
    {V::get, "/ims/oneroster/rostering/v1p2/orgs/{sourcedId}", get_org, for_api_client(Scope::roster_readonly)},
};

}  // namespace

std::span<const Route> oneroster_routes() { return rows; }

}  // namespace classbook::http
