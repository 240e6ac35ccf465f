// config_text: the one small format for Classbook's config and profile files, parsed line by line
// so a test can feed lines directly. `# comment`, `[section]`, `key = value`; a value may be
// "quoted" (then # and surrounding spaces are kept). Errors name the file and line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook {

struct ConfigEntry {
  std::string section;  // "" before the first [section]
  std::string key;
  std::string value;
  int line = 0;
};

// Fails on a line that is neither comment, section nor key = value, on an unterminated quote and
// on a key given twice in one section.
Result<std::vector<ConfigEntry>> parse_config_text(std::string_view text, const std::string& file);

// Typed reads of one entry, with messages like "kiosk.conf:12: debounce_ms must be a whole number
// from 0 to 60000, not 'fast'".
class ConfigValues {
 public:
  ConfigValues(std::vector<ConfigEntry> entries, std::string file) : entries_(std::move(entries)), file_(std::move(file)) {}

  const ConfigEntry* find(std::string_view section, std::string_view key) const;
  Result<std::string> text(std::string_view section, std::string_view key, std::string fallback) const;
  Result<std::int64_t> integer(std::string_view section, std::string_view key, std::int64_t fallback,
                               std::int64_t min, std::int64_t max) const;  // decimal or 0x hex
  Result<bool> flag(std::string_view section, std::string_view key, bool fallback) const;  // yes/no/true/false/1/0
  // One of `choices`; the message lists them.
  Result<std::string> choice(std::string_view section, std::string_view key, std::string fallback,
                             const std::vector<std::string>& choices) const;
  // Fails on the first entry whose section/key is not in `known` ("section.key" or "key" for the
  // top level), so a typo is an error, not a silently ignored setting.
  Status only(const std::vector<std::string>& known) const;
  // "file:line: message" for the entry, or "file: message" when absent.
  Error error_at(const ConfigEntry* e, std::string message) const;

  const std::vector<ConfigEntry>& entries() const { return entries_; }
  const std::string& file() const { return file_; }

 private:
  std::vector<ConfigEntry> entries_;
  std::string file_;
};

}  // namespace classbook
