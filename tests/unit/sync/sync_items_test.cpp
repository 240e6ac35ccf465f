// The mapping of each outbox kind to its batch item (docs/sync-protocol.md), from the payloads the
// use cases really write (app/writes.cpp, grading.cpp, taps.cpp, store/timetable_admin.cpp).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "sync/journal_items.hpp"

using namespace classbook;
using namespace classbook::sync;
namespace json = boost::json;

namespace {
constexpr const char* L = "11111111-1111-4111-8111-111111111111";
constexpr const char* S = "22222222-2222-4222-8222-222222222222";
constexpr const char* M = "33333333-3333-4333-8333-333333333333";

json::object item_of(std::string entity, std::string uuid, std::string op, std::string payload) {
  store::OutboxRow row{42, std::move(entity), std::move(uuid), std::move(op), std::move(payload), "2026-11-30T09:15:00.000Z"};
  auto item = journal_item(row, "2026-12-07T22:00:00.000Z");
  REQUIRE(item);
  REQUIRE(*item);
  auto v = json::parse((*item)->json).as_object();
  CHECK(v.at("seq").as_int64() == 42);
  CHECK(json::value_to<std::string>(v.at("sourcedId")) == (*item)->sourced_id);
  return v;
}
std::string s(const json::value& v) { return json::value_to<std::string>(v); }
}  // namespace

TEST_CASE("sync item: a mark is a OneRoster result of the lesson's line item for its work type") {
  auto v = item_of("mark", M, "upsert",
                   json::serialize(json::object{{"id", M}, {"student", S}, {"lesson", L}, {"value", 4}, {"work_type", "test"},
                                                {"weight", 3}, {"comment", "устно"}}));
  CHECK(s(v.at("kind")) == "result");
  CHECK(s(v.at("op")) == "upsert");
  const auto& o = v.at("object").as_object();
  CHECK(s(o.at("sourcedId")) == M);
  CHECK(s(o.at("status")) == "active");
  CHECK(s(o.at("dateLastModified")) == "2026-11-30T09:15:00.000Z");
  CHECK(s(o.at("lineItem").at("sourcedId")) == std::string(L) + "~test");
  CHECK(s(o.at("lineItem").at("type")) == "lineItem");
  CHECK(s(o.at("student").at("sourcedId")) == S);
  CHECK(s(o.at("student").at("type")) == "user");
  CHECK(o.at("score").as_int64() == 4);  // a whole mark stays a JSON integer
  CHECK(s(o.at("scoreStatus")) == "fully graded");
  CHECK(s(o.at("comment")) == "устно");
  CHECK(s(o.at("metadata").at("category").at("sourcedId")) == "wt-test");
}

TEST_CASE("sync item: a deleted mark is a result delete without an object") {
  auto v = item_of("mark", M, "delete", json::serialize(json::object{{"id", M}}));
  CHECK(s(v.at("kind")) == "result");
  CHECK(s(v.at("op")) == "delete");
  CHECK(s(v.at("sourcedId")) == M);
  CHECK_FALSE(v.contains("object"));
}

TEST_CASE("sync item: attendance, keyed lesson~pupil") {
  auto v = item_of("attendance", std::string(L) + "/" + S, "upsert",
                   json::serialize(json::object{{"lesson", L}, {"student", S}, {"presence", "absent_excused"}, {"late_minutes", 0}}));
  CHECK(s(v.at("kind")) == "attendance");
  CHECK(s(v.at("sourcedId")) == std::string(L) + "~" + S);
  CHECK(s(v.at("object").at("presence")) == "absent_excused");
  CHECK(v.at("object").at("lateMinutes").as_int64() == 0);
}

