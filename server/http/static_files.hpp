// static_files: the browser app, bundled by server/web/build.mjs and compiled into the daemon.
#pragma once

#include <string>
#include <vector>

namespace classbook::http {

struct StaticFile {
  std::string path;          // "/index.html", "/assets/main-YDLLIFH5.js"
  std::string content_type;
  std::string body;
  std::string gzip;          // the body gzipped at build time; "" when that saves too little
  std::string etag;          // quoted, from a hash of the body
};

const std::vector<StaticFile>& static_files();

}  // namespace classbook::http
