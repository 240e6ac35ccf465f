// kiosk_pins: a pupil's PIN for the hall kiosk, set or removed on the web by the pupil or a guardian.
#pragma once

#include <string>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// Checks the PIN rule, hashes it (argon2id, on the caller's thread), and stores it with a fresh
// wrong-PIN count; audited without the PIN or its hash.
void set_kiosk_pin(Context& ctx, const domain::Actor& actor, std::string student_id, std::string pin, Reply<Ok> reply);
void remove_kiosk_pin(Context& ctx, const domain::Actor& actor, std::string student_id, Reply<Ok> reply);

// The text of the pupil's QR code for the hall kiosk — card_qr_prefix and the card number, exactly
// what the hall kiosk's camera accepts (it still asks the PIN) — for those who may set the PIN.
// A pupil without a card is a conflict the office resolves.
Result<std::string> kiosk_qr_text(Context& ctx, const domain::Actor& actor, std::string_view student_id);

}  // namespace classbook::app
