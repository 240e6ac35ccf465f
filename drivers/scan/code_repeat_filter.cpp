// code_repeat_filter: last sighting per code, pruned as time passes.
#include "drivers/scan/code_repeat_filter.hpp"

namespace classbook::drivers {

bool CodeRepeatFilter::accept(const DecodedCode& code, TimePoint at) {
  std::erase_if(last_seen_, [&](const auto& entry) { return at - entry.second > window_; });
  std::string key = std::string(to_string(code.format)) + '\n' + code.text;
  const auto [it, inserted] = last_seen_.try_emplace(std::move(key), at);
  if (inserted) return true;
  it->second = at;
  return false;
}

}  // namespace classbook::drivers
