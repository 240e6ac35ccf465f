// schema: versioned migrations of the school database, and the pragmas every connection needs.
#pragma once

#include "store/db.hpp"

namespace classbook::store {

// The schema version this build writes. A database newer than this is refused, so an old
// binary never writes into a layout it does not know.
int current_schema_version();

// The schema version the database holds (PRAGMA user_version).
Result<int> stored_schema_version(Db& db);

// Brings the database up to current_schema_version() in one transaction per migration.
Status migrate(Db& db);

// WAL + synchronous=FULL: an acknowledged write survives power loss.
Status configure_writer(Db& db);
Status configure_reader(Db& db);

// PRAGMA integrity_check: ok, or the first problems it names.
Status check_integrity(Db& db);

}  // namespace classbook::store
