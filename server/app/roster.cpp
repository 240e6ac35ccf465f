// roster: the office's use cases — checks, the policy, and one writer job per change with its audit
// entry and outbox row. Passwords are hashed before a job is queued: argon2id takes tens of
// milliseconds, and the writer must not keep the entrance's taps waiting for it.
#include "app/roster.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include "app/found.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "auth/password.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
namespace json = boost::json;
using domain::Action;
using store::Table;
using store::WriteContext;

namespace {

// --- the policy --------------------------------------------------------------------------------------
Status may_manage(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, Action::manage_roster, {}); !d) return make_error(Errc::forbidden, d.reason);
  return ok_status();
}
bool is_office(const domain::Actor& actor) { return bool(domain::decide(actor, Action::manage_roster, {})); }

// The office, or whoever may see the overview of `class_id` (its class teacher, the director).
Status may_read_class(const domain::Actor& actor, Id class_id) {
  if (is_office(actor)) return ok_status();
  if (auto d = domain::decide(actor, Action::read_class_overview, {0, class_id, 0}); !d)
    return make_error(Errc::forbidden, d.reason);
  return ok_status();
}

// School-wide lists: the office and whoever reads everything (the director).
Status may_read_school(const domain::Actor& actor) {
  if (is_office(actor) || domain::decide(actor, Action::read_all, {})) return ok_status();
  return make_error(Errc::forbidden,
                    "Only the office and the director see the school's classes and staff; "
                    "teachers find their own classes in GET /api/v1/me.");
}

// --- ids from the request ------------------------------------------------------------------------------
// A uuid of `table`, or a 404 saying where the right ids are listed.
Result<Id> known(store::Db& db, Table table, std::string_view uuid, const char* field) {
  struct Hint {
    Table table;
    const char* what;
    const char* where;
  };
  static constexpr Hint hints[] = {
      {Table::classes, "class", "GET /api/v1/classes lists the classes with their ids"},
      {Table::students, "pupil", "GET /api/v1/classes/{class_id}/students lists a class's pupils with their ids"},
      {Table::guardians, "guardian", "GET /api/v1/guardians?q=<surname or phone> finds a guardian's id"},
      {Table::teachers, "teacher", "GET /api/v1/teachers lists the staff with their ids"},
      {Table::subjects, "subject", "GET /api/v1/subjects lists the subjects with their ids"},
  };
  const Hint* hint = &hints[0];
  for (const auto& h : hints)
    if (h.table == table) hint = &h;
  if (!is_uuid(uuid))
    return make_error(Errc::invalid_input,
                      std::string(field) + " must be a " + hint->what + "'s id (a UUID), not a name; " + hint->where, field);
  auto id = store::id_by_uuid(db, table, uuid);
  if (!id) return id.error();
  if (*id) return **id;
  return make_error(Errc::not_found, std::string("no such ") + hint->what + "; " + hint->where, field);
}

// --- checks of typed values ---------------------------------------------------------------------------
Error invalid(std::string message, const char* field) { return make_error(Errc::invalid_input, std::move(message), field); }

Result<std::string> checked_name(const std::string& text, const char* field, const char* what, bool required) {
  auto t = domain::tidy(text);
  if (auto p = domain::check_person_name(t, what, required)) return invalid(*p, field);
  return t;
}

// A new person's names, tidied and checked.
Result<domain::PersonName> checked_person(const std::string& last, const std::string& first,
                                          const std::optional<std::string>& middle) {
  auto l = checked_name(last, "last_name", "the last name", true);
  if (!l) return l.error();
  auto f = checked_name(first, "first_name", "the first name", true);
  if (!f) return f.error();
  auto m = checked_name(middle.value_or(""), "middle_name", "the middle name", false);
  if (!m) return m.error();
  return domain::PersonName{std::move(*l), std::move(*f), std::move(*m)};
}

// The names a change gives, tidied and checked in place; none when all will do.
std::optional<Error> check_name_edits(std::optional<std::string>& last, std::optional<std::string>& first,
                                      Edit<std::string>& middle) {
  for (auto [value, field, what] : {std::tuple{&last, "last_name", "the last name"}, {&first, "first_name", "the first name"}})
    if (*value) {
      auto n = checked_name(**value, field, what, true);
      if (!n) return n.error();
      *value = std::move(*n);
    }
  if (middle && *middle) {
    auto n = checked_name(**middle, "middle_name", "the middle name", false);
    if (!n) return n.error();
    **middle = std::move(*n);
  }
  return std::nullopt;
}

Result<std::string> checked_birth_date(const Context& ctx, const std::string& text) {
  const auto d = domain::parse_birth_date(text, false);
  if (!d) return invalid("birth_date must be a real day written like 2014-03-01", "birth_date");
  if (auto p = domain::check_birth_date(*d, local_date(ctx, ctx.clock.now()))) return invalid(*p, "birth_date");
  return domain::format_date(*d);
}

Result<std::string> checked_card(const std::string& text) {
  if (auto c = normalise_card(text)) return *c;
  return invalid("the card number is the hex digits the reader shows, like 04A1B2C3", "card");
}

Result<std::optional<std::string>> checked_contact(const std::optional<std::string>& text, bool phone) {
  if (!text || domain::tidy(*text).empty()) return std::optional<std::string>{};
  auto c = phone ? domain::normalize_phone(*text) : domain::normalize_email(*text);
  if (!c) return invalid(c.problem, phone ? "phone" : "email");
  return std::optional<std::string>(*c);
}

