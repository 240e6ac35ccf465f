// host_names: the names and addresses the box is reached by — what its server certificate (and its
// CA's name constraints) list.
#pragma once

#include <string>
#include <vector>

namespace classbook {

// True for a literal IPv4 or IPv6 address (no scope suffix), which belongs in ip_addresses.
bool is_ip_address(const std::string& text);

// The 4 or 16 bytes of an IPv4 or IPv6 literal, or empty. Stricter than OpenSSL's a2i_IPADDRESS,
// which accepts trailing junk after a dotted quad.
std::string ip_address_octets(const std::string& text);

// Host names as TLS clients match them: dot-separated labels of letters, digits, '-' and '_', at
// most 253 bytes, with an optional leading "*." wildcard.
bool is_dns_name(const std::string& name);

// Names and addresses this machine may be reached by, for a server certificate: hostname,
// "localhost", the fully qualified name when it differs, 127.0.0.1, ::1 and every non-loopback
// interface address. No duplicates; split them with is_ip_address.
std::vector<std::string> local_host_names_and_addresses();

}  // namespace classbook
