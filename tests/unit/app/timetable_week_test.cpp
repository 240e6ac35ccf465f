// Replacing a class's week against the per-date changes already made: refused with the stale ones
// listed and nothing written, or, when asked, the week replaced and the stale changes deleted in the
// same transaction with their audit and outbox rows. Real writer and readers on a real SQLite file.
#include <catch2/catch.hpp>

#include "app/timetable_admin.hpp"
#include "kiosk_school.hpp"
#include "store/timetable_admin.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

constexpr const char* class_uuid = "00000000-0000-4000-8000-0000000000d1";
constexpr const char* maths = "00000000-0000-4000-8000-0000000000b1";
constexpr const char* ivanova = "00000000-0000-4000-8000-0000000000e1";
constexpr const char* past_cancel = "00000000-0000-4000-8000-0000000000f1";    // 2026-11-17, lesson 2
constexpr const char* future_cancel = "00000000-0000-4000-8000-0000000000f2";  // 2026-12-01, lesson 2
constexpr const char* future_room = "00000000-0000-4000-8000-0000000000f3";    // 2026-12-01, lesson 1

// KioskSchool (today Tuesday 2026-11-24) with maths by Иванова in 5А on Tuesdays, lessons 1 and 2,
// and three changes: a past cancellation of lesson 2, a coming one, and a coming room change of lesson 1.
struct WeekSchool : KioskSchool {
  domain::Actor secretary;
  WeekSchool() {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec(R"SQL(
      UPDATE classes SET uuid = '00000000-0000-4000-8000-0000000000d1' WHERE id = 1;
      UPDATE teachers SET uuid = '00000000-0000-4000-8000-0000000000e1' WHERE id = 1;
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, '00000000-0000-4000-8000-0000000000b1', 'Математика', 'Мат');
      INSERT INTO teaching(class_id, subject_id, teacher_id) VALUES (1, 1, 1);
      INSERT INTO rooms(id, name) VALUES (1, '215');
      INSERT INTO timetable(class_id, weekday, period, group_no, subject_id, teacher_id) VALUES (1, 2, 1, 0, 1, 1), (1, 2, 2, 0, 1, 1);
      INSERT INTO timetable_changes(uuid, date, class_id, period, group_no, kind, room_id, note) VALUES
        ('00000000-0000-4000-8000-0000000000f1', '2026-11-17', 1, 2, 0, 'cancelled', NULL, ''),
        ('00000000-0000-4000-8000-0000000000f2', '2026-12-01', 1, 2, 0, 'cancelled', NULL, ''),
        ('00000000-0000-4000-8000-0000000000f3', '2026-12-01', 1, 1, 0, 'room', 1, '');
    )SQL"));
    REQUIRE(store::put_bell_variant(**db, domain::default_bell_schedule()));
    for (int d = 1; d <= 5; ++d) REQUIRE(store::set_weekday_bells(**db, d, std::string("основное")));
    secretary.role = domain::Role::secretary;
    secretary.user_id = 30;
  }

  Result<app::TimetablePutView> put(std::vector<app::SlotInput> week, bool drop) {
    return wait_for<app::TimetablePutView>(
        [&](auto done) { app::put_class_timetable(*ctx, secretary, class_uuid, std::move(week), drop, done); });
  }
  std::int64_t changes(const std::string& uuid) {
    return count("SELECT count(*) FROM timetable_changes WHERE uuid='" + uuid + "'");
  }
};

// Tuesday lesson 1 only: lesson 2, which the coming cancellation names, is gone.
std::vector<app::SlotInput> lesson_one_only() { return {{2, 1, 0, maths, ivanova, std::nullopt}}; }

}  // namespace

