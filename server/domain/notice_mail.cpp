// notice_mail: see the header.
#include "domain/notice_mail.hpp"

namespace classbook::domain {
namespace {

// The first `max` characters of UTF-8 text (whole characters), with "…" when cut.
std::string excerpt(std::string_view text, std::size_t max) {
  std::size_t chars = 0, i = 0;
  while (i < text.size() && chars < max) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
    ++chars;
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "…";
}

std::string russian_date(Date d) {
  static constexpr const char* months[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                           "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  return std::to_string(static_cast<unsigned>(d.day())) + " " + months[static_cast<unsigned>(d.month()) - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

std::string footer(std::string_view school) {
  return "\n--\n" + std::string(school) +
         "\nЭто письмо отправлено электронным журналом автоматически; отвечать на него не нужно.\n"
         "Какие уведомления приходят на почту, можно изменить в настройках дневника.\n";
}

}  // namespace

const char* to_string(NoticeKind k) {
  switch (k) {
    case NoticeKind::absence: return "absence";
    case NoticeKind::low_mark: return "low_mark";
    case NoticeKind::teacher_message: return "teacher_message";
  }
  return "absence";
}

const char* to_string(Delivery d) {
  switch (d) {
    case Delivery::off: return "off";
    case Delivery::immediate: return "immediate";
    case Delivery::digest: return "digest";
  }
  return "off";
}

std::optional<NoticeKind> parse_notice_kind(std::string_view s) {
  for (auto k : {NoticeKind::absence, NoticeKind::low_mark, NoticeKind::teacher_message})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

std::optional<Delivery> parse_delivery(std::string_view s) {
  for (auto d : {Delivery::off, Delivery::immediate, Delivery::digest})
    if (s == to_string(d)) return d;
  return std::nullopt;
}

Delivery NoticePreferences::of(NoticeKind k) const {
  switch (k) {
    case NoticeKind::absence: return absence;
    case NoticeKind::low_mark: return low_mark;
    case NoticeKind::teacher_message: return teacher_message;
  }
  return Delivery::off;
}

std::optional<std::string> check_mark_below(int mark_below, MarkScale scale) {
  if (mark_below <= scale.min || mark_below > scale.max)
    return "mark_below is a mark of the school's scale from " + std::to_string(scale.min + 1) + " to " +
           std::to_string(scale.max) + ": marks strictly below it are told of";
  return std::nullopt;
}

Delivery delivery_for_mark(const NoticePreferences& p, int value) {
  return value < p.mark_below ? p.low_mark : Delivery::off;
}

bool is_first_lesson_absence(bool absent, int lesson_period, int first_period_of_day) {
  return absent && lesson_period == first_period_of_day;
}

Date digest_day_for(Date local_today, int local_minute, int digest_minute) {
  return local_minute < digest_minute ? local_today : add_days(local_today, 1);
}

bool digest_due(Date day, Date local_today, int local_minute, int digest_minute) {
  const auto d = std::chrono::sys_days(day), today = std::chrono::sys_days(local_today);
  return d < today || (d == today && local_minute >= digest_minute);
}

NoticeText absence_text(std::string_view pupil, std::string_view class_name, Date date, int period,
                        std::string_view subject, std::string_view school) {
  NoticeText t;
  t.subject = std::string(pupil) + " отсутствует на первом уроке " + russian_date(date);
  t.body = "Здравствуйте!\n\n" + std::string(pupil) + " (" + std::string(class_name) + ") отмечен(а) отсутствующим(ей) на " +
           std::to_string(period) + "-м уроке (" + std::string(subject) + ") " + russian_date(date) + " (" +
           format_date(date) + ").\n" + footer(school);
  return t;
}

NoticeText low_mark_text(std::string_view pupil, int value, std::string_view subject, std::string_view work_type,
                         Date date, std::string_view teacher, std::string_view school) {
  NoticeText t;
  t.subject = std::string(pupil) + ": оценка " + std::to_string(value) + " по предмету «" + std::string(subject) + "»";
  t.body = "Здравствуйте!\n\n" + std::string(pupil) + " получил(а) оценку " + std::to_string(value) + " по предмету «" +
           std::string(subject) + "» (" + std::string(work_type) + ") за урок " + russian_date(date) + " (" +
           format_date(date) + "). Учитель: " + std::string(teacher) + ".\n" + footer(school);
  return t;
}

NoticeText teacher_message_text(std::string_view teacher, std::string_view topic, std::string_view body,
                                std::string_view school) {
  NoticeText t;
  t.subject = "Сообщение от учителя: " + std::string(teacher);
  t.body = "Здравствуйте!\n\n" + std::string(teacher) + " написал(а) вам в электронном журнале" +
           (topic.empty() ? std::string() : " (тема: «" + std::string(topic) + "»)") + ":\n\n" +
           excerpt(body, max_notice_excerpt_chars) + "\n\nОтветить можно в дневнике, в разделе сообщений.\n" + footer(school);
  return t;
}

NoticeText digest_text(Date day, const std::vector<NoticeText>& items, std::string_view school) {
  NoticeText t;
  t.subject = "Электронный журнал: сводка за " + russian_date(day);
  t.body = "Здравствуйте!\n\nСводка уведомлений за " + russian_date(day) + " (" + std::to_string(items.size()) + "):\n";
  int n = 0;
  for (const auto& item : items) {
    std::string body = item.body;
    // Each notice's own greeting and footer are the digest's once, not once per item.
    if (body.starts_with("Здравствуйте!\n\n")) body.erase(0, std::string_view("Здравствуйте!\n\n").size());
    if (const auto f = body.find("\n--\n"); f != std::string::npos) body.erase(f);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    t.body += "\n" + std::to_string(++n) + ". " + item.subject + "\n" + body + "\n";
  }
  t.body += footer(school);
  return t;
}

}  // namespace classbook::domain
