// Tests of guardians' e-mail notices end to end inside the box: a change queues its notice in its own
// writer job (who is told of what: the first lesson's absence, a mark below the threshold, a teacher's
// message; a pupil with two guardians; nothing twice), MailDesk sends through FakeMailTransport
// (immediately or as the day's digest at digest time), a 4xx waits and goes later, a 5xx is given up
// with the relay's reason while the others go, a relay that is down leaves everything queued.
#include <catch2/catch.hpp>

#include <future>

#include "app/community.hpp"
#include "app/context.hpp"
#include "app/mail_desk.hpp"
#include "app/notice_preferences.hpp"
#include "app/writes.hpp"
#include "mail/fake_mail_transport.hpp"
#include "mail/message.hpp"
#include "store/db.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"
#include "store/writer.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace std::chrono_literals;
using domain::Presence;

namespace {

constexpr const char* anna = "00000000-0000-4000-8000-000000000001";
constexpr const char* boris = "00000000-0000-4000-8000-000000000002";
constexpr const char* first_lesson = "10000000-0000-4000-8000-000000000001";
constexpr const char* second_lesson = "10000000-0000-4000-8000-000000000002";

TimePoint utc(const char* text) {
  TimePoint t;
  REQUIRE(parse_utc(text, t));
  return t;
}

template <class T, class Start>
Result<T> wait_for(Start start) {
  std::promise<Result<T>> p;
  auto f = p.get_future();
  start([&p](Result<T> r) { p.set_value(std::move(r)); });
  return f.get();
}

// Class 5А, mathematics by teacher 1 (account 10). Анна has two guardians, Ольга (account 20, guardian
// 1) and Игорь (account 21, guardian 2); Борис has Пётр (account 22, guardian 3, no address). Monday
// 2026-12-07, lessons 1 and 2 of the class; 09:00 in Moscow.
struct MailSchool {
  test::TempDir dir;
  FakeClock clock{utc("2026-12-07T06:00:00Z")};
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<store::ReaderPool> readers;
  std::unique_ptr<app::Context> ctx;
  mail::FakeMailTransport* relay = nullptr;
  std::unique_ptr<app::MailDesk> desk;
  domain::Actor teacher, olga, igor, admin;

