// roster_shared: the office's checks, accounts and audit shapes that the roster_*.cpp use cases share (internal).
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "app/found.hpp"
#include "app/hash_pool.hpp"
#include "app/roster.hpp"
#include "app/submit.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"
#include "store/writer.hpp"

namespace classbook::app::roster_detail {
namespace json = boost::json;
using domain::Action;
using store::Table;
using store::WriteContext;

// --- the policy
Status may_manage(const domain::Actor& actor);
bool is_office(const domain::Actor& actor);
// The office, or whoever may see the overview of `class_id` (its class teacher, the director).
Status may_read_class(const domain::Actor& actor, Id class_id);
// School-wide lists: the office and whoever reads everything (the director).
Status may_read_school(const domain::Actor& actor);

// --- ids from the request: a uuid of `table`, or a 404 saying where the right ids are listed.
Result<Id> known(store::Db& db, Table table, std::string_view uuid, const char* field);

// --- checks of typed values
Error invalid(ErrorCode id, std::string message, const char* field);
Result<std::string> checked_name(const std::string& text, const char* field, const char* what, bool required);
Result<domain::PersonName> checked_person(const std::string& last, const std::string& first,
                                          const std::optional<std::string>& middle);
std::optional<Error> check_name_edits(std::optional<std::string>& last, std::optional<std::string>& first,
                                      Edit<std::string>& middle);
Result<std::string> checked_birth_date(const Context& ctx, const std::string& text);
Result<std::string> checked_card(const std::string& text);
Result<std::optional<std::string>> checked_contact(const std::optional<std::string>& text, bool phone);
struct Contacts {
  std::optional<std::string> phone, email;
};
Result<Contacts> checked_contacts(const std::optional<std::string>& phone, const std::optional<std::string>& email);
Status card_is_free(store::Db& db, const std::optional<std::string>& card, Id pupil_id);
Status not_entered_twice(store::Db& db, const store::PupilRecord& p);
Error left_school(const store::PupilRecord& p);

// --- accounts
struct NewPassword {
  std::string otp;
  std::string hash;
};
// Makes a one-time password and its Argon2 hash (a few milliseconds): call it off the network threads.
NewPassword new_password();
Result<LoginSlip> open_account(WriteContext& w, const domain::Actor& actor, domain::Role role, Id person_id,
                               const std::string& person_uuid, const domain::PersonName& name, const NewPassword& pw);

// Enrols one person with a new account: the one-time password is hashed on the hash pool (never on the
// network thread that called), then `work(w, pw)` runs as one writer job. A full pool answers busy
// (503) and writes nothing.
template <class T, class Work>
void submit_with_new_password(Context& ctx, Work work, Reply<T> reply) {
  auto job = [&ctx, work = std::move(work), reply]() mutable {
    submit<T>(ctx, [work = std::move(work), pw = new_password()](WriteContext& w) { return work(w, pw); },
              std::move(reply));
  };
  if (!ctx.hashing->submit(std::move(job))) reply(hashing_busy());
}

// --- what the audit trail and the portal see
json::value opt(const std::optional<std::string>& s);
json::object class_json(const store::ClassRecord& c);
json::object pupil_json(const store::PupilRecord& p);
std::string pupil_audit(const store::PupilRecord& p);
std::string link_key(const std::string& student_uuid, const std::string& guardian_uuid);
std::string link_json(const std::string& student_uuid, const std::string& guardian_uuid, const std::string& relation);
void record_class(WriteContext& w, const domain::Actor& actor, const char* action,
                  const std::optional<store::ClassRecord>& before, const store::ClassRecord& after);
void record_pupil(WriteContext& w, const domain::Actor& actor, const char* action,
                  const std::optional<store::PupilRecord>& before, const store::PupilRecord& after);

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

template <class R>
json::object person_json(const R& r) {
  return {{"id", r.uuid}, {"last_name", r.last_name}, {"first_name", r.first_name}, {"middle_name", r.middle_name},
          {"phone", opt(r.phone)}, {"email", opt(r.email)}};
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
  return existing(std::move(v), make_error(Errc::internal, "store.row_vanished", std::string("the ") + what + " vanished after it was written"));
}

// Where a guardian or a teacher is kept: the table its id is looked up in, the names the audit and a
// refusal use, and the store's read and write of its record.
template <class Record>
struct ContactPersonTable {
  Table table;
  const char* id_field;  // "guardian_id"
  const char* entity;    // "guardian": the audit's and the portal's entity, and a refusal's word
  Result<std::optional<Record>> (*find)(store::Db&, Id);
  Status (*update)(store::Db&, const Record&);
};

// A guardian's or teacher's names and contacts changed by the fields a request gives (absent keeps,
// null clears a middle name, phone or e-mail): checked before the writer job; in it the account's
// display name follows a new name, and the change is audited (no entry when nothing changed).
template <class Record, class Change>
void change_contact_person(Context& ctx, const domain::Actor& actor, std::string id, Change in,
                           ContactPersonTable<Record> where, Reply<Record> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto e = check_name_edits(in.last_name, in.first_name, in.middle_name)) return reply(*e);
  for (auto [value, phone] : {std::pair{&in.phone, true}, {&in.email, false}})
    if (*value) {
      auto c = checked_contact(**value, phone);
      if (!c) return reply(c.error());
      *value = *c;
    }
  submit<Record>(ctx, [actor, id = std::move(id), in, where](WriteContext& w) -> Result<Record> {
    auto row = known(w.db, where.table, id, where.id_field);
    if (!row) return row.error();
    auto before = found(where.find(w.db, *row), where.entity);
    if (!before) return before.error();
    auto after = *before;
    if (in.last_name) after.last_name = *in.last_name;
    if (in.first_name) after.first_name = *in.first_name;
    if (in.middle_name) after.middle_name = in.middle_name->value_or("");
    if (in.phone) after.phone = *in.phone;
    if (in.email) after.email = *in.email;
    if (auto s = where.update(w.db, after); !s) return s.error();
    if (after.account && (after.last_name != before->last_name || after.first_name != before->first_name))
      if (auto s = store::rename_account(w.db, after.account->user_id, after.first_name + " " + after.last_name); !s)
        return s.error();
    auto saved = found(where.find(w.db, *row), where.entity);
    if (saved) record_person<Record>(w, actor, where.entity, "update", *before, *saved);
    return saved;
  }, std::move(reply));
}

}  // namespace classbook::app::roster_detail
