// Tests of the class-week cache: an entry is served only at the version it was read at.
#include <catch2/catch.hpp>

#include "app/class_week_cache.hpp"

using namespace classbook;
using namespace classbook::app;

namespace {
const domain::Date monday{std::chrono::year{2026}, std::chrono::November, std::chrono::day{23}};
const domain::Date next_monday{std::chrono::year{2026}, std::chrono::November, std::chrono::day{30}};

std::shared_ptr<ClassWeek> week_at(std::int64_t version, const char* topic) {
  auto w = std::make_shared<ClassWeek>();
  w->version = version;
  w->lessons.push_back({});
  w->lessons.back().topic = topic;
  return w;
}
}  // namespace

TEST_CASE("a class week is served only for its class, its Monday and the version it was read at") {
  ClassWeekCache cache;
  CHECK(cache.find(1, monday, 5) == nullptr);
  cache.keep(1, monday, week_at(5, "Дроби"));
  REQUIRE(cache.find(1, monday, 5) != nullptr);
  CHECK(cache.find(1, monday, 5)->lessons.front().topic == "Дроби");
  CHECK(cache.find(1, monday, 6) == nullptr);  // changed since: read again
  CHECK(cache.find(2, monday, 5) == nullptr);
  CHECK(cache.find(1, next_monday, 5) == nullptr);
  CHECK(cache.hits() == 2);
  CHECK(cache.misses() == 4);
}

TEST_CASE("a reader on an older snapshot does not replace a newer week") {
  ClassWeekCache cache;
  cache.keep(1, monday, week_at(7, "новая"));
  cache.keep(1, monday, week_at(6, "старая"));
  REQUIRE(cache.find(1, monday, 7) != nullptr);
  CHECK(cache.find(1, monday, 7)->lessons.front().topic == "новая");
  cache.keep(1, monday, week_at(8, "новейшая"));
  CHECK(cache.find(1, monday, 8)->lessons.front().topic == "новейшая");
}

TEST_CASE("a full cache forgets and keeps going, never holding more than its capacity") {
  ClassWeekCache cache(3);
  for (rows::Id c = 1; c <= 3; ++c) cache.keep(c, monday, week_at(1, "x"));
  for (rows::Id c = 1; c <= 3; ++c) CHECK(cache.find(c, monday, 1) != nullptr);
  cache.keep(4, monday, week_at(1, "y"));
  CHECK(cache.find(4, monday, 1) != nullptr);
  int kept = 0;
  for (rows::Id c = 1; c <= 3; ++c) kept += cache.find(c, monday, 1) != nullptr;
  CHECK(kept == 0);
  cache.keep(4, monday, week_at(2, "z"));  // replacing an entry never clears the others
  CHECK(cache.find(4, monday, 2) != nullptr);
}
