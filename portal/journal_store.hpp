// journal_store: what the portal holds of the box's journal besides its objects — anchors and a summary.
#pragma once

#include <boost/json/object.hpp>

#include "db.hpp"

namespace classbook::portal {

struct AnchorPage {
  boost::json::array anchors;  // {"seq","hash","at","receivedAt"} by seq
  std::int64_t total = 0;
};
Result<AnchorPage> read_anchors(Db& db, const std::string& client_id, std::int64_t limit, std::int64_t offset);

// For the operator: the client, its pinned key, cursor and counts.
Result<boost::json::object> portal_summary(Db& db);

}  // namespace classbook::portal
