// writer: the one connection that writes. It takes queued jobs, runs each in its own savepoint,
// and commits them together — a group commit — so that durability (synchronous=FULL) costs one
// fsync per batch instead of one per tap. A job's completion is reported only after the commit.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "classbook/common/clock.hpp"
#include "store/audit.hpp"
#include "store/db.hpp"

namespace classbook::store {

constexpr std::size_t writer_queue_limit = 20000;   // jobs waiting; past it callers get "busy"
constexpr std::size_t max_jobs_per_commit = 1024;   // one transaction's worth
constexpr auto checkpoint_interval = std::chrono::milliseconds(500);
// Group commit gathers: after a batch of several jobs, the writer waits up to half its last commit
// time, and never more than this, for the callers just answered to send their next job.
constexpr auto max_gather_window = std::chrono::microseconds(500);

// What a job sees: the connection inside an open transaction, the commit time, and the two
// side channels every portal-visible change must use.
class WriteContext {
 public:
  Db& db;
  TimePoint now;
  std::string now_text;

  void audit(std::int64_t actor_user, std::string entity, std::string uuid, std::string action,
             std::string before, std::string after);
  void outbox(std::string_view entity, std::string_view uuid, std::string_view op,
              std::string_view payload_json);
  // First failure of audit/outbox inside this job; the job fails with it.
  const std::optional<Error>& side_error() const { return side_error_; }

 private:
  friend class Writer;
  WriteContext(Db& d, TimePoint t, std::string& last_hash, std::int64_t& last_seq)
      : db(d), now(t), now_text(format_utc(t)), last_hash_(last_hash), last_seq_(last_seq) {}
  std::string& last_hash_;
  std::int64_t& last_seq_;
  std::optional<Error> side_error_;
};

class Writer {
 public:
  using Job = std::function<Status(WriteContext&)>;
  using Done = std::function<void(const Status&)>;

  static Result<std::unique_ptr<Writer>> start(const std::string& path, const Clock& clock);
  ~Writer();

  // Queues a job; `done` runs on the writer thread after the batch commits (or fails).
  // When the queue is full, `done` runs at once with Errc::unavailable.
  void submit(Job job, Done done);
  // Submits and waits: for tools and tests.
  Status run(Job job);
  void stop();

  std::uint64_t commits() const { return commits_; }  // jobs_done() / commits() = the mean batch
  std::uint64_t jobs_done() const { return jobs_done_; }
  // Time spent in COMMIT (the fsync of the WAL), summed over commits(): the mean is what one
  // durable commit costs on this disk, and connections ÷ that mean bounds closed-loop taps/s.
  std::uint64_t commit_nanoseconds() const { return commit_ns_; }
  std::size_t queue_depth() const;

 private:
  Writer(std::unique_ptr<Db> db, const Clock& clock) : db_(std::move(db)), clock_(clock) {}
  void loop();
  void checkpoint_loop();
  void commit_batch(std::deque<std::pair<Job, Done>>& batch);
  Status load_chain_head();
  Status follow_other_writers();
  Status control(const char* sql);

  std::unique_ptr<Db> db_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;             // the writer's: jobs arrived
  std::condition_variable checkpoint_cv_;  // the checkpointer's: stop
  std::deque<std::pair<Job, Done>> queue_;
  bool stopping_ = false;
  std::thread thread_;
  std::thread checkpointer_;  // copies the WAL into the database beside the writer, not inside a commit
  std::unique_ptr<Db> checkpoint_db_;
  std::string last_hash_;
  std::int64_t last_seq_ = 0;
  std::int64_t data_version_ = -1;  // PRAGMA data_version when the chain head was last read
  std::atomic<std::uint64_t> commits_{0}, jobs_done_{0}, commit_ns_{0};
};

}  // namespace classbook::store
