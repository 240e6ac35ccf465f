// card_change: the one way a pupil's entrance card changes — enrolment, the office's change of a pupil,
// the card routes, a pupil leaving, the CSV import. It keeps students.card (what a tap reads) and the
// card history (student_cards) in step inside the caller's writer job. Internal to app.
#pragma once

#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/card_history.hpp"
#include "domain/policy.hpp"
#include "store/writer.hpp"

namespace classbook::app {

// The card as the pupil should hold it after the job: `next` (normalised, or none to take it away).
// The held card ends as `ending` says (replaced when another is given in its place, unless `ending`
// blocks it). Refused whole — 409 card.blocked when `next` was reported lost or damaged, 409 card.taken
// (naming the holder: only the office changes cards) when another pupil holds it. Writes nothing
// when the pupil already holds `next`. The caller audits the change.
Status change_card(const Context& ctx, store::WriteContext& w, const domain::Actor& actor, store::Id student_id,
                   const std::optional<std::string>& held, const std::optional<std::string>& next, domain::CardEnd ending);

// The refusal of a blocked card: "this card was reported lost on 2026-12-07; …".
Status card_not_blocked(const Context& ctx, store::Db& db, const std::string& card);

}  // namespace classbook::app
