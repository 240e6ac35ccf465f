// sync_outbox: what the sync client's tests share — marks written into the outbox as the use cases
// write them, and the sync state read back from the school's file.
#pragma once

#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <string>

#include "classbook/common/crypto.hpp"
#include "store/sync_state.hpp"
#include "store/writer.hpp"

namespace classbook::test {

// n marks through the outbox, in one writer job.
inline void add_outbox_marks(store::Writer& writer, int n) {
  namespace json = boost::json;
  REQUIRE(writer.run([n](store::WriteContext& w) -> Status {
    for (int i = 0; i < n; ++i) {
      const auto id = new_uuid();
      w.outbox("mark", id, "upsert",
               json::serialize(json::object{{"id", id}, {"student", new_uuid()}, {"lesson", new_uuid()}, {"value", 2 + i % 4},
                                            {"work_type", "oral"}, {"weight", 1}, {"comment", ""}}));
    }
    return ok_status();
  }));
}

inline store::SyncState sync_state_of(const std::string& db_path) {
  auto db = store::Db::open(db_path, store::Db::Mode::read_only);
  REQUIRE(db);
  auto s = store::read_sync_state(**db);
  REQUIRE(s);
  return *s;
}

}  // namespace classbook::test
