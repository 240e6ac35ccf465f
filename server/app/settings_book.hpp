// settings_book: the school's settings as they stand now — read by every thread on every request,
// replaced whole when the director changes them (app/school_settings), never changed in place.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "app/store_rows.hpp"

namespace classbook::app {

// Readers take `current()` without a lock and may hold the reference for the rest of their request:
// an edition, once published, is never freed or changed (a replaced one is kept for the life of the
// process). A school changes its settings a handful of times a year, a few kilobytes each, so keeping
// them costs nothing, and no reader can be left with a dangling weight in the middle of an average.
// Copies share one book (Context is copied into tests' fixtures by value).
class SettingsBook {
 public:
  SettingsBook(store::SchoolSettings first);  // NOLINT: implicit, so Context{…, settings} reads as before

  const store::SchoolSettings& current() const;
  // Publishes `next` for every later current(); the previous edition stays readable.
  void replace(store::SchoolSettings next);
  // How many times the settings were replaced since start: 0 at first.
  std::uint64_t edition() const;

 private:
  struct Shelf;
  std::shared_ptr<Shelf> shelf_;
};

}  // namespace classbook::app
