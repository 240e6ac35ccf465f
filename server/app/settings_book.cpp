// settings_book: published editions of the school's settings, each kept for as long as the process runs.
#include "app/settings_book.hpp"

#include <deque>
#include <mutex>

namespace classbook::app {

struct SettingsBook::Shelf {
  std::mutex mutex;                                     // replace() against replace()
  std::deque<std::unique_ptr<const store::SchoolSettings>> editions;  // never shrinks: readers may hold any
  std::atomic<const store::SchoolSettings*> current{nullptr};
  std::atomic<std::uint64_t> replaced{0};
};

SettingsBook::SettingsBook(store::SchoolSettings first) : shelf_(std::make_shared<Shelf>()) {
  shelf_->editions.push_back(std::make_unique<const store::SchoolSettings>(std::move(first)));
  shelf_->current.store(shelf_->editions.back().get(), std::memory_order_release);
}

const store::SchoolSettings& SettingsBook::current() const { return *shelf_->current.load(std::memory_order_acquire); }

void SettingsBook::replace(store::SchoolSettings next) {
  std::lock_guard lock(shelf_->mutex);
  shelf_->editions.push_back(std::make_unique<const store::SchoolSettings>(std::move(next)));
  shelf_->current.store(shelf_->editions.back().get(), std::memory_order_release);
  shelf_->replaced.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t SettingsBook::edition() const { return shelf_->replaced.load(std::memory_order_relaxed); }

}  // namespace classbook::app
