// card_change: the card history's one writer.
#include "app/card_change.hpp"

#include "app/roster_shared.hpp"
#include "store/cards.hpp"

namespace classbook::app {

Status card_not_blocked(const Context& ctx, store::Db& db, const std::string& card) {
  const auto blocked = store::blocked_card(db, card);
  if (!blocked) return blocked.error();
  if (!*blocked) return ok_status();
  TimePoint at;
  const std::string day = parse_utc((*blocked)->ended_at, at) ? domain::format_date(local_date(ctx, at)) : (*blocked)->ended_at;
  return make_error(Errc::conflict, "card.blocked",
                    "card " + card + " was reported " + (*blocked)->end_reason + " on " + day +
                        "; a blocked card cannot be given out again — give the pupil another card",
                    "card");
}

Status change_card(const Context& ctx, store::WriteContext& w, const domain::Actor& actor, store::Id student_id,
                   const std::optional<std::string>& held, const std::optional<std::string>& next, domain::CardEnd ending) {
  const auto step = domain::card_step(held, next, ending);
  if (!step.changes()) return ok_status();
  if (step.issue) {
    if (auto s = card_not_blocked(ctx, w.db, *step.issue); !s) return s;
    if (auto s = roster_detail::card_is_free(w.db, step.issue, student_id); !s) return s;
  }
  if (step.end_current)
    if (auto s = store::end_held_card(w.db, student_id, *held, *step.end_current, actor.user_id, w.now_text); !s) return s;
  if (step.issue)
    if (auto s = store::open_card(w.db, student_id, *step.issue, actor.user_id, w.now_text); !s) return s;
  return store::set_held_card(w.db, student_id, next);
}

}  // namespace classbook::app
