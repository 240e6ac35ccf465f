// cups_address: classbookd.toml's [printing] cups_server read as where to connect — a host and port,
// or a Unix socket — and whether the link stays on this machine (then it is never encrypted: there
// is nobody to hide from, and a local cupsd has no certificate to offer).
#pragma once

#include <string>
#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::printing {

inline constexpr int kIppPort = 631;

struct CupsAddress {
  std::string host;  // a name, an IP address (IPv6 without brackets) or a socket path ("/run/cups/cups.sock")
  int port = kIppPort;
  bool local = false;  // loopback or a socket
};

// `server`: "host", "host:port", "[v6]:port", a bare IPv6 address or a socket path; empty for
// `cups_default` (CUPS's own choice, in the same forms). A server of another shape is
// printing.unreachable, saying what to write.
Result<CupsAddress> cups_address(std::string_view server, std::string_view cups_default);

}  // namespace classbook::printing
