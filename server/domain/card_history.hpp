// card_history: how a pupil's entrance card changes hands — why a card stopped being the pupil's, which
// endings block the card for good, and what one change does to the card history. Pure rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

// Why a card stopped being the pupil's. lost and damaged block the card: nobody may be given it again,
// and a tap of it at an entrance is refused and goes to the security log.
enum class CardEnd { replaced, lost, damaged, left, unassigned };
const char* to_string(CardEnd e);
std::optional<CardEnd> parse_card_end(std::string_view text);
bool blocks(CardEnd e);
// The reasons a secretary gives when a card is reported: "lost" or "damaged".
std::optional<CardEnd> parse_block_reason(std::string_view text);

// One change of a pupil's card, as the history records it: the card held now ends (with a reason),
// a new one opens — either, both, or neither when the card stays as it is.
struct CardStep {
  std::optional<CardEnd> end_current;
  std::optional<std::string> issue;
  bool changes() const { return end_current || issue; }
};

// From the card the pupil holds to the one asked for. `ending` is why the current card ends when it
// is taken away (left, unassigned, lost, damaged); a card given in its place ends the old one as
// `replaced` unless `ending` blocks it (a lost card is still lost when a new one is given the same moment).
// The same card again changes nothing.
CardStep card_step(const std::optional<std::string>& current, const std::optional<std::string>& next, CardEnd ending);

}  // namespace classbook::domain
