// roster_contacts: phone numbers to one spelling (+7…), e-mail addresses checked and their domain lower-cased.
#include "roster_contacts.hpp"

#include <algorithm>

#include "roster_names.hpp"
#include "text.hpp"

namespace classbook::domain {

Checked<std::string> normalize_phone(std::string_view text) {
  const auto t = tidy(text);
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return {std::nullopt, "the phone may hold only digits, spaces, a leading '+', '-', '(' and ')'"};
    }
  }
  if (digits.size() < min_phone_digits || digits.size() > max_phone_digits)
    return {std::nullopt, "the phone needs " + std::to_string(min_phone_digits) + " to " +
                              std::to_string(max_phone_digits) + " digits, like +7 900 123-45-67"};
  if (!plus && digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) return {"+7" + digits.substr(1), {}};
  return {(plus ? "+" : "") + digits, {}};
}

Checked<std::string> normalize_email(std::string_view text) {
  const std::string bad = "the e-mail address must look like name@example.ru";
  const auto t = tidy(text);
  if (t.empty() || t.size() > max_email_chars || !utf8_length(t)) return {std::nullopt, bad};
  const auto at = t.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || t.find('@', at + 1) != std::string::npos) return {std::nullopt, bad};
  std::string domain = t.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos)
    return {std::nullopt, bad};
  for (char c : t)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == ',' || c == ';' || c == '<' || c == '>' || c == '"')
      return {std::nullopt, bad};
  std::transform(domain.begin(), domain.end(), domain.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return {t.substr(0, at + 1) + domain, {}};
}

}  // namespace classbook::domain
