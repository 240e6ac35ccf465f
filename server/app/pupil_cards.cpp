// pupil_cards: the office's card routes — read the history, give a card, block a lost one.
#include "app/pupil_cards.hpp"

#include "app/card_change.hpp"
#include "app/roster_shared.hpp"
#include "store/cards.hpp"

namespace classbook::app {
using namespace roster_detail;

namespace {

Result<PupilCards> cards_of(store::Db& db, store::Id student_id) {
  auto history = store::card_history(db, student_id);
  if (!history) return history.error();
  PupilCards out;
  out.history = std::move(*history);
  if (!out.history.empty() && !out.history.front().ended_at) out.current = out.history.front();
  return out;
}

// The pupil at school, read inside the job.
Result<store::PupilRecord> pupil_at_school(WriteContext& w, const std::string& student_id) {
  auto id = known(w.db, Table::students, student_id, "student_id");
  if (!id) return id.error();
  auto pupil = found(store::find_pupil(w.db, *id), "pupil");
  if (!pupil) return pupil.error();
  if (pupil->left_on) return left_school(*pupil);
  return pupil;
}

}  // namespace

Result<PupilCards> pupil_cards(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  auto id = known(*db, Table::students, student_id, "student_id");
  if (!id) return id.error();
  return cards_of(*db, *id);
}

void give_card(Context& ctx, const domain::Actor& actor, CardToGive in, Reply<PupilCards> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  auto card = checked_card(in.card);
  if (!card) return reply(card.error());
  submit<PupilCards>(ctx, [&ctx, actor, student_id = std::move(in.student_id), card = *card](WriteContext& w) -> Result<PupilCards> {
    auto before = pupil_at_school(w, student_id);
    if (!before) return before.error();
    if (auto s = change_card(ctx, w, actor, before->id, before->card, card, domain::CardEnd::replaced); !s) return s.error();
    auto after = found(store::find_pupil(w.db, before->id), "pupil");
    if (!after) return after.error();
    record_pupil(w, actor, "update", *before, *after);
    return cards_of(w.db, before->id);
  }, std::move(reply));
}

void block_card(Context& ctx, const domain::Actor& actor, CardToBlock in, Reply<PupilCards> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  const auto reason = domain::parse_block_reason(in.reason);
  if (!reason) return reply(invalid("card.block_reason_unknown", "reason must be lost or damaged", "reason"));
  std::optional<std::string> next;
  if (in.new_card) {
    auto c = checked_card(*in.new_card);
    if (!c) return reply(c.error());
    next = *c;
  }
  submit<PupilCards>(ctx, [&ctx, actor, student_id = std::move(in.student_id), reason = *reason, next](WriteContext& w) -> Result<PupilCards> {
    auto before = pupil_at_school(w, student_id);
    if (!before) return before.error();
    if (!before->card)
      return make_error(Errc::conflict, "card.none_held",
                        before->last_name + " " + before->first_name +
                            " holds no card, so there is none to block; give a card with PUT /api/v1/students/" +
                            before->uuid + "/card",
                        "student_id");
    if (next == before->card)
      return make_error(Errc::conflict, "card.blocked",
                        "card " + *next + " is the card being blocked; a blocked card cannot be given out again — give the pupil another card",
                        "new_card");
    if (auto s = change_card(ctx, w, actor, before->id, before->card, next, reason); !s) {
      auto e = s.error();
      if (e.field == "card") e.field = "new_card";  // the refusal is of the card to give, named as the request names it
      return e;
    }
    auto after = found(store::find_pupil(w.db, before->id), "pupil");
    if (!after) return after.error();
    w.audit(actor.user_id, "student_card", before->uuid, "block", json::serialize(json::object{{"card", *before->card}}),
            json::serialize(json::object{{"blocked", *before->card}, {"reason", domain::to_string(reason)}, {"card", opt(next)}}));
    record_pupil(w, actor, "update", *before, *after);
    return cards_of(w.db, before->id);
  }, std::move(reply));
}

}  // namespace classbook::app
