// screen_page: string work only — the page template and its files come from the build (embed.cmake).
#include "kiosk/screen/screen_page.hpp"

namespace classbook::kiosk::screen {

std::string escape_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (char c : json) {
    // These characters occur in JSON only inside strings, where a \u escape means the same.
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

const WebFile* find_file(std::string_view path) {
  for (const auto& f : web_files())
    if (f.path == path) return &f;
  return nullptr;
}

std::string render_page(std::string_view state_json) {
  const WebFile* index = find_file("/index.html");
  if (!index) return "<!doctype html><title>Classbook</title><p>The screen page was not built in.";
  std::string page = index->body;
  const auto at = page.find(state_placeholder);
  if (at != std::string::npos) page.replace(at, state_placeholder.size(), escape_for_script(state_json));
  return page;
}

}  // namespace classbook::kiosk::screen
