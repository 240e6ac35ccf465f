// sse: the text/event-stream wire format (HTML Living Standard, "Server-sent events"), as the kiosk's
// screen and the server's live updates write it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace classbook::sse {

// "id: 7\nevent: state\ndata: {...}\n\n". Each line of `data` becomes its own `data:` line (the
// browser joins them with "\n"); CR and LF in `id` or `name` would end the field early, so they are dropped.
std::string event(std::string_view id, std::string_view name, std::string_view data);
inline std::string event(std::uint64_t id, std::string_view name, std::string_view data) {
  return event(std::string_view(std::to_string(id)), name, data);
}
// "retry: 2000\n\n": how long the browser waits before reconnecting.
std::string retry(std::chrono::milliseconds delay);
// ": text\n\n": ignored by the browser; keeps proxies and dead-peer detection honest.
std::string comment(std::string_view text);

}  // namespace classbook::sse
