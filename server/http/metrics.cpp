// metrics: counters kept under one mutex; the text is written only when scraped.
#include "http/metrics.hpp"

#include <sstream>

#include "app/context.hpp"
#include "app/sign_in.hpp"

namespace classbook::http {

bool may_scrape(std::string_view peer, std::string_view scrape_from) {
  if (peer.substr(0, 4) == "127." || peer == "::1" || peer.substr(0, 11) == "::ffff:127.") return true;
  return !scrape_from.empty() && peer == scrape_from;
}

void Metrics::count_response(int status) {
  std::lock_guard lock(mutex_);
  ++responses_[status];
}

void Metrics::count_tap(const std::string& result) {
  std::lock_guard lock(mutex_);
  ++taps_[result];
}

std::string Metrics::text(const app::Context& ctx, const app::Sessions& sessions, const std::function<std::string()>& extra) {
  std::ostringstream out;
  out << "# HELP classbook_http_responses_total Responses sent, by status code.\n"
         "# TYPE classbook_http_responses_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [s, n] : responses_) out << "classbook_http_responses_total{code=\"" << s << "\"} " << n << "\n";
    out << "# HELP classbook_taps_total Entrance taps recorded, by result.\n# TYPE classbook_taps_total counter\n";
    for (const auto& [r, n] : taps_) out << "classbook_taps_total{result=\"" << r << "\"} " << n << "\n";
  }
  const auto writer = app::writer_counts(ctx);
  out << "# HELP classbook_writer_commits_total Group commits.\n# TYPE classbook_writer_commits_total counter\n"
      << "classbook_writer_commits_total " << writer.commits << "\n"
      << "# HELP classbook_writer_jobs_total Writes committed.\n# TYPE classbook_writer_jobs_total counter\n"
      << "classbook_writer_jobs_total " << writer.jobs_done << "\n"
      << "# HELP classbook_writer_commit_nanoseconds_total Time spent committing (the WAL fsync), over all commits.\n"
         "# TYPE classbook_writer_commit_nanoseconds_total counter\n"
      << "classbook_writer_commit_nanoseconds_total " << writer.commit_nanoseconds << "\n"
      << "# HELP classbook_writer_commit_nanoseconds_count Commits timed in classbook_writer_commit_nanoseconds_total.\n"
         "# TYPE classbook_writer_commit_nanoseconds_count counter\n"
      << "classbook_writer_commit_nanoseconds_count " << writer.commits << "\n"
      << "# HELP classbook_writer_wal_restart_nanoseconds_total Time the writer spent finishing checkpoints so that the WAL starts over.\n"
         "# TYPE classbook_writer_wal_restart_nanoseconds_total counter\n"
      << "classbook_writer_wal_restart_nanoseconds_total " << writer.wal_restart_nanoseconds << "\n"
      << "# HELP classbook_writer_wal_restart_nanoseconds_count Checkpoints timed in classbook_writer_wal_restart_nanoseconds_total.\n"
         "# TYPE classbook_writer_wal_restart_nanoseconds_count counter\n"
      << "classbook_writer_wal_restart_nanoseconds_count " << writer.wal_restarts << "\n"
      << "# HELP classbook_writer_queue_depth Writes waiting for the writer.\n# TYPE classbook_writer_queue_depth gauge\n"
      << "classbook_writer_queue_depth " << writer.queue_depth << "\n"
      << "# HELP classbook_sessions_cached Sessions held in memory.\n# TYPE classbook_sessions_cached gauge\n"
      << "classbook_sessions_cached " << sessions.cached() << "\n";
  if (extra) out << extra();
  return out.str();
}

}  // namespace classbook::http