struct Contacts {
  std::optional<std::string> phone, email;
};
Result<Contacts> checked_contacts(const std::optional<std::string>& phone, const std::optional<std::string>& email) {
  auto p = checked_contact(phone, true);
  if (!p) return p.error();
  auto e = checked_contact(email, false);
  if (!e) return e.error();
  return Contacts{std::move(*p), std::move(*e)};
}

// A new guardian's or teacher's record: the names and contacts of the request, checked.
template <class Record, class In>
Result<Record> contact_record(const In& in) {
  auto name = checked_person(in.last_name, in.first_name, in.middle_name);
  if (!name) return name.error();
  auto contacts = checked_contacts(in.phone, in.email);
  if (!contacts) return contacts.error();
  Record r;
  r.last_name = name->last;
  r.first_name = name->first;
  r.middle_name = name->middle;
  r.phone = contacts->phone;
  r.email = contacts->email;
  return r;
}

// The pupil's card is free, or a 409 naming who has it.
Status card_is_free(store::Db& db, const std::optional<std::string>& card, Id pupil_id) {
  if (!card) return ok_status();
  const auto holder_read = store::pupil_with_card(db, *card);
  if (!holder_read) return holder_read.error();
  const auto& holder = *holder_read;
  if (!holder || holder->id == pupil_id) return ok_status();
  return make_error(Errc::conflict,
                    "card " + *card + " already belongs to " + holder->last_name + " " + holder->first_name + " (" +
                        holder->class_name + ", id " + holder->uuid + "); take it from that pupil first with PATCH "
                        "/api/v1/students/" + holder->uuid + " and \"card\": null",
                    "card");
}

// No pupil at school is already in the class under the same names and birth date, or a 409 naming them.
Status not_entered_twice(store::Db& db, const store::PupilRecord& p) {
  const auto twin_read = store::same_pupil(db, p);
  if (!twin_read) return twin_read.error();
  const auto& twin = *twin_read;
  if (!twin) return ok_status();
  return make_error(Errc::conflict, twin->last_name + " " + twin->first_name + " " + twin->middle_name +
                                        (twin->birth_date ? ", born " + *twin->birth_date : std::string()) +
                                        ", is already in " + twin->class_name + " (id " + twin->uuid + ")",
                    "last_name");
}

Error left_school(const store::PupilRecord& p) {
  return make_error(Errc::conflict, p.last_name + " " + p.first_name + " left school on " + p.left_on.value_or("") +
                                        "; a pupil who left is kept as history and cannot be changed",
                    "student_id");
}

// --- accounts -----------------------------------------------------------------------------------------
struct NewPassword {
  std::string otp;
  std::string hash;
};
NewPassword new_password() {
  auto otp = auth::make_one_time_password();
  auto hash = auth::hash_password(otp);
  return {std::move(otp), std::move(hash)};
}

// An account for a person just written: the login from the name, the hash made before the job.
Result<LoginSlip> open_account(WriteContext& w, const domain::Actor& actor, domain::Role role, Id person_id,
                               const std::string& person_uuid, const domain::PersonName& name, const NewPassword& pw) {
  auto login = store::free_login(w.db, domain::login_base(name.last, name.first));
  if (!login) return login.error();
  store::UserRecord u;
  u.uuid = new_uuid();
  u.login = *login;
  u.password_hash = pw.hash;
  u.role = role;
  u.person_id = person_id;
  u.display_name = name.display();
  u.must_change_password = true;
  if (auto id = store::insert_user(w.db, u, w.now_text); !id) return id.error();
  w.audit(actor.user_id, "user", u.uuid, "create", "{}",
          json::serialize(json::object{{"login", u.login}, {"role", domain::to_string(role)},
                                       {"person_id", person_uuid}, {"name", u.display_name}}));
  return LoginSlip{u.login, pw.otp, u.display_name, role};
}

// --- what the audit trail and the portal see ------------------------------------------------------------
json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object class_json(const store::ClassRecord& c) {
  return {{"id", c.uuid}, {"name", c.name}, {"grade", c.grade}, {"letter", c.letter}, {"profile", opt(c.profile)},
          {"class_teacher_id", c.class_teacher_uuid.empty() ? json::value(nullptr) : json::value(c.class_teacher_uuid)}};
}

json::object pupil_json(const store::PupilRecord& p) {
  return {{"id", p.uuid},           {"last_name", p.last_name},     {"first_name", p.first_name},
          {"middle_name", p.middle_name}, {"birth_date", opt(p.birth_date)}, {"class_id", p.class_uuid},
          {"class", p.class_name},  {"group_no", p.group_no},       {"status", p.left_on ? "left" : "active"},
          {"left_on", opt(p.left_on)}};
}
// The audit trail also keeps what stays in the box: the card and why a pupil left.
std::string pupil_audit(const store::PupilRecord& p) {
  auto o = pupil_json(p);
  o["card"] = opt(p.card);
  o["left_reason"] = opt(p.left_reason);
  return json::serialize(o);
}

template <class R>
json::object person_json(const R& r) {
  return {{"id", r.uuid}, {"last_name", r.last_name}, {"first_name", r.first_name}, {"middle_name", r.middle_name},
          {"phone", opt(r.phone)}, {"email", opt(r.email)}};
}

std::string link_key(const std::string& student_uuid, const std::string& guardian_uuid) {
  return student_uuid + "/" + guardian_uuid;
}
std::string link_json(const std::string& student_uuid, const std::string& guardian_uuid, const std::string& relation) {
  return json::serialize(json::object{{"student_id", student_uuid}, {"guardian_id", guardian_uuid}, {"relation", relation}});
}

