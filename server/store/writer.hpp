// writer: the one connection that writes. It takes queued jobs, runs each in its own savepoint,
// and commits them together — a group commit — so that durability (synchronous=FULL) costs one
// fsync per batch instead of one per tap. A job's completion is reported only after the commit.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "classbook/common/clock.hpp"
#include "store/audit.hpp"
#include "rows/change.hpp"
#include "store/db.hpp"

namespace classbook::store {

using rows::Change;
using rows::ChangeScope;

constexpr std::size_t writer_queue_limit = 20000;   // jobs waiting; past it callers get "busy"
constexpr std::size_t max_jobs_per_commit = 1024;   // one transaction's worth
constexpr auto checkpoint_interval = std::chrono::milliseconds(100);
// Once the WAL holds this many frames (~16 MB), the writer copies what the checkpointer has not yet
// copied itself, between two batches, so that its next transaction starts the WAL from the beginning.
// Without it a busy writer outruns every checkpoint: the WAL grows for as long as taps keep coming,
// and each frame lands in a block the file system must first allocate and zero — a third of a
// tap's CPU in the benchmark. Restarted, the WAL overwrites pages the page cache already holds.
constexpr int wal_restart_frames = 4000;
// The checkpointer copies until no more than this is left before it hands the rest to the writer: the
// writer's share is then a millisecond or so, not the tens a whole WAL's copy takes.
constexpr int wal_tail_frames = 256;
constexpr int db_chunk_bytes = 4 << 20;  // the database file grows by this much at a time
// Group commit gathers: after a batch of several jobs, the writer keeps its transaction open up to
// half its last commit time, and never more than this, for the callers just answered to send their
// next job (it runs each job as it comes).
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
  // Tells live readers of the change once the batch commits; nothing is told if the job fails.
  void changed(Change c) { changes_.push_back(std::move(c)); }

 private:
  friend class Writer;
  WriteContext(Db& d, TimePoint t, std::string& last_hash, std::int64_t& last_seq)
      : db(d), now(t), now_text(format_utc(t)), last_hash_(last_hash), last_seq_(last_seq) {}
  std::string& last_hash_;
  std::int64_t& last_seq_;
  std::optional<Error> side_error_;
  std::vector<Change> changes_;
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
  // Called on the writer thread after each durable commit with its jobs' changes, in order, before
  // the jobs' `done`: a page told of a change finds it already readable. Setting another (or none)
  // waits for a call in flight to end.
  using ChangeListener = std::function<void(std::vector<Change>)>;
  void on_changes(ChangeListener listener);
  void stop();

  std::uint64_t commits() const { return commits_; }  // jobs_done() / commits() = the mean batch
  std::uint64_t jobs_done() const { return jobs_done_; }
  // Time spent in COMMIT (the fsync of the WAL), summed over commits(): the mean is what one
  // durable commit costs on this disk, and connections ÷ that mean bounds closed-loop taps/s.
  std::uint64_t commit_nanoseconds() const { return commit_ns_; }
  std::size_t queue_depth() const;
  // Times the writer finished a checkpoint so the WAL could start over, and the time that took
  // (the batches behind it waited that long).
  std::uint64_t wal_restarts() const { return wal_restarts_; }
  std::uint64_t wal_restart_nanoseconds() const { return wal_restart_ns_; }

 private:
  Writer(std::unique_ptr<Db> db, const Clock& clock) : db_(std::move(db)), clock_(clock) {}
  void loop();
  void checkpoint_loop();
  // What a batch tells the next: how many callers to expect, and what its COMMIT took.
  struct Gathered {
    std::size_t next_expected = 0;
    std::chrono::steady_clock::duration commit_time{};
  };
  Gathered commit_batch(std::size_t expected, std::chrono::steady_clock::time_point gather_until);
  Status load_chain_head();
  Status follow_other_writers();
  Status control(const char* sql);
  void restart_wal_if_long();
  static int on_wal_commit(void* self, sqlite3* db, const char* schema, int frames);

  std::unique_ptr<Db> db_;
  const Clock& clock_;
  // Held while the listener runs, so that on_changes() waits for a call in flight: whoever removes
  // the listener may then destroy what it pointed to.
  std::mutex listener_mutex_;
  ChangeListener on_changes_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;             // the writer's: jobs arrived
  std::condition_variable checkpoint_cv_;  // the checkpointer's: stop
  std::deque<std::pair<Job, Done>> queue_;
  bool stopping_ = false;
  std::thread thread_;
  std::thread checkpointer_;  // copies the WAL into the database beside the writer, not inside a commit
  std::unique_ptr<Db> checkpoint_db_;
  int db_file_ = -1;  // the database file, for the checkpointer's own fdatasync (see checkpoint_loop)
  std::string last_hash_;
  std::int64_t last_seq_ = 0;
  std::int64_t data_version_ = -1;  // PRAGMA data_version when the chain head was last read
  std::atomic<int> wal_frames_{0};   // frames in the WAL after the last commit (SQLite's WAL hook)
  std::atomic<bool> tail_ready_{false};  // the checkpointer copied all but a short tail
  bool checkpoint_now_ = false;      // (mutex_) the WAL is long: the checkpointer should not wait
  int next_restart_try_ = 0;         // past wal_restart_frames × 4 the writer copies it all itself
  std::atomic<std::uint64_t> commits_{0}, jobs_done_{0}, commit_ns_{0}, wal_restarts_{0}, wal_restart_ns_{0};
};

}  // namespace classbook::store