  MailSchool() {
    const auto path = dir.file("s.db");
    {
      auto db = store::Db::open(path, store::Db::Mode::read_write_create);
      REQUIRE(db);
      REQUIRE(store::migrate(**db));
      REQUIRE((*db)->exec(R"SQL(
        INSERT INTO work_types(id, code, name, weight) VALUES (1, 'test', 'Контрольная', 5);
        INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
        INSERT INTO classes(id, uuid, name, grade, letter, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', 1);
        INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат');
        INSERT INTO teaching(class_id, subject_id, teacher_id) VALUES (1, 1, 1);
        INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES
          (1, '00000000-0000-4000-8000-000000000001', 'Петрова', 'Анна', 1),
          (2, '00000000-0000-4000-8000-000000000002', 'Смирнов', 'Борис', 1);
        INSERT INTO guardians(id, uuid, last_name, first_name, email) VALUES
          (1, 'g1', 'Петрова', 'Ольга', 'olga@example.ru'), (2, 'g2', 'Петров', 'Игорь', 'igor@example.ru'),
          (3, 'g3', 'Смирнов', 'Пётр', NULL);
        INSERT INTO student_guardians(student_id, guardian_id) VALUES (1, 1), (1, 2), (2, 3);
        INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
          (10, '20000000-0000-4000-8000-000000000010', 'teacher', '', 'teacher', 1, 'Мария Иванова', ''),
          (20, '20000000-0000-4000-8000-000000000020', 'olga', '', 'guardian', 1, 'Ольга Петрова', ''),
          (21, '20000000-0000-4000-8000-000000000021', 'igor', '', 'guardian', 2, 'Игорь Петров', ''),
          (22, '20000000-0000-4000-8000-000000000022', 'petr', '', 'guardian', 3, 'Пётр Смирнов', ''),
          (30, '20000000-0000-4000-8000-000000000030', 'admin', '', 'admin', NULL, 'Админ', '');
        INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES
          (1, '10000000-0000-4000-8000-000000000001', '2026-12-07', 1, 1, 1, 1),
          (2, '10000000-0000-4000-8000-000000000002', '2026-12-07', 2, 1, 1, 1);
      )SQL"));
    }
    auto w = store::Writer::start(path, clock);
    REQUIRE(w);
    writer = std::move(*w);
    auto r = store::ReaderPool::open(path, 4);
    REQUIRE(r);
    readers = std::move(*r);
    store::SchoolSettings settings;
    settings.name = "Школа № 5";
    settings.work_types.push_back({1, domain::WorkType{"test", "Контрольная", 5, 3}});
    ctx = std::make_unique<app::Context>(app::Context{*writer, *readers, clock, settings});
    auto fake = std::make_unique<mail::FakeMailTransport>();
    relay = fake.get();
    desk = std::make_unique<app::MailDesk>(*ctx, std::move(fake),
                                           app::MailDeskSettings{"relay.test:587", "journal@school5.example.ru", "Школа № 5"});
    teacher.role = domain::Role::teacher;
    teacher.user_id = 10;
    teacher.person_id = 1;
    teacher.teaches = {{1, 1}};
    teacher.homeroom_classes = {1};
    olga.role = igor.role = domain::Role::guardian;
    olga.user_id = 20;
    olga.person_id = 1;
    olga.children = {1};
    igor.user_id = 21;
    igor.person_id = 2;
    igor.children = {1};
    admin.role = domain::Role::admin;
    admin.user_id = 30;
  }
  ~MailSchool() {
    desk.reset();
    writer->stop();
  }

  std::int64_t count(const std::string& sql) {
    auto db = readers->acquire();
    auto& q = db->prepare(sql);
    REQUIRE(q.next().value());
    const auto n = q.i64(0);
    REQUIRE(q.run());
    return n;
  }

  Result<app::NoticePreferencesView> choose(const domain::Actor& who, app::NoticePreferencesChange c) {
    return wait_for<app::NoticePreferencesView>([&](auto done) { app::put_my_notice_preferences(*ctx, who, c, done); });
  }
  void attendance(const char* lesson, const char* pupil, Presence p) {
    auto r = wait_for<Ok>([&](auto done) { app::put_attendance(*ctx, teacher, lesson, {{pupil, p, 0}}, done); });
    REQUIRE(r);
  }
  void mark(int value) {
    auto r = wait_for<app::SavedMark>([&](auto done) { app::put_mark(*ctx, teacher, {anna, first_lesson, value, "test", "", ""}, done); });
    REQUIRE(r);
  }
  std::int64_t queued() { return count("SELECT count(*) FROM mail_queue WHERE state = 'queued'"); }
};

app::NoticePreferencesChange wants(const char* absence, const char* low_mark = "off", const char* message = "off",
                                   std::optional<int> below = std::nullopt) {
  app::NoticePreferencesChange c;
  c.absence = absence;
  c.low_mark = low_mark;
  c.teacher_message = message;
  c.mark_below = below;
  return c;
}

std::string body_of(const mail::OutgoingMail& m) {
  std::string body;
  REQUIRE(mail::base64_decode(m.text.substr(m.text.find("\r\n\r\n") + 4), body));
  return body;
}

}  // namespace

TEST_CASE("an absence at the first lesson tells each of the pupil's guardians as they chose, once") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("immediate")));
  REQUIRE(s.choose(s.igor, wants("digest")));
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  s.attendance(first_lesson, boris, Presence::absent_unexcused);  // Пётр chose nothing
  s.attendance(second_lesson, anna, Presence::absent_unexcused);  // not the first lesson
  // Changed back and forth: still one notice per guardian and day.
  s.attendance(first_lesson, anna, Presence::present);
  s.attendance(first_lesson, anna, Presence::absent_illness);
  CHECK(s.count("SELECT count(*) FROM mail_queue") == 2);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE guardian_id = 1 AND delivery = 'immediate'") == 1);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE guardian_id = 2 AND delivery = 'digest' AND digest_day = '2026-12-07'") == 1);

  auto pass = s.desk->send_due();
  CHECK(pass.sent == 1);
  auto sent = s.relay->sent();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].to == "olga@example.ru");
  CHECK(sent[0].from == "journal@school5.example.ru");
  CHECK_THAT(body_of(sent[0]), Catch::Contains("Анна Петрова") && Catch::Contains("2026-12-07"));
  CHECK(s.desk->send_due().sent == 0);  // sent once
  CHECK(s.relay->sent().size() == 1);

  // The digest waits for 18:00 school time, then goes as one mail.
  s.clock.set(utc("2026-12-07T14:59:00Z"));
  CHECK(s.desk->send_due().sent == 0);
  s.clock.set(utc("2026-12-07T15:00:00Z"));
  CHECK(s.desk->send_due().sent == 1);
  sent = s.relay->sent();
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].to == "igor@example.ru");
  CHECK_THAT(body_of(sent[1]), Catch::Contains("Сводка") && Catch::Contains("Анна Петрова"));
  CHECK(s.queued() == 0);
}

