// log: one line per event to stderr, "time level component: message", safe from any thread.
#pragma once

#include <string_view>

namespace classbook::log {

enum class Level { debug, info, warn, error };
void set_level(Level level);
void write(Level level, std::string_view component, std::string_view message);
inline void info(std::string_view c, std::string_view m) { write(Level::info, c, m); }
inline void warn(std::string_view c, std::string_view m) { write(Level::warn, c, m); }
inline void error(std::string_view c, std::string_view m) { write(Level::error, c, m); }

}  // namespace classbook::log
