// Tests of the domain's notice rules: which mark is low, which absence counts, the digest's day and
// time, the threshold on the school's scale, and the digest's assembly.
#include <catch2/catch.hpp>

#include "domain/notice_mail.hpp"

using namespace classbook::domain;

namespace {
Date d(const char* text) { return *parse_date(text); }
}  // namespace

TEST_CASE("a mark notifies only below the guardian's threshold, as they chose") {
  NoticePreferences p;
  CHECK(delivery_for_mark(p, 1) == Delivery::off);  // nothing until chosen
  p.low_mark = Delivery::immediate;
  CHECK(delivery_for_mark(p, 2) == Delivery::immediate);
  CHECK(delivery_for_mark(p, 3) == Delivery::off);  // "below 3": a 3 is not
  p.mark_below = 4;
  p.low_mark = Delivery::digest;
  CHECK(delivery_for_mark(p, 3) == Delivery::digest);
  CHECK(delivery_for_mark(p, 4) == Delivery::off);
}

TEST_CASE("the threshold lies on the school's scale, with marks on both sides") {
  CHECK_FALSE(check_mark_below(3, MarkScale::five_point()));
  CHECK_FALSE(check_mark_below(5, MarkScale::five_point()));
  CHECK(check_mark_below(1, MarkScale::five_point()));
  CHECK(check_mark_below(6, MarkScale::five_point()));
  CHECK_FALSE(check_mark_below(8, MarkScale::ten_point()));
  CHECK(check_mark_below(11, MarkScale::ten_point()));
}

TEST_CASE("only an absence at the first lesson of the day counts") {
  CHECK(is_first_lesson_absence(true, 1, 1));
  CHECK(is_first_lesson_absence(true, 2, 2));  // the day starts with the second period
  CHECK_FALSE(is_first_lesson_absence(true, 3, 1));
  CHECK_FALSE(is_first_lesson_absence(false, 1, 1));
}

TEST_CASE("a digest notice goes in today's digest before the digest time, else tomorrow's") {
  const int six_pm = 18 * 60;
  CHECK(digest_day_for(d("2026-12-07"), 9 * 60, six_pm) == d("2026-12-07"));
  CHECK(digest_day_for(d("2026-12-07"), six_pm, six_pm) == d("2026-12-08"));
  CHECK(digest_day_for(d("2026-12-31"), 23 * 60, six_pm) == d("2027-01-01"));
  CHECK_FALSE(digest_due(d("2026-12-07"), d("2026-12-07"), six_pm - 1, six_pm));
  CHECK(digest_due(d("2026-12-07"), d("2026-12-07"), six_pm, six_pm));
  CHECK(digest_due(d("2026-12-06"), d("2026-12-07"), 0, six_pm));  // the box was off at 18:00 yesterday
  CHECK_FALSE(digest_due(d("2026-12-08"), d("2026-12-07"), 23 * 60, six_pm));
}

TEST_CASE("kinds and deliveries read back from their names") {
  for (auto k : {NoticeKind::absence, NoticeKind::low_mark, NoticeKind::teacher_message})
    CHECK(parse_notice_kind(to_string(k)) == k);
  for (auto v : {Delivery::off, Delivery::immediate, Delivery::digest}) CHECK(parse_delivery(to_string(v)) == v);
  CHECK_FALSE(parse_delivery("weekly"));
  NoticePreferences p;
  p.teacher_message = Delivery::digest;
  CHECK(p.of(NoticeKind::teacher_message) == Delivery::digest);
  CHECK(p.of(NoticeKind::absence) == Delivery::off);
}

TEST_CASE("a digest lists each notice once, without their greetings and footers") {
  const auto a = absence_text("Анна Петрова", "5А", d("2026-12-07"), 1, "Математика", "Школа № 5");
  const auto m = low_mark_text("Анна Петрова", 2, "Физика", "Контрольная", d("2026-12-07"), "Иванова М. И.", "Школа № 5");
  CHECK_THAT(a.subject, Catch::Contains("Анна Петрова") && Catch::Contains("7 декабря 2026"));
  CHECK_THAT(m.body, Catch::Contains("2026-12-07") && Catch::Contains("Физика"));
  const auto digest = digest_text(d("2026-12-07"), {a, m}, "Школа № 5");
  CHECK_THAT(digest.subject, Catch::Contains("7 декабря 2026"));
  CHECK_THAT(digest.body, Catch::Contains("1. " + a.subject) && Catch::Contains("2. " + m.subject));
  auto count = [](const std::string& s, const std::string& what) {
    int n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count(digest.body, "Здравствуйте!") == 1);
  CHECK(count(digest.body, "\n--\n") == 1);
}

TEST_CASE("a long teacher's message is cut to an excerpt on a character boundary") {
  std::string body;
  for (int i = 0; i < 600; ++i) body += "ж";
  const auto t = teacher_message_text("Мария Иванова", "Экскурсия", body, "Школа");
  CHECK_THAT(t.body, Catch::Contains(std::string("ж…")));
  CHECK(t.body.find(body) == std::string::npos);
}
