// config_toml: see the header. toml11 parses; this file only flattens what it parsed.
#include "classbook/common/config_toml.hpp"

#include <map>
#include <sstream>

#include <toml.hpp>

namespace classbook {
namespace {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

Error at(const std::string& file, std::uint_least32_t line, std::string message) {
  return make_error(Errc::invalid_input, "config.invalid", file + ":" + std::to_string(line) + ": " + std::move(message));
}

// toml11's message is several lines with a drawing of the place; its first line says what is
// wrong after the parser function's name: "[error] toml::parse_key_value_pair: missing value ...".
std::string first_reason(const char* what) {
  std::string s(what);
  s = s.substr(0, s.find('\n'));
  if (const auto colon = s.find(": "); s.rfind("[error]", 0) == 0 && colon != std::string::npos) s = s.substr(colon + 2);
  return s;
}

Status flatten(const Value& table, const std::string& section, const std::string& file, std::vector<ConfigEntry>& out) {
  for (const auto& [key, v] : table.as_table()) {
    const auto line = v.location().line();
    switch (v.type()) {
      case toml::value_t::table:
        if (auto s = flatten(v, section.empty() ? key : section + "." + key, file, out); !s) return s;
        break;
      case toml::value_t::string: out.push_back({section, key, v.as_string().str, static_cast<int>(line)}); break;
      case toml::value_t::integer: out.push_back({section, key, std::to_string(v.as_integer()), static_cast<int>(line)}); break;
      case toml::value_t::boolean: out.push_back({section, key, v.as_boolean() ? "true" : "false", static_cast<int>(line)}); break;
      default:
        return at(file, line, (section.empty() ? key : section + "." + key) +
                                  " must be a single value: text in quotes, a whole number, or true/false");
    }
  }
  return ok_status();
}

}  // namespace

Result<std::vector<ConfigEntry>> parse_config_toml(std::string_view text, const std::string& file) {
  std::istringstream in{std::string(text)};
  Value root;
  try {
    root = toml::parse<toml::discard_comments, std::map, std::vector>(in, file);
  } catch (const toml::exception& e) {
    return at(file, e.location().line(), "this is not valid TOML: " + first_reason(e.what()));
  } catch (const std::exception& e) {
    return make_error(Errc::invalid_input, "config.invalid", file + ": this is not valid TOML: " + e.what());
  }
  std::vector<ConfigEntry> out;
  if (auto s = flatten(root, "", file, out); !s) return s.error();
  return out;
}

}  // namespace classbook
