// extras: announcements, events and message threads written in the tone a school uses.
#include "demo/extras.hpp"

#include <algorithm>
#include <optional>

namespace classbook::demo {
namespace {

constexpr std::size_t classes_per_thread = 5;  // a week brings one teacher–parent thread per five classes
constexpr double weekly_announcement_share = 0.5;
constexpr int meeting_day_offset = 10;         // parents' meetings: Thursday of the second week
constexpr int meeting_minute = 18 * 60;

struct Notice {
  const char* title;
  const char* body;
};

constexpr Notice opening_notices[] = {
    {"Начало учебного года", "Уважаемые родители! Уроки начинаются в 08:30. Вход в школу по электронным картам "
                             "с 07:45, потерянную карту можно перевыпустить у секретаря."},
    {"Горячее питание", "Завтрак — после второго урока, обед — после четвёртого. Меню на неделю вывешено у столовой."},
    {"Электронный дневник", "Отметки и домашние задания появляются в дневнике в день урока. Пароль можно сменить "
                            "в настройках профиля."},
};

constexpr Notice weekly_notices[] = {
    {"Сменная обувь", "Напоминаем: в здании школы учащиеся находятся в сменной обуви."},
    {"Олимпиады", "Продолжается запись на школьный этап всероссийской олимпиады школьников — у классных руководителей."},
    {"Кружки и секции", "Открыта запись в кружки робототехники, шахмат и хора. Расписание — на стенде у входа."},
    {"Медосмотр", "На следующей неделе плановый медицинский осмотр. Просьба не пропускать занятия."},
    {"Библиотека", "Просим вернуть учебники прошлого года в школьную библиотеку до конца месяца."},
    {"Безопасность", "Напоминаем детям правила дорожного движения: темнеет рано, используйте световозвращатели."},
};

constexpr const char* school_events[] = {
    "Школьный этап олимпиады по математике", "Осенний кросс", "День здоровья", "Концерт ко Дню учителя",
    "Неделя английского языка", "Турнир по шахматам", "Конкурс чтецов", "Экскурсия в краеведческий музей",
    "Открытый урок по физике", "Ярмарка проектов", "Новогодний концерт", "Соревнования по волейболу",
};

// {child}, {parent} and {teacher} are filled in and {а} agrees a verb with the child; the first
// line comes from the guardian when `guardian_starts`, and the speakers alternate.
struct Script {
  const char* subject;
  bool guardian_starts;
  std::vector<const char*> lines;
};

const std::vector<Script>& scripts() {
  static const std::vector<Script> list = {
      {"Пропуск занятий", true,
       {"Здравствуйте, {teacher}! {child} завтра пропустит первые два урока: плановый приём у врача.",
        "Здравствуйте! Спасибо, что предупредили. Задания будут в дневнике.", "Спасибо!"}},
      {"Домашнее задание", true,
       {"Добрый вечер! {child} не успел{а} записать задание по математике, подскажите, пожалуйста.",
        "Добрый вечер, {parent}! Задание уже в дневнике: посмотрите вкладку «Домашние задания».",
        "Нашли, спасибо большое!", "Пожалуйста!"}},
      {"Успеваемость", false,
       {"{parent}, здравствуйте! {child} получил{а} несколько двоек за последнюю неделю. Предлагаю встретиться и обсудить.",
        "Здравствуйте. Конечно, когда вам удобно?", "В четверг после уроков, в 15:00, в моём кабинете.",
        "Договорились, приду."}},
      {"Экскурсия", false,
       {"Здравствуйте! В пятницу класс едет на экскурсию. Нужно подписанное согласие до среды.",
        "Здравствуйте! Согласие передадим завтра."}},
      {"Потерянная карта", true,
       {"Здравствуйте! {child} потерял{а} пропуск в школу. Что делать?",
        "Здравствуйте, {parent}. Новую карту выдаст секретарь, старая будет заблокирована.",
        "Спасибо, зайдём завтра."}},
  };
  return list;
}

std::string substitute(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t at; (at = text.find(key)) != std::string::npos;) text.replace(at, key.size(), value);
  return text;
}

Status announce(store::Db& db, School& s, std::optional<Id> class_id, Id author, const std::string& title,
                const std::string& body, domain::Date day, int minute) {
  auto& q = db.prepare(
      "INSERT INTO announcements(uuid, class_id, author_user, title, body, created_at) VALUES (?,?,?,?,?,?)");
  q.bind(1, uuid_at(s, day, minute)).bind(2, class_id).bind(3, author).bind(4, title).bind(5, body);
  return q.bind(6, utc_text(s, day, minute)).run();
}

Status event(store::Db& db, School& s, std::optional<Id> class_id, domain::Date day, const std::string& title,
             const std::string& body) {
  auto& q = db.prepare("INSERT INTO events(uuid, class_id, date, title, body) VALUES (?,?,?,?,?)");
  q.bind(1, uuid_at(s, day, 0)).bind(2, class_id).bind(3, domain::format_date(day)).bind(4, title);
  return q.bind(5, body).run();
}

Status opening(store::Db& db, School& s, domain::Date monday) {
  for (const auto& n : opening_notices)
    if (auto st = announce(db, s, std::nullopt, s.director_user, n.title, n.body, domain::add_days(monday, -3), 12 * 60);
        !st)
      return st;
  const auto meeting = domain::add_days(monday, meeting_day_offset);
  for (const auto& c : s.classes) {
    if (c.class_teacher == none) continue;
    const auto& t = s.teachers[c.class_teacher];
    const std::string when = domain::format_date(meeting) + " в 18:00";
    if (auto st = announce(db, s, c.id, t.user_id, "Родительское собрание " + c.name,
                           "Уважаемые родители! Собрание " + c.name + " состоится " + when +
                               ". Повестка: итоги первых недель, питание, кружки.",
                           monday, 15 * 60); !st)
      return st;
    if (auto st = event(db, s, c.id, meeting, "Родительское собрание",
                        "Начало в " + std::to_string(meeting_minute / 60) + ":00, классный руководитель — " +
                            display_name(t.name));
        !st)
      return st;
  }
  return ok_status();
}

Status thread(store::Db& db, School& s, DemoRng& rng, domain::Date monday) {
  const auto& klass = s.classes[rng.below(s.classes.size())];
  if (klass.pupils.empty() || klass.class_teacher == none) return ok_status();
  const auto& pupil = s.pupils[rng.pick(klass.pupils)];
  if (pupil.guardians.empty()) return ok_status();
  const auto& guardian = s.guardians[pupil.guardians.front()];
  const auto& teacher = s.teachers[klass.class_teacher];
  const auto& script = rng.pick(scripts());
  int minute = rng.between(0, 4) * 24 * 60 + rng.between(8 * 60, 20 * 60);
  int second = rng.between(0, 59);
  auto& q = db.prepare("INSERT INTO threads(uuid, subject, created_at) VALUES (?,?,?)");
  q.bind(1, uuid_at(s, monday, minute, second)).bind(2, script.subject);
  if (auto st = q.bind(3, utc_text(s, monday, minute, second)).run(); !st) return st;
  const Id thread_id = db.last_insert_id();
  for (const Id user : {teacher.user_id, guardian.user_id}) {
    auto& member = db.prepare("INSERT INTO thread_members(thread_id, user_id) VALUES (?,?)");
    if (auto st = member.bind(1, thread_id).bind(2, user).run(); !st) return st;
  }
  bool guardian_speaks = script.guardian_starts;
  for (const char* line : script.lines) {
    std::string body = substitute(line, "{child}", pupil.name.first);
    body = substitute(body, "{а}", pupil.name.female ? "а" : "");
    body = substitute(body, "{parent}", guardian.name.first + " " + guardian.name.middle);
    body = substitute(body, "{teacher}", teacher.name.first + " " + teacher.name.middle);
    auto& m = db.prepare("INSERT INTO messages(uuid, thread_id, author_user, body, created_at) VALUES (?,?,?,?,?)");
    m.bind(1, uuid_at(s, monday, minute, second)).bind(2, thread_id);
    m.bind(3, guardian_speaks ? guardian.user_id : teacher.user_id).bind(4, body);
    if (auto st = m.bind(5, utc_text(s, monday, minute, second)).run(); !st) return st;
    minute += rng.between(10, 240);
    second = rng.between(0, 59);
    guardian_speaks = !guardian_speaks;
  }
  return ok_status();
}

}  // namespace

Status insert_week_extras(store::Db& db, School& s, DemoRng& rng, int index, domain::Date monday) {
  if (index == 0)
    if (auto st = opening(db, s, monday); !st) return st;
  if (index > 0 && rng.chance(weekly_announcement_share)) {
    const auto& n = rng.pick(weekly_notices);
    if (auto st = announce(db, s, std::nullopt, s.director_user, n.title, n.body,
                           monday, rng.between(9 * 60, 16 * 60)); !st)
      return st;
  }
  const auto& title = school_events[static_cast<std::size_t>(index) % std::size(school_events)];
  if (auto st = event(db, s, std::nullopt, domain::add_days(monday, rng.between(0, 4)), title, ""); !st) return st;
  const std::size_t threads = std::max<std::size_t>(1, s.classes.size() / classes_per_thread);
  for (std::size_t i = 0; i < threads; ++i)
    if (auto st = thread(db, s, rng, monday); !st) return st;
  return ok_status();
}

}  // namespace classbook::demo
