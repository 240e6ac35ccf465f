// class_week_cache: a mutex-guarded map of shared, immutable class weeks.
#include "app/class_week_cache.hpp"

namespace classbook::app {

ClassWeekCache::Key ClassWeekCache::key_of(rows::Id class_id, domain::Date monday) {
  return {class_id, static_cast<int>(std::chrono::sys_days(monday).time_since_epoch().count())};
}

std::shared_ptr<const ClassWeek> ClassWeekCache::find(rows::Id class_id, domain::Date monday, std::int64_t version) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key_of(class_id, monday));
  if (it == entries_.end() || it->second->version != version) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  return it->second;
}

void ClassWeekCache::keep(rows::Id class_id, domain::Date monday, std::shared_ptr<const ClassWeek> week) {
  std::lock_guard lock(mutex_);
  const auto key = key_of(class_id, monday);
  if (entries_.size() >= capacity_ && !entries_.count(key)) entries_.clear();
  auto& slot = entries_[key];
  // Two readers may race to fill one week from different snapshots: keep the newer.
  if (!slot || slot->version <= week->version) slot = std::move(week);
}

std::uint64_t ClassWeekCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t ClassWeekCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace classbook::app
