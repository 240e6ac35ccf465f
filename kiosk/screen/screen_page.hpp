// screen_page: the page with the current state written into it, and the page's other files.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/screen/web_files.hpp"

namespace classbook::kiosk::screen {

// Where index.html carries the state: inside <script type="application/json" id="state">.
constexpr std::string_view state_placeholder = "__SCREEN_STATE__";

// index.html with `state_json` in place of the placeholder. The page renders it synchronously at
// load, so the first paint (and a load-time screenshot) already shows the current state.
std::string render_page(std::string_view state_json);

// JSON made safe inside a <script> element: '<', '>' and '&' become \u escapes, so a name such as
// "</script><script>…" stays data. JSON.parse reads the escapes back to the same text.
std::string escape_for_script(std::string_view json);

// One of the embedded files by its path ("/app.js"); nullptr when there is none.
const WebFile* find_file(std::string_view path);

}  // namespace classbook::kiosk::screen
