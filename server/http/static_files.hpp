// static_files: the browser UI, compiled into the daemon from server/web.
#pragma once

#include <string>
#include <vector>

namespace classbook::http {

struct StaticFile {
  std::string path;          // "/index.html"
  std::string content_type;
  std::string body;
};

const std::vector<StaticFile>& static_files();

}  // namespace classbook::http
