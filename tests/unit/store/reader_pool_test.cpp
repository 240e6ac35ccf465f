// Tests of the reader pool: a lease taken while another lives on the same thread borrows it — one
// connection, one snapshot — and a lease on another thread, or after the owner ended, is its own.
#include <catch2/catch.hpp>

#include <thread>

#include "store/reader_pool.hpp"
#include "store/writer.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {
std::int64_t settings_count(Db& db) {
  auto& q = db.prepare("SELECT count(*) FROM settings");
  REQUIRE(q.next().value());
  const auto n = q.i64(0);
  REQUIRE(q.run());
  return n;
}
Status add_setting(Writer& w, const std::string& key) {
  return w.run([key](WriteContext& c) {
    return c.db.prepare("INSERT INTO settings(key, value) VALUES (?, 'v')").bind(1, key).run();
  });
}
}  // namespace

TEST_CASE("a lease taken while another lives on the thread shares its connection and snapshot") {
  test::TempDir dir;
  const auto path = dir.file("s.db");
  { auto db = Db::open(path, Db::Mode::read_write_create); REQUIRE(db); }
  FakeClock clock(TimePoint(std::chrono::milliseconds(1'764'921'600'000)));
  auto writer = Writer::start(path, clock);
  REQUIRE(writer);
  auto pool = ReaderPool::open(path, 2);
  REQUIRE(pool);
  const auto before = [&] {
    auto db = (*pool)->acquire();
    return settings_count(*db);
  }();

  {
    auto outer = (*pool)->acquire();
    const auto seen = settings_count(*outer);  // the snapshot starts here
    REQUIRE(seen == before);
    REQUIRE(add_setting(**writer, "after-the-snapshot"));
    {
      auto inner = (*pool)->acquire();
      CHECK(&*inner == &*outer);               // borrowed, not a second connection
      CHECK(settings_count(*inner) == seen);   // the outer lease's snapshot
    }
    CHECK(settings_count(*outer) == seen);     // the borrower ending did not end the transaction
    // Another thread takes its own connection and sees the commit.
    std::int64_t elsewhere = -1;
    Db* other = nullptr;
    std::thread([&] {
      auto db = (*pool)->acquire();
      other = &*db;
      elsewhere = settings_count(*db);
    }).join();
    CHECK(other != &*outer);
    CHECK(elsewhere == seen + 1);
  }
  // The owner ended: the next lease is a new transaction that sees the commit.
  auto later = (*pool)->acquire();
  CHECK(settings_count(*later) == before + 1);
  (*writer)->stop();
}
