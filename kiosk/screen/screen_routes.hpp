// screen_routes: what the screen server answers, as a plain function of the request — no sockets,
// so every rule (routes, the cross-site guard, the inputs) is tested without a connection.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk::screen {

// A touch on the hall screen, carried from the HTTP thread to the agent's thread.
enum class InputKind { digit, erase, submit, week, done, print };
struct InputAction {
  InputKind kind = InputKind::done;
  int value = 0;  // the digit, or the week step (-1 | +1)
  bool operator==(const InputAction&) const = default;
};
void apply(const InputAction& action, ScreenInput& input);

struct RouteRequest {
  std::string_view method;  // "GET", "POST", ...
  std::string_view target;  // "/events?once=1"
  std::string_view host;    // the Host header
  std::optional<std::string_view> origin;  // the Origin header, when sent
};

enum class ReplyKind {
  response,           // an ordinary response: status, headers, body
  event_stream,       // switch to SSE: the current state now, then every change
  event_stream_once,  // SSE with the current state only, then close (for screenshot tests)
};

struct RouteReply {
  ReplyKind kind = ReplyKind::response;
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type
  std::optional<InputAction> input;                          // to hand to the agent
};

struct RouteContext {
  // "127.0.0.1:8181", "localhost:8181": the only Host values answered; Origin must be http:// one of them.
  const std::vector<std::string>& allowed_hosts;
  const std::string& state_json;  // the current state (screen_json)
};

RouteReply route(const RouteRequest& request, const RouteContext& context);

// The Host values a server bound to `address`:`port` answers to.
std::vector<std::string> allowed_hosts_for(std::string_view address, unsigned port);

}  // namespace classbook::kiosk::screen
