// oneroster_org_json: the school as a OneRoster org, in the binding's camelCase names.
#include "http/oneroster_org_json.hpp"

#include <boost/json.hpp>

namespace classbook::http {

std::string oneroster_org_json(const rows::SchoolOrgRecord& org) {
  return boost::json::serialize(boost::json::object{{"sourcedId", org.sourced_id},
                                                    {"status", "active"},
                                                    {"dateLastModified", org.date_last_modified},
                                                    {"name", org.name},
                                                    {"type", "school"},
                                                    {"identifier", org.identifier}});
}

std::string oneroster_org_payload(const rows::SchoolOrgRecord& org) { return "{\"org\":" + oneroster_org_json(org) + "}"; }

std::string oneroster_orgs_payload(const std::vector<rows::SchoolOrgRecord>& orgs) {
  std::string out = "{\"orgs\":[";
  for (std::size_t i = 0; i < orgs.size(); ++i) out += (i ? "," : "") + oneroster_org_json(orgs[i]);
  return out + "]}";
}

}  // namespace classbook::http
