// desk_reader: a card tapped on the office's desk reader (a kiosk in mode desk) — no entrance: nothing is
// written, the card goes live to the pages of whoever keeps the roster, to be given to a pupil there.
// Internal to app (taps.cpp calls it inside the tap's writer job, after the kiosk is confirmed).
#pragma once

#include "app/taps.hpp"
#include "store/writer.hpp"

namespace classbook::app {

// Publishes desk_card {kiosk {id, name}, card, student {id, name, class} | null, blocked, at} to the
// office's streams (live::office) and answers the kiosk "desk". `student` is the pupil who holds the
// card, or for a blocked card the pupil who held it when it was blocked.
Result<TapResult> pass_to_desk(store::WriteContext& w, const TapInput& in);

}  // namespace classbook::app
