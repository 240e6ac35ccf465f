// cards: the rows of a pupil's card history — each card the pupil held, and a blocked card as the tap sees it.
#pragma once

#include <optional>
#include <string>

#include "rows/records.hpp"

namespace classbook::rows {

// Who gave or took a card: the office's account; none for a card from before the history was kept.
struct CardHand {
  std::string uuid;  // the user's id
  std::string name;  // "Петрова Анна Сергеевна"
};

struct CardRecord {
  std::string card;
  std::string issued_at;  // UTC
  std::optional<CardHand> issued_by;
  std::optional<std::string> ended_at;
  std::optional<std::string> end_reason;  // domain::CardEnd as text
  std::optional<CardHand> ended_by;
};

// A card that ended lost or damaged, with its last holder.
struct BlockedCard {
  Id student_id = 0;
  std::string end_reason;  // lost | damaged
  std::string ended_at;    // UTC
};

}  // namespace classbook::rows
