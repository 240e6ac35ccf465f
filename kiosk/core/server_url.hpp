// server_url: the box's address from the config ("https://box.school:8443"), checked once. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::kiosk {

struct ServerUrl {
  std::string host;     // name or IP literal (without brackets), checked against the certificate
  std::uint16_t port = 443;
  std::string text;     // as given, for messages
  std::string host_header() const;  // "host:port" with brackets for IPv6
};

// Only https://host[:port][/] — the kiosk speaks to one box and never in clear text.
Result<ServerUrl> parse_server_url(std::string_view text);

}  // namespace classbook::kiosk