// The record_* helpers write nothing when a change changed nothing (the office saved a form as it was).
void record_class(WriteContext& w, const domain::Actor& actor, const char* action,
                  const std::optional<store::ClassRecord>& before, const store::ClassRecord& after) {
  const auto now = json::serialize(class_json(after));
  if (before && json::serialize(class_json(*before)) == now) return;
  w.audit(actor.user_id, "class", after.uuid, action, before ? json::serialize(class_json(*before)) : "{}", now);
  w.outbox("class", after.uuid, "upsert", now);
}

void record_pupil(WriteContext& w, const domain::Actor& actor, const char* action,
                  const std::optional<store::PupilRecord>& before, const store::PupilRecord& after) {
  if (before && pupil_audit(*before) == pupil_audit(after)) return;
  w.audit(actor.user_id, "student", after.uuid, action, before ? pupil_audit(*before) : "{}", pupil_audit(after));
  w.outbox("student", after.uuid, "upsert", json::serialize(pupil_json(after)));
}

template <class R>
void record_person(WriteContext& w, const domain::Actor& actor, const char* entity, const char* action,
                   const std::optional<R>& before, const R& after) {
  const auto now = json::serialize(person_json(after));
  if (before && json::serialize(person_json(*before)) == now) return;
  w.audit(actor.user_id, entity, after.uuid, action, before ? json::serialize(person_json(*before)) : "{}", now);
  w.outbox(entity, after.uuid, "upsert", now);
}

template <class T>
Result<T> found(Result<std::optional<T>> v, const char* what) {
  return existing(std::move(v), make_error(Errc::internal, std::string("the ") + what + " vanished after it was written"));
}

}  // namespace

// ======================================== classes ========================================================

Result<std::vector<store::ClassRecord>> list_classes(Context& ctx, const domain::Actor& actor) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  return store::all_classes(*db);
}

Result<ClassList> list_pupils(Context& ctx, const domain::Actor& actor, std::string_view class_id, bool with_left) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::classes, class_id, "class_id");
  if (!id) return id.error();
  if (auto s = may_read_class(actor, *id); !s) return s.error();
  auto klass = existing(store::find_class(*db, *id),
                        make_error(Errc::not_found, "no such class; GET /api/v1/classes lists the classes", "class_id"));
  if (!klass) return klass.error();
  auto pupils = store::pupils_of_class(*db, *id, with_left);
  if (!pupils) return pupils.error();
  return ClassList{std::move(*klass), std::move(*pupils), is_office(actor)};
}

void create_class(Context& ctx, const domain::Actor& actor, NewClass in, Reply<store::ClassRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  const auto name = domain::parse_class_name(in.name);
  if (!name) return reply(invalid(name.problem, "name"));
  if (in.profile) {
    in.profile = domain::tidy(*in.profile);
    if (auto p = domain::check_profile(*in.profile)) return reply(invalid(*p, "profile"));
    if (in.profile->empty()) in.profile.reset();
  }
  submit<store::ClassRecord>(ctx, [actor, in, name = *name](WriteContext& w) -> Result<store::ClassRecord> {
    store::ClassRecord c;
    if (in.class_teacher_id) {
      auto t = known(w.db, Table::teachers, *in.class_teacher_id, "class_teacher_id");
      if (!t) return t.error();
      c.class_teacher_id = *t;
    }
    auto other = store::class_by_name(w.db, name.text());
    if (!other) return other.error();
    if (*other) {
      auto other_uuid = store::uuid_of(w.db, Table::classes, **other);
      if (!other_uuid) return other_uuid.error();
      return make_error(Errc::conflict, "the class " + name.text() + " already exists (id " + *other_uuid + ")", "name");
    }
    c.uuid = new_uuid();
    c.name = name.text();
    c.grade = name.grade;
    c.letter = name.letter;
    c.profile = in.profile;
    auto id = store::insert_class(w.db, c);
    if (!id) return id.error();
    auto saved = found(store::find_class(w.db, *id), "class");
    if (saved) record_class(w, actor, "create", std::nullopt, *saved);
    return saved;
  }, std::move(reply));
}

void change_class(Context& ctx, const domain::Actor& actor, ClassChange in, Reply<ChangedClass> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  std::optional<domain::ClassName> name;
  if (in.name) {
    auto n = domain::parse_class_name(*in.name);
    if (!n) return reply(invalid(n.problem, "name"));
    name = *n;
  }
  if (in.profile && *in.profile) {
    **in.profile = domain::tidy(**in.profile);
    if (auto p = domain::check_profile(**in.profile)) return reply(invalid(*p, "profile"));
    if ((*in.profile)->empty()) in.profile->reset();
  }
  submit<ChangedClass>(ctx, [actor, in, name](WriteContext& w) -> Result<ChangedClass> {
    auto id = known(w.db, Table::classes, in.class_id, "class_id");
    if (!id) return id.error();
    auto before = found(store::find_class(w.db, *id), "class");
    if (!before) return before.error();
    auto after = *before;
    if (name) {
      auto other = store::class_by_name(w.db, name->text());
      if (!other) return other.error();
      if (*other && **other != *id)
        return make_error(Errc::conflict, "another class is already called " + name->text(), "name");
      after.name = name->text();
      after.grade = name->grade;
      after.letter = name->letter;
    }
    if (in.profile) after.profile = *in.profile;
    if (in.class_teacher_id) {
      after.class_teacher_id.reset();
      if (*in.class_teacher_id) {
        auto t = known(w.db, Table::teachers, **in.class_teacher_id, "class_teacher_id");
        if (!t) return t.error();
        after.class_teacher_id = *t;
      }
    }
    if (auto s = store::update_class(w.db, after); !s) return s.error();
    ChangedClass out;
    auto saved = found(store::find_class(w.db, *id), "class");
    if (!saved) return saved.error();
    record_class(w, actor, "update", *before, *saved);
    out.klass = std::move(*saved);
    return out;
  }, std::move(reply));
}

