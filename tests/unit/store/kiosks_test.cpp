// Tests of the kiosk tables: enrolment codes, certificates, the identity version that other
// processes move, PIN counters, the security log with the runs of unknown cards, the box's own messages.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;

#include "store/community.hpp"
#include "store/kiosk_pins.hpp"
#include "store/kiosks.hpp"
#include "store/security_log.hpp"
#include "store/system_messages.hpp"
#include "migrated_db.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {
constexpr const char* now = "2026-11-24T05:00:00.000Z";
constexpr const char* later = "2026-11-24T05:30:00.000Z";
}  // namespace

TEST_CASE("a kiosk added with a device key is enrolled, found by the key's hash, and its name taken once only") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  auto k = insert_kiosk_with_device_key(*db, "entrance-1", "key-hash", now);
  REQUIRE(k);
  CHECK(k->name == "entrance-1");
  CHECK(k->has_device_key);
  CHECK(k->enrolled());
  CHECK(k->enrolled_at == std::optional<std::string>(now));
  CHECK(k->created_at == now);
  const auto found = ok(kiosk_by_device_key_hash(*db, "key-hash"));
  REQUIRE(found);
  CHECK(found->uuid == k->uuid);
  auto again = insert_kiosk_with_device_key(*db, "entrance-1", "other-hash", now);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == Errc::conflict);
  CHECK_FALSE(ok(kiosk_by_device_key_hash(*db, "other-hash")));
}

TEST_CASE("an enrolment code makes a kiosk, is replaced while waiting, and refused once enrolled") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  auto k = put_enrolment_code(*db, "hall-1", domain::KioskMode::hall, "hash-1", later, now);
  REQUIRE(k);
  CHECK(k->name == "hall-1");
  CHECK(k->mode == domain::KioskMode::hall);
  CHECK_FALSE(k->enrolled());
  CHECK(k->code_expires_at == std::optional<std::string>(later));
  CHECK(ok(kiosk_by_code_hash(*db, "hash-1")));

  // A new code for the waiting name replaces the old one, keeps the kiosk.
  auto again = put_enrolment_code(*db, "hall-1", domain::KioskMode::entrance, "hash-2", later, now);
  REQUIRE(again);
  CHECK(again->uuid == k->uuid);
  CHECK(again->mode == domain::KioskMode::entrance);
  CHECK_FALSE(ok(kiosk_by_code_hash(*db, "hash-1")));
  CHECK(ok(kiosk_by_code_hash(*db, "hash-2")));

  REQUIRE(set_kiosk_certificate(*db, k->id, "ab12", now));
  auto enrolled = ok(kiosk_by_fingerprint(*db, "ab12"));
  REQUIRE(enrolled);
  CHECK(enrolled->enrolled());
  CHECK(enrolled->enrolled_at == std::optional<std::string>(now));
  CHECK_FALSE(enrolled->code_expires_at);
  CHECK_FALSE(ok(kiosk_by_code_hash(*db, "hash-2")));  // a code works once

  auto refused = put_enrolment_code(*db, "hall-1", domain::KioskMode::hall, "hash-3", later, now);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == Errc::conflict);
  CHECK(refused.error().message.find("revoke it first") != std::string::npos);

  // Revoked, the name may be enrolled again; the old certificate is forgotten.
  REQUIRE(revoke_kiosk(*db, k->id, later));
  CHECK(ok(kiosk_by_fingerprint(*db, "ab12"))->revoked);
  auto fresh = put_enrolment_code(*db, "hall-1", domain::KioskMode::hall, "hash-4", later, later);
  REQUIRE(fresh);
  CHECK_FALSE(fresh->revoked);
  CHECK_FALSE(fresh->cert_fingerprint);
  CHECK_FALSE(ok(kiosk_by_fingerprint(*db, "ab12")));
}

TEST_CASE("the kiosk version moves with identities, from any connection, but not when a kiosk is seen") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  auto k = put_enrolment_code(*db, "entrance-1", domain::KioskMode::entrance, "h", later, now);
  REQUIRE(k);
  REQUIRE(set_kiosk_certificate(*db, k->id, "fp", now));
  const auto before = ok(kiosk_version(*db));
  REQUIRE(touch_kiosk(*db, k->id, later));
  CHECK(ok(kiosk_version(*db)) == before);
  CHECK(ok(kiosk_by_fingerprint(*db, "fp"))->last_seen_at == std::optional<std::string>(later));
  {
    // Another process — classbookctl kiosk revoke — on its own connection.
    auto other = Db::open(dir.file("s.db"), Db::Mode::read_write);
    REQUIRE(other);
    REQUIRE(revoke_kiosk(**other, k->id, later));
  }
  CHECK(ok(kiosk_version(*db)) > before);
  CHECK(ok(kiosk_by_fingerprint(*db, "fp"))->revoked);
}

