// roster_insert: writes the planned school — subjects, plan, rooms, staff, classes, families, users.
#include <set>

#include "demo/accounts.hpp"
#include "demo/catalogue.hpp"
#include "demo/roster.hpp"
#include "store/people.hpp"

namespace classbook::demo {
namespace {

constexpr int rooms_per_floor = 30;
constexpr std::size_t progress_every = 500;  // people written between progress reports
// The demo's addresses: ".test" is reserved (RFC 6761), so no demo mail can reach a real person.
constexpr std::string_view school_mail_domain = "school.classbook.test";
constexpr std::string_view home_mail_domain = "home.classbook.test";

Result<Id> run_insert(store::Db& db, store::Stmt& q) {
  if (auto st = q.run(); !st) return st.error();
  return db.last_insert_id();
}

class Inserter {
 public:
  Inserter(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress)
      : db_(db), s_(s), progress_(progress), passwords_(opt.seed, password_stream),
        created_at_(utc_text(s, domain::add_days(opt.first_monday, -7), 9 * 60)),
        created_ms_(unix_millis(s, domain::add_days(opt.first_monday, -7), 9 * 60)) {
    total_people_ = s.teachers.size() + s.pupils.size() + s.guardians.size();
  }

  Status run() {
    if (auto st = load_taken_logins(); !st) return st;
    if (auto st = subjects_and_plan(); !st) return st;
    if (auto st = staff(); !st) return st;
    if (auto st = classes(); !st) return st;
    if (auto st = families(); !st) return st;
    if (auto st = teaching(); !st) return st;
    if (auto st = users(); !st) return st;
    if (progress_) progress_("roster", total_people_, total_people_);
    return ok_status();
  }

 private:
  Status load_taken_logins() {
    auto& q = db_.prepare("SELECT login FROM users");
    return q.each([&](store::Stmt& r) { taken_.insert(r.text(0)); });
  }

  Status subjects_and_plan() {
    for (const auto& info : subjects()) {
      auto& q = db_.prepare("INSERT INTO subjects(uuid, name, short_name, textbook_grams) VALUES (?,?,?,?)");
      q.bind(1, next_uuid()).bind(2, info.name).bind(3, info.short_name).bind(4, info.textbook_grams);
      auto id = run_insert(db_, q);
      if (!id) return id.error();
      s_.subject_ids.push_back(*id);
    }
    for (int grade = 1; grade <= 11; ++grade) {
      std::vector<std::string_view> plans{""};
      if (grade >= 10) plans.assign(std::begin(profiles), std::end(profiles));
      for (const auto profile : plans)
        for (const auto& line : curriculum(grade, profile)) {
          auto& q = db_.prepare("INSERT INTO curriculum(grade, profile, subject_id, hours_per_week) VALUES (?,?,?,?)");
          q.bind(1, grade).bind(2, profile).bind(3, s_.subject_ids[line.subject]).bind(4, line.hours_per_week);
          if (auto st = q.run(); !st) return st;
        }
    }
    return ok_status();
  }

  // Primary classrooms first, low in the building; a gym for each PE teacher.
  Status staff() {
    int classroom = 0, gym = 0;
    for (int pass = 0; pass < 2; ++pass)
      for (auto& t : s_.teachers) {
        if ((t.speciality == "primary") != (pass == 0)) continue;
        std::string room;
        if (taught_in_gym(t.speciality)) {
          room = "Спортзал " + std::to_string(++gym);
        } else {
          room = std::to_string((classroom / rooms_per_floor + 1) * 100 + classroom % rooms_per_floor + 1);
          ++classroom;
        }
        auto id = run_insert(db_, db_.prepare("INSERT INTO rooms(name) VALUES (?)").bind(1, room));
        if (!id) return id.error();
        t.room_id = *id;
      }
    for (auto& t : s_.teachers) {
      t.uuid = next_uuid();
      auto& q = db_.prepare("INSERT INTO teachers(uuid, last_name, first_name, middle_name) VALUES (?,?,?,?)");
      q.bind(1, t.uuid).bind(2, t.name.last).bind(3, t.name.first).bind(4, t.name.middle);
      auto id = run_insert(db_, q);
      if (!id) return id.error();
      t.id = *id;
      report();
    }
    return ok_status();
  }

