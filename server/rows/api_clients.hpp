// api_clients: a registered OneRoster API client, and the school as the one org it reads.
#pragma once

#include <optional>
#include <string>

#include "domain/api_scope.hpp"
#include "rows/records.hpp"

namespace classbook::rows {

// An API client as api_clients holds it (never its secret's hash: that stays in store and app).
struct ApiClientRecord {
  Id id = 0;
  std::string client_id;  // the public id the client authenticates with
  std::string name;       // what the administrator called it ("Learning platform")
  domain::ScopeSet scopes;
  Id user_id = 0;         // its own account row, which the audit trail names
  std::string user_uuid;
  std::string created_at;
  Id created_by = 0;      // users.id; 0 the console (classbookctl)
  std::optional<std::string> revoked_at;
  std::optional<Id> revoked_by;
  std::optional<std::string> last_used_at;  // when it last got a token
  bool revoked() const { return revoked_at.has_value(); }
};

// The school as OneRoster's org of type "school": its uuid and name, the identifier the city gave it
// (settings key `identifier`, "" when none), and when either last changed.
struct SchoolOrgRecord {
  std::string sourced_id;
  std::string name;
  std::string identifier;
  std::string date_last_modified;
};

}  // namespace classbook::rows