TEST_CASE("PIN rows keep their count and lock until the PIN is set again") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec("INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А');"
                   "INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p1', 'А', 'Аня', 1);"));
  CHECK_FALSE(*find_kiosk_pin(*db, 1));
  REQUIRE(put_kiosk_pin(*db, 1, "hash", 7, now));
  REQUIRE(set_kiosk_pin_counter(*db, 1, 0, std::optional<std::string>(later), 0));
  auto p = *find_kiosk_pin(*db, 1);
  REQUIRE(p);
  CHECK(p->locked_until == std::optional<std::string>(later));
  REQUIRE(put_kiosk_pin(*db, 1, "hash2", 7, now));
  p = *find_kiosk_pin(*db, 1);
  CHECK(p->pin_hash == "hash2");
  CHECK(p->failures == 0);
  CHECK_FALSE(p->locked_until);
  CHECK(*delete_kiosk_pin(*db, 1));
  CHECK_FALSE(*delete_kiosk_pin(*db, 1));
}

TEST_CASE("security events come back by time with their kiosk and pupil, and kiosks keep their run of unknown cards") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec("INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А');"
                   "INSERT INTO students(id, uuid, last_name, first_name, class_id, card) VALUES (1, 'p1', 'Петрова', 'Анна', 1, 'AA');"
                   "INSERT INTO kiosks(id, uuid, name, created_at) VALUES (3, 'k3', 'entrance-1', '');"));
  REQUIRE(insert_security_event(*db, {"2026-11-24T05:00:30.000Z", "unknown_cards", 3, "DD", std::nullopt, "three"}));
  REQUIRE(insert_security_event(*db, {"2026-11-24T05:00:00.000Z", "two_entrances", 3, "AA", 1, "two"}));
  REQUIRE(insert_security_event(*db, {"2026-11-25T05:00:00.000Z", "two_entrances", 3, "AA", 1, "next day"}));
  auto events = ok(security_events_between(*db, "2026-11-24T00:00:00.000Z", "2026-11-24T23:59:59.999Z", 100));
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == "two_entrances");  // oldest first
  CHECK(events[0].kiosk == "entrance-1");
  CHECK(events[0].student_uuid == std::optional<std::string>("p1"));
  CHECK(events[0].student_name == "Анна Петрова");
  CHECK(events[0].class_name == "5А");
  CHECK_FALSE(events[1].student_uuid);

  CHECK(ok(unknown_run(*db, 3)) == 0);
  REQUIRE(set_unknown_run(*db, 3, 2));
  REQUIRE(set_unknown_run(*db, 4, 1));
  REQUIRE(set_unknown_run(*db, 3, 3));
  CHECK(ok(unknown_run(*db, 3)) == 3);
  CHECK(ok(unknown_run(*db, 4)) == 1);
}

TEST_CASE("the box's sender is made once, writes to the class teacher, once per pupil, kind and day") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec(R"SQL(
    INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
    INSERT INTO classes(id, uuid, name, grade, letter, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', 1), (2, 'c2', '6Б', 6, 'Б', NULL);
    INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
      (1, 'u1', 'teacher', '', 'teacher', 1, 'Мария Иванова', '');
  )SQL"));
  auto sender = system_user(*db, now);
  REQUIRE(sender);
  CHECK(*system_user(*db, later) == *sender);
  auto& q = db->prepare("SELECT disabled, role FROM users WHERE id=?");
  q.bind(1, *sender);
  REQUIRE(q.next().value());
  CHECK(q.i32(0) == 1);
  CHECK(q.text(1) == "kiosk");
  REQUIRE(q.run());

  CHECK(ok(class_teacher_user(*db, 1)) == std::optional<Id>(1));
  CHECK_FALSE(ok(class_teacher_user(*db, 2)));
  auto thread = system_thread(*db, *sender, 1, "Сигналы", now);
  REQUIRE(thread);
  CHECK(*system_thread(*db, *sender, 1, "Сигналы", later) == *thread);
  CHECK(*system_thread(*db, *sender, 1, "Другое", later) != *thread);
  CHECK(ok(is_thread_member(*db, thread->id, 1)));
  auto found = thread_by_uuid(*db, thread->uuid);  // the public id is the thread's own
  REQUIRE(found);
  REQUIRE(*found);
  CHECK((*found)->id == thread->id);

  CHECK(*first_notice_of_day(*db, 5, "two_entrances", "2026-11-24"));
  CHECK_FALSE(*first_notice_of_day(*db, 5, "two_entrances", "2026-11-24"));
  CHECK(*first_notice_of_day(*db, 5, "already_inside", "2026-11-24"));
  CHECK(*first_notice_of_day(*db, 5, "two_entrances", "2026-11-25"));
}