// ======================================== pupils =========================================================

Result<PupilFile> get_pupil(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::students, student_id, "student_id");
  if (!id) return id.error();
  auto pupil = existing(store::find_pupil(*db, *id), make_error(Errc::not_found, "no such pupil", "student_id"));
  if (!pupil) return pupil.error();
  if (auto s = may_read_class(actor, pupil->class_id); !s) return s.error();
  auto guardians = store::guardians_of_pupil(*db, *id);
  if (!guardians) return guardians.error();
  return PupilFile{std::move(*pupil), std::move(*guardians), is_office(actor)};
}

void enrol_pupil(Context& ctx, const domain::Actor& actor, NewPupil in, Reply<EnrolledPupil> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto name = checked_person(in.last_name, in.first_name, in.middle_name);
  if (!name) return reply(name.error());
  store::PupilRecord p;
  p.last_name = name->last;
  p.first_name = name->first;
  p.middle_name = name->middle;
  if (in.birth_date) {
    auto d = checked_birth_date(ctx, *in.birth_date);
    if (!d) return reply(d.error());
    p.birth_date = *d;
  }
  if (in.group_no) {
    if (auto problem = domain::check_group_no(*in.group_no)) return reply(invalid(*problem, "group_no"));
    p.group_no = static_cast<int>(*in.group_no);
  }
  if (in.card) {
    auto c = checked_card(*in.card);
    if (!c) return reply(c.error());
    p.card = *c;
  }
  const auto pw = new_password();
  submit<EnrolledPupil>(ctx, [actor, pupil = p, pw, class_id = in.class_id](WriteContext& w) -> Result<EnrolledPupil> {
    auto p = pupil;
    auto klass = known(w.db, Table::classes, class_id, "class_id");
    if (!klass) return klass.error();
    if (auto s = card_is_free(w.db, p.card, 0); !s) return s.error();
    p.class_id = *klass;
    if (auto s = not_entered_twice(w.db, p); !s) return s.error();
    p.uuid = new_uuid();
    auto id = store::insert_pupil(w.db, p);
    if (!id) return id.error();
    auto slip = open_account(w, actor, domain::Role::student, *id, p.uuid, {p.last_name, p.first_name, p.middle_name}, pw);
    if (!slip) return slip.error();
    auto saved = found(store::find_pupil(w.db, *id), "pupil");
    if (!saved) return saved.error();
    record_pupil(w, actor, "create", std::nullopt, *saved);
    return EnrolledPupil{std::move(*saved), std::move(*slip)};
  }, std::move(reply));
}

void change_pupil(Context& ctx, const domain::Actor& actor, PupilChange in, Reply<store::PupilRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  // Checked here, applied in the job to the row as it is then.
  if (auto e = check_name_edits(in.last_name, in.first_name, in.middle_name)) return reply(*e);
  if (in.birth_date && *in.birth_date) {
    auto d = checked_birth_date(ctx, **in.birth_date);
    if (!d) return reply(d.error());
    **in.birth_date = *d;
  }
  if (in.group_no)
    if (auto problem = domain::check_group_no(*in.group_no)) return reply(invalid(*problem, "group_no"));
  if (in.card && *in.card) {
    auto c = checked_card(**in.card);
    if (!c) return reply(c.error());
    **in.card = *c;
  }
  submit<store::PupilRecord>(ctx, [actor, in](WriteContext& w) -> Result<store::PupilRecord> {
    auto id = known(w.db, Table::students, in.student_id, "student_id");
    if (!id) return id.error();
    auto before = found(store::find_pupil(w.db, *id), "pupil");
    if (!before) return before.error();
    if (before->left_on) return left_school(*before);
    auto after = *before;
    if (in.last_name) after.last_name = *in.last_name;
    if (in.first_name) after.first_name = *in.first_name;
    if (in.middle_name) after.middle_name = in.middle_name->value_or("");
    if (in.birth_date) after.birth_date = *in.birth_date;
    if (in.group_no) after.group_no = static_cast<int>(*in.group_no);
    if (in.card) after.card = *in.card;
    if (in.class_id) {
      auto klass = known(w.db, Table::classes, *in.class_id, "class_id");
      if (!klass) return klass.error();
      after.class_id = *klass;
    }
    if (auto s = card_is_free(w.db, after.card, after.id); !s) return s.error();
    if (auto s = not_entered_twice(w.db, after); !s) return s.error();
    if (auto s = store::update_pupil(w.db, after); !s) return s.error();
    const domain::PersonName name{after.last_name, after.first_name, after.middle_name};
    if (after.account && (after.last_name != before->last_name || after.first_name != before->first_name))
      if (auto s = store::rename_account(w.db, after.account->user_id, name.display()); !s) return s.error();
    auto saved = found(store::find_pupil(w.db, *id), "pupil");
    if (saved) record_pupil(w, actor, "update", *before, *saved);
    return saved;
  }, std::move(reply));
}

