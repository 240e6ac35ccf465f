// log: serialised stderr lines with a UTC stamp.
#include "classbook/common/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "classbook/common/clock.hpp"

namespace classbook::log {
namespace {
std::atomic<Level> g_level{Level::info};
std::mutex g_mutex;
constexpr const char* names[] = {"debug", "info", "warn", "error"};
}  // namespace

void set_level(Level level) { g_level = level; }

void write(Level level, std::string_view component, std::string_view message) {
  if (level < g_level.load()) return;
  const std::string stamp = format_utc(SystemClock{}.now());
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "%s %s %.*s: %.*s\n", stamp.c_str(), names[int(level)],
               int(component.size()), component.data(), int(message.size()), message.data());
}

}  // namespace classbook::log