TEST_CASE("an absence a guardian's notice already covers tells nobody") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("immediate")));
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec("INSERT INTO absence_notices(uuid, student_id, from_date, to_date, reason, guardian_id, created_at) "
                        "VALUES ('n1', 1, '2026-12-07', '2026-12-07', 'illness', 1, '')"));
  }
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  CHECK(s.count("SELECT count(*) FROM mail_queue") == 0);
}

TEST_CASE("a mark below the threshold tells the guardian who asked - a mark at it nobody") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("off", "immediate", "off", 4)));
  REQUIRE(s.choose(s.igor, wants("off", "off")));
  s.mark(3);
  s.mark(4);
  CHECK(s.count("SELECT count(*) FROM mail_queue") == 1);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE guardian_id = 1 AND kind = 'low_mark'") == 1);
  CHECK(s.desk->send_due().sent == 1);
  CHECK_THAT(body_of(s.relay->sent().at(0)), Catch::Contains("оценку 3") && Catch::Contains("Математика"));
}

TEST_CASE("two low marks in digest mode make one digest mail") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("off", "digest")));
  s.mark(2);
  s.mark(1);
  CHECK(s.desk->send_due().sent == 0);
  s.clock.set(utc("2026-12-07T15:30:00Z"));
  const auto pass = s.desk->send_due();
  CHECK(pass.sent == 2);  // two rows, one mail
  REQUIRE(s.relay->sent().size() == 1);
  const auto body = body_of(s.relay->sent()[0]);
  CHECK_THAT(body, Catch::Contains("1. ") && Catch::Contains("2. ") && Catch::Contains("оценку 2") && Catch::Contains("оценку 1"));
  // A mark after 18:00 goes in tomorrow's digest.
  s.mark(2);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE state = 'queued' AND digest_day = '2026-12-08'") == 1);
  CHECK(s.desk->send_due().sent == 0);
}

TEST_CASE("a teacher's message tells the guardian in the conversation") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("off", "off", "immediate")));
  auto t = wait_for<app::ThreadView>([&](auto done) {
    app::start_thread(*s.ctx, s.teacher, {"20000000-0000-4000-8000-000000000020", "Экскурсия", "Завтра едем в музей."}, done);
  });
  REQUIRE(t);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE kind = 'teacher_message' AND guardian_id = 1") == 1);
  // The guardian's answer tells nobody.
  auto answer = wait_for<store::MessageRecord>([&](auto done) { app::post_message(*s.ctx, s.olga, t->thread.uuid, "Спасибо!", done); });
  REQUIRE(answer);
  CHECK(s.count("SELECT count(*) FROM mail_queue") == 1);
  CHECK(s.desk->send_due().sent == 1);
  CHECK_THAT(body_of(s.relay->sent().at(0)), Catch::Contains("Завтра едем в музей.") && Catch::Contains("Мария Иванова"));
}

TEST_CASE("a 4xx waits and goes later - a 5xx is given up with the reason while the others go") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("immediate")));
  REQUIRE(s.choose(s.igor, wants("immediate")));
  s.relay->script({{mail::SendOutcome::Kind::retry_later, 451, "the relay asked to try later: 451 greylisted"}});
  s.relay->reject_address("igor@example.ru");
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  auto pass = s.desk->send_due();
  CHECK(pass.retried == 1);
  CHECK(pass.failed == 1);
  CHECK(s.count("SELECT count(*) FROM mail_queue WHERE guardian_id = 2 AND state = 'failed' AND last_error LIKE '%550%'") == 1);
  CHECK(s.count("SELECT attempts FROM mail_queue WHERE guardian_id = 1 AND state = 'queued' AND last_error LIKE '%greylisted%'") == 1);
  CHECK(s.desk->send_due().sent == 0);  // not yet due again
  s.clock.advance(61s);
  CHECK(s.desk->send_due().sent == 1);
  CHECK(s.relay->sent().size() == 1);
  auto status = s.desk->status(s.admin);
  REQUIRE(status);
  CHECK(status->queued == 0);
  CHECK(status->failed == 1);
  REQUIRE(status->last_failure);
  CHECK_THAT(*status->last_failure, Catch::Contains("igor@example.ru"));
  // The guardian sees it too.
  auto mine = app::my_notice_preferences(*s.ctx, s.igor);
  REQUIRE(mine);
  REQUIRE(mine->recent.size() == 1);
  CHECK(mine->recent[0].state == "failed");
}

