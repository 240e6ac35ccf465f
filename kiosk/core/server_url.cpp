// server_url: a deliberately narrow URL reader; a path or query in the server URL is a mistake.
#include "kiosk/core/server_url.hpp"

#include <charconv>

namespace classbook::kiosk {

std::string ServerUrl::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ServerUrl> parse_server_url(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return make_error(Errc::invalid_input, "config.server_url_invalid", "server url '" + std::string(text) + "' " + why +
                                               "; write it like https://box.school.local:8443");
  };
  constexpr std::string_view scheme = "https://";
  if (text.substr(0, scheme.size()) != scheme) return bad("must start with https://");
  std::string_view rest = text.substr(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#@ ") != std::string_view::npos) return bad("must be only a host and a port");
  ServerUrl url;
  url.text = std::string(text);
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return bad("has an unclosed [");
    url.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad("has text after the IPv6 address");
      port = rest.substr(1);
      if (port.empty()) return bad("has an empty port");
    }
  } else {
    const auto colon = rest.find(':');
    url.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      if (port.empty()) return bad("has an empty port");
    }
  }
  if (url.host.empty()) return bad("has no host");
  if (!port.empty()) {
    unsigned value = 0;
    const auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || p != port.data() + port.size() || value == 0 || value > 65535)
      return bad("has a port that is not a number from 1 to 65535");
    url.port = static_cast<std::uint16_t>(value);
  }
  return url;
}

}  // namespace classbook::kiosk
