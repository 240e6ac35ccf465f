// schema: the portal's tables, versioned by PRAGMA user_version; each start applies what is missing.
#pragma once

#include "db.hpp"

namespace classbook::portal {

Status migrate(Db& db);

}  // namespace classbook::portal
