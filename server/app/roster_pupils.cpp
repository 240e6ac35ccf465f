// roster_pupils: the office's pupils — read, enrol (with an account), change and leaving; one writer job per change.
#include "app/roster.hpp"

#include "app/card_change.hpp"
#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
using namespace roster_detail;

// ======================================== pupils =========================================================

Result<PupilFile> get_pupil(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::students, student_id, "student_id");
  if (!id) return id.error();
  auto pupil = existing(store::find_pupil(*db, *id), make_error(Errc::not_found, "pupil.not_found", "no such pupil", "student_id"));
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
    if (auto problem = domain::check_group_no(*in.group_no)) return reply(invalid("pupil.group_invalid", *problem, "group_no"));
    p.group_no = static_cast<int>(*in.group_no);
  }
  if (in.card) {
    auto c = checked_card(*in.card);
    if (!c) return reply(c.error());
    p.card = *c;
  }
  submit_with_new_password<EnrolledPupil>(ctx, [&ctx, actor, pupil = p, class_id = in.class_id](WriteContext& w, const NewPassword& pw) -> Result<EnrolledPupil> {
    auto p = pupil;
    auto klass = known(w.db, Table::classes, class_id, "class_id");
    if (!klass) return klass.error();
    p.class_id = *klass;
    if (auto s = not_entered_twice(w.db, p); !s) return s.error();
    p.uuid = new_uuid();
    const auto card = p.card;
    p.card.reset();  // given below, with its history
    auto id = store::insert_pupil(w.db, p);
    if (!id) return id.error();
    if (auto s = change_card(ctx, w, actor, *id, std::nullopt, card, domain::CardEnd::unassigned); !s) return s.error();
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
    if (auto problem = domain::check_group_no(*in.group_no)) return reply(invalid("pupil.group_invalid", *problem, "group_no"));
  if (in.card && *in.card) {
    auto c = checked_card(**in.card);
    if (!c) return reply(c.error());
    **in.card = *c;
  }
  submit<store::PupilRecord>(ctx, [&ctx, actor, in](WriteContext& w) -> Result<store::PupilRecord> {
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
    if (in.class_id) {
      auto klass = known(w.db, Table::classes, *in.class_id, "class_id");
      if (!klass) return klass.error();
      after.class_id = *klass;
    }
    if (auto s = not_entered_twice(w.db, after); !s) return s.error();
    if (auto s = store::update_pupil(w.db, after); !s) return s.error();
    // After the row's update, which wrote the card as it was: a card changes only with its history.
    if (in.card)
      if (auto s = change_card(ctx, w, actor, after.id, before->card, *in.card, domain::CardEnd::unassigned); !s) return s.error();
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
  if (!date) return reply(invalid("date.malformed", "left_on must be the school date the pupil left, like 2026-12-25", "left_on"));
  const auto today = local_date(ctx, ctx.clock.now());
  if (*date < domain::add_days(today, -max_leave_date_distance_days) ||
      domain::add_days(today, max_leave_date_distance_days) < *date)
    return reply(invalid("pupil.left_on_out_of_range", "left_on must be within a year of today; check the year", "left_on"));
  if (in.reason) {
    in.reason = domain::tidy(*in.reason);
    const auto n = domain::utf8_length(*in.reason);
    if (!n || *n > max_leave_reason_chars)
      return reply(invalid("pupil.leave_reason_too_long", "the reason is text of at most " + std::to_string(max_leave_reason_chars) + " characters", "reason"));
    if (in.reason->empty()) in.reason.reset();
  }
  submit<LeftPupil>(ctx, [&ctx, actor, in, left_on = domain::format_date(*date)](WriteContext& w) -> Result<LeftPupil> {
    auto id = known(w.db, Table::students, in.student_id, "student_id");
    if (!id) return id.error();
    auto before = found(store::find_pupil(w.db, *id), "pupil");
    if (!before) return before.error();
    if (before->left_on) return left_school(*before);
    auto after = *before;
    after.left_on = left_on;
    after.left_reason = in.reason;
    if (auto s = store::update_pupil(w.db, after); !s) return s.error();
    // The card goes back to the office, to be given to someone else; its history says why.
    if (auto s = change_card(ctx, w, actor, after.id, before->card, std::nullopt, domain::CardEnd::left); !s) return s.error();
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

}  // namespace classbook::app
