// web_app: serving the embedded browser app.
#include "http/web_app.hpp"

#include <unordered_map>

#include "http/static_files.hpp"

namespace classbook::http {
namespace {

const StaticFile* find_file(std::string_view path) {
  static const auto index = [] {
    std::unordered_map<std::string_view, const StaticFile*> m;
    for (const auto& f : static_files()) m.emplace(f.path, &f);
    return m;
  }();
  const auto it = index.find(path);
  return it == index.end() ? nullptr : it->second;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// The If-None-Match list holds this ETag (or is "*").
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto tag = trim(header.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag || tag == "*") return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto item = header.substr(0, comma);
    const auto semi = item.find(';');
    const auto coding = trim(item.substr(0, semi));
    if (iequals(coding, "gzip") || coding == "*") {
      bool refused = false;
      if (semi != std::string_view::npos) {
        auto param = trim(item.substr(semi + 1));
        if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
          param.remove_prefix(2);
          // q=0, q=0.0, q=0.000: refused; anything else above zero admits it.
          refused = param.find_first_not_of("0.") == std::string_view::npos;
        }
      }
      if (!refused) return true;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

void serve_web_app(Api::Call& c) {
  std::string want;
  for (const auto& seg : c.path) want.append(1, '/').append(seg);
  const StaticFile* f = find_file(want.empty() ? "/index.html" : want);
  if (!f) {
    // A file that is not there stays a 404; any other path is one of the app's pages.
    const bool a_file = !c.path.empty() && c.path.back().find('.') != std::string::npos;
    const bool the_api = !c.path.empty() && c.path.front() == "api";
    if (a_file || the_api || !(f = find_file("/index.html")))
      return c.fail(Errc::not_found, "request.no_such_page", "no such page; the API lives under /api/v1");
  }
  const bool immutable = f->path.starts_with("/assets/");
  const bool gzip = !f->gzip.empty() && accepts_gzip(c.req[bh::field::accept_encoding]);
  const bool unchanged = etag_matches(c.req[bh::field::if_none_match], f->etag);
  auto res = make_response(unchanged ? status::not_modified : status::ok, c.req.version(),
                           unchanged ? std::string() : gzip ? f->gzip : f->body, f->content_type.c_str());
  res.set(bh::field::cache_control, immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set(bh::field::etag, f->etag);
  if (!f->gzip.empty()) res.set(bh::field::vary, "Accept-Encoding");
  if (gzip && !unchanged) res.set(bh::field::content_encoding, "gzip");
  // No inline script, no eval, nothing from elsewhere: the app is only what the box serves.
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.set("Referrer-Policy", "no-referrer");
  c.reply(std::move(res));
}

}  // namespace classbook::http
