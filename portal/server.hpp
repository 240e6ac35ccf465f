// server: the portal's HTTPS listener and connections, in the shape of Beast's async-ssl example,
// and the one place that carries out wire faults (drops, truncation, delays, lying Date headers).
#pragma once

#include <functional>
#include <string>

#include "classbook/common/clock.hpp"
#include "faults.hpp"
#include "routes.hpp"

namespace classbook::portal {

inline constexpr std::size_t kMaxRequestBodyBytes = 8 << 20;  // a batch is ≤ 4 MiB; a roster post may be bigger
inline constexpr int kRequestTimeoutSeconds = 30;
inline constexpr int kIdleTimeoutSeconds = 60;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 0;  // 0: the system picks one
  std::string cert_pem;     // the server certificate, then the CA's, as one chain
  std::string key_pem;
};

// Listens, calls on_ready(port) once bound, and serves on this thread until SIGINT or SIGTERM.
Status run_server(Routes& routes, FaultInjector& faults, const Clock& clock, const ServerOptions& options,
                  const std::function<void(unsigned short)>& on_ready);

}  // namespace classbook::portal
