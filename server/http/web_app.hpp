// web_app: the browser app's files as the box serves them — internal to http/.
#pragma once

#include <string_view>

#include "http/call.hpp"

namespace classbook::http {

// Answers a GET outside /api/v1 from the embedded app (static_files.hpp): a bundle under /assets/
// (content-hashed names, cached for a year as immutable), index.html (no-cache, so a new build is
// seen at the next load) for "/" and for any path of the app's own pages (/diary/2026-W48: the app
// routes it in the browser), gzipped when the browser accepts it, 304 when its ETag still holds.
// A missing file (a last segment with a dot) is a 404 that says where the API is.
void serve_web_app(Api::Call& c);

// Whether an Accept-Encoding header admits gzip (a "gzip" or "*" coding whose q is not 0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace classbook::http
