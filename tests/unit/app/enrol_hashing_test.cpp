// Tests that enrolling one pupil, guardian or teacher hashes the new account's one-time password on
// the hash pool (never on the caller's network thread), and that a full pool answers busy and writes
// nothing.
#include <catch2/catch.hpp>

#include "app/hash_pool.hpp"
#include "app/roster.hpp"
#include "busy_pool.hpp"
#include "kiosk_school.hpp"

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>

using namespace classbook;
using namespace classbook::test;

namespace {


// The fixture's class 5А under a UUID, the shape the API asks for.
constexpr const char* class_uuid = "00000000-0000-4000-8000-0000000000c1";
void give_class_a_uuid(KioskSchool& s) {
  auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
  REQUIRE(db);
  REQUIRE((*db)->exec(std::string("UPDATE classes SET uuid = '") + class_uuid + "' WHERE id = 1"));
}

// One enrolment each, started with `done` as its reply; the slip's one-time password comes back.
using Start = std::function<void(app::Context&, std::function<void(Result<std::string>)>)>;
const std::pair<const char*, Start> enrolments[] = {
    {"pupil",
     [](app::Context& ctx, auto done) {
       app::NewPupil p;
       p.last_name = "Сидоров";
       p.first_name = "Иван";
       p.class_id = class_uuid;
       app::enrol_pupil(ctx, secretary(), p, [done](Result<app::EnrolledPupil> r) {
         done(r ? Result<std::string>(r->slip.one_time_password) : Result<std::string>(r.error()));
       });
     }},
    {"guardian",
     [](app::Context& ctx, auto done) {
       app::NewGuardian g;
       g.last_name = "Сидорова";
       g.first_name = "Анна";
       g.phone = "+79161234567";
       app::add_guardian(ctx, secretary(), g, [done](Result<app::EnrolledGuardian> r) {
         done(r ? Result<std::string>(r->slip.one_time_password) : Result<std::string>(r.error()));
       });
     }},
    {"teacher",
     [](app::Context& ctx, auto done) {
       app::NewTeacher t;
       t.last_name = "Орлов";
       t.first_name = "Павел";
       app::add_teacher(ctx, secretary(), t, [done](Result<app::EnrolledTeacher> r) {
         done(r ? Result<std::string>(r->slip.one_time_password) : Result<std::string>(r.error()));
       });
     }},
};
}  // namespace

TEST_CASE("enrolling one person hashes the new password on the hash pool, then writes") {
  for (const auto& [who, start] : enrolments) {
    SECTION(who) {
      KioskSchool s;
      give_class_a_uuid(s);
      auto pool = std::make_shared<app::HashPool>(1, 4);
      s.ctx->hashing = pool;
      std::promise<void> release;
      occupy(*pool, release.get_future().share());

      std::promise<Result<std::string>> answer;
      auto reply = answer.get_future();
      start(*s.ctx, [&answer](Result<std::string> r) { answer.set_value(std::move(r)); });
      // The call returned with its hashing waiting for the pool's (busy) thread: none of it ran here.
      CHECK(pool->queued() == 1);
      CHECK(reply.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);

      release.set_value();
      auto otp = reply.get();
      REQUIRE(otp);
      CHECK_FALSE(otp->empty());
    }
  }
}

TEST_CASE("enrolling one person with the hash pool full answers busy and writes nothing") {
  for (const auto& [who, start] : enrolments) {
    SECTION(who) {
      KioskSchool s;
      give_class_a_uuid(s);
      auto pool = std::make_shared<app::HashPool>(1, 1);
      s.ctx->hashing = pool;
      std::promise<void> release;
      occupy(*pool, release.get_future().share());
      REQUIRE(pool->submit([] {}));  // the queue's one place is taken

      const auto people = "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM students) + "
                          "(SELECT count(*) FROM guardians) + (SELECT count(*) FROM teachers)";
      const auto before = s.count(people);
      auto r = wait_for<std::string>([&](auto done) { start(*s.ctx, done); });
      release.set_value();
      REQUIRE_FALSE(r);
      CHECK(r.error().code == Errc::unavailable);
      CHECK(s.count(people) == before);

      // With room in the pool the same enrolment goes through: one person and one account more.
      s.ctx->hashing = std::make_shared<app::HashPool>();
      auto again = wait_for<std::string>([&](auto done) { start(*s.ctx, done); });
      REQUIRE(again);
      CHECK_FALSE(again->empty());
      CHECK(s.count(people) == before + 2);
    }
  }
}
