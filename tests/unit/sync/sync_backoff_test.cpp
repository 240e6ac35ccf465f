// The back-off: exponential ceilings from 1 s to 10 min, full jitter inside them, Retry-After when longer.
#include <catch2/catch.hpp>

#include <random>

#include "sync/backoff.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace std::chrono;

TEST_CASE("sync back-off grows from 1 s to 10 min with every wait inside its ceiling") {
  std::mt19937_64 rng(7);
  Backoff b([&] { return rng(); });
  std::vector<milliseconds> ceilings;
  for (int i = 0; i < 14; ++i) {
    const auto top = b.ceiling();
    ceilings.push_back(top);
    const auto w = b.next();
    CHECK(w >= 0ms);
    CHECK(w <= top);
  }
  CHECK(ceilings[0] == 1000ms);
  CHECK(ceilings[1] == 2000ms);
  CHECK(ceilings[5] == 32000ms);
  CHECK(ceilings[13] == duration_cast<milliseconds>(minutes(10)));
  b.reset();
  CHECK(b.ceiling() == 1000ms);
}

TEST_CASE("sync back-off jitters: waits at one ceiling differ and spread over it") {
  std::mt19937_64 rng(11);
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 200; ++i) {
    Backoff b([&] { return rng(); });
    for (int k = 0; k < 6; ++k) (void)b.next();  // ceiling 64 s now
    waits.push_back(b.next().count());
  }
  const auto [lo, hi] = std::minmax_element(waits.begin(), waits.end());
  CHECK(*lo < 16000);
  CHECK(*hi > 48000);
  CHECK(*hi <= 64000);
}

TEST_CASE("sync back-off takes Retry-After when it is longer, and its own wait when that is") {
  Backoff b([] { return std::uint64_t{999}; });  // draws 999 ms under a 1 s ceiling
  CHECK(b.next(milliseconds(120000)) == 120000ms);
  Backoff c([] { return std::uint64_t{999}; });
  CHECK(c.next(milliseconds(10)) == 999ms);
  Backoff d([] { return std::uint64_t{0}; });
  CHECK(d.next(hours(100)) == duration_cast<milliseconds>(max_retry_after));
}

TEST_CASE("sync Retry-After is read as seconds or as an HTTP date") {
  TimePoint now{};
  REQUIRE(parse_utc("2026-12-07T22:00:00Z", now));
  CHECK(parse_retry_after("120", now) == milliseconds(120000));
  CHECK(parse_retry_after(" 0 ", now) == milliseconds(0));
  CHECK(parse_retry_after("Mon, 07 Dec 2026 22:01:30 GMT", now) == milliseconds(90000));
  CHECK(parse_retry_after("Mon, 07 Dec 2026 21:00:00 GMT", now) == milliseconds(0));  // already past
  CHECK_FALSE(parse_retry_after("soon", now));
  CHECK_FALSE(parse_retry_after("", now));
  CHECK_FALSE(parse_retry_after("Mon, 07 Dec 2026 22:01:30 CET", now));
}
