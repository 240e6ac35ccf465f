// config_text: see the header; the format is deliberately tiny (no nesting, no arrays).
#include "classbook/common/config_text.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace classbook {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool valid_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

Error at(const std::string& file, int line, std::string message) {
  return make_error(Errc::invalid_input, "config.invalid", file + ":" + std::to_string(line) + ": " + std::move(message));
}

}  // namespace

Result<std::vector<ConfigEntry>> parse_config_text(std::string_view text, const std::string& file) {
  std::vector<ConfigEntry> out;
  std::set<std::pair<std::string, std::string>> seen;
  std::string section;
  int line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      if (line.back() != ']' || !valid_name(trim(line.substr(1, line.size() - 2))))
        return at(file, line_no, "a section looks like [name]; got '" + std::string(line) + "'");
      section = std::string(trim(line.substr(1, line.size() - 2)));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) return at(file, line_no, "expected 'key = value'; got '" + std::string(line) + "'");
    const auto key = trim(line.substr(0, eq));
    if (!valid_name(key)) return at(file, line_no, "'" + std::string(key) + "' is not a valid key (letters, digits, _ - .)");
    auto value = trim(line.substr(eq + 1));
    std::string v;
    if (!value.empty() && value.front() == '"') {
      const auto close = value.find('"', 1);
      if (close == std::string_view::npos) return at(file, line_no, "the quote opened after '" + std::string(key) + " =' is not closed");
      const auto rest = trim(value.substr(close + 1));
      if (!rest.empty() && rest.front() != '#') return at(file, line_no, "unexpected text after the closing quote: '" + std::string(rest) + "'");
      v = std::string(value.substr(1, close - 1));
    } else {
      const auto hash = value.find(" #");
      v = std::string(trim(hash == std::string_view::npos ? value : value.substr(0, hash)));
    }
    if (!seen.emplace(section, std::string(key)).second)
      return at(file, line_no, "'" + std::string(key) + "' is set twice" + (section.empty() ? "" : " in [" + section + "]"));
    out.push_back(ConfigEntry{section, std::string(key), std::move(v), line_no});
  }
  return out;
}

const ConfigEntry* ConfigValues::find(std::string_view section, std::string_view key) const {
  for (const auto& e : entries_)
    if (e.section == section && e.key == key) return &e;
  return nullptr;
}

Error ConfigValues::error_at(const ConfigEntry* e, std::string message) const {
  return make_error(Errc::invalid_input, "config.invalid", e ? file_ + ":" + std::to_string(e->line) + ": " + message : file_ + ": " + message);
}

namespace {
std::string qualified(std::string_view section, std::string_view key) {
  return section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
}
}  // namespace

Result<std::string> ConfigValues::text(std::string_view section, std::string_view key, std::string fallback) const {
  const auto* e = find(section, key);
  return e ? e->value : std::move(fallback);
}

Result<std::int64_t> ConfigValues::integer(std::string_view section, std::string_view key, std::int64_t fallback,
                                           std::int64_t min, std::int64_t max) const {
  const auto* e = find(section, key);
  if (!e) return fallback;
  std::string_view s = e->value;
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || v < min || v > max)
    return error_at(e, qualified(section, key) + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + e->value + "'");
  return v;
}

Result<bool> ConfigValues::flag(std::string_view section, std::string_view key, bool fallback) const {
  const auto* e = find(section, key);
  if (!e) return fallback;
  if (e->value == "yes" || e->value == "true" || e->value == "1") return true;
  if (e->value == "no" || e->value == "false" || e->value == "0") return false;
  return error_at(e, qualified(section, key) + " must be yes or no, not '" + e->value + "'");
}

Result<std::string> ConfigValues::choice(std::string_view section, std::string_view key, std::string fallback,
                                         const std::vector<std::string>& choices) const {
  const auto* e = find(section, key);
  if (!e) return fallback;
  if (std::find(choices.begin(), choices.end(), e->value) != choices.end()) return e->value;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  return error_at(e, qualified(section, key) + " must be one of " + list + ", not '" + e->value + "'");
}

Status ConfigValues::only(const std::vector<std::string>& known) const {
  for (const auto& e : entries_) {
    const auto name = qualified(e.section, e.key);
    if (std::find(known.begin(), known.end(), name) == known.end())
      return error_at(&e, "unknown setting '" + name + "'; check its spelling and section");
  }
  return ok_status();
}

}  // namespace classbook
