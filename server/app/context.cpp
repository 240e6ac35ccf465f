// context: the school's local calendar and the writer's counters.
#include "app/context.hpp"

#include "store/writer.hpp"

namespace classbook::app {

domain::Date local_date(const Context& ctx, TimePoint t) {
  const auto local = t + std::chrono::minutes(ctx.settings().utc_offset_minutes);
  return domain::Date{std::chrono::floor<std::chrono::days>(local)};
}

int local_minute(const Context& ctx, TimePoint t) {
  const auto local = t + std::chrono::minutes(ctx.settings().utc_offset_minutes);
  const auto since_midnight = local - std::chrono::floor<std::chrono::days>(local);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

WriterCounts writer_counts(const Context& ctx) {
  return {ctx.writer.commits(), ctx.writer.jobs_done(), ctx.writer.queue_depth(), ctx.writer.commit_nanoseconds(),
          ctx.writer.wal_restarts(), ctx.writer.wal_restart_nanoseconds()};
}

}  // namespace classbook::app
