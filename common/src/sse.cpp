// sse: formatting only; the caller decides when frames are written.
#include "classbook/common/sse.hpp"

namespace classbook::sse {

namespace {
std::string one_line(std::string_view s) {
  if (s.find_first_of("\r\n") == std::string_view::npos) return std::string(s);  // the usual case: JSON
  std::string out;
  for (char c : s)
    if (c != '\r' && c != '\n') out += c;
  return out;
}
}  // namespace

std::string event(std::string_view id, std::string_view name, std::string_view data) {
  std::string out = "id: " + one_line(id) + "\nevent: " + one_line(name) + "\n";
  std::size_t start = 0;
  while (true) {
    std::size_t end = data.find('\n', start);
    const std::string_view line = data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += "data: ";
    out += one_line(line);  // a lone CR also ends a line in the browser's parser
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  out += '\n';
  return out;
}

std::string retry(std::chrono::milliseconds delay) { return "retry: " + std::to_string(delay.count()) + "\n\n"; }

std::string comment(std::string_view text) { return ": " + one_line(text) + "\n\n"; }

}  // namespace classbook::sse
