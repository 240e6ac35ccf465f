// sqlite_spool_test: the spool on a real SQLite file — order, states, reopening, a killed process,
// pruning and the row limit.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "classbook/common/crypto.hpp"
#include "kiosk/spool/sqlite_spool.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace std::chrono_literals;

namespace {

TimePoint start_time() {
  TimePoint t;
  parse_utc("2026-11-30T05:12:00.000Z", t);
  return t;
}

NewTap tap(const std::string& card, Direction d = Direction::toggle) {
  return {card, "reader-1", "2026-11-30T05:12:00.000Z", d};
}

std::unique_ptr<SqliteSpool> open_spool(const std::string& path, Clock& clock, SpoolLimits limits = {}) {
  auto s = SqliteSpool::open(path, clock, limits);
  REQUIRE(s);
  return std::move(*s);
}

std::string pragma_from_outside(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, (std::string("PRAGMA ") + pragma).c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

}  // namespace

TEST_CASE("taps come out oldest first and leave the queue when settled") {
  test::TempDir dir;
  FakeClock clock(start_time());
  auto spool = open_spool(dir.file("spool.sqlite"), clock);
  auto a = spool->append(tap("AAAA0001", Direction::in));
  auto b = spool->append(tap("BBBB0002"));
  auto c = spool->append(tap("CCCC0003", Direction::out));
  REQUIRE((a && b && c));
  CHECK(a->seq < b->seq);
  CHECK(b->seq < c->seq);
  CHECK(is_uuid(a->tap_id));
  CHECK(a->tap_id != b->tap_id);
  CHECK(spool->depth() == 3);

  auto first = spool->oldest_pending();
  REQUIRE(first);
  REQUIRE(*first);
  CHECK((*first)->tap_id == a->tap_id);
  CHECK((*first)->tap.card == "AAAA0001");
  CHECK((*first)->tap.direction == Direction::in);
  CHECK((*first)->tap.at == "2026-11-30T05:12:00.000Z");

  REQUIRE(spool->note_failure(a->seq, "connect: refused"));
  REQUIRE(spool->note_failure(a->seq, "timed out"));
  CHECK((*spool->oldest_pending())->attempts == 2);
  REQUIRE(spool->mark_delivered(a->seq));
  CHECK(spool->depth() == 2);
  CHECK((*spool->oldest_pending())->tap_id == b->tap_id);
  REQUIRE(spool->mark_rejected(b->seq, "the tap time is too far from the server's clock"));
  CHECK((*spool->oldest_pending())->tap_id == c->tap_id);
  REQUIRE(spool->mark_delivered(a->seq));  // twice is harmless and does not miscount
  CHECK(spool->depth() == 1);
  REQUIRE(spool->mark_delivered(c->seq));
  CHECK(spool->depth() == 0);
  CHECK_FALSE(*spool->oldest_pending());
  CHECK(spool->rows() == 3);
}

TEST_CASE("the file is WAL and survives closing and reopening") {
  test::TempDir dir;
  const auto path = dir.file("spool.sqlite");
  FakeClock clock(start_time());
  std::vector<std::string> ids;
  {
    auto spool = open_spool(path, clock);
    for (auto card : {"AAAA0001", "BBBB0002", "CCCC0003"}) ids.push_back(spool->append(tap(card))->tap_id);
    REQUIRE(spool->mark_delivered(1));
    REQUIRE(spool->note_failure(2, "timed out"));
  }
  CHECK(pragma_from_outside(path, "journal_mode") == "wal");
  auto spool = open_spool(path, clock);
  CHECK(spool->depth() == 2);
  CHECK(spool->rows() == 3);
  auto next = spool->oldest_pending();
  REQUIRE(*next);
  CHECK((*next)->tap_id == ids[1]);
  CHECK((*next)->attempts == 1);
  auto d = spool->append(tap("DDDD0004"));
  REQUIRE(d);
  CHECK(d->seq == 4);
}

TEST_CASE("a row appended is there even if the process dies right after") {
  test::TempDir dir;
  const auto path = dir.file("spool.sqlite");
  FakeClock clock(start_time());
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto s = SqliteSpool::open(path, clock);
    if (!s) _exit(2);
    auto row = (*s)->append(tap("E37A5C1D"));
    _exit(row ? 0 : 3);  // no destructors, no close: like a crash or kill -9
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  auto spool = open_spool(path, clock);
  CHECK(spool->depth() == 1);
  CHECK((*spool->oldest_pending())->tap.card == "E37A5C1D");
}

TEST_CASE("settled rows are pruned after the retention, seq is never reused") {
  test::TempDir dir;
  FakeClock clock(start_time());
  auto spool = open_spool(dir.file("spool.sqlite"), clock, {1000, std::chrono::hours(24)});
  for (auto card : {"AAAA0001", "BBBB0002", "CCCC0003"}) REQUIRE(spool->append(tap(card)));
  REQUIRE(spool->mark_delivered(1));
  REQUIRE(spool->mark_rejected(2, "bad"));
  clock.advance(std::chrono::hours(23));
  CHECK(*spool->prune() == 0);
  clock.advance(std::chrono::hours(2));
  CHECK(*spool->prune() == 2);
  CHECK(spool->rows() == 1);
  CHECK(spool->depth() == 1);
  REQUIRE(spool->mark_delivered(3));
  clock.advance(std::chrono::hours(25));
  CHECK(*spool->prune() == 1);
  CHECK(spool->rows() == 0);
  auto next = spool->append(tap("DDDD0004"));
  REQUIRE(next);
  CHECK(next->seq == 4);  // the order stays the order of reading
}

TEST_CASE("the row limit: settled rows make room, pending ones never get dropped") {
  test::TempDir dir;
  FakeClock clock(start_time());
  auto spool = open_spool(dir.file("spool.sqlite"), clock, {3, spool_retention});
  for (auto card : {"AAAA0001", "BBBB0002", "CCCC0003"}) REQUIRE(spool->append(tap(card)));
  auto refused = spool->append(tap("DDDD0004"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::unavailable);
  CHECK(refused.error().message.find("the tap spool is full: 3 taps wait") != std::string::npos);
  CHECK(refused.error().message.find("NOT recorded") != std::string::npos);
  CHECK(spool->depth() == 3);

  REQUIRE(spool->mark_delivered(1));
  auto taken = spool->append(tap("DDDD0004"));  // the delivered row gave way early
  REQUIRE(taken);
  CHECK(spool->rows() == 3);
  CHECK(spool->depth() == 3);
  CHECK((*spool->oldest_pending())->tap.card == "BBBB0002");
}

TEST_CASE("a spool in a missing folder says what to check") {
  FakeClock clock(start_time());
  auto s = SqliteSpool::open("/nonexistent-classbook-dir/spool.sqlite", clock);
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find("/nonexistent-classbook-dir/spool.sqlite") != std::string::npos);
  CHECK(s.error().message.find("data folder") != std::string::npos);
}

TEST_CASE("a file that is not a spool is refused, not overwritten") {
  test::TempDir dir;
  const auto path = dir.file("spool.sqlite");
  FILE* f = fopen(path.c_str(), "w");
  REQUIRE(f);
  fputs("this is not a database, it is a shopping list: milk, bread, eggs, butter, cheese\n", f);
  for (int i = 0; i < 100; ++i) fputs("more lines that are not SQLite pages at all\n", f);
  fclose(f);
  FakeClock clock(start_time());
  auto s = SqliteSpool::open(path, clock);
  REQUIRE_FALSE(s);
  CHECK(s.error().message.find(path) != std::string::npos);
}
