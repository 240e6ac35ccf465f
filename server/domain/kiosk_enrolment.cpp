// kiosk_enrolment: modes and enrolment codes.
#include "kiosk_enrolment.hpp"

#include <cctype>

namespace classbook::domain {

const char* to_string(KioskMode m) {
  switch (m) {
    case KioskMode::entrance: return "entrance";
    case KioskMode::hall: return "hall";
    case KioskMode::desk: return "desk";
  }
  return "entrance";
}

std::optional<KioskMode> parse_kiosk_mode(std::string_view text) {
  if (text == "entrance") return KioskMode::entrance;
  if (text == "hall") return KioskMode::hall;
  if (text == "desk") return KioskMode::desk;
  return std::nullopt;
}

std::optional<std::string> enrolment_code_from_bytes(const std::vector<std::uint8_t>& random) {
  constexpr std::size_t n = enrolment_code_alphabet.size();
  constexpr std::size_t usable = 256 / n * n;  // 248: above it a plain modulo would favour the first symbols
  std::string code;
  for (auto b : random) {
    if (b >= usable) continue;
    code += enrolment_code_alphabet[b % n];
    if (code.size() == enrolment_code_length) return code;
  }
  return std::nullopt;
}

std::string group_enrolment_code(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % enrolment_code_group == 0) out += '-';
    out += code[i];
  }
  return out;
}

std::optional<std::string> normalise_enrolment_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (enrolment_code_alphabet.find(up) == std::string_view::npos) return std::nullopt;
    code += up;
    if (code.size() > enrolment_code_length) return std::nullopt;
  }
  if (code.size() != enrolment_code_length) return std::nullopt;
  return code;
}

}  // namespace classbook::domain