TEST_CASE("a relay that is down leaves every notice queued, and the admin sees why") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("immediate")));
  s.relay->set_down(true);
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  CHECK(s.desk->send_due().relay_down);
  CHECK(s.queued() == 1);
  CHECK(s.count("SELECT attempts FROM mail_queue") == 0);  // the relay's trouble, not the message's
  s.clock.advance(30s);
  auto status = s.desk->status(s.admin);
  REQUIRE(status);
  CHECK(status->relay_configured);
  CHECK(status->queued == 1);
  CHECK(status->oldest_queued_age_seconds == 30);
  REQUIRE(status->last_error);
  CHECK_THAT(*status->last_error, Catch::Contains("could not be reached"));
  CHECK_FALSE(s.desk->status(s.olga));  // the admin's page only
  s.relay->set_down(false);
  s.clock.advance(120s);  // past the relay's pause
  CHECK(s.desk->send_due().sent == 1);
  status = s.desk->status(s.admin);
  CHECK(status->queued == 0);
  CHECK_FALSE(status->last_error);
  CHECK(status->last_success_at);
}

TEST_CASE("preferences: guardians only, an address needed, the threshold on the scale") {
  MailSchool s;
  CHECK(s.choose(s.teacher, wants("immediate")).error().id == ErrorCode("notices.guardians_only"));
  {
    auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec("UPDATE guardians SET email = NULL WHERE id = 1"));
  }
  CHECK(s.choose(s.olga, wants("immediate")).error().id == ErrorCode("notices.email_required"));
  auto c = wants("immediate");
  c.email = "not an address";
  CHECK(s.choose(s.olga, c).error().id == ErrorCode("notices.email_invalid"));
  CHECK(s.choose(s.olga, wants("off", "immediate", "off", 1)).error().id == ErrorCode("notices.mark_below_out_of_scale"));
  CHECK(s.choose(s.olga, wants("weekly")).error().id == ErrorCode("notices.delivery_unknown"));
  c.email = " olga.new@example.ru ";
  auto v = s.choose(s.olga, c);
  REQUIRE(v);
  CHECK(v->email == std::optional<std::string>("olga.new@example.ru"));
  CHECK(v->preferences.absence == domain::Delivery::immediate);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity = 'notice_preferences'") == 1);
  // The new address is where the next notice goes.
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  CHECK(s.desk->send_due().sent == 1);
  CHECK(s.relay->sent().at(0).to == "olga.new@example.ru");
}

namespace {
// The relay takes the mail (250), then the box "crashes" before it records it: every database
// operation after the 250 fails until the test switches faults off.
struct CrashAfterAccept final : mail::MailTransport {
  mail::FakeMailTransport inner;
  bool crash = true;
  mail::SendOutcome send(const mail::OutgoingMail& m) override {
    auto o = inner.send(m);
    if (crash && o.kind == mail::SendOutcome::Kind::sent) store::faults::fail_from(1);
    return o;
  }
};

std::string message_id(const mail::OutgoingMail& m) {
  const auto at = m.text.find("Message-ID: ");
  return m.text.substr(at, m.text.find("\r\n", at) - at);
}
}  // namespace

TEST_CASE("a crash between the relay's 250 and the commit sends once more, with the same Message-ID") {
  MailSchool s;
  REQUIRE(s.choose(s.olga, wants("immediate")));
  s.attendance(first_lesson, anna, Presence::absent_unexcused);
  auto transport = std::make_unique<CrashAfterAccept>();
  auto* relay = transport.get();
  s.desk.reset();
  s.desk = std::make_unique<app::MailDesk>(*s.ctx, std::move(transport),
                                           app::MailDeskSettings{"relay.test:587", "journal@school5.example.ru", "Школа"});
  s.desk->send_due();  // sent, but "sent" is never written
  store::faults::off();
  CHECK(s.queued() == 1);
  relay->crash = false;
  CHECK(s.desk->send_due().sent == 1);  // once more
  CHECK(s.desk->send_due().sent == 0);  // and no more
  const auto sent = relay->inner.sent();
  REQUIRE(sent.size() == 2);
  CHECK(message_id(sent[0]) == message_id(sent[1]));
  CHECK(s.queued() == 0);
}
