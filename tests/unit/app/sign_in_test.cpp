// Tests of sign-in and password resets: who may reset whom (the policy), the audit entry and the
// account holder's message, no login enumeration, logins escaped in logs.
#include <catch2/catch.hpp>

#include "app/sign_in.hpp"
#include "auth/password.hpp"
#include "kiosk_school.hpp"
#include "store/people.hpp"

#include <future>

using namespace classbook;
using namespace classbook::test;

namespace {
// KioskSchool plus a secretary (account 40), Анна's own account (50) and a second teacher (60) who
// leads no class; every account has a known password.
struct SignInSchool : KioskSchool {
  std::unique_ptr<app::Sessions> sessions;
  SignInSchool() {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    const auto hash = auth::hash_password(known_password);
    REQUIRE((*db)->exec("INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (2, 't2', 'Козлов', 'Пётр');"
                        "INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES "
                        "(40, 'u40', 'secretary', '', 'secretary', NULL, 'Секретарь', ''),"
                        "(50, 'u50', 'anna', '', 'student', 1, 'Анна Петрова', ''),"
                        "(60, 'u60', 'teacher2', '', 'teacher', 2, 'Пётр Козлов', '');"));
    for (store::Id id : {10, 20, 30, 40, 50, 60})
      REQUIRE((*db)->prepare("UPDATE users SET password_hash=?, must_change_password=0 WHERE id=?").bind(1, hash).bind(2, id).run());
    sessions = std::make_unique<app::Sessions>(*ctx);
  }
  static constexpr const char* known_password = "correct horse battery";

  app::Session as(const std::string& login) {
    auto s = wait_for<app::SignedIn>([&](auto done) { sessions->sign_in(login, known_password, "10.0.0.9", "test", done); });
    REQUIRE(s);
    return s->session;
  }
  Result<std::string> reset(const app::Session& by, const std::string& login) {
    return wait_for<std::string>([&](auto done) { sessions->reset_password(by, login, done); });
  }
};
}  // namespace

TEST_CASE("a secretary cannot reset a teacher's password - only pupils' and guardians'") {
  SignInSchool s;
  const auto secretary = s.as("secretary");
  auto r = s.reset(secretary, "teacher");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::forbidden);
  CHECK(s.count("SELECT must_change_password FROM users WHERE id=10") == 0);  // untouched
  CHECK(s.as("teacher").user.id == 10);

  auto g = s.reset(secretary, "guardian");
  REQUIRE(g);
  CHECK(s.count("SELECT must_change_password FROM users WHERE id=20") == 1);
  auto p = s.reset(secretary, "anna");
  REQUIRE(p);
}

TEST_CASE("an unknown login and a forbidden one get the same answer") {
  SignInSchool s;
  const auto secretary = s.as("secretary");
  auto staff = s.reset(secretary, "teacher");
  auto nobody = s.reset(secretary, "no-such-login");
  REQUIRE_FALSE(staff);
  REQUIRE_FALSE(nobody);
  CHECK(staff.error().code == nobody.error().code);
  CHECK(staff.error().field == nobody.error().field);
  // The message names the login asked for and nothing else that differs.
  auto strip = [](std::string m, const std::string& login) { return m.replace(m.find(login), login.size(), "*"); };
  CHECK(strip(staff.error().message, "teacher") == strip(nobody.error().message, "no-such-login"));

  // Someone who may reset nobody learns nothing about logins either.
  const auto pupil = s.as("anna");
  auto a = s.reset(pupil, "teacher");
  auto b = s.reset(pupil, "no-such-login");
  REQUIRE_FALSE(a);
  REQUIRE_FALSE(b);
  CHECK(a.error().message == b.error().message);
}

TEST_CASE("a class teacher resets the own class's pupils and their guardians, the admin resets staff") {
  SignInSchool s;
  const auto class_teacher = s.as("teacher");
  CHECK(s.reset(class_teacher, "anna"));
  CHECK(s.reset(class_teacher, "guardian"));
  CHECK_FALSE(s.reset(class_teacher, "teacher2"));
  const auto other_teacher = s.as("teacher2");
  CHECK_FALSE(s.reset(other_teacher, "guardian"));
  const auto admin = s.as("admin");
  CHECK(s.reset(admin, "teacher2"));
  CHECK_FALSE(s.reset(admin, "guardian"));
}

TEST_CASE("a reset is audited and the account holder gets a message - their sessions end") {
  SignInSchool s;
  const auto guardian = s.as("guardian");
  const auto secretary = s.as("secretary");
  auto otp = s.reset(secretary, "guardian");
  REQUIRE(otp);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='user' AND uuid='u20' AND action='password_reset' AND actor_user=40") == 1);
  CHECK(s.count("SELECT count(*) FROM messages m JOIN thread_members tm ON tm.thread_id=m.thread_id "
                "WHERE tm.user_id=20 AND m.body LIKE '%сброшен%'") == 1);
  CHECK(s.count("SELECT count(*) FROM sessions WHERE user_id=20") == 0);
  // The one-time password works, and must be changed.
  auto in = wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in("guardian", *otp, "10.0.0.9", "t", done); });
  REQUIRE(in);
  CHECK(in->session.user.must_change_password);
  (void)guardian;
}