void pupil_leaves(Context& ctx, const domain::Actor& actor, Leaving in, Reply<LeftPupil> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  const auto date = domain::parse_date(in.left_on);
  if (!date) return reply(invalid("left_on must be the school date the pupil left, like 2026-12-25", "left_on"));
  const auto today = local_date(ctx, ctx.clock.now());
  if (*date < domain::add_days(today, -max_leave_date_distance_days) ||
      domain::add_days(today, max_leave_date_distance_days) < *date)
    return reply(invalid("left_on must be within a year of today; check the year", "left_on"));
  if (in.reason) {
    in.reason = domain::tidy(*in.reason);
    const auto n = domain::utf8_length(*in.reason);
    if (!n || *n > max_leave_reason_chars)
      return reply(invalid("the reason is text of at most " + std::to_string(max_leave_reason_chars) + " characters", "reason"));
    if (in.reason->empty()) in.reason.reset();
  }
  submit<LeftPupil>(ctx, [actor, in, left_on = domain::format_date(*date)](WriteContext& w) -> Result<LeftPupil> {
    auto id = known(w.db, Table::students, in.student_id, "student_id");
    if (!id) return id.error();
    auto before = found(store::find_pupil(w.db, *id), "pupil");
    if (!before) return before.error();
    if (before->left_on) return left_school(*before);
    auto after = *before;
    after.left_on = left_on;
    after.left_reason = in.reason;
    after.card.reset();  // the card goes back to the office, to be given to someone else
    if (auto s = store::update_pupil(w.db, after); !s) return s.error();
    LeftPupil out;
    if (after.account && !after.account->disabled) {
      if (auto ended = store::disable_account(w.db, after.account->user_id); !ended) return ended.error();
      w.audit(actor.user_id, "user", after.account->uuid, "update", R"({"disabled":false})", R"({"disabled":true})");
    }
    auto saved = found(store::find_pupil(w.db, *id), "pupil");
    if (!saved) return saved.error();
    record_pupil(w, actor, "update", *before, *saved);
    out.pupil = std::move(*saved);
    return out;
  }, std::move(reply));
}

// ======================================== guardians ======================================================

Result<std::vector<store::GuardianRecord>> find_guardians(Context& ctx, const domain::Actor& actor, std::string_view query) {
  if (auto s = may_manage(actor); !s) return s.error();
  const auto text = domain::tidy(query);
  const auto n = domain::utf8_length(text);
  if (!n || *n < min_guardian_query_chars || *n > domain::max_person_name_chars * 3)
    return invalid("q must be at least " + std::to_string(min_guardian_query_chars) + " letters of the name, or the phone", "q");
  const auto phone = domain::normalize_phone(text);
  auto db = ctx.readers.acquire();
  return store::search_guardians(*db, text, phone ? *phone : std::string(), max_guardians_found);
}

Result<std::vector<store::GuardianLink>> guardians_of(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  auto file = get_pupil(ctx, actor, student_id);
  if (!file) return file.error();
  return std::move(file->guardians);
}

void add_guardian(Context& ctx, const domain::Actor& actor, NewGuardian in, Reply<EnrolledGuardian> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto g = contact_record<store::GuardianRecord>(in);
  if (!g) return reply(g.error());
  const auto pw = new_password();
  submit<EnrolledGuardian>(ctx, [actor, guardian = *g, pw](WriteContext& w) -> Result<EnrolledGuardian> {
    auto g = guardian;
    if (g.phone) {
      auto same = store::guardian_matching(w.db, g.last_name, g.first_name, *g.phone);
      if (!same) return same.error();
      if (*same) {
        auto same_uuid = store::uuid_of(w.db, Table::guardians, **same);
        if (!same_uuid) return same_uuid.error();
        return make_error(Errc::conflict, g.first_name + " " + g.last_name + " with the phone " + *g.phone +
                                              " is already registered (id " + *same_uuid +
                                              "); link that guardian to the child instead of adding another", "phone");
      }
    }
    g.uuid = new_uuid();
    auto id = store::insert_guardian(w.db, g);
    if (!id) return id.error();
    auto slip = open_account(w, actor, domain::Role::guardian, *id, g.uuid, {g.last_name, g.first_name, g.middle_name}, pw);
    if (!slip) return slip.error();
    auto saved = found(store::find_guardian(w.db, *id), "guardian");
    if (!saved) return saved.error();
    record_person<store::GuardianRecord>(w, actor, "guardian", "create", std::nullopt, *saved);
    return EnrolledGuardian{std::move(*saved), std::move(*slip)};
  }, std::move(reply));
}

void change_guardian(Context& ctx, const domain::Actor& actor, GuardianChange in, Reply<store::GuardianRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto e = check_name_edits(in.last_name, in.first_name, in.middle_name)) return reply(*e);
  for (auto [value, phone] : {std::pair{&in.phone, true}, {&in.email, false}})
    if (*value) {
      auto c = checked_contact(**value, phone);
      if (!c) return reply(c.error());
      *value = *c;
    }
  submit<store::GuardianRecord>(ctx, [actor, in](WriteContext& w) -> Result<store::GuardianRecord> {
    auto id = known(w.db, Table::guardians, in.guardian_id, "guardian_id");
    if (!id) return id.error();
    auto before = found(store::find_guardian(w.db, *id), "guardian");
    if (!before) return before.error();
    auto after = *before;
    if (in.last_name) after.last_name = *in.last_name;
    if (in.first_name) after.first_name = *in.first_name;
    if (in.middle_name) after.middle_name = in.middle_name->value_or("");
    if (in.phone) after.phone = *in.phone;
    if (in.email) after.email = *in.email;
    if (auto s = store::update_guardian(w.db, after); !s) return s.error();
    if (after.account && (after.last_name != before->last_name || after.first_name != before->first_name))
      if (auto s = store::rename_account(w.db, after.account->user_id, after.first_name + " " + after.last_name); !s)
        return s.error();
    auto saved = found(store::find_guardian(w.db, *id), "guardian");
    if (saved) record_person<store::GuardianRecord>(w, actor, "guardian", "update", *before, *saved);
    return saved;
  }, std::move(reply));
}

