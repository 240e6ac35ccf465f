// login_names: logins made from people's names by ICAO transliteration.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace classbook::domain {

constexpr std::size_t max_login_surname_chars = 30;  // of the transliterated surname in a login

// Russian (and Ukrainian/Belarusian) letters by the ICAO Doc 9303 table of Russian passports
// ("Щукина Юлия" → "shchukina iuliia"), Latin letters with accents folded, all in lower case.
// Spaces become hyphens; anything else that is no letter or digit is dropped.
std::string transliterate(std::string_view text);
// "ivanova.a" from Иванова Анна; "user" when the surname has no letter the table knows.
std::string login_base(std::string_view last_name, std::string_view first_name);
// The n-th choice for a login: the base itself, then base2, base3, …
std::string login_candidate(const std::string& base, int n);

}  // namespace classbook::domain
