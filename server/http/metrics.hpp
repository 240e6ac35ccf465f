// metrics: the API's Prometheus counters, and who may read them (loopback or one scrape address).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace classbook::app {
class Sessions;
struct Context;
}  // namespace classbook::app

namespace classbook::http {

// True for a loopback peer (127.0.0.0/8, ::1, IPv4-mapped 127.x) or exactly `scrape_from` when set:
// the counters say how busy the school is and when, which is nobody else's business.
bool may_scrape(std::string_view peer_address, std::string_view scrape_from);

class Metrics {
 public:
  void count_response(int status);
  void count_tap(const std::string& result);
  // The Prometheus text: responses, taps, the writer, sessions, then `extra` (connections, …).
  std::string text(const app::Context& ctx, const app::Sessions& sessions, const std::function<std::string()>& extra);

 private:
  std::mutex mutex_;
  std::map<int, std::uint64_t> responses_;
  std::map<std::string, std::uint64_t> taps_;
};

}  // namespace classbook::http