TEST_CASE("a typed login is escaped and cut before it reaches a log line") {
  CHECK(app::log_safe("ivanov") == "ivanov");
  CHECK(app::log_safe("a\nb'\x01") == "a\\x0ab\\x27\\x01");
  const auto longer = app::log_safe(std::string(10000, 'x'));
  CHECK(longer.size() <= app::max_logged_login_bytes + 3);
  CHECK(longer.ends_with("..."));
  const auto cyrillic = app::log_safe(std::string(100, 'x') + "я");
  CHECK(cyrillic == std::string(app::max_logged_login_bytes, 'x') + "...");
}

TEST_CASE("one address trying 100000 logins keeps the throttle's maps bounded") {
  FakeClock clock{utc("2026-11-24T05:00:00Z")};
  app::Throttle t(clock);
  auto guess = [&](int i, bool wait_it_out) {
    const auto login = "guess" + std::to_string(i);
    if (const int wait = t.retry_after(login, "10.9.9.9"); wait > 0) {
      if (wait_it_out) clock.advance(std::chrono::seconds(wait));
      return false;
    }
    t.failed(login, "10.9.9.9");
    return true;
  };
  // Hammering on regardless: once the address must wait, nothing more is tracked or tried.
  int tried = 0;
  for (int i = 0; i < 100000; ++i) tried += guess(i, false);
  CHECK(tried == app::free_failures_per_address);
  CHECK(t.tracked_addresses() == 1);
  CHECK(t.tracked_login_addresses() == static_cast<std::size_t>(tried));
  // Waiting out every delay: the delays reach the cap, and the pairs stay within their bound.
  const auto start = clock.now();
  int patient = 0;
  for (int i = 0; i < 100000; ++i) patient += guess(100000 + i, true);
  CHECK(t.tracked_addresses() == 1);
  CHECK(t.tracked_login_addresses() <= app::max_tracked_login_addresses);
  CHECK(clock.now() - start >= (patient - 20) * app::max_throttle_delay);
}

TEST_CASE("failures from one address do not lock the account for another") {
  FakeClock clock{utc("2026-11-24T05:00:00Z")};
  app::Throttle t(clock);
  for (int i = 0; i < 50; ++i) t.failed("teacher", "10.0.0.66");  // a pupil's PC
  CHECK(t.retry_after("teacher", "10.0.0.66") > 0);
  CHECK(t.retry_after("teacher", "10.0.0.7") == 0);  // the teacher's own PC
  CHECK(t.retry_after("someone-else", "10.0.0.7") == 0);
}

TEST_CASE("the throttle's waits grow with each failure, up to the cap") {
  FakeClock clock{utc("2026-11-24T05:00:00Z")};
  app::Throttle t(clock);
  for (int i = 1; i < app::free_failures_per_login_and_address; ++i) t.failed("anna", "10.0.0.5");
  CHECK(t.retry_after("anna", "10.0.0.5") == 0);  // the first few mistakes cost nothing
  int previous = 0;
  for (int i = 0; i < 15; ++i) {
    t.failed("anna", "10.0.0.5");
    const int wait = t.retry_after("anna", "10.0.0.5");
    CHECK(wait >= previous);
    CHECK(wait <= std::chrono::duration_cast<std::chrono::seconds>(app::max_throttle_delay).count());
    previous = wait;
    clock.advance(std::chrono::seconds(wait));
    CHECK(t.retry_after("anna", "10.0.0.5") == 0);
  }
  CHECK(previous == std::chrono::duration_cast<std::chrono::seconds>(app::max_throttle_delay).count());
  // A right password from that PC clears that login's count there.
  t.succeeded("anna", "10.0.0.5");
  t.failed("anna", "10.0.0.5");
  CHECK(t.retry_after("anna", "10.0.0.5") == 0);
}

TEST_CASE("a one-time password expires after the configured lifetime, with a clear message") {
  SignInSchool s;
  const auto secretary = s.as("secretary");
  auto otp = s.reset(secretary, "guardian");
  REQUIRE(otp);
  s.clock.advance(std::chrono::days(14) - std::chrono::minutes(1));
  CHECK(wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in("guardian", *otp, "10.0.0.9", "t", done); }));
  s.clock.advance(std::chrono::minutes(2));
  auto late = wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in("guardian", *otp, "10.0.0.9", "t", done); });
  REQUIRE_FALSE(late);
  CHECK(late.error().field == app::one_time_password_expired);
  CHECK(late.error().message.find("ask the school office for a new login slip") != std::string::npos);
}

