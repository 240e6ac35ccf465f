// notice_mail: which school events a guardian hears of by e-mail, when, and in what words — the
// three kinds (an absence at the first lesson, a mark below the guardian's threshold, a message from
// a teacher), each off, immediate or in the day's digest. Pure: no clock, no store, no mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/marks.hpp"

namespace classbook::domain {

enum class NoticeKind { absence, low_mark, teacher_message };
enum class Delivery { off, immediate, digest };

const char* to_string(NoticeKind k);  // "absence", "low_mark", "teacher_message"
const char* to_string(Delivery d);    // "off", "immediate", "digest"
std::optional<NoticeKind> parse_notice_kind(std::string_view s);
std::optional<Delivery> parse_delivery(std::string_view s);

constexpr int default_mark_below = 3;                // on the five-point scale: a 2 or a 1 is told of
constexpr int default_digest_minute = 18 * 60;       // 18:00 school time
constexpr std::size_t max_digest_items = 200;        // one digest mail; the rest wait for the next
constexpr std::size_t max_notice_excerpt_chars = 500;  // of a teacher's message, in the mail

// What one guardian chose. Nobody is mailed until they choose (every kind starts off).
struct NoticePreferences {
  Delivery absence = Delivery::off;
  Delivery low_mark = Delivery::off;
  Delivery teacher_message = Delivery::off;
  int mark_below = default_mark_below;  // a mark strictly below this is "low"
  Delivery of(NoticeKind k) const;
};

// The threshold must leave some mark below it and some not: min < mark_below <= max.
std::optional<std::string> check_mark_below(int mark_below, MarkScale scale);

// The delivery a mark of `value` gets: off unless the guardian wants low marks and it is below.
Delivery delivery_for_mark(const NoticePreferences& p, int value);
// An absence counts only at the pupil's first lesson of the day (a pupil who missed the first lesson
// is the worry; later ones are the diary's business). Lateness is not an absence.
bool is_first_lesson_absence(bool absent, int lesson_period, int first_period_of_day);

// The digest a notice of this local moment goes in: today's when before the digest time, else
// tomorrow's (today's has gone, or is going now).
Date digest_day_for(Date local_today, int local_minute, int digest_minute);
// Whether the digest of `day` is due at this local moment.
bool digest_due(Date day, Date local_today, int local_minute, int digest_minute);

// The words of one notice, in the school's language (Russian).
struct NoticeText {
  std::string subject;
  std::string body;
};
NoticeText absence_text(std::string_view pupil, std::string_view class_name, Date date, int period,
                        std::string_view subject, std::string_view school);
NoticeText low_mark_text(std::string_view pupil, int value, std::string_view subject, std::string_view work_type,
                         Date date, std::string_view teacher, std::string_view school);
NoticeText teacher_message_text(std::string_view teacher, std::string_view topic, std::string_view body,
                                std::string_view school);

// One digest mail for one guardian's day: the items in the order they happened.
NoticeText digest_text(Date day, const std::vector<NoticeText>& items, std::string_view school);

}  // namespace classbook::domain
