// sse_frames: the text/event-stream wire format (HTML Living Standard, "Server-sent events").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace classbook::kiosk::screen {

// "id: 7\nevent: state\ndata: {...}\n\n". Each line of `data` becomes its own `data:` line (the
// browser joins them with "\n"); CR and LF in `event` would end the field early, so they are dropped.
std::string sse_event(std::uint64_t id, std::string_view event, std::string_view data);
// "retry: 2000\n\n": how long the browser waits before reconnecting.
std::string sse_retry(std::chrono::milliseconds delay);
// ": text\n\n": ignored by the browser; keeps proxies and dead-peer detection honest.
std::string sse_comment(std::string_view text);

}  // namespace classbook::kiosk::screen