void link_guardian(Context& ctx, const domain::Actor& actor, std::string student_id, std::string guardian_id,
                   std::string relation, Reply<store::GuardianLink> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto p = domain::check_relation(relation)) return reply(invalid(*p, "relation"));
  submit<store::GuardianLink>(ctx, [actor, student_id, guardian_id, relation](WriteContext& w) -> Result<store::GuardianLink> {
    auto sid = known(w.db, Table::students, student_id, "student_id");
    if (!sid) return sid.error();
    auto gid = known(w.db, Table::guardians, guardian_id, "guardian_id");
    if (!gid) return gid.error();
    auto pupil = found(store::find_pupil(w.db, *sid), "pupil");
    if (!pupil) return pupil.error();
    if (pupil->left_on) return left_school(*pupil);
    auto linked = store::link_relation(w.db, *sid, *gid);
    if (!linked) return linked.error();
    if (*linked)
      return make_error(Errc::conflict, "this guardian is already linked to " + pupil->first_name + " " + pupil->last_name +
                                            " (as " + **linked + "); to change the relation, unlink and link again",
                        "guardian_id");
    if (auto s = store::insert_link(w.db, *sid, *gid, relation); !s) return s.error();
    const auto after = link_json(student_id, guardian_id, relation);
    w.audit(actor.user_id, "student_guardian", link_key(student_id, guardian_id), "create", "{}", after);
    w.outbox("student_guardian", link_key(student_id, guardian_id), "upsert", after);
    auto g = found(store::find_guardian(w.db, *gid), "guardian");
    if (!g) return g.error();
    return store::GuardianLink{std::move(*g), relation};
  }, std::move(reply));
}

void unlink_guardian(Context& ctx, const domain::Actor& actor, std::string student_id, std::string guardian_id,
                     Reply<Ok> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<Ok>(ctx, [actor, student_id, guardian_id](WriteContext& w) -> Result<Ok> {
    auto sid = known(w.db, Table::students, student_id, "student_id");
    if (!sid) return sid.error();
    auto gid = known(w.db, Table::guardians, guardian_id, "guardian_id");
    if (!gid) return gid.error();
    const auto relation = existing(store::link_relation(w.db, *sid, *gid),
                                   make_error(Errc::not_found, "this guardian is not linked to this pupil; GET /api/v1/students/" +
                                                                   student_id + "/guardians lists the pupil's guardians",
                                              "guardian_id"));
    if (!relation) return relation.error();
    if (auto s = store::delete_link(w.db, *sid, *gid); !s) return s.error();
    const auto key = link_key(student_id, guardian_id);
    w.audit(actor.user_id, "student_guardian", key, "delete", link_json(student_id, guardian_id, *relation), "{}");
    w.outbox("student_guardian", key, "delete", link_json(student_id, guardian_id, *relation));
    return Ok{};
  }, std::move(reply));
}

// ======================================== staff ==========================================================

Result<std::vector<store::TeacherRecord>> list_teachers(Context& ctx, const domain::Actor& actor) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  return store::all_teachers(*db);
}

Result<std::vector<store::SubjectRecord>> list_subjects(Context& ctx) {
  auto db = ctx.readers.acquire();
  return store::all_subjects(*db);
}

Result<std::vector<store::TeachingRecord>> list_teaching(Context& ctx, const domain::Actor& actor, std::string_view class_id) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::classes, class_id, "class_id");
  if (!id) return id.error();
  if (auto s = may_read_class(actor, *id); !s) return s.error();
  return store::teaching_of_class(*db, *id);
}

void add_teacher(Context& ctx, const domain::Actor& actor, NewTeacher in, Reply<EnrolledTeacher> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto t = contact_record<store::TeacherRecord>(in);
  if (!t) return reply(t.error());
  const auto pw = new_password();
  submit<EnrolledTeacher>(ctx, [actor, teacher = *t, pw](WriteContext& w) -> Result<EnrolledTeacher> {
    auto t = teacher;
    t.uuid = new_uuid();
    auto id = store::insert_teacher(w.db, t);
    if (!id) return id.error();
    auto slip = open_account(w, actor, domain::Role::teacher, *id, t.uuid, {t.last_name, t.first_name, t.middle_name}, pw);
    if (!slip) return slip.error();
    auto saved = found(store::find_teacher(w.db, *id), "teacher");
    if (!saved) return saved.error();
    record_person<store::TeacherRecord>(w, actor, "teacher", "create", std::nullopt, *saved);
    return EnrolledTeacher{std::move(*saved), std::move(*slip)};
  }, std::move(reply));
}

namespace {
struct TeachingIds {
  Id class_id = 0, subject_id = 0, teacher_id = 0;
};
Result<TeachingIds> teaching_ids(store::Db& db, const TeachingKey& k) {
  TeachingIds ids;
  for (auto [table, uuid, field, out] : {std::tuple{Table::classes, &k.class_id, "class_id", &ids.class_id},
                                         {Table::subjects, &k.subject_id, "subject_id", &ids.subject_id},
                                         {Table::teachers, &k.teacher_id, "teacher_id", &ids.teacher_id}}) {
    auto id = known(db, table, *uuid, field);
    if (!id) return id.error();
    *out = *id;
  }
  return ids;
}
std::string teaching_key(const TeachingKey& k) { return k.class_id + "/" + k.subject_id + "/" + k.teacher_id; }
std::string teaching_json(const TeachingKey& k) {
  return json::serialize(json::object{{"class_id", k.class_id}, {"subject_id", k.subject_id}, {"teacher_id", k.teacher_id}});
}
}  // namespace

