// migrated_db: a new school database file in a test's folder, at the current schema version.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "store/db.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

namespace classbook::test {

inline std::unique_ptr<store::Db> migrated_db(const TempDir& dir) {
  auto opened = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write_create);
  REQUIRE(opened);
  REQUIRE(store::migrate(**opened));
  return std::move(*opened);
}

}  // namespace classbook::test
