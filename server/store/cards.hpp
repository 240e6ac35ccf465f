// cards: SQL for the pupils' card history (student_cards) and the card a pupil holds now (students.card).
// Only app::change_card calls the writes, so that the two never disagree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/card_history.hpp"
#include "rows/cards.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::BlockedCard;
using rows::CardHand;
using rows::CardRecord;

// Every card the pupil held, newest first (the one held now, if any, is first and not ended).
Result<std::vector<CardRecord>> card_history(Db& db, Id student_id);
// The card's latest blocking (lost or damaged), if it was ever blocked.
Result<std::optional<BlockedCard>> blocked_card(Db& db, std::string_view card);

// The writes of one change (app::change_card): the held card ends, a new one opens, students.card follows.
// `by` is the user's id; 0 (classbookctl, no account) is stored as nobody.
// Ends `card`, the one students.card holds; a card held with no history row (written beside the use
// cases) gets one, issued and ended at `at`, so that its end — a block above all — is never lost.
Status end_held_card(Db& db, Id student_id, const std::string& card, domain::CardEnd why, Id by, const std::string& at);
Status open_card(Db& db, Id student_id, const std::string& card, Id by, const std::string& at);
Status set_held_card(Db& db, Id student_id, const std::optional<std::string>& card);

}  // namespace classbook::store
