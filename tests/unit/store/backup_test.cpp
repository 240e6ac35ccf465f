// Tests of online backup and restore.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include "store/backup.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {
std::unique_ptr<Db> school(const std::string& path, int settings) {
  auto db = Db::open(path, Db::Mode::read_write_create);
  REQUIRE(db);
  REQUIRE(configure_writer(**db));
  REQUIRE(migrate(**db));
  for (int i = 0; i < settings; ++i)
    REQUIRE((*db)->prepare("INSERT INTO settings VALUES (?, 'x')").bind(1, "k" + std::to_string(i)).run());
  return std::move(*db);
}
std::int64_t settings_in(const std::string& path) {
  auto db = Db::open(path, Db::Mode::read_only);
  REQUIRE(db);
  auto& q = (*db)->prepare("SELECT count(*) FROM settings WHERE value = 'x'");  // the rows school() wrote
  REQUIRE(q.next().value());
  return q.i64(0);
}
}  // namespace

TEST_CASE("a backup taken while the database is open restores to the same content") {
  test::TempDir dir;
  const auto live = dir.file("live.db"), copy = dir.file("copy.db");
  auto db = school(live, 500);
  int calls = 0;
  REQUIRE(backup_database(*db, copy, [&](int, int) { ++calls; }));
  CHECK(calls > 0);
  CHECK_FALSE(std::filesystem::exists(copy + ".partial"));
  REQUIRE(db->exec("DELETE FROM settings"));
  db.reset();
  CHECK(settings_in(live) == 0);
  REQUIRE(restore_database(copy, live));
  CHECK(settings_in(live) == 500);
  CHECK(settings_in(live + ".before-restore") == 0);
}

TEST_CASE("restore refuses a file that is not a sound Classbook backup and leaves the live one alone") {
  test::TempDir dir;
  const auto live = dir.file("live.db"), junk = dir.file("junk.db");
  school(live, 3).reset();
  { std::ofstream(junk) << "this is not a database"; }
  auto s = restore_database(junk, live);
  REQUIRE_FALSE(s);
  CHECK(settings_in(live) == 3);
  const auto empty = dir.file("empty.db");
  { auto db = Db::open(empty, Db::Mode::read_write_create); REQUIRE(db); REQUIRE((*db)->exec("CREATE TABLE t(x)")); }
  auto s2 = restore_database(empty, live);
  REQUIRE_FALSE(s2);
  CHECK_THAT(s2.error().message, Catch::Contains("not a Classbook backup"));
  CHECK(settings_in(live) == 3);
}

TEST_CASE("a backup is readable by its owner only, whatever the umask") {
  test::TempDir dir;
  const auto live = dir.file("live.db"), copy = dir.file("copy.db");
  auto db = school(live, 3);
  const mode_t old = ::umask(022);
  { std::ofstream(copy) << "an older file in the way"; }  // created 0644 under this umask
  const auto st = backup_database(*db, copy);
  ::umask(old);
  REQUIRE(st);
  using std::filesystem::perms;
  CHECK((std::filesystem::status(copy).permissions() & perms::all) == (perms::owner_read | perms::owner_write));
  db.reset();
  ::umask(022);
  const auto restored = restore_database(copy, live);
  ::umask(old);
  REQUIRE(restored);
  CHECK((std::filesystem::status(live).permissions() & perms::all) == (perms::owner_read | perms::owner_write));
}
