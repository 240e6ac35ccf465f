// oneroster_org_json: the org of OneRoster 1.2's rostering REST binding, written by hand for the one
// org the box has (the school). Deliberately minimal and on its own: the full OneRoster JSON library
// (issue 13's other part) replaces it without touching the routes.
#pragma once

#include <string>
#include <vector>

#include "rows/api_clients.hpp"

namespace classbook::http {

// {"sourcedId", "status":"active", "dateLastModified", "name", "type":"school", "identifier"}
std::string oneroster_org_json(const rows::SchoolOrgRecord& org);
// {"org": {…}} — GET …/orgs/{sourcedId}
std::string oneroster_org_payload(const rows::SchoolOrgRecord& org);
// {"orgs": [{…}, …]} — GET …/orgs
std::string oneroster_orgs_payload(const std::vector<rows::SchoolOrgRecord>& orgs);

}  // namespace classbook::http
