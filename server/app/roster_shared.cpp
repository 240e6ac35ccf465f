// roster_shared: the checks, policy, account opening and audit shapes the office's roster use cases share.
#include "app/roster_shared.hpp"

#include "app/writes.hpp"
#include "auth/password.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app::roster_detail {

// --- the policy --------------------------------------------------------------------------------------
Status may_manage(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, Action::manage_roster, {}); !d) return make_error(Errc::forbidden, "roster.office_only", d.reason);
  return ok_status();
}
bool is_office(const domain::Actor& actor) { return bool(domain::decide(actor, Action::manage_roster, {})); }

// The office, or whoever may see the overview of `class_id` (its class teacher, the director).
Status may_read_class(const domain::Actor& actor, Id class_id) {
  if (is_office(actor)) return ok_status();
  if (auto d = domain::decide(actor, Action::read_class_overview, {0, class_id, 0}); !d)
    return make_error(Errc::forbidden, "class.overview_not_allowed", d.reason);
  return ok_status();
}

// School-wide lists: the office and whoever reads everything (the director).
Status may_read_school(const domain::Actor& actor) {
  if (is_office(actor) || domain::decide(actor, Action::read_all, {})) return ok_status();
  return make_error(Errc::forbidden, "roster.office_only",
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
    return make_error(Errc::invalid_input, "request.id_malformed",
                      std::string(field) + " must be a " + hint->what + "'s id (a UUID), not a name; " + hint->where, field);
  auto id = store::id_by_uuid(db, table, uuid);
  if (!id) return id.error();
  if (*id) return **id;
  return make_error(Errc::not_found, "roster.referenced_not_found", std::string("no such ") + hint->what + "; " + hint->where, field);
}

// --- checks of typed values ---------------------------------------------------------------------------
Error invalid(ErrorCode id, std::string message, const char* field) { return make_error(Errc::invalid_input, id, std::move(message), field); }

Result<std::string> checked_name(const std::string& text, const char* field, const char* what, bool required) {
  auto t = domain::tidy(text);
  if (auto p = domain::check_person_name(t, what, required)) return invalid("person.name_invalid", *p, field);
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
  if (!d) return invalid("date.malformed", "birth_date must be a real day written like 2014-03-01", "birth_date");
  if (auto p = domain::check_birth_date(*d, local_date(ctx, ctx.clock.now()))) return invalid("pupil.birth_date_implausible", *p, "birth_date");
  return domain::format_date(*d);
}

Result<std::string> checked_card(const std::string& text) {
  if (auto c = normalise_card(text)) return *c;
  return invalid("card.number_malformed", "the card number is the hex digits the reader shows, like 04A1B2C3", "card");
}

Result<std::optional<std::string>> checked_contact(const std::optional<std::string>& text, bool phone) {
  if (!text || domain::tidy(*text).empty()) return std::optional<std::string>{};
  auto c = phone ? domain::normalize_phone(*text) : domain::normalize_email(*text);
  if (!c) return invalid("contact.malformed", c.problem, phone ? "phone" : "email");
  return std::optional<std::string>(*c);
}

Result<Contacts> checked_contacts(const std::optional<std::string>& phone, const std::optional<std::string>& email) {
  auto p = checked_contact(phone, true);
  if (!p) return p.error();
  auto e = checked_contact(email, false);
  if (!e) return e.error();
  return Contacts{std::move(*p), std::move(*e)};
}


// The pupil's card is free, or a 409 naming who has it.
Status card_is_free(store::Db& db, const std::optional<std::string>& card, Id pupil_id) {
  if (!card) return ok_status();
  const auto holder_read = store::pupil_with_card(db, *card);
  if (!holder_read) return holder_read.error();
  const auto& holder = *holder_read;
  if (!holder || holder->id == pupil_id) return ok_status();
  return make_error(Errc::conflict, "card.taken",
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
  return make_error(Errc::conflict, "pupil.already_enrolled", twin->last_name + " " + twin->first_name + " " + twin->middle_name +
                                        (twin->birth_date ? ", born " + *twin->birth_date : std::string()) +
                                        ", is already in " + twin->class_name + " (id " + twin->uuid + ")",
                    "last_name");
}

Error left_school(const store::PupilRecord& p) {
  return make_error(Errc::conflict, "pupil.has_left", p.last_name + " " + p.first_name + " left school on " + p.left_on.value_or("") +
                                        "; a pupil who left is kept as history and cannot be changed",
                    "student_id");
}

// --- accounts -----------------------------------------------------------------------------------------
NewPassword new_password() {
  auto otp = auth::make_one_time_password();
  auto hash = auth::hash_one_time_password(otp);
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

}  // namespace classbook::app::roster_detail
