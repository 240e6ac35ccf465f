// kiosk_school: a small school on a real SQLite file with the real writer and readers, a fake clock
// and the box's own CA — what the kiosk use cases run against in unit tests.
#pragma once

#include <catch2/catch.hpp>

#include <future>
#include <memory>

#include "app/context.hpp"
#include "app/kiosk_diary.hpp"
#include "app/kiosks.hpp"
#include "classbook/common/pki.hpp"
#include "store/db.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"
#include "store/writer.hpp"
#include "temp_dir.hpp"

namespace classbook::test {

inline TimePoint utc(const char* text) {
  TimePoint t;
  REQUIRE(parse_utc(text, t));
  return t;
}

// Waits for a use case's reply, wherever it comes from.
template <class T, class Start>
Result<T> wait_for(Start start) {
  std::promise<Result<T>> p;
  auto f = p.get_future();
  start([&p](Result<T> r) { p.set_value(std::move(r)); });
  return f.get();
}

// The school's secretary (the office's use cases check the role; account 30 stands in).
inline domain::Actor secretary() {
  domain::Actor a;
  a.role = domain::Role::secretary;
  a.user_id = 30;
  return a;
}

// Class 5А (class teacher: teacher 1, account 10) with pupils Анна (card AA01) and Борис (card BB02);
// guardian 1 (account 20) is Анна's. Tuesday 2026-11-24, 08:00 in Moscow.
struct KioskSchool {
  TempDir dir;
  FakeClock clock{utc("2026-11-24T05:00:00Z")};
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<store::ReaderPool> readers;
  std::unique_ptr<app::Context> ctx;
  std::unique_ptr<app::Kiosks> kiosks;
  KeyAndCert ca;
  domain::Actor admin, director, anna, guardian;

  KioskSchool() {
    const auto path = dir.file("s.db");
    {
      auto db = store::Db::open(path, store::Db::Mode::read_write_create);
      REQUIRE(db);
      REQUIRE(store::migrate(**db));
      REQUIRE((*db)->exec(R"SQL(
        INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
        INSERT INTO classes(id, uuid, name, grade, letter, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', 1);
        INSERT INTO students(id, uuid, last_name, first_name, class_id, card) VALUES
          (1, '00000000-0000-4000-8000-000000000001', 'Петрова', 'Анна', 1, 'AA01'),
          (2, '00000000-0000-4000-8000-000000000002', 'Смирнов', 'Борис', 1, 'BB02');
        INSERT INTO guardians(id, uuid, last_name, first_name) VALUES (1, 'g1', 'Петрова', 'Ольга');
        INSERT INTO student_guardians(student_id, guardian_id) VALUES (1, 1);
        INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
          (10, 'u10', 'teacher', '', 'teacher', 1, 'Мария Иванова', ''),
          (20, 'u20', 'guardian', '', 'guardian', 1, 'Ольга Петрова', ''),
          (30, 'u30', 'admin', '', 'admin', NULL, 'Админ', '');
      )SQL"));
    }
    auto w = store::Writer::start(path, clock);
    REQUIRE(w);
    writer = std::move(*w);
    auto r = store::ReaderPool::open(path, 4);
    REQUIRE(r);
    readers = std::move(*r);
    ctx = std::make_unique<app::Context>(app::Context{*writer, *readers, clock, store::SchoolSettings{}});
    auto made = make_ca("Test school CA", 365);
    REQUIRE(made);
    ca = *made;
    kiosks = std::make_unique<app::Kiosks>(*ctx, ca);
    admin.role = domain::Role::admin;
    admin.user_id = 30;
    director.role = domain::Role::director;
    anna.role = domain::Role::student;
    anna.person_id = 1;
    guardian.role = domain::Role::guardian;
    guardian.person_id = 1;
    guardian.user_id = 20;
    guardian.children = {1};
  }
  ~KioskSchool() { writer->stop(); }

  std::int64_t count(const std::string& sql) {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_only);
    REQUIRE(db);
    auto& q = (*db)->prepare(sql);
    REQUIRE(q.next().value());
    const auto n = q.i64(0);
    REQUIRE(q.run());
    return n;
  }

  // A code from the admin, used at once by a kiosk that made its own key: the kiosk's identity.
  app::KioskIdentity enrolled(const std::string& name, domain::KioskMode mode) {
    auto code = wait_for<app::IssuedCode>([&](auto done) { kiosks->make_code(admin, name, mode, done); });
    REQUIRE(code);
    std::string key;
    auto csr = make_key_and_csr("whatever the kiosk asks", key);
    REQUIRE(csr);
    auto e = wait_for<app::Enrolled>([&](auto done) { kiosks->enrol("10.0.0.5", code->code, *csr, done); });
    REQUIRE(e);
    auto fp = certificate_fingerprint_sha256(e->certificate);
    REQUIRE(fp);
    auto id = kiosks->by_certificate(*fp);
    REQUIRE(id);
    return *id;
  }
};

}  // namespace classbook::test
