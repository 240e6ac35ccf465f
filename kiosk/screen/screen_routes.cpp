// screen_routes: the screen's HTTP surface. Guard first (Host, then Origin on POST), then the path.
#include "kiosk/screen/screen_routes.hpp"

#include <algorithm>
#include <charconv>

#include "kiosk/screen/screen_page.hpp"

namespace classbook::kiosk::screen {

void apply(const InputAction& a, ScreenInput& input) {
  switch (a.kind) {
    case InputKind::digit: return input.pin_digit(a.value);
    case InputKind::erase: return input.pin_erase();
    case InputKind::submit: return input.pin_submit();
    case InputKind::week: return input.week_step(a.value);
    case InputKind::done: return input.done();
    case InputKind::print: return input.print_extract();
  }
}

std::vector<std::string> allowed_hosts_for(std::string_view address, unsigned port) {
  const std::string p = ":" + std::to_string(port);
  const std::string literal = address.find(':') != std::string_view::npos ? "[" + std::string(address) + "]"
                                                                           : std::string(address);
  return {literal + p, "localhost" + p};
}

namespace {

RouteReply error(int status, std::string_view code, std::string_view message) {
  RouteReply r;
  r.status = status;
  r.content_type = "application/json";
  r.body = R"({"error":{"code":")" + std::string(code) + R"(","message":")" + std::string(message) + "\"}}";
  return r;
}

RouteReply method_not_allowed(std::string_view allow) {
  RouteReply r = error(405, "method_not_allowed", "this path answers only " + std::string(allow));
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

RouteReply content(std::string type, std::string body) {
  RouteReply r;
  r.content_type = std::move(type);
  r.body = std::move(body);
  return r;
}

bool has_query_flag(std::string_view query, std::string_view flag) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    if (query.substr(0, amp) == flag) return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<InputAction> parse_input(std::string_view what) {
  if (what == "erase") return InputAction{InputKind::erase};
  if (what == "submit") return InputAction{InputKind::submit};
  if (what == "done") return InputAction{InputKind::done};
  if (what == "print") return InputAction{InputKind::print};
  if (what.starts_with("digit/")) {
    const auto d = parse_int(what.substr(6));
    if (what.size() == 7 && d && *d >= 0 && *d <= 9) return InputAction{InputKind::digit, *d};
  }
  if (what.starts_with("week/")) {
    const auto w = parse_int(what.substr(5));
    if (w && (*w == -1 || *w == 1)) return InputAction{InputKind::week, *w};
  }
  return std::nullopt;
}

RouteReply route_input(const RouteRequest& r, const RouteContext& c, std::string_view what) {
  if (r.method != "POST") return method_not_allowed("POST");
  // A page from anywhere else can post a form here; the browser then sends its own Origin. Our
  // page's fetch always sends ours, so a missing or foreign Origin is refused.
  const bool same_origin = r.origin && std::any_of(c.allowed_hosts.begin(), c.allowed_hosts.end(),
                                                   [&](const std::string& h) { return *r.origin == "http://" + h; });
  if (!same_origin) return error(403, "cross_origin", "inputs are accepted only from the screen page itself");
  auto action = parse_input(what);
  if (!action) return error(404, "not_found", "no such input");
  RouteReply reply;
  reply.status = 204;
  reply.input = action;
  return reply;
}

}  // namespace

RouteReply route(const RouteRequest& r, const RouteContext& c) {
  // Answering only to our own Host name defeats DNS rebinding: a foreign site whose name points at
  // 127.0.0.1 still sends its own name in Host.
  if (std::find(c.allowed_hosts.begin(), c.allowed_hosts.end(), r.host) == c.allowed_hosts.end())
    return error(403, "wrong_host", "this screen answers only to http://" + c.allowed_hosts.front() + "/");

  const auto q = r.target.find('?');
  const std::string_view path = r.target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? std::string_view() : r.target.substr(q + 1);

  if (path.starts_with("/input/")) return route_input(r, c, path.substr(7));
  if (r.method != "GET") return method_not_allowed("GET");

  if (path == "/" || path == "/index.html") return content("text/html; charset=utf-8", render_page(c.state_json));
  if (path == "/state") return content("application/json", c.state_json);
  if (path == "/events") {
    RouteReply reply;
    reply.kind = has_query_flag(query, "once=1") ? ReplyKind::event_stream_once : ReplyKind::event_stream;
    reply.content_type = "text/event-stream";
    return reply;
  }
  if (const WebFile* f = find_file(path)) return content(f->content_type, f->body);
  return error(404, "not_found", "no such page");
}

}  // namespace classbook::kiosk::screen
