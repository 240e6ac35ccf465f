// host_names: host name and address syntax, and this machine's names from the resolver and interfaces.
#include "classbook/common/host_names.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <string_view>

namespace classbook {
namespace {

constexpr std::size_t kMaxDnsNameBytes = 253;
constexpr std::size_t kMaxDnsLabelBytes = 63;

}  // namespace

bool is_dns_name(const std::string& name) {
  std::string_view rest = name;
  if (rest.starts_with("*.")) rest.remove_prefix(2);
  if (rest.empty() || name.size() > kMaxDnsNameBytes) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i) {
    if (i == rest.size() || rest[i] == '.') {
      if (label == 0 || label > kMaxDnsLabelBytes) return false;
      label = 0;
      continue;
    }
    const char c = rest[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
    ++label;
  }
  return true;
}

// inet_pton, not OpenSSL's a2i_IPADDRESS: it refuses trailing junk after a dotted quad.
std::string ip_address_octets(const std::string& text) {
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1) return std::string(reinterpret_cast<char*>(buf), 4);
  if (inet_pton(AF_INET6, text.c_str(), buf) == 1) return std::string(reinterpret_cast<char*>(buf), 16);
  return {};
}

bool is_ip_address(const std::string& text) { return !ip_address_octets(text).empty(); }

std::vector<std::string> local_host_names_and_addresses() {
  std::vector<std::string> out;
  // Only what make_server_cert accepts goes in, so `classbookctl init` cannot trip on an odd name.
  auto add = [&out](const std::string& s) {
    if ((is_dns_name(s) || is_ip_address(s)) && std::find(out.begin(), out.end(), s) == out.end()) {
      out.push_back(s);
    }
  };

  char host[HOST_NAME_MAX + 1] = {};
  if (gethostname(host, sizeof host - 1) == 0) {
    add(host);
    add("localhost");
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_CANONNAME;
    addrinfo* info = nullptr;
    if (getaddrinfo(host, nullptr, &hints, &info) == 0) {  // what `hostname -f` reports
      if (info && info->ai_canonname) add(info->ai_canonname);
      freeaddrinfo(info);
    }
  } else {
    add("localhost");
  }
  add("127.0.0.1");
  add("::1");

  ifaddrs* list = nullptr;
  if (getifaddrs(&list) == 0) {
    for (const ifaddrs* i = list; i; i = i->ifa_next) {
      if (!i->ifa_addr || (i->ifa_flags & IFF_LOOPBACK)) continue;
      char text[INET6_ADDRSTRLEN] = {};
      const int family = i->ifa_addr->sa_family;
      const void* addr = nullptr;
      if (family == AF_INET) addr = &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr;
      if (family == AF_INET6) addr = &reinterpret_cast<const sockaddr_in6*>(i->ifa_addr)->sin6_addr;
      if (addr && inet_ntop(family, addr, text, sizeof text)) add(text);
    }
    freeifaddrs(list);
  }
  return out;
}

}  // namespace classbook
