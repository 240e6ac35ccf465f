// pupil_cards: a pupil's entrance cards as the office keeps them — the card held now and every card
// held before (GET), a card given or replaced (PUT), a lost or damaged card blocked at once with a new
// one given in the same writer job (POST …/block). Changes are the secretary's (manage_roster); the
// director also reads the history (read_all). Every change is audited in its own job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct PupilCards {
  std::optional<store::CardRecord> current;  // also history's first row
  std::vector<store::CardRecord> history;    // newest first
};
Result<PupilCards> pupil_cards(Context& ctx, const domain::Actor& actor, std::string_view student_id);

struct CardToGive {
  std::string student_id;
  std::string card;  // as typed or as the desk reader sent it
};
// Gives the pupil the card; the card held until now ends as replaced. The same card again changes nothing.
void give_card(Context& ctx, const domain::Actor& actor, CardToGive in, Reply<PupilCards> reply);

struct CardToBlock {
  std::string student_id;
  std::string reason;                   // lost | damaged
  std::optional<std::string> new_card;  // given in the same job
};
// Ends the held card as lost or damaged — blocked for good: never given out again, refused at the
// entrances with a security-log entry — and gives new_card when there is one.
void block_card(Context& ctx, const domain::Actor& actor, CardToBlock in, Reply<PupilCards> reply);

}  // namespace classbook::app