  Status classes() {
    for (auto& c : s_.classes) {
      c.uuid = next_uuid();
      auto& q = db_.prepare(
          "INSERT INTO classes(uuid, name, grade, letter, profile, class_teacher_id) VALUES (?,?,?,?,?,?)");
      q.bind(1, c.uuid).bind(2, c.name).bind(3, c.grade).bind(4, c.letter);
      if (c.profile.empty()) q.bind_null(5); else q.bind(5, c.profile);
      if (c.class_teacher == none) q.bind_null(6); else q.bind(6, s_.teachers[c.class_teacher].id);
      auto id = run_insert(db_, q);
      if (!id) return id.error();
      c.id = *id;
    }
    return ok_status();
  }

  // Pupils class by class in journal order; each guardian when the first child appears.
  Status families() {
    std::vector<std::size_t> guardian_order;
    std::vector<bool> seen(s_.guardians.size(), false);
    for (const auto& c : s_.classes)
      for (const auto i : c.pupils) {
        auto& p = s_.pupils[i];
        p.uuid = next_uuid();
        auto& q = db_.prepare(
            "INSERT INTO students(uuid, last_name, first_name, middle_name, birth_date, class_id, card) "
            "VALUES (?,?,?,?,?,?,?)");
        q.bind(1, p.uuid).bind(2, p.name.last).bind(3, p.name.first).bind(4, p.name.middle);
        q.bind(5, domain::format_date(p.birth)).bind(6, c.id).bind(7, p.card);
        auto id = run_insert(db_, q);
        if (!id) return id.error();
        p.id = *id;
        // The card's history opens when the school was set up, as app::change_card would have written it.
        auto& h = db_.prepare("INSERT INTO student_cards(student_id, card, issued_at) VALUES (?,?,?)");
        if (auto st = h.bind(1, p.id).bind(2, p.card).bind(3, created_at_).run(); !st) return st;
        for (const auto g : p.guardians)
          if (!seen[g]) seen[g] = true, guardian_order.push_back(g);
        report();
      }
    for (const auto gi : guardian_order) {
      auto& g = s_.guardians[gi];
      g.uuid = next_uuid();
      auto& q = db_.prepare("INSERT INTO guardians(uuid, last_name, first_name, middle_name) VALUES (?,?,?,?)");
      q.bind(1, g.uuid).bind(2, g.name.last).bind(3, g.name.first).bind(4, g.name.middle);
      auto id = run_insert(db_, q);
      if (!id) return id.error();
      g.id = *id;
      for (const auto child : g.children) {
        auto& link = db_.prepare("INSERT INTO student_guardians(student_id, guardian_id, relation) VALUES (?,?,?)");
        if (auto st = link.bind(1, s_.pupils[child].id).bind(2, g.id).bind(3, g.relation).run(); !st) return st;
      }
      report();
    }
    guardian_order_ = std::move(guardian_order);
    return ok_status();
  }

  Status teaching() {
    for (const auto& course : s_.courses) {
      auto& q = db_.prepare("INSERT INTO teaching(class_id, subject_id, teacher_id) VALUES (?,?,?)");
      q.bind(1, s_.classes[course.klass].id).bind(2, s_.subject_ids[course.subject]);
      if (auto st = q.bind(3, s_.teachers[course.teacher].id).run(); !st) return st;
    }
    return ok_status();
  }

