// faults: splitmix64 (Steele, Lea and Flood) — tiny, well mixed, and the same on every platform,
// which std::uniform_*_distribution are not.
#include "faults.hpp"

#include "classbook/common/log.hpp"

namespace classbook::portal {

std::string_view fault_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::none: return "none";
    case FaultKind::drop_request: return "drop_request";
    case FaultKind::drop_response: return "drop_response";
    case FaultKind::status_500: return "status_500";
    case FaultKind::status_503: return "status_503";
    case FaultKind::slow: return "slow";
    case FaultKind::truncated_body: return "truncated_body";
    case FaultKind::expired_token: return "expired_token";
    case FaultKind::clock_skew: return "clock_skew";
    case FaultKind::duplicate_page: return "duplicate_page";
    case FaultKind::duplicate_batch: return "duplicate_batch";
  }
  return "unknown";
}

std::uint64_t FaultInjector::next_u64() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

FaultPlan FaultInjector::next(const RequestTraits& traits) {
  std::lock_guard lock(mutex_);
  if (!enabled_) return {};
  const std::uint64_t chance = next_u64(), pick = next_u64(), draw = next_u64();
  if (static_cast<double>(chance >> 11) / static_cast<double>(1ULL << 53) >= rate_) return {};
  std::vector<FaultKind> fits = {FaultKind::drop_request, FaultKind::drop_response, FaultKind::status_500,
                                 FaultKind::status_503,   FaultKind::slow,          FaultKind::truncated_body,
                                 FaultKind::clock_skew};
  if (traits.bearer) fits.push_back(FaultKind::expired_token);
  // The duplicates are what the box must absorb, so they come up as often as all the rest together.
  if (traits.roster_page_after) fits.insert(fits.end(), fits.size(), FaultKind::duplicate_page);
  if (traits.batch) fits.insert(fits.end(), fits.size(), FaultKind::duplicate_batch);
  return FaultPlan{fits[pick % fits.size()], draw};
}

void FaultInjector::record(const std::string& request_id, FaultKind kind, const std::string& detail,
                           const std::string& target) {
  std::lock_guard lock(mutex_);
  ++count_;
  log::warn("portal", "fault #" + std::to_string(count_) + " " + std::string(fault_name(kind)) + " request=" + request_id +
                          (detail.empty() ? "" : " " + detail) + " on " + target);
  if (injected_.size() < kFaultLogLimit)
    injected_.push_back(InjectedFault{count_, request_id, std::string(fault_name(kind)), detail, target});
}

std::vector<InjectedFault> FaultInjector::injected() const {
  std::lock_guard lock(mutex_);
  return injected_;
}

}  // namespace classbook::portal
