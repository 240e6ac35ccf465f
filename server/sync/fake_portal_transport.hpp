// fake_portal_transport: an in-memory city portal that follows docs/sync-protocol.md (token, batches
// with idempotency keys and the acknowledged cursor, signatures pinned on first use, anchors), with
// faults scripted request by request — for the sync client's tests, with no network and no clock.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "classbook/common/clock.hpp"
#include "sync/portal_transport.hpp"

namespace classbook::sync {

struct FakeFault {
  enum class Kind {
    cut_after_bytes,  // the connection drops after `bytes` of the request: past the whole request the
                      // portal has it (and applied it), but its answer is lost
    status,           // answers `status` (500, 503, 429) with Retry-After `retry_after` when not empty
    truncated_body,   // handles the request, then the answer's body is cut in half
    unauthorized,     // 401 although the token is good (the portal restarted and forgot its tokens)
    replay_previous,  // answers with the previous answer again (a duplicate from a proxy)
    answer_body,      // handles the request, then answers `status` with `body` instead (a portal answering garbage)
  };
  Kind kind = Kind::status;
  std::string path_contains = "/batches";  // which requests it hits (the first one that matches)
  std::size_t bytes = 0;
  int status = 503;
  std::string retry_after;
  int pass_first = 0;  // matching requests let through untouched before this fault fires
  std::string body;    // answer_body: what the portal answers
};

struct FakeAnchor {
  std::int64_t seq = 0;
  std::string hash, at;
};

class FakePortalTransport final : public PortalTransport {
 public:
  FakePortalTransport(const Clock& clock, std::string client_id, std::string client_secret);
  Result<PortalResponse> send(const PortalRequest& request) override;

  // Set-up.
  void add_fault(FakeFault f);
  void refuse_seq(std::int64_t seq, std::string reason);  // an item the portal cannot take
  void set_token_lifetime_seconds(int s) { token_lifetime_ = s; }
  void set_acknowledged_through(std::int64_t n) { acknowledged_ = n; }  // as after an import by file
  void add_anchor(FakeAnchor a) { anchors_.push_back(std::move(a)); }

  // What happened.
  std::int64_t acknowledged_through() const { return acknowledged_; }
  int token_requests() const { return token_requests_; }
  int batch_requests() const { return batch_requests_; }        // every POST of a batch that arrived whole
  std::vector<std::string> batch_keys() const { return keys_seen_; }  // Idempotency-Key of each, in order
  std::map<std::string, int> items_by_kind() const { return by_kind_; }  // distinct sourcedIds applied
  std::size_t objects() const { return objects_.size(); }
  std::optional<std::string> object(const std::string& kind_and_id) const;  // "result/<id>": the item last applied
  std::vector<std::string> attempts() const { return attempts_; }  // Idempotency-Key of every batch POST tried, faults too
  std::int64_t items_applied() const { return applied_total_; }
  const std::vector<FakeAnchor>& anchors() const { return anchors_; }
  std::string pinned_key() const { return pinned_key_; }
  std::size_t max_body_bytes() const { return max_body_; }
  std::size_t max_items() const { return max_items_; }
  std::int64_t snapshot_items() const { return snapshot_items_; }

 private:
  PortalResponse handle(const PortalRequest& r);
  PortalResponse token(const PortalRequest& r);
  PortalResponse batch(const PortalRequest& r);
  PortalResponse anchors(const PortalRequest& r) const;
  bool authorised(const PortalRequest& r) const;

  const Clock& clock_;
  std::string client_id_, client_secret_;
  int token_lifetime_ = 3600;
  std::map<std::string, TimePoint> tokens_;  // token → expiry
  int token_counter_ = 0, token_requests_ = 0, batch_requests_ = 0;
  std::deque<FakeFault> faults_;
  std::map<std::int64_t, std::string> refuse_;
  std::int64_t acknowledged_ = 0;
  std::map<std::string, PortalResponse> answered_;  // Idempotency-Key → the answer given
  std::vector<std::string> keys_seen_, attempts_;
  std::map<std::string, std::string> objects_;      // sourcedId → item JSON
  std::map<std::string, std::string> kind_of_;
  std::map<std::string, int> by_kind_;
  std::int64_t applied_total_ = 0, snapshot_items_ = 0;
  std::vector<FakeAnchor> anchors_;
  std::string pinned_key_;
  std::optional<PortalResponse> previous_;
  std::size_t max_body_ = 0, max_items_ = 0;
};

}  // namespace classbook::sync
