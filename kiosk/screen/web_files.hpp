// web_files: the screen page (kiosk/screen/web), compiled in by web/embed.cmake.
#pragma once

#include <string>
#include <vector>

namespace classbook::kiosk::screen {

struct WebFile {
  std::string path;  // "/app.js"
  std::string content_type;
  std::string body;
};

const std::vector<WebFile>& web_files();

}  // namespace classbook::kiosk::screen
