// card_history: card endings and the step a change makes.
#include "card_history.hpp"

namespace classbook::domain {

const char* to_string(CardEnd e) {
  switch (e) {
    case CardEnd::replaced: return "replaced";
    case CardEnd::lost: return "lost";
    case CardEnd::damaged: return "damaged";
    case CardEnd::left: return "left";
    case CardEnd::unassigned: return "unassigned";
  }
  return "unassigned";
}

std::optional<CardEnd> parse_card_end(std::string_view text) {
  for (auto e : {CardEnd::replaced, CardEnd::lost, CardEnd::damaged, CardEnd::left, CardEnd::unassigned})
    if (text == to_string(e)) return e;
  return std::nullopt;
}

bool blocks(CardEnd e) { return e == CardEnd::lost || e == CardEnd::damaged; }

std::optional<CardEnd> parse_block_reason(std::string_view text) {
  auto e = parse_card_end(text);
  if (e && blocks(*e)) return e;
  return std::nullopt;
}

CardStep card_step(const std::optional<std::string>& current, const std::optional<std::string>& next, CardEnd ending) {
  CardStep s;
  if (current == next) return s;
  if (current) s.end_current = next && !blocks(ending) ? CardEnd::replaced : ending;
  s.issue = next;
  return s;
}

}  // namespace classbook::domain