TEST_CASE("a new week that leaves coming changes stale is refused with them listed, and nothing is written") {
  WeekSchool s;
  const auto audit = s.count("SELECT count(*) FROM audit");
  const auto outbox = s.count("SELECT count(*) FROM outbox");
  auto r = s.put(lesson_one_only(), false);
  REQUIRE(r);
  REQUIRE(r->refused);
  CHECK(r->refused->code == Errc::conflict);
  CHECK(r->refused->message.find("1 change of the days from today on does not fit the new timetable") == 0);
  CHECK(r->refused->message.find("drop_stale_changes=true") != std::string::npos);
  CHECK(r->stale_count == 1);
  REQUIRE(r->stale.size() == 1);
  CHECK(r->stale[0].change.uuid == future_cancel);  // not the past one, not the room change that still fits
  CHECK(r->stale[0].reason.find("5А has no lesson 2 on Tuesdays") == 0);
  CHECK(s.count("SELECT count(*) FROM timetable WHERE class_id=1") == 2);
  CHECK(s.changes(future_cancel) == 1);
  CHECK(s.count("SELECT count(*) FROM audit") == audit);
  CHECK(s.count("SELECT count(*) FROM outbox") == outbox);
}

TEST_CASE("with drop_stale_changes the week is replaced and the stale changes deleted, audited and in the outbox") {
  WeekSchool s;
  const auto audit = s.count("SELECT count(*) FROM audit");
  auto r = s.put(lesson_one_only(), true);
  REQUIRE(r);
  CHECK_FALSE(r->refused);
  CHECK(r->stale_count == 1);
  REQUIRE(r->stale.size() == 1);
  CHECK(r->stale[0].change.uuid == future_cancel);
  CHECK(r->timetable.lessons.size() == 1);
  CHECK(s.count("SELECT count(*) FROM timetable WHERE class_id=1") == 1);
  CHECK(s.changes(future_cancel) == 0);
  CHECK(s.changes(past_cancel) == 1);  // the past is history, whatever the week is now
  CHECK(s.changes(future_room) == 1);
  CHECK(s.count("SELECT count(*) FROM audit") == audit + 2);
  CHECK(s.count(std::string("SELECT count(*) FROM audit WHERE entity='timetable_change' AND action='delete' AND uuid='") +
                future_cancel + "'") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='timetable' AND action='update'") == 1);
  CHECK(s.count(std::string("SELECT count(*) FROM outbox WHERE entity='timetable_change' AND op='delete' AND uuid='") +
                future_cancel + "'") == 1);
  CHECK(s.count("SELECT count(*) FROM outbox WHERE entity='timetable' AND op='upsert'") == 1);
}

TEST_CASE("a new week every coming change fits is written at once, with nothing dropped") {
  WeekSchool s;
  std::vector<app::SlotInput> week{{2, 1, 0, maths, ivanova, std::string("215")}, {2, 2, 0, maths, ivanova, std::nullopt},
                                   {3, 1, 0, maths, ivanova, std::nullopt}};
  auto r = s.put(week, false);
  REQUIRE(r);
  CHECK_FALSE(r->refused);
  CHECK(r->stale_count == 0);
  CHECK(r->stale.empty());
  CHECK(s.count("SELECT count(*) FROM timetable WHERE class_id=1") == 3);
  CHECK(s.count("SELECT count(*) FROM timetable_changes") == 3);
}

TEST_CASE("a new week whose stale check cannot read answers unavailable and writes nothing") {
  WeekSchool s;
  const auto audit = s.count("SELECT count(*) FROM audit");
  struct Off {
    ~Off() { store::faults::off(); }
  } guard;
  bool failed_somewhere = false;
  for (long n = 1; n <= 400; ++n) {
    store::faults::fail_from(n);
    auto r = s.put(lesson_one_only(), true);
    store::faults::off();
    if (r) break;
    INFO("failing from operation " << n << ": " << r.error().message);
    CHECK(r.error().code == Errc::unavailable);
    CHECK(s.count("SELECT count(*) FROM audit") == audit);
    CHECK(s.changes(future_cancel) == 1);
    failed_somewhere = true;
  }
  CHECK(failed_somewhere);
  CHECK(s.changes(future_cancel) == 0);
  CHECK(s.count("SELECT count(*) FROM audit") == audit + 2);
}
