// Tests of the roster CSV import's password hashing: it runs on the hash pool (never on the caller's
// network thread), the file is still written in one go, and a full pool answers busy.
#include <catch2/catch.hpp>

#include "app/hash_pool.hpp"
#include "app/roster.hpp"
#include "busy_pool.hpp"
#include "kiosk_school.hpp"

#include <chrono>
#include <future>
#include <memory>

using namespace classbook;
using namespace classbook::test;

namespace {
constexpr const char* one_pupil_csv = "class,last_name,first_name\n5А,Сидоров,Иван\n";
}  // namespace

TEST_CASE("the roster import hashes on the hash pool, then writes the file") {
  KioskSchool s;
  auto pool = std::make_shared<app::HashPool>(1, 4);
  s.ctx->hashing = pool;
  std::promise<void> release;
  occupy(*pool, release.get_future().share());

  std::promise<Result<app::ImportReport>> answer;
  auto reply = answer.get_future();
  app::import_roster(*s.ctx, secretary(), one_pupil_csv, [&answer](Result<app::ImportReport> r) { answer.set_value(std::move(r)); });
  // The call returned with its hashing waiting for the pool's (busy) thread: none of it ran here.
  CHECK(pool->queued() == 1);
  CHECK(reply.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);

  release.set_value();
  auto report = reply.get();
  REQUIRE(report);
  CHECK(report->problems.empty());
  CHECK(report->pupils == 1);
  REQUIRE(report->accounts.size() == 1);
  CHECK_FALSE(report->accounts[0].slip.one_time_password.empty());
}

TEST_CASE("a roster import with the hash pool full answers busy and writes nothing") {
  KioskSchool s;
  auto pool = std::make_shared<app::HashPool>(1, 1);
  s.ctx->hashing = pool;
  std::promise<void> release;
  occupy(*pool, release.get_future().share());
  REQUIRE(pool->submit([] {}));  // the queue's one place is taken

  auto r = wait_for<app::ImportReport>([&](auto done) { app::import_roster(*s.ctx, secretary(), one_pupil_csv, done); });
  release.set_value();
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::unavailable);

  s.ctx->hashing = std::make_shared<app::HashPool>();  // a pool with room (the full one may still be draining)
  auto again = wait_for<app::ImportReport>([&](auto done) { app::import_roster(*s.ctx, secretary(), one_pupil_csv, done); });
  REQUIRE(again);  // nothing was written by the refused try: the same pupil imports now
  CHECK(again->pupils == 1);
}