  Result<Id> add_user(const std::string& base_login, domain::Role role, std::optional<Id> person,
                      const std::string& person_uuid, const std::string& name) {
    PendingAccount a;
    a.account.login = unique_login(base_login, taken_);
    a.account.password = demo_password(passwords_, a.account.login);
    a.account.role = domain::to_string(role);
    a.account.person_id = person_uuid;
    a.account.name = name;
    store::UserRecord u;
    u.uuid = next_uuid();
    u.login = a.account.login;
    u.password_hash = "!";  // no password signs in until the hash replaces this
    u.role = role;
    u.person_id = person;
    u.display_name = name;
    u.must_change_password = false;  // demo accounts sign in straight away
    auto id = store::insert_user(db_, u, created_at_);
    if (!id) return id.error();
    a.user_id = *id;
    s_.accounts.push_back(std::move(a));
    return *id;
  }

  static std::string login_of(const PersonName& n) { return transliterate(n.first) + "." + transliterate(n.last); }

  Status users() {
    DemoRng rng(passwords_.next());
    const auto director = adult_name(rng, random_surname(rng), rng.chance(0.7));
    auto id = add_user("director", domain::Role::director, std::nullopt, "", display_name(director));
    if (!id) return id.error();
    s_.director_user = *id;
    const auto secretary = adult_name(rng, random_surname(rng), true);
    if (id = add_user("secretary", domain::Role::secretary, std::nullopt, "", display_name(secretary)); !id)
      return id.error();
    for (std::size_t i = 0; i < s_.teachers.size(); ++i) {
      auto& t = s_.teachers[i];
      const std::string login = i == s_.deputy ? std::string("deputy") : login_of(t.name);
      if (id = add_user(login, domain::Role::teacher, t.id, t.uuid, display_name(t.name)); !id) return id.error();
      t.user_id = *id;
      if (auto st = set_email("teachers", t.id, school_mail_domain); !st) return st;
    }
    for (const auto& c : s_.classes)
      for (const auto i : c.pupils) {
        auto& p = s_.pupils[i];
        if (id = add_user(login_of(p.name) + "." + transliterate(c.name), domain::Role::student, p.id, p.uuid,
                          display_name(p.name));
            !id)
          return id.error();
        p.user_id = *id;
        s_.accounts.back().account.class_name = c.name;
        if (auto st = set_email("students", p.id, school_mail_domain); !st) return st;
      }
    for (const auto gi : guardian_order_) {
      auto& g = s_.guardians[gi];
      if (id = add_user(login_of(g.name), domain::Role::guardian, g.id, g.uuid, display_name(g.name)); !id)
        return id.error();
      g.user_id = *id;
      if (auto st = set_email("guardians", g.id, home_mail_domain); !st) return st;
      for (const auto child : g.children) s_.accounts.back().account.children.push_back(s_.pupils[child].uuid);
    }
    return ok_status();
  }

  // The person's address is the account just made: its login (unique) at the given domain.
  Status set_email(std::string_view table, Id person, std::string_view domain) {
    const auto email = s_.accounts.back().account.login + "@" + std::string(domain);
    auto& q = db_.prepare("UPDATE " + std::string(table) + " SET email = ? WHERE id = ?");
    return q.bind(1, email).bind(2, person).run();
  }

  // Roster rows are all made "at" created_at_, a millisecond apart so their ids keep insertion order.
  std::string next_uuid() { return s_.uuids.uuid_v7(created_ms_ + static_cast<std::int64_t>(uuids_made_++)); }

  void report() {
    ++people_done_;
    if (progress_ && people_done_ % progress_every == 0) progress_("roster", people_done_, total_people_);
  }

  store::Db& db_;
  School& s_;
  const DemoProgress& progress_;
  DemoRng passwords_;
  std::string created_at_;
  std::int64_t created_ms_ = 0;
  std::size_t uuids_made_ = 0;
  std::set<std::string> taken_;
  std::vector<std::size_t> guardian_order_;
  std::size_t people_done_ = 0;
  std::size_t total_people_ = 0;
};

}  // namespace

Status insert_roster(store::Db& db, const DemoOptions& opt, School& s, const DemoProgress& progress) {
  return Inserter(db, opt, s, progress).run();
}

}  // namespace classbook::demo