TEST_CASE("sync item: a lesson of the timetable, and a lesson's content as homework") {
  auto lesson = item_of("lesson", L, "upsert",
                        R"({"id":")" + std::string(L) + R"(","date":"2026-11-30","period":2,"class":"c1","group":0,"subject":"s1","teacher":"t1","room":"204","cancelled":false})");
  CHECK(s(lesson.at("kind")) == "lesson");
  CHECK(s(lesson.at("object").at("class").at("sourcedId")) == "c1~s1");
  CHECK(s(lesson.at("object").at("teacher").at("sourcedId")) == "t1");
  CHECK(lesson.at("object").at("period").as_int64() == 2);
  auto hw = item_of("lesson", L, "upsert",
                    R"({"id":")" + std::string(L) + R"(","topic":"Дроби","homework":[{"id":"h1","text":"№ 5, 6","mandatory":true,"due_date":"2026-12-02"}]})");
  CHECK(s(hw.at("kind")) == "homework");
  CHECK(s(hw.at("sourcedId")) == L);
  CHECK(s(hw.at("object").at("topic")) == "Дроби");
  const auto& a = hw.at("object").at("assignments").as_array();
  REQUIRE(a.size() == 1);
  CHECK(s(a[0].at("sourcedId")) == "h1");
  CHECK(s(a[0].at("description")) == "№ 5, 6");
  CHECK(s(a[0].at("dueDate")) == "2026-12-02");
  auto gone = item_of("lesson", L, "delete", R"({"id":")" + std::string(L) + R"(","date":"2026-11-30"})");
  CHECK(s(gone.at("kind")) == "lesson");
  CHECK(s(gone.at("op")) == "delete");
}

TEST_CASE("sync item: term grade, tap, absence notice and acknowledgement") {
  auto g = item_of("term_grade", M, "upsert", R"({"student":"p1","subject":"s1","term":2,"grade":5,"proposed":4})");
  CHECK(s(g.at("kind")) == "termGrade");
  CHECK(g.at("object").at("grade").as_int64() == 5);
  CHECK(g.at("object").at("proposedGrade").as_int64() == 4);
  CHECK(s(g.at("object").at("subject").at("sourcedId")) == "s1");
  auto t = item_of("tap", "tap-1", "create", R"({"tap_id":"tap-1","student":"p1","direction":"in","at":"2026-11-30T07:50:00Z","reader":"gate"})");
  CHECK(s(t.at("kind")) == "tap");
  CHECK(s(t.at("op")) == "upsert");
  CHECK(s(t.at("object").at("tappedAt")) == "2026-11-30T07:50:00Z");
  auto n = item_of("absence_notice", M, "create", R"({"student":"p1","from":"2026-12-01","to":"2026-12-02","reason":"illness","comment":""})");
  CHECK(s(n.at("kind")) == "absenceNotice");
  CHECK(s(n.at("object").at("startDate")) == "2026-12-01");
  CHECK(s(n.at("object").at("reason")) == "illness");
  auto k = item_of("acknowledgement", "2026-W49/17", "upsert", R"({"student":"p1","week":"2026-W49","content_hash":"ab","at":"2026-12-05T18:00:00Z"})");
  CHECK(s(k.at("kind")) == "acknowledgement");
  CHECK(s(k.at("sourcedId")) == "p1~2026-W49");  // the pupil's uuid, never the box's row id
  CHECK(s(k.at("object").at("contentHash")) == "ab");
}

TEST_CASE("sync item: the roster and the timetable are the portal's, and a broken payload is refused") {
  for (const char* entity : {"student", "class", "student_guardian", "teaching", "timetable", "room", "bell_schedule"}) {
    auto item = journal_item({7, entity, "x", "upsert", "{}", ""}, "2026-12-07T22:00:00Z");
    REQUIRE(item);
    CHECK_FALSE(*item);
  }
  auto broken = journal_item({8, "mark", M, "upsert", R"({"id":"m"})", ""}, "2026-12-07T22:00:00Z");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().id == ErrorCode("sync.item_unmappable"));
  CHECK(broken.error().message.find("outbox row 8") != std::string::npos);
  CHECK_FALSE(journal_item({9, "mark", M, "upsert", "not json", ""}, "x"));
}
