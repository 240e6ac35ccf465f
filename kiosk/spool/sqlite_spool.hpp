// sqlite_spool: the entrance kiosk's durable tap queue — one SQLite file in WAL mode with
// synchronous=FULL, so a row is on disk before the screen says "recorded".
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "classbook/common/clock.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/spool/sqlite_handle.hpp"

namespace classbook::kiosk {

// A school's busiest entrance sees a few thousand taps a day: this is weeks of outage, and still
// only ~15 MB. Past it the kiosk refuses taps loudly rather than filling the disk.
inline constexpr std::int64_t spool_max_rows = 100000;
// Delivered and rejected rows stay this long, for a look at what the kiosk sent.
inline constexpr auto spool_retention = std::chrono::days(7);
inline constexpr int spool_cache_kib = 256;             // SQLite page cache: the kiosk is small
inline constexpr int spool_busy_timeout_ms = 2000;      // only this process writes; a backup may read
inline constexpr std::int64_t spool_wal_limit = 1 << 20;  // bytes the WAL is truncated to after checkpoints

struct SpoolLimits {
  std::int64_t max_rows = spool_max_rows;
  std::chrono::milliseconds retention = spool_retention;
};

class SqliteSpool final : public TapSpool {
 public:
  // Creates the file and its table when new; reopens and carries on when not.
  static Result<std::unique_ptr<SqliteSpool>> open(const std::string& path, Clock& clock, SpoolLimits limits = {});

  Result<SpooledTap> append(const NewTap& tap) override;
  Result<std::optional<SpooledTap>> oldest_pending() override;
  Status mark_delivered(std::int64_t seq) override;
  Status mark_rejected(std::int64_t seq, const std::string& why) override;
  Status note_failure(std::int64_t seq, const std::string& why) override;
  std::int64_t depth() const override { return pending_; }

  // Deletes settled (delivered or rejected) rows older than the retention; returns how many.
  Result<std::int64_t> prune();
  std::int64_t rows() const { return rows_; }

  SqliteSpool(SqliteDb db, Clock& clock, SpoolLimits limits) : db_(std::move(db)), clock_(clock), limits_(limits) {}

 private:
  Status prepare();
  Status recount();
  Status settle(std::int64_t seq, const char* state, const std::string& why);
  Result<std::int64_t> delete_settled_before(const std::string& before);

  SqliteDb db_;
  Clock& clock_;
  SpoolLimits limits_;
  std::string path_;
  std::int64_t pending_ = 0;
  std::int64_t rows_ = 0;
  SqliteStatement insert_, oldest_, settle_, failure_, prune_;
};

}  // namespace classbook::kiosk
