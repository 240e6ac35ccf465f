// roster_guardians: the office's guardians and their links to pupils — find, add (with an account), change, link, unlink.
#include "app/roster.hpp"

#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
using namespace roster_detail;

// ======================================== guardians ======================================================

Result<std::vector<store::GuardianRecord>> find_guardians(Context& ctx, const domain::Actor& actor, std::string_view query) {
  if (auto s = may_manage(actor); !s) return s.error();
  const auto text = domain::tidy(query);
  const auto n = domain::utf8_length(text);
  if (!n || *n < min_guardian_query_chars || *n > domain::max_person_name_chars * 3)
    return invalid("guardian.query_too_short", "q must be at least " + std::to_string(min_guardian_query_chars) + " letters of the name, or the phone", "q");
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
  submit_with_new_password<EnrolledGuardian>(ctx, [actor, guardian = *g](WriteContext& w, const NewPassword& pw) -> Result<EnrolledGuardian> {
    auto g = guardian;
    if (g.phone) {
      auto same = store::guardian_matching(w.db, g.last_name, g.first_name, *g.phone);
      if (!same) return same.error();
      if (*same) {
        auto same_uuid = store::uuid_of(w.db, Table::guardians, **same);
        if (!same_uuid) return same_uuid.error();
        return make_error(Errc::conflict, "guardian.already_registered", g.first_name + " " + g.last_name + " with the phone " + *g.phone +
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
  auto id = in.guardian_id;
  change_contact_person<store::GuardianRecord>(
      ctx, actor, std::move(id), std::move(in),
      {Table::guardians, "guardian_id", "guardian", store::find_guardian, store::update_guardian}, std::move(reply));
}

void link_guardian(Context& ctx, const domain::Actor& actor, std::string student_id, std::string guardian_id,
                   std::string relation, Reply<store::GuardianLink> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto p = domain::check_relation(relation)) return reply(invalid("guardian.relation_invalid", *p, "relation"));
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
      return make_error(Errc::conflict, "guardian.already_linked", "this guardian is already linked to " + pupil->first_name + " " + pupil->last_name +
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
                                   make_error(Errc::not_found, "guardian.not_linked", "this guardian is not linked to this pupil; GET /api/v1/students/" +
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

}  // namespace classbook::app
