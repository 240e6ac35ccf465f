// cups_address: see the header.
#include "printing/cups_address.hpp"

#include <algorithm>
#include <charconv>

namespace classbook::printing {
namespace {

Error malformed(std::string_view server) {
  return make_error(Errc::unavailable, "printing.unreachable",
                    "the CUPS server '" + std::string(server) +
                        "' is not a host, host:port or socket path: fix [printing] cups_server in classbookd.toml");
}

bool plain_host(std::string_view host) {
  return !host.empty() && std::none_of(host.begin(), host.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '/' || c == '[' || c == ']' || c == '@' || c == '?' || c == '#';
  });
}

bool read_port(std::string_view text, int& port) {
  if (text.empty() || text.size() > 5) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  return ec == std::errc() && end == text.data() + text.size() && port >= 1 && port <= 65535;
}

bool loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

Result<CupsAddress> cups_address(std::string_view server, std::string_view cups_default) {
  const std::string_view given = server.empty() ? cups_default : server;
  if (given.starts_with("/")) return CupsAddress{std::string(given), kIppPort, true};
  CupsAddress a;
  std::string_view port_text;
  if (given.starts_with("[")) {
    const auto close = given.find(']');
    if (close == std::string_view::npos) return malformed(given);
    a.host = std::string(given.substr(1, close - 1));
    const auto rest = given.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(":")) return malformed(given);
      port_text = rest.substr(1);
      if (port_text.empty()) return malformed(given);
    }
  } else if (const auto colon = given.find(':'); colon != std::string_view::npos && given.find(':', colon + 1) == std::string_view::npos) {
    a.host = std::string(given.substr(0, colon));
    port_text = given.substr(colon + 1);
    if (port_text.empty()) return malformed(given);
  } else {
    a.host = std::string(given);  // a name, or an IPv6 address without a port
  }
  if (!plain_host(a.host)) return malformed(given);
  if (!port_text.empty() && !read_port(port_text, a.port)) return malformed(given);
  a.local = loopback(a.host);
  return a;
}

}  // namespace classbook::printing
