// box_uplink: the kiosk endpoints of docs/kiosk-protocol.md over the one HTTPS connection — the
// real Uplink port of kiosk/core.
#pragma once

#include <cstdint>
#include <functional>

#include "kiosk/core/ports.hpp"
#include "kiosk/uplink/https_client.hpp"

namespace classbook::kiosk {

// The box renders the extract (fonts, a QR code, a registration) before it answers: its request may
// take this long whatever [timing] request_timeout_ms says.
inline constexpr auto extract_timeout = std::chrono::seconds(20);

class BoxUplink final : public Uplink {
 public:
  explicit BoxUplink(HttpsClient& client) : client_(client) {}
  // From now on hello and taps carry the spool's depth (spool_depth_header) as `depth` says it —
  // an entrance kiosk's spool; a hall kiosk has none and sends no such header.
  void report_spool_depth(std::function<std::int64_t()> depth) { spool_depth_ = std::move(depth); }
  void hello(Done done) override;
  void post_tap(const SpooledTap& tap, Done done) override;
  void hall_diary(const DiaryQuery& query, Done done) override;
  void hall_extract(const DiaryQuery& query, Done done) override;

 private:
  void send(HttpRequest request, Done done);
  void add_spool_depth(HttpRequest& request) const;
  HttpsClient& client_;
  std::function<std::int64_t()> spool_depth_;
};

Reply to_reply(HttpResult r);

}  // namespace classbook::kiosk
