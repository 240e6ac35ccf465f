// sync_desk: see the header. The schedule lives in memory and is rebuilt from the sync state at
// start (the last success decides whether to catch up), so a restart never loses a night.
#include "app/sync_desk.hpp"

#include <sstream>

#include "classbook/common/log.hpp"
#include "store/reader_pool.hpp"
#include "store/sync_state.hpp"

namespace classbook::app {
namespace {

std::optional<TimePoint> parsed(const std::optional<std::string>& text) {
  TimePoint t;
  if (text && parse_utc(*text, t)) return t;
  return std::nullopt;
}

}  // namespace

SyncDesk::SyncDesk(Context& ctx, SyncRun run, SyncDeskSettings settings)
    : ctx_(ctx), run_(std::move(run)), settings_(std::move(settings)) {}

SyncDesk::~SyncDesk() { stop(); }

void SyncDesk::start() {
  if (thread_.joinable() || !settings_.configured) return;
  thread_ = std::thread([this] { loop(); });
}

void SyncDesk::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncDesk::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    run_due();
    lock.lock();
    wake_.wait_for(lock, sync_poll_interval, [this] { return stopping_ || asked_.has_value(); });
  }
}

TimePoint SyncDesk::next_nightly_after(TimePoint t) const {
  const auto offset = std::chrono::minutes(ctx_.settings().utc_offset_minutes);
  const auto local_midnight = std::chrono::floor<std::chrono::days>(t + offset);
  TimePoint at = TimePoint(local_midnight - offset) + std::chrono::minutes(settings_.nightly_minute);
  while (at <= t) at += std::chrono::days(1);
  return at;
}

TimePoint SyncDesk::first_due(TimePoint now) const {
  auto db = ctx_.readers.acquire();
  auto state = store::read_sync_state(*db);
  if (!state) {
    log::warn("sync", "the sync state could not be read: " + state.error().message);
    return next_nightly_after(now);
  }
  const auto last = parsed(state->last_success_at);
  if (!last || now - *last >= sync_catch_up_after) {
    log::info("sync", last ? "the last sync with the city portal was at " + *state->last_success_at + ": catching up now"
                           : "the box has not synced with the city portal yet: syncing now");
    return now;
  }
  return next_nightly_after(now);
}

std::optional<TimePoint> SyncDesk::next_run_at() const {
  std::lock_guard lock(mutex_);
  return next_run_;
}

Status SyncDesk::start_now(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::operate_box, {}); !d)
    return make_error(Errc::forbidden, "sync.admin_only", "only the administrator starts a sync with the city portal");
  if (!settings_.configured) return make_error(Errc::unavailable, "sync.not_configured", settings_.not_configured);
  const auto busy = [] {
    return make_error(Errc::conflict, "sync.running",
                      "a sync with the city portal is running already (here or `classbookctl sync`); wait for it to end");
  };
  std::lock_guard lock(mutex_);
  if (running_ || asked_) return busy();
  auto held = FileLock::try_take(settings_.lock_file);
  if (!held) return held.error();
  if (!*held) return busy();
  asked_ = std::move(**held);
  wake_.notify_all();
  return ok_status();
}

bool SyncDesk::run_due() {
  const auto now = ctx_.clock.now();
  std::optional<FileLock> held;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !settings_.configured) return false;
    if (asked_) {
      held = std::move(asked_);
      asked_.reset();
    }
  }
  if (!held) {
    auto due = next_run_at();
    if (!due) {
      const auto first = first_due(now);
      std::lock_guard lock(mutex_);
      next_run_ = due = first;
    }
    if (now < *due) return false;
    auto taken = FileLock::try_take(settings_.lock_file);
    if (!taken || !*taken) {
      log::info("sync", taken ? "another sync holds " + settings_.lock_file + " (classbookctl sync?); trying again later"
                              : taken.error().message);
      std::lock_guard lock(mutex_);
      next_run_ = now + sync_retry_when_busy;
      return false;
    }
    held = std::move(**taken);
  }
  run_holding(std::move(*held), now);
  return true;
}

void SyncDesk::run_holding(FileLock lock, TimePoint now) {
  {
    std::lock_guard guard(mutex_);
    running_ = true;
  }
  log::info("sync", "syncing with the city portal");
  const auto done = run_(stopping_);
  const auto after = ctx_.clock.now();
  std::lock_guard guard(mutex_);
  running_ = false;
  if (done) {
    log::info("sync", "the sync with the city portal is done");
    next_run_ = next_nightly_after(std::max(now, after));
  } else {
    log::warn("sync", "the sync with the city portal failed: " + done.error().message);
    next_run_ = std::min(next_nightly_after(after), after + sync_retry_after_failure);
  }
  (void)lock;  // released here, after the run's last write
}

Result<SyncStatusView> SyncDesk::status(const domain::Actor& actor) const {
  SyncStatusView v;
  v.configured = settings_.configured;
  auto db = ctx_.readers.acquire();
  auto state = store::read_sync_state(*db);
  if (!state) return state.error();
  v.last_success_at = state->last_success_at;
  if (!domain::decide(actor, domain::Action::operate_box, {})) return v;
  v.for_admin = true;
  v.last_attempt_at = state->last_attempt_at;
  v.acknowledged_through = state->acknowledged_through;
  v.last_error = state->last_error;
  v.last_error_at = state->last_error_at;
  auto waiting = store::outbox_count_after(*db, state->acknowledged_through);
  if (!waiting) return waiting.error();
  v.items_waiting = *waiting;
  if (state->anchor_seq_at) {  // "seq hash at", as the push records it (the hash is empty before any audit entry)
    const auto& text = *state->anchor_seq_at;
    const auto first = text.find(' '), last = text.rfind(' ');
    std::int64_t seq = 0;
    if (first != std::string::npos && std::istringstream(text.substr(0, first)) >> seq) {
      v.anchor_seq = seq;
      v.anchor_at = text.substr(last + 1);
    }
  }
  auto refused = store::sync_refusals(*db, sync_refusals_shown);
  if (!refused) return refused.error();
  for (auto& r : *refused) v.refused.push_back({r.seq, std::move(r.reason), std::move(r.at)});
  std::lock_guard lock(mutex_);
  v.running = running_ || asked_.has_value();
  if (settings_.configured && next_run_) v.next_run_at = format_utc(*next_run_);
  return v;
}

}  // namespace classbook::app
