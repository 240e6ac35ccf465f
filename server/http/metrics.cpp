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

namespace {
// One unlabelled sample with its HELP and TYPE lines, in Prometheus' text format.
void metric(std::ostream& out, const char* name, const char* type, const char* help, std::uint64_t value) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n" << name << " " << value << "\n";
}
}  // namespace

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
  metric(out, "classbook_writer_commits_total", "counter", "Group commits.", writer.commits);
  metric(out, "classbook_writer_jobs_total", "counter", "Writes committed.", writer.jobs_done);
  metric(out, "classbook_writer_commit_nanoseconds_total", "counter",
         "Time spent committing (the WAL fsync), over all commits.", writer.commit_nanoseconds);
  metric(out, "classbook_writer_commit_nanoseconds_count", "counter",
         "Commits timed in classbook_writer_commit_nanoseconds_total.", writer.commits);
  metric(out, "classbook_writer_wal_restart_nanoseconds_total", "counter",
         "Time the writer spent finishing checkpoints so that the WAL starts over.", writer.wal_restart_nanoseconds);
  metric(out, "classbook_writer_wal_restart_nanoseconds_count", "counter",
         "Checkpoints timed in classbook_writer_wal_restart_nanoseconds_total.", writer.wal_restarts);
  metric(out, "classbook_writer_queue_depth", "gauge", "Writes waiting for the writer.", writer.queue_depth);
  metric(out, "classbook_sessions_cached", "gauge", "Sessions held in memory.", sessions.cached());
  if (extra) out << extra();
  return out.str();
}

}  // namespace classbook::http
