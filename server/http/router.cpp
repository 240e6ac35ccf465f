// router: compiles the route table once and matches requests against it without allocating.
#include "http/router.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace classbook::http {
namespace bh = boost::beast::http;

const char* to_string(Caller c) {
  switch (c) {
    case Caller::anyone: return "public";
    case Caller::scraper: return "scraper";
    case Caller::kiosk: return "kiosk";
    case Caller::kiosk_or_key: return "kiosk_or_key";
    case Caller::signed_in: return "signed_in";
    case Caller::api_client: return "api_client";
  }
  return "unknown";
}

const char* to_string(Audience a) {
  switch (a) {
    case Audience::student: return "student";
    case Audience::guardian: return "guardian";
    case Audience::teacher: return "teacher";
    case Audience::class_teacher: return "class_teacher";
    case Audience::secretary: return "secretary";
    case Audience::director: return "director";
    case Audience::admin: return "admin";
  }
  return "unknown";
}

const char* to_string(Reach r) {
  switch (r) {
    case Reach::none: return "none";
    case Reach::own: return "own";
    case Reach::any: return "any";
  }
  return "unknown";
}

std::size_t CompiledRoute::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (segments[i].param && segments[i].text == name) return i;
  return std::string_view::npos;
}

namespace {

[[noreturn]] void bad_table(const Route& r, const char* why) {
  std::fprintf(stderr, "classbook: route table: %s %.*s: %s\n", std::string(bh::to_string(r.method)).c_str(),
               static_cast<int>(r.pattern.size()), r.pattern.data(), why);
  std::abort();
}

CompiledRoute compile(const Route& r) {
  CompiledRoute c{&r, {}};
  if (r.pattern.empty() || r.pattern.front() != '/') bad_table(r, "a pattern starts with /");
  std::string_view rest = r.pattern.substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    auto seg = rest.substr(0, slash);
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') c.segments.push_back({seg.substr(1, seg.size() - 2), true});
    else if (seg.empty() || seg.find_first_of("{}") != std::string_view::npos) bad_table(r, "a segment is a word or a {name}");
    else c.segments.push_back({seg, false});
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (c.segments.size() > max_route_segments) bad_table(r, "more segments than max_route_segments");
  if (!r.handler) bad_table(r, "no handler");
  return c;
}

// From the last segment back: every path starts "api/v1", so the end tells rows apart soonest.
bool matches(const CompiledRoute& r, const std::vector<std::string>& path) {
  for (std::size_t i = path.size(); i-- > 0;)
    if (!r.segments[i].param && r.segments[i].text != path[i]) return false;
  return true;
}

// Literal before parameter at the first segment where the two differ in kind.
bool more_specific(const CompiledRoute* a, const CompiledRoute* b) {
  for (std::size_t i = 0; i < a->segments.size(); ++i)
    if (a->segments[i].param != b->segments[i].param) return !a->segments[i].param;
  return false;
}

bool same_shape(const CompiledRoute& a, const CompiledRoute& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].param != b.segments[i].param) return false;
    if (!a.segments[i].param && a.segments[i].text != b.segments[i].text) return false;
  }
  return true;
}

}  // namespace

Router::Router() {
  for (auto area : {session_routes(), journal_routes(), document_routes(), grading_routes(), school_routes(), roster_routes(),
                    card_routes(), timetable_routes(), kiosk_routes(), web_routes(), live_routes(), access_routes(), admin_routes(),
                    school_admin_routes(), report_routes(), oauth_routes(), oneroster_routes(), mail_routes(), sync_routes()})
    for (const auto& r : area) rows_.push_back(compile(r));
  for (std::size_t i = 0; i < rows_.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (rows_[i].route->method == rows_[j].route->method && same_shape(rows_[i], rows_[j]))
        bad_table(*rows_[i].route, "the same method and path shape twice");
  for (const auto& r : rows_) {
    auto& buckets = by_length_[r.segments.size()];
    auto it = std::find_if(buckets.begin(), buckets.end(), [&](const Bucket& b) { return b.method == r.route->method; });
    if (it == buckets.end()) it = buckets.insert(buckets.end(), Bucket{r.route->method, {}});
    it->rows.push_back(&r);
  }
  for (auto& buckets : by_length_) {
    std::sort(buckets.begin(), buckets.end(), [](const Bucket& a, const Bucket& b) { return a.method < b.method; });
    for (auto& b : buckets) std::stable_sort(b.rows.begin(), b.rows.end(), more_specific);
  }
}

const Router& Router::api() {
  static const Router table;
  return table;
}

const CompiledRoute* Router::find(bh::verb method, const std::vector<std::string>& path) const {
  if (path.size() > max_route_segments) return nullptr;
  for (const auto& b : by_length_[path.size()]) {
    if (b.method != method) continue;
    for (const auto* r : b.rows)
      if (matches(*r, path)) return r;
    return nullptr;
  }
  return nullptr;
}

std::string Router::methods_for(const std::vector<std::string>& path) const {
  std::string out;
  if (path.size() > max_route_segments) return out;
  for (const auto& b : by_length_[path.size()])
    for (const auto* r : b.rows)
      if (matches(*r, path)) {
        if (!out.empty()) out += ", ";
        out += bh::to_string(b.method);
        break;
      }
  return out;
}

std::string Router::dump() const {
  std::string out;
  for (const auto& c : rows_) {
    const auto& a = c.route->access;
    boost::json::object row{{"method", std::string(bh::to_string(c.route->method))},
                            {"pattern", std::string(c.route->pattern)},
                            {"caller", to_string(a.caller)}};
    if (a.caller == Caller::signed_in) {
      boost::json::object roles;
      for (auto who : audiences) roles[to_string(who)] = to_string(a.of(who));
      row["roles"] = std::move(roles);
      row["before_password_change"] = a.before_password_change;
      row["refreshes_rights"] = a.refreshes_rights;
    }
    if (a.caller == Caller::api_client) row["scope"] = domain::to_uri(a.scope);
    row["documented"] = !a.web_ui;
    out += boost::json::serialize(row);
    out += '\n';
  }
  return out;
}

}  // namespace classbook::http
