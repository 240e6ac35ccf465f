// Tests of kiosk enrolment and identity: a code works once and not after it expires, wrong codes are
// throttled per address, revocation — through the use case or by another process — refuses at once.
#include <catch2/catch.hpp>

#include "kiosk_school.hpp"
#include "classbook/common/crypto.hpp"
#include "store/kiosks.hpp"

using namespace classbook;
using namespace classbook::test;
using namespace std::chrono_literals;

namespace {
std::string a_csr() {
  std::string key;
  auto csr = make_key_and_csr("kiosk", key);
  REQUIRE(csr);
  return *csr;
}
}  // namespace

TEST_CASE("an enrolment code gives the kiosk a certificate from the box's CA, once") {
  KioskSchool s;
  auto code = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "hall-1", domain::KioskMode::hall, done); });
  REQUIRE(code);
  CHECK(code->code.size() == 14);  // 12 symbols in groups of four
  CHECK(code->expires_at == "2026-11-24T05:30:00.000Z");
  CHECK(s.count("SELECT count(*) FROM kiosks WHERE code_hash IS NOT NULL") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='kiosk' AND action='enrolment_code'") == 1);

  // Typed in lower case with spaces: still the code.
  std::string typed = code->code;
  for (auto& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto e = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", typed, a_csr(), done); });
  REQUIRE(e);
  CHECK(e->kiosk.name == "hall-1");
  CHECK(e->ca == s.ca.cert_pem);
  CHECK(certificate_common_name(e->certificate).value() == "hall-1");  // the name the admin gave, not the CSR's
  const auto fp = certificate_fingerprint_sha256(e->certificate).value();
  auto id = s.kiosks->by_certificate(fp);
  REQUIRE(id);
  CHECK(id->actor.role == domain::Role::kiosk);
  CHECK(id->actor.hall_kiosk);
  CHECK(id->actor.person_id == id->kiosk.id);
  CHECK(s.count("SELECT count(*) FROM kiosks WHERE code_hash IS NULL AND enrolled_at IS NOT NULL") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='kiosk' AND action='enrol'") == 1);

  auto again = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", code->code, a_csr(), done); });
  REQUIRE_FALSE(again);
  CHECK(again.error().field == app::kiosk_error::code_invalid);
  CHECK(again.error().code == Errc::forbidden);

  // An enrolled name is not enrolled twice.
  auto twice = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "hall-1", domain::KioskMode::hall, done); });
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == Errc::conflict);
}

TEST_CASE("a code expires after thirty minutes") {
  KioskSchool s;
  auto code = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "e-1", domain::KioskMode::entrance, done); });
  REQUIRE(code);
  s.clock.advance(30min);
  auto late = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", code->code, a_csr(), done); });
  REQUIRE_FALSE(late);
  CHECK(late.error().field == app::kiosk_error::code_invalid);
  // A new code for the same waiting name works, and the old one stays dead.
  auto fresh = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "e-1", domain::KioskMode::entrance, done); });
  REQUIRE(fresh);
  s.clock.advance(29min);
  CHECK(wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", fresh->code, a_csr(), done); }));
}

TEST_CASE("a bad request keeps the code - only the admin makes codes, the director may list") {
  KioskSchool s;
  auto code = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "e-1", domain::KioskMode::entrance, done); });
  REQUIRE(code);
  auto bad = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", code->code, "not a CSR", done); });
  REQUIRE_FALSE(bad);
  CHECK(bad.error().field == "csr");
  CHECK(wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.5", code->code, a_csr(), done); }));

  auto by_director = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.director, "x", domain::KioskMode::hall, done); });
  REQUIRE_FALSE(by_director);
  CHECK(by_director.error().code == Errc::forbidden);
  auto list = s.kiosks->list(s.director);
  REQUIRE(list);
  CHECK(list->size() == 1);
  CHECK_FALSE(s.kiosks->list(s.anna));
  auto bad_name = wait_for<app::IssuedCode>([&](auto done) { s.kiosks->make_code(s.admin, "a/b", domain::KioskMode::hall, done); });
  REQUIRE_FALSE(bad_name);
  CHECK(bad_name.error().field == "name");
}

TEST_CASE("more than ten wrong codes a minute from one address are throttled") {
  KioskSchool s;
  const auto csr = a_csr();
  for (int i = 0; i < app::max_enrolment_failures; ++i) {
    auto r = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.66", "2222-3333-4444", csr, done); });
    REQUIRE_FALSE(r);
    CHECK(r.error().field == app::kiosk_error::code_invalid);
  }
  auto r = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.66", "2222-3333-4444", csr, done); });
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::throttled);
  // Others are not held up by one guesser.
  auto other = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.67", "2222-3333-4444", csr, done); });
  CHECK(other.error().field == app::kiosk_error::code_invalid);
  s.clock.advance(61s);
  r = wait_for<app::Enrolled>([&](auto done) { s.kiosks->enrol("10.0.0.66", "2222-3333-4444", csr, done); });
  CHECK(r.error().field == app::kiosk_error::code_invalid);
}

TEST_CASE("a revoked kiosk is refused on its next request, also when another process revoked it") {
  KioskSchool s;
  auto hall = s.enrolled("hall-1", domain::KioskMode::hall);
  auto door = s.enrolled("entrance-1", domain::KioskMode::entrance);
  const auto hall_fp = *hall.kiosk.cert_fingerprint, door_fp = *door.kiosk.cert_fingerprint;
  REQUIRE(s.kiosks->by_certificate(hall_fp));  // cached now
  REQUIRE(s.kiosks->by_certificate(door_fp));
  CHECK_FALSE(door.actor.hall_kiosk);

  REQUIRE(wait_for<Ok>([&](auto done) { s.kiosks->revoke(s.admin, hall.kiosk.uuid, done); }));
  auto refused = s.kiosks->by_certificate(hall_fp);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().field == app::kiosk_error::revoked);
  CHECK(refused.error().code == Errc::unauthenticated);
  CHECK(s.kiosks->by_certificate(door_fp));
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='kiosk' AND action='revoke'") == 1);

  {  // classbookctl kiosk revoke, beside the server: its own connection.
    auto other = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(other);
    REQUIRE(store::revoke_kiosk(**other, door.kiosk.id, "2026-11-24T05:00:00.000Z"));
  }
  CHECK(s.kiosks->by_certificate(door_fp).error().field == app::kiosk_error::revoked);

  CHECK(s.kiosks->by_certificate("").error().field == app::kiosk_error::certificate_required);
  CHECK(s.kiosks->by_certificate("00ff").error().field == app::kiosk_error::revoked);
  auto by_teacher = wait_for<Ok>([&](auto done) { s.kiosks->revoke(s.anna, door.kiosk.uuid, done); });
  CHECK(by_teacher.error().code == Errc::forbidden);
}

TEST_CASE("device keys from `classbookctl kiosk add` still work and are revoked the same way") {
  KioskSchool s;
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec("INSERT INTO kiosks(id, uuid, name, token_hash, created_at) VALUES "
                        "(9, 'k9', 'old', '" + sha256_hex("the-key") + "', '')"));
  }
  auto id = s.kiosks->by_device_key("the-key");
  REQUIRE(id);
  CHECK(id->actor.person_id == 9);
  CHECK(s.kiosks->by_device_key("not-the-key").error().code == Errc::unauthenticated);
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(store::revoke_kiosk(**db, 9, "2026-11-24T05:00:00.000Z"));
  }
  CHECK_FALSE(s.kiosks->by_device_key("the-key"));
}