void assign_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<store::TeachingRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<store::TeachingRecord>(ctx, [actor, in](WriteContext& w) -> Result<store::TeachingRecord> {
    auto ids = teaching_ids(w.db, in);
    if (!ids) return ids.error();
    auto t = store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id);
    if (!t) return t.error();
    if (*t)
      return make_error(Errc::conflict, (*t)->teacher_name + " already teaches " + (*t)->subject_name + " in " + (*t)->class_name,
                        "teacher_id");
    if (auto s = store::insert_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id); !s) return s.error();
    w.audit(actor.user_id, "teaching", teaching_key(in), "create", "{}", teaching_json(in));
    w.outbox("teaching", teaching_key(in), "upsert", teaching_json(in));
    return found(store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id), "teaching");
  }, std::move(reply));
}

void remove_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<Ok> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<Ok>(ctx, [actor, in](WriteContext& w) -> Result<Ok> {
    auto ids = teaching_ids(w.db, in);
    if (!ids) return ids.error();
    auto taught = store::find_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id);
    if (!taught) return taught.error();
    if (!*taught)
      return make_error(Errc::not_found, "this teacher does not teach this subject in this class; GET /api/v1/classes/" +
                                             in.class_id + "/teaching lists who teaches what there", "teacher_id");
    if (auto s = store::delete_teaching(w.db, ids->class_id, ids->subject_id, ids->teacher_id); !s) return s.error();
    w.audit(actor.user_id, "teaching", teaching_key(in), "delete", teaching_json(in), "{}");
    w.outbox("teaching", teaching_key(in), "delete", teaching_json(in));
    return Ok{};
  }, std::move(reply));
}

// ======================================== the CSV import =================================================

namespace {

// One guardian of the file, however many of its lines name them.
struct PlannedGuardian {
  domain::GuardianRow row;
  int line = 0;            // the first line naming them
  std::string child_class;
  std::optional<NewPassword> password;  // none when the box already knows them
};

struct ImportPlan {
  std::vector<domain::PupilRow> rows;
  std::vector<std::optional<std::string>> cards;  // normalised, by row
  std::vector<int> guardian_of_row;               // index into guardians, -1 for none
  std::vector<PlannedGuardian> guardians;
  std::vector<NewPassword> pupil_passwords;       // by row
};

// The file's cards in the kiosk's form, each once.
void plan_cards(ImportPlan& plan, std::vector<domain::RowProblem>& problems) {
  std::map<std::string, int> first_line;
  for (const auto& row : plan.rows) {
    std::optional<std::string> card;
    if (!row.card.empty()) {
      card = normalise_card(row.card);
      if (!card) problems.push_back({row.line, "card", "the card number is the hex digits the reader shows, like 04A1B2C3"});
      else if (auto [it, fresh] = first_line.emplace(*card, row.line); !fresh)
        problems.push_back({row.line, "card", "card " + *card + " is also on line " + std::to_string(it->second)});
    }
    plan.cards.push_back(std::move(card));
  }
}

// The same guardian (names and contacts alike) named on several lines — siblings — is one guardian.
void plan_guardians(ImportPlan& plan) {
  std::map<std::string, int> by_key;
  for (const auto& row : plan.rows) {
    if (!row.guardian) {
      plan.guardian_of_row.push_back(-1);
      continue;
    }
    const auto& g = *row.guardian;
    const auto key = g.name.full() + "|" + g.phone + "|" + g.email;
    auto [it, fresh] = by_key.emplace(key, static_cast<int>(plan.guardians.size()));
    if (fresh) plan.guardians.push_back({g, row.line, row.klass.text(), std::nullopt});
    plan.guardian_of_row.push_back(it->second);
  }
}

Result<std::optional<Id>> known_guardian(store::Db& db, const domain::GuardianRow& g) {
  if (g.phone.empty()) return std::optional<Id>{};  // without a phone two namesakes are not the same person
  return store::guardian_matching(db, g.name.last, g.name.first, g.phone);
}

// The file against the database: every class exists, no pupil is at school already, every card is
// free. Fills `class_ids` by row.
Result<std::vector<domain::RowProblem>> check_against(store::Db& db, const ImportPlan& plan, std::vector<Id>& class_ids) {
  std::vector<domain::RowProblem> problems;
  class_ids.clear();
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const auto& row = plan.rows[i];
    const auto id_read = store::class_by_name(db, row.klass.text());
    if (!id_read) return id_read.error();
    const auto& id = *id_read;
    if (!id)
      problems.push_back({row.line, "class", "there is no class " + row.klass.text() +
                                                 "; create it first (POST /api/v1/classes) or correct the name — "
                                                 "GET /api/v1/classes lists the classes"});
    class_ids.push_back(id.value_or(0));
    store::PupilRecord p;
    p.class_id = id.value_or(0);
    p.last_name = row.name.last;
    p.first_name = row.name.first;
    p.middle_name = row.name.middle;
    if (row.birth_date) p.birth_date = domain::format_date(*row.birth_date);
    if (id) {
      const auto twin = store::same_pupil(db, p);
      if (!twin) return twin.error();
      if (const auto& t = *twin)
        problems.push_back({row.line, "last_name", p.last_name + " " + p.first_name + " is already in " + t->class_name +
                                                       " (id " + t->uuid + "); take the line out of the file"});
    }
    if (plan.cards[i]) {
      const auto holder_read = store::pupil_with_card(db, *plan.cards[i]);
      if (!holder_read) return holder_read.error();
      if (const auto& holder = *holder_read)
        problems.push_back({row.line, "card", "card " + *plan.cards[i] + " already belongs to " + holder->last_name + " " +
                                                  holder->first_name + " (" + holder->class_name + ")"});
    }
  }
  return problems;
}

