// context: what every use case needs — the writer, the readers, the clock and the school's settings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "app/address_window.hpp"
#include "app/class_week_cache.hpp"
#include "app/hash_pool.hpp"
#include "app/settings_book.hpp"
#include "app/store_rows.hpp"
#include "classbook/common/clock.hpp"

namespace classbook::app {

using store::Id;

struct Context {
  store::Writer& writer;
  store::ReaderPool& readers;
  const Clock& clock;
  // The school's settings as they stand (the director's changes replace them): read through settings().
  SettingsBook settings_book;
  std::shared_ptr<ClassWeekCache> class_weeks = std::make_shared<ClassWeekCache>();  // the diary's
  // Argon2 work (sign-in, password changes, PINs, roster imports) runs here, never on network threads.
  std::shared_ptr<HashPool> hashing = std::make_shared<HashPool>();
  // /verify/{code} asks without signing in: 30 a minute from one address is plenty for people with
  // papers in hand and nothing for anyone trying codes (each is 100 random bits anyway).
  std::shared_ptr<AddressWindow> verifications = std::make_shared<AddressWindow>(30, std::chrono::seconds(60), 10000);
  // [mail] digest_at, in minutes after the school's midnight: a digest notice queued before it goes in
  // that day's digest, one queued after it in the next day's.
  int notice_digest_minute = 18 * 60;

  // The edition of the settings published now; valid for the life of the process (SettingsBook).
  const store::SchoolSettings& settings() const { return settings_book.current(); }
};

// Writes complete after their commit is durable; the callback runs on the writer's thread and
// must hand off at once (the HTTP layer posts it to the connection's executor).
template <class T>
using Reply = std::function<void(Result<T>)>;

// The school's local date of an instant, by the school's UTC offset.
domain::Date local_date(const Context& ctx, TimePoint t);
int local_minute(const Context& ctx, TimePoint t);

// The writer's counters, for /metrics: group commits, writes committed, writes waiting, time committing.
struct WriterCounts {
  std::uint64_t commits = 0;  // jobs_done / commits = the mean batch
  std::uint64_t jobs_done = 0;
  std::size_t queue_depth = 0;
  std::uint64_t commit_nanoseconds = 0;  // / commits = the mean commit (the WAL fsync)
  std::uint64_t wal_restarts = 0;        // checkpoints the writer finished so the WAL starts over
  std::uint64_t wal_restart_nanoseconds = 0;
};
WriterCounts writer_counts(const Context& ctx);

}  // namespace classbook::app
