// portal_transport: what the transports share.
#include "sync/portal_transport.hpp"

#include <algorithm>
#include <cctype>

namespace classbook::sync {

std::optional<std::string> PortalResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
      return v;
  return std::nullopt;
}

}  // namespace classbook::sync