// Writes the plan; every row's pupil, account, guardian and link, in file order.
Result<ImportReport> write_import(WriteContext& w, const domain::Actor& actor, const ImportPlan& plan,
                                  const std::vector<Id>& class_ids) {
  ImportReport report;
  std::vector<std::optional<store::GuardianRecord>> guardians(plan.guardians.size());
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    const auto& row = plan.rows[i];
    store::PupilRecord p;
    p.uuid = new_uuid();
    p.last_name = row.name.last;
    p.first_name = row.name.first;
    p.middle_name = row.name.middle;
    if (row.birth_date) p.birth_date = domain::format_date(*row.birth_date);
    p.class_id = class_ids[i];
    p.group_no = row.group_no;
    p.card = plan.cards[i];
    auto id = store::insert_pupil(w.db, p);
    if (!id) return id.error();
    auto slip = open_account(w, actor, domain::Role::student, *id, p.uuid, row.name, plan.pupil_passwords[i]);
    if (!slip) return slip.error();
    auto pupil = found(store::find_pupil(w.db, *id), "pupil");
    if (!pupil) return pupil.error();
    record_pupil(w, actor, "create", std::nullopt, *pupil);
    report.accounts.push_back({row.line, p.uuid, pupil->class_name, std::move(*slip)});
    ++report.pupils;

    const int gi = plan.guardian_of_row[i];
    if (gi < 0) continue;
    const auto& planned = plan.guardians[static_cast<std::size_t>(gi)];
    auto& guardian = guardians[static_cast<std::size_t>(gi)];
    if (!guardian) {
      auto known = known_guardian(w.db, planned.row);
      if (!known) return known.error();
      if (*known) {
        auto g = store::find_guardian(w.db, **known);
        if (!g) return g.error();
        guardian = std::move(*g);
        ++report.guardians_linked;
      } else if (!planned.password) {
        return make_error(Errc::conflict, "the guardians changed while the file was being checked; send the file again");
      } else {
        store::GuardianRecord g;
        g.uuid = new_uuid();
        g.last_name = planned.row.name.last;
        g.first_name = planned.row.name.first;
        g.middle_name = planned.row.name.middle;
        if (!planned.row.phone.empty()) g.phone = planned.row.phone;
        if (!planned.row.email.empty()) g.email = planned.row.email;
        auto gid = store::insert_guardian(w.db, g);
        if (!gid) return gid.error();
        auto gslip = open_account(w, actor, domain::Role::guardian, *gid, g.uuid, planned.row.name, *planned.password);
        if (!gslip) return gslip.error();
        auto g_read = store::find_guardian(w.db, *gid);
        if (!g_read) return g_read.error();
        guardian = std::move(*g_read);
        if (!guardian) return make_error(Errc::internal, "the guardian vanished after it was written");
        record_person<store::GuardianRecord>(w, actor, "guardian", "create", std::nullopt, *guardian);
        report.accounts.push_back({planned.line, g.uuid, planned.child_class, std::move(*gslip)});
        ++report.guardians_created;
      }
      if (!guardian) return make_error(Errc::internal, "a known guardian could not be read back");
    }
    const auto& relation = row.guardian->relation;
    if (auto s = store::insert_link(w.db, *id, guardian->id, relation); !s) return s.error();
    const auto link = link_json(p.uuid, guardian->uuid, relation);
    w.audit(actor.user_id, "student_guardian", link_key(p.uuid, guardian->uuid), "create", "{}", link);
    w.outbox("student_guardian", link_key(p.uuid, guardian->uuid), "upsert", link);
  }
  return report;
}

}  // namespace

void import_roster(Context& ctx, const domain::Actor& actor, std::string csv, Reply<ImportReport> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto parsed = domain::parse_roster_csv(csv, local_date(ctx, ctx.clock.now()));
  if (!parsed.problems.empty()) return reply(ImportReport{std::move(parsed.problems)});
  auto plan = std::make_shared<ImportPlan>();
  plan->rows = std::move(parsed.rows);
  std::vector<domain::RowProblem> problems;
  plan_cards(*plan, problems);
  plan_guardians(*plan);
  {
    // A first look from a reader, so that a bad file costs no password hashing and no writer time.
    auto db = ctx.readers.acquire();
    std::vector<Id> class_ids;
    auto found_problems = check_against(*db, *plan, class_ids);
    if (!found_problems) return reply(found_problems.error());
    problems.insert(problems.end(), found_problems->begin(), found_problems->end());
    for (auto& g : plan->guardians) {
      auto known = known_guardian(*db, g.row);
      if (!known) return reply(known.error());
      if (!*known) g.password = new_password();
    }
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const domain::RowProblem& a, const domain::RowProblem& b) { return a.line < b.line; });
    return reply(ImportReport{std::move(problems)});
  }
  for (std::size_t i = 0; i < plan->rows.size(); ++i) plan->pupil_passwords.push_back(new_password());
  // Problems found again inside the job (the roster changed meanwhile) come back as the report.
  auto late = std::make_shared<std::vector<domain::RowProblem>>();
  submit<ImportReport>(ctx, [actor, plan, late](WriteContext& w) -> Result<ImportReport> {
    std::vector<Id> class_ids;
    auto checked = check_against(w.db, *plan, class_ids);
    if (!checked) return checked.error();
    *late = std::move(*checked);
    if (!late->empty()) return make_error(Errc::invalid_input, "the file no longer fits the roster", "csv");
    return write_import(w, actor, *plan, class_ids);
  }, Reply<ImportReport>([late, reply = std::move(reply)](Result<ImportReport> r) {
    if (!r && !late->empty()) return reply(ImportReport{*late});
    reply(std::move(r));
  }));
}

}  // namespace classbook::app