TEST_CASE("every sign-in does exactly one Argon2 verification - unknown login, unused OTP, disabled, right password") {
  SignInSchool s;
  const auto secretary = s.as("secretary");
  auto otp = s.reset(secretary, "guardian");  // the guardian now holds an unused one-time password
  REQUIRE(otp);
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec("UPDATE users SET disabled=1 WHERE id=60; UPDATE users SET password_hash='' WHERE id=30"));
  }
  auto verifications_for = [&](const std::string& login, const std::string& password) {
    const auto before = auth::verifications_done();
    (void)wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in(login, password, "10.0.0.8", "t", done); });
    return auth::verifications_done() - before;
  };
  CHECK(verifications_for("guardian", "wrong password 123") == 1);
  CHECK(verifications_for("guardian", "K7M2QX9P4W") == 1);  // OTP-shaped, wrong
  CHECK(verifications_for("no-such-login", "wrong password 123") == 1);
  CHECK(verifications_for("teacher2", s.known_password) == 1);  // disabled
  CHECK(verifications_for("admin", "anything at all") == 1);    // no usable hash
  CHECK(verifications_for("teacher", s.known_password) == 1);
  CHECK(verifications_for("guardian", *otp) == 1);
}

TEST_CASE("a long Cyrillic password accepted by the strength rule also signs in") {
  SignInSchool s;
  const auto teacher = s.as("teacher");
  std::string pw;
  for (int i = 0; i < 100; ++i) pw += i % 2 ? "ж" : "ы";  // 100 characters, 200 bytes
  pw += "лес поле 42";
  std::string pw_long;
  for (int i = 0; i < 200; ++i) pw_long += i % 7 == 0 ? " " : (i % 2 ? "ж" : "щ");  // 200 characters, ~370 bytes
  pw_long += "река";
  REQUIRE_FALSE(auth::check_password_strength(pw_long, "teacher"));
  REQUIRE(wait_for<Ok>([&](auto done) { s.sessions->change_password(teacher, s.known_password, pw_long, done); }));
  CHECK(wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in("teacher", pw_long, "10.0.0.9", "t", done); }));
  (void)pw;
}

TEST_CASE("wrong current passwords on a password change are throttled") {
  SignInSchool s;
  const auto teacher = s.as("teacher");
  bool throttled = false;
  for (int i = 0; i < 20 && !throttled; ++i) {
    auto r = wait_for<Ok>([&](auto done) { s.sessions->change_password(teacher, "guess " + std::to_string(i), "a brand new passphrase", done); });
    REQUIRE_FALSE(r);
    throttled = r.error().code == Errc::throttled;
  }
  CHECK(throttled);
}

TEST_CASE("a user keeps at most max_sessions_per_user sessions - the oldest are signed out") {
  SignInSchool s;
  for (int i = 0; i < app::max_sessions_per_user + 5; ++i) s.as("teacher");
  CHECK(s.count("SELECT count(*) FROM sessions WHERE user_id=10") == app::max_sessions_per_user);
}

TEST_CASE("expired sessions are purged") {
  SignInSchool s;
  s.as("teacher");
  s.as("guardian");
  s.clock.advance(app::session_idle_limit + std::chrono::minutes(2));
  s.as("admin");
  // The admin's sign-in purged the two idle sessions already (every session_purge_interval); an
  // explicit purge after it waits for that one and finds nothing more.
  auto n = wait_for<int>([&](auto done) { s.sessions->purge_expired(done); });
  REQUIRE(n);
  CHECK(*n == 0);
  CHECK(s.count("SELECT count(*) FROM sessions") == 1);
}

TEST_CASE("a full hashing queue answers busy instead of queueing without end") {
  app::HashPool pool(1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::promise<void> started;
  REQUIRE(pool.submit([&started, gate] { started.set_value(); gate.wait(); }));
  started.get_future().wait();  // the one thread is busy now
  CHECK(pool.submit([] {}));
  CHECK(pool.submit([] {}));
  CHECK_FALSE(pool.submit([] {}));  // two queued: the limit
  CHECK(app::hashing_busy().code == Errc::unavailable);
  release.set_value();
}

TEST_CASE("an account disabled by another process is signed out on its next request") {
  SignInSchool s;
  auto in = wait_for<app::SignedIn>([&](auto done) { s.sessions->sign_in("teacher", s.known_password, "10.0.0.9", "t", done); });
  REQUIRE(in);
  REQUIRE(s.sessions->resolve(in->token));
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec("UPDATE users SET disabled=1 WHERE id=10"));  // as classbookctl user disable does
  }
  CHECK_FALSE(s.sessions->resolve(in->token));
}
