// csv: a one-pass state machine; a malformed record is reported, never guessed at.
#include "sync/oneroster/csv.hpp"

namespace classbook::oneroster {

bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    unsigned cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
    else return false;
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

CsvTable read_csv(std::string_view text, const CsvLimits& limits) {
  CsvTable t;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  std::size_t at = 0;
  auto problem = [&](std::size_t column, std::string message) {
    t.problem = CsvProblem{records.size() + 1, column, std::move(message)};
    if (!records.empty()) t.header = records.front();  // so the caller can name the column
    t.rows.clear();
    return t;
  };
  if (text.empty()) return problem(0, "the file is empty; it needs at least its header row");
  for (;;) {
    // One field.
    field.clear();
    const std::size_t column = record.size() + 1;
    if (at < text.size() && text[at] == '"') {
      ++at;
      for (;;) {
        if (at >= text.size()) return problem(column, "a quoted field has no closing quote");
        if (text[at] == '"') {
          if (at + 1 < text.size() && text[at + 1] == '"') {
            field += '"';
            at += 2;
            continue;
          }
          ++at;
          break;
        }
        field += text[at++];
      }
      if (at < text.size() && text[at] != ',' && text[at] != '\r' && text[at] != '\n')
        return problem(column, "text after a closing quote; a quote inside a field is written twice (\"\")");
    } else {
      while (at < text.size() && text[at] != ',' && text[at] != '\r' && text[at] != '\n') {
        if (text[at] == '"')
          return problem(column, "a quote inside an unquoted field; put the whole field in quotes and write the quote twice");
        field += text[at++];
      }
    }
    if (limits.max_field_bytes && field.size() > limits.max_field_bytes)
      return problem(column, "longer than " + std::to_string(limits.max_field_bytes) + " bytes");
    if (!is_utf8(field)) return problem(column, "not valid UTF-8; save the file as UTF-8");
    record.push_back(std::move(field));
    // What ends it.
    if (at < text.size() && text[at] == ',') {
      ++at;
      continue;
    }
    bool end_of_text = at >= text.size();
    if (!end_of_text) {
      if (text[at] == '\r') {
        if (at + 1 >= text.size() || text[at + 1] != '\n') return problem(0, "a carriage return without a line feed");
        ++at;
      }
      ++at;  // '\n'
      // Blank lines at the very end are what editors leave behind, not records.
      end_of_text = text.find_first_not_of("\r\n", at) == std::string_view::npos;
    }
    if (!records.empty() && record.size() != records.front().size())
      return problem(0, "has " + std::to_string(record.size()) + " fields; the header has " +
                            std::to_string(records.front().size()));
    records.push_back(std::move(record));
    record.clear();
    if (limits.max_rows && records.size() > limits.max_rows + 1)
      return problem(0, "more than " + std::to_string(limits.max_rows) + " rows; split the bundle");
    if (end_of_text) break;
  }
  t.header = std::move(records.front());
  t.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return t;
}

}  // namespace classbook::oneroster
