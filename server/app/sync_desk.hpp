// sync_desk: when the box syncs with the city portal (issue 13) and what people see of it
// (GET/POST /api/v1/sync). Its own thread runs the sync nightly at [portal] at (school time), once at
// start when the last success is older than a day (the box was off), and when the administrator asks.
// One sync at a time across processes: every run holds the flock on DATA/sync/sync.lock, which
// `classbookctl sync` and `export-outbox` take too. app knows nothing of the portal: the run itself
// is handed in by classbookd (sync::sync_once), so tests drive the schedule with a FakeClock and a
// run of their own.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/context.hpp"
#include "classbook/common/file_lock.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr auto sync_catch_up_after = std::chrono::hours(24);     // a last success older than this: sync at start
constexpr auto sync_retry_after_failure = std::chrono::hours(1);  // a failed run is tried again this soon (or at the night's run)
constexpr auto sync_retry_when_busy = std::chrono::minutes(5);    // the lock held elsewhere (classbookctl sync)
constexpr auto sync_poll_interval = std::chrono::seconds(1);      // how often the thread looks at the schedule
constexpr std::size_t sync_refusals_shown = 50;                   // the newest refusals in GET /api/v1/sync

// One whole sync (the journal out, and what else sync_once does), stopped early when `stopping` turns
// true. Its error is recorded in the sync state by the run itself; the desk only logs it.
using SyncRun = std::function<Status(const std::atomic<bool>& stopping)>;

struct SyncDeskSettings {
  bool configured = false;       // [portal] is there
  std::string not_configured;    // what to add when it is not (the run's own words)
  int nightly_minute = 150;      // [portal] at, minutes after the school's local midnight
  std::string lock_file;         // DATA/sync/sync.lock
};

struct SyncRefusalView {
  std::int64_t seq = 0;
  std::string reason, at;
};

// What GET /api/v1/sync says. Everyone signed in sees `configured` and `last_success_at`; the rest
// is the administrator's (`for_admin`).
struct SyncStatusView {
  bool configured = false;
  std::optional<std::string> last_success_at;
  bool for_admin = false;
  bool running = false;
  std::optional<std::string> last_attempt_at;
  std::int64_t items_waiting = 0;
  std::int64_t acknowledged_through = 0;
  std::optional<std::string> last_error, last_error_at;
  std::optional<std::int64_t> anchor_seq;
  std::optional<std::string> anchor_at;
  std::vector<SyncRefusalView> refused;
  std::optional<std::string> next_run_at;
};

class SyncDesk {
 public:
  SyncDesk(Context& ctx, SyncRun run, SyncDeskSettings settings);
  ~SyncDesk();
  SyncDesk(const SyncDesk&) = delete;
  SyncDesk& operator=(const SyncDesk&) = delete;

  void start();  // the runner's thread; nothing when [portal] is missing
  // Ends a run in progress at its next chance (between requests, or a back-off) and the thread.
  void stop();
  // The administrator's "sync now": the lock is taken here, so a busy box answers at once
  // (sync.running, 409); sync.not_configured (503) without [portal]; sync.admin_only (403) for others.
  Status start_now(const domain::Actor& actor);
  Result<SyncStatusView> status(const domain::Actor& actor) const;

  // One look at the schedule (the thread calls it every sync_poll_interval; tests call it): runs a
  // sync in the calling thread when one is due or was asked for. True when it ran one.
  bool run_due();
  std::optional<TimePoint> next_run_at() const;

 private:
  void loop();
  TimePoint next_nightly_after(TimePoint t) const;
  TimePoint first_due(TimePoint now) const;
  void run_holding(FileLock lock, TimePoint now);

  Context& ctx_;
  SyncRun run_;
  SyncDeskSettings settings_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;  // the fields below
  std::condition_variable wake_;
  bool running_ = false;
  std::optional<FileLock> asked_;      // "sync now": the lock, held until the thread runs
  std::optional<TimePoint> next_run_;  // unset until the schedule is first read
  std::thread thread_;
};

}  // namespace classbook::app
