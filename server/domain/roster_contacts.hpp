// roster_contacts: a guardian's phone and e-mail, checked and written one way so they match.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "checked.hpp"

namespace classbook::domain {

constexpr std::size_t min_phone_digits = 6;     // a village's local number
constexpr std::size_t max_phone_digits = 15;    // E.164
constexpr std::size_t max_email_chars = 254;    // RFC 5321's longest path

// "+7 (900) 123-45-67", "8 900 123 45 67" → "+79001234567"; an 11-digit Russian number written
// with a leading 8 becomes +7, so one phone has one spelling and guardians match by it.
Checked<std::string> normalize_phone(std::string_view text);
// Trimmed, with the domain part in lower case; one @, a dot in the domain, no spaces.
Checked<std::string> normalize_email(std::string_view text);

}  // namespace classbook::domain
