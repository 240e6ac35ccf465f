// faults: the portal's seeded misbehaviour — a deterministic PRNG picks, request by request, whether
// and how to fail, so a run can be repeated exactly from its seed. Faults change only what goes on
// the wire, never what the portal stores.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::portal {

enum class FaultKind {
  none,
  drop_request,     // close before reading the request's body: nothing was applied
  drop_response,    // close after N bytes of the response: it may have been applied
  status_500,       // 500, sometimes with Retry-After
  status_503,       // 503 with Retry-After (seconds)
  slow,             // answer after a delay
  truncated_body,   // the whole Content-Length promised, part of the body sent, then close
  expired_token,    // 401 invalid_token as if the token had expired (bearer requests)
  clock_skew,       // Date header (and a token's expires_in) off by minutes
  duplicate_page,   // a rostering page that repeats objects of the previous page (offset > 0)
  duplicate_batch,  // a batch applied, then answered 503 so the box sends it again
};
std::string_view fault_name(FaultKind kind);

inline constexpr double kDefaultFaultRate = 0.2;
inline constexpr std::int64_t kMaxRetryAfterSeconds = 3;   // keeps a test's back-off short
inline constexpr std::int64_t kMinSlowMs = 200, kMaxSlowMs = 1500;
inline constexpr std::int64_t kMaxSkewMinutes = 30;
inline constexpr std::int64_t kMaxRepeatedObjects = 5;
inline constexpr std::size_t kFaultLogLimit = 100000;       // what /portal/v1/faults keeps in memory

// What the request is, as far as choosing a fault goes: only faults that fit it are drawn.
struct RequestTraits {
  bool bearer = false;            // carries a bearer token to check
  bool roster_page_after = false; // a rostering collection read with offset > 0
  bool batch = false;             // POST …/batches
};

struct FaultPlan {
  FaultKind kind = FaultKind::none;
  std::uint64_t draw = 0;  // the parameter's random bits: a byte count, a delay, a skew…
  std::int64_t retry_after_s() const { return 1 + static_cast<std::int64_t>(draw % kMaxRetryAfterSeconds); }
  bool with_retry_after() const { return kind == FaultKind::status_503 || kind == FaultKind::duplicate_batch || draw % 2 == 0; }
  std::int64_t delay_ms() const { return kMinSlowMs + static_cast<std::int64_t>(draw % (kMaxSlowMs - kMinSlowMs)); }
  std::int64_t skew_s() const {  // ±1..30 minutes, never zero
    const auto minutes = 1 + static_cast<std::int64_t>((draw >> 1) % kMaxSkewMinutes);
    return (draw & 1 ? minutes : -minutes) * 60;
  }
};

struct InjectedFault {
  std::uint64_t number;
  std::string request_id;
  std::string kind;
  std::string detail;
  std::string target;
};

class FaultInjector {
 public:
  FaultInjector() = default;  // no seed: never injects
  FaultInjector(std::uint64_t seed, double rate) : enabled_(true), state_(seed), seed_(seed), rate_(rate) {}

  // The next request's plan; every call draws the same number of values, whatever it returns.
  FaultPlan next(const RequestTraits& traits);
  // Logs "fault #n KIND request=ID DETAIL on TARGET" and keeps it for /portal/v1/faults.
  void record(const std::string& request_id, FaultKind kind, const std::string& detail, const std::string& target);

  bool enabled() const { return enabled_; }
  std::uint64_t seed() const { return seed_; }
  double rate() const { return rate_; }
  std::vector<InjectedFault> injected() const;

 private:
  std::uint64_t next_u64();
  bool enabled_ = false;
  std::uint64_t state_ = 0, seed_ = 0;
  double rate_ = 0;
  mutable std::mutex mutex_;
  std::vector<InjectedFault> injected_;
  std::uint64_t count_ = 0;
};

}  // namespace classbook::portal
