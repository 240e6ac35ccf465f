// writer: the group-commit loop.
#include "store/writer.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <iterator>
#include <tuple>
#include <vector>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "classbook/common/log.hpp"
#include "store/schema.hpp"

namespace classbook::store {

void WriteContext::audit(std::int64_t actor_user, std::string entity, std::string uuid,
                         std::string action, std::string before, std::string after) {
  if (side_error_) return;
  AuditEntry e{last_seq_ + 1, now_text, actor_user, std::move(entity), std::move(uuid),
               std::move(action), std::move(before), std::move(after)};
  const std::string hash = audit_hash(last_hash_, e);
  auto& q = db.prepare(
      "INSERT INTO audit(seq, at, actor_user, entity, uuid, action, before, after, prev_hash, hash) "
      "VALUES (?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, e.seq).bind(2, e.at).bind(3, e.actor_user).bind(4, e.entity).bind(5, e.uuid);
  q.bind(6, e.action).bind(7, e.before).bind(8, e.after).bind(9, last_hash_).bind(10, hash);
  if (auto s = q.run(); !s) {
    side_error_ = s.error();
    return;
  }
  last_seq_ = e.seq;
  last_hash_ = hash;
}

void WriteContext::outbox(std::string_view entity, std::string_view uuid, std::string_view op,
                          std::string_view payload_json) {
  if (side_error_) return;
  auto& q = db.prepare(
      "INSERT INTO outbox(entity, uuid, op, payload, created_at) VALUES (?,?,?,?,?)");
  q.bind(1, entity).bind(2, uuid).bind(3, op).bind(4, payload_json).bind(5, now_text);
  if (auto s = q.run(); !s) side_error_ = s.error();
}

Result<std::unique_ptr<Writer>> Writer::start(const std::string& path, const Clock& clock) {
  auto db = Db::open(path, Db::Mode::read_write, Db::WalWrites::batched);
  if (!db) return db.error();
  if (auto s = configure_writer(**db); !s) return s.error();
  // Gathered WAL writes are safe only because every commit syncs the WAL before publishing it.
  auto sync = (*db)->prepare("PRAGMA synchronous").first([](Stmt& r) { return r.i64(0); });
  if (!sync) return sync.error();
  if (!*sync || **sync < 2)
    return make_error(Errc::internal, "store.writer_not_durable", "the writer's connection is not synchronous=FULL; a tap would be acknowledged before it is on disk");
  if (auto s = migrate(**db); !s) return s.error();
  // SQLite would checkpoint inside whichever commit crosses the WAL threshold, stalling that
  // batch of taps; a passive checkpoint from another connection does the same work off the path.
  if (auto s = (*db)->exec("PRAGMA wal_autocheckpoint=0"); !s) return s.error();
  auto cp = Db::open(path, Db::Mode::read_write);
  if (!cp) return cp.error();
  auto w = std::unique_ptr<Writer>(new Writer(std::move(*db), clock));
  sqlite3_wal_hook(w->db_->raw(), &Writer::on_wal_commit, w.get());
  // Checkpoints grow the database file a page at a time as taps are appended; every change of size
  // makes the checkpoint's fsync write the file's metadata too (tens of ms on this disk, measured).
  // Grown in chunks, the size changes once per 4 MB.
  int chunk = db_chunk_bytes;
  sqlite3_file_control(w->db_->raw(), "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
  sqlite3_file_control((*cp)->raw(), "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
  w->checkpoint_db_ = std::move(*cp);
  w->db_file_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (auto s = w->load_chain_head(); !s) return s.error();
  w->thread_ = std::thread([p = w.get()] { p->loop(); });
  w->checkpointer_ = std::thread([p = w.get()] { p->checkpoint_loop(); });
  return w;
}

Writer::~Writer() {
  stop();
  if (db_file_ >= 0) ::close(db_file_);
}

Status Writer::load_chain_head() {
  auto& q = db_->prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  last_seq_ = 0;
  last_hash_ = audit_genesis_hash;
  auto head = q.first([](Stmt& r) { return std::pair{r.i64(0), r.text(1)}; });
  if (!head) return head.error();
  if (*head) std::tie(last_seq_, last_hash_) = **head;
  return ok_status();
}

// Another process (classbookctl lessons make, user add) may have committed since our last batch and
// chained its own audit entries; the in-memory chain head must follow, or our next entry would
// fork the chain. data_version changes exactly when another connection commits; checking it
// inside BEGIN IMMEDIATE means nobody can commit between the check and our own entries.
Status Writer::follow_other_writers() {
  auto& q = db_->prepare("PRAGMA data_version");
  auto version = q.first([](Stmt& r) { return r.i64(0); });
  if (!version) return version.error();
  const std::int64_t v = version->value_or(-1);
  if (v == data_version_) return ok_status();
  const auto chain_seq = last_seq_;
  if (auto s = load_chain_head(); !s) return s;
  if (data_version_ != -1 && last_seq_ != chain_seq)
    log::info("store", "another process wrote to the journal; the audit chain now ends at entry " + std::to_string(last_seq_));
  data_version_ = v;
  return ok_status();
}

void Writer::submit(Job job, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_ && queue_.size() < writer_queue_limit) {
      queue_.emplace_back(std::move(job), std::move(done));
      cv_.notify_one();
      return;
    }
  }
  done(make_error(Errc::unavailable, "store.queue_full", "the journal is saving too much at once; retry in a moment"));
}

Status Writer::run(Job job) {
  std::promise<Status> p;
  auto f = p.get_future();
  submit(std::move(job), [&p](const Status& s) { p.set_value(s); });
  return f.get();
}

std::size_t Writer::queue_depth() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void Writer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  checkpoint_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (checkpointer_.joinable()) checkpointer_.join();
}

namespace {

struct Checkpointed {
  bool done = false;  // false: it failed or was busy (another checkpoint was running)
  int frames = 0;     // frames in the WAL
  int copied = 0;     // of them in the database now
};

// The PRAGMA rather than sqlite3_wal_checkpoint_v2: on a connection that has not read yet, only a
// statement opens the WAL; the C call answers -1, "not in WAL mode".
Checkpointed passive_checkpoint(Db& db) {
  auto& q = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  auto row = q.first([](Stmt& r) { return Checkpointed{r.i64(0) == 0, r.i32(1), r.i32(2)}; });
  return row && *row ? **row : Checkpointed{};
}

}  // namespace

void Writer::checkpoint_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    checkpoint_cv_.wait_for(lock, checkpoint_interval, [&] { return stopping_ || checkpoint_now_; });
    checkpoint_now_ = false;
    lock.unlock();
    // PASSIVE never waits for readers or the writer; what it cannot copy now it copies next time.
    // Once the WAL is long it copies again, each round shorter than the last, until only a short
    // tail is left for the writer (restart_wal_if_long).
    for (int round = 0; round < 4 && !tail_ready_; ++round) {
      const auto [done, frames, copied] = passive_checkpoint(*checkpoint_db_);
      if (!done) break;
      // SQLite syncs the database file only in a checkpoint that catches up with the writer, which
      // this one, beside a busy writer, never does: the writer's own checkpoint would then flush
      // every page copied since the last restart (30+ ms, measured). Flushed here, off its path, the
      // writer's sync covers only its short tail. (Durability does not depend on this: the frames
      // stay in the WAL until a synced checkpoint has copied them all.)
      if (copied > 0 && db_file_ >= 0) (void)::fdatasync(db_file_);
      const int now_frames = wal_frames_;
      if (copied < frames || now_frames < wal_restart_frames) break;  // a reader holds frames back, or nothing to do
      if (now_frames - copied <= wal_tail_frames) tail_ready_ = true;
    }
    lock.lock();
  }
}

void Writer::loop() {
  std::size_t expected = 0;
  std::chrono::steady_clock::duration last_commit{};
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
    }
    // Several callers at once last time (eight kiosks, a class of marks): the ones just answered
    // are about to send again, and each fsync is worth ~1 ms. Waiting a fraction of that lets
    // one commit carry them all; a lone caller (expected 1) never waits.
    auto window = std::chrono::steady_clock::duration::zero();
    if (expected >= 2) window = std::min<std::chrono::steady_clock::duration>(max_gather_window, last_commit / 2);
    const auto gathered = commit_batch(expected, std::chrono::steady_clock::now() + window);
    expected = gathered.next_expected;
    last_commit = gathered.commit_time;
    restart_wal_if_long();
  }
}

int Writer::on_wal_commit(void* self, sqlite3*, const char*, int frames) {
  static_cast<Writer*>(self)->wal_frames_ = frames;
  return SQLITE_OK;
}

// Runs between batches, outside any transaction. A passive checkpoint on the writer's own connection
// cannot wait on another writer; once the checkpointer has copied all but a short tail it copies that
// tail and syncs like any synchronous=FULL checkpoint, and the next transaction starts the WAL over.
// When the checkpointer cannot keep up (a reader on an old snapshot holds frames back) the writer
// copies everything itself at four times the length — a long pause, but the WAL stays bounded.
void Writer::restart_wal_if_long() {
  const int frames = wal_frames_;
  if (frames < wal_restart_frames) return;
  if (!tail_ready_.exchange(false)) {
    if (frames < std::max(4 * wal_restart_frames, next_restart_try_)) {
      {
        std::lock_guard lock(mutex_);
        checkpoint_now_ = true;
      }
      checkpoint_cv_.notify_one();
      return;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const auto [done, log_frames, copied] = passive_checkpoint(*db_);
  wal_restart_ns_ += static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count());
  ++wal_restarts_;
  next_restart_try_ = done && copied == log_frames ? 0 : frames + wal_restart_frames;
}

// Transaction control as cached prepared statements: compiling "SAVEPOINT job" and "RELEASE job"
// for every tap cost more than the tap's own inserts.
Status Writer::control(const char* sql) { return db_->prepare(sql).run(); }

void Writer::on_changes(ChangeListener listener) {
  std::lock_guard lock(listener_mutex_);
  on_changes_ = std::move(listener);
}

// Jobs are run as they come, inside one transaction, until `expected` have come, `gather_until`
// has passed or the transaction holds max_jobs_per_commit; then one COMMIT makes them all durable
// and only then is each caller answered. Running a job while the others are still on their way,
// instead of after they have all come, takes its SQL off the time between two fsyncs.
Writer::Gathered Writer::commit_batch(std::size_t expected, std::chrono::steady_clock::time_point gather_until) {
  std::vector<std::pair<Job, Done>> batch;
  std::vector<Status> results;
  std::vector<Change> changes;
  std::size_t next = 0;  // the first job of `batch` not run yet
  auto take = [&] {      // (mutex_) what has come, up to a transaction's worth
    while (!queue_.empty() && batch.size() < max_jobs_per_commit) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
  };
  {
    std::lock_guard lock(mutex_);
    take();
  }
  const auto chain_seq = last_seq_;
  const auto chain_hash = last_hash_;
  auto fail_all = [&](const Error& e) {
    last_seq_ = chain_seq;
    last_hash_ = chain_hash;
    data_version_ = -1;  // the head may have been re-read inside the failed transaction: read it again
    for (auto& [job, done] : batch) done(e);
    return Gathered{batch.size(), {}};
  };
  if (auto s = control("BEGIN IMMEDIATE"); !s) return fail_all(s.error());
  if (auto s = follow_other_writers(); !s) {
    (void)db_->exec("ROLLBACK");
    return fail_all(s.error());
  }
  for (;;) {
    for (; next < batch.size(); ++next) {
      // A savepoint per job: one bad request rolls back alone and the rest of the batch commits.
      if (auto s = control("SAVEPOINT job"); !s) {
        (void)db_->exec("ROLLBACK");
        return fail_all(s.error());
      }
      const auto seq_before = last_seq_;
      const auto hash_before = last_hash_;
      WriteContext ctx(*db_, clock_.now(), last_hash_, last_seq_);
      Status st = batch[next].first(ctx);
      if (st && ctx.side_error()) st = *ctx.side_error();
      if (st) {
        (void)control("RELEASE job");
        std::move(ctx.changes_.begin(), ctx.changes_.end(), std::back_inserter(changes));
      } else {
        (void)control("ROLLBACK TO job");
        (void)control("RELEASE job");
        last_seq_ = seq_before;
        last_hash_ = hash_before;
      }
      results.push_back(std::move(st));
    }
    // Enough: all that were expected came (a lone caller expects only itself), or the batch is full.
    if (batch.size() >= std::min(expected, max_jobs_per_commit)) break;
    std::unique_lock lock(mutex_);
    if (!cv_.wait_until(lock, gather_until, [&] { return stopping_ || !queue_.empty(); }) || stopping_) break;
    take();
  }
  const auto commit_started = std::chrono::steady_clock::now();
  if (auto s = control("COMMIT"); !s) {
    log::error("store", "commit failed: " + s.error().message);
    (void)db_->exec("ROLLBACK");
    return fail_all(s.error());
  }
  const auto commit_time = std::chrono::steady_clock::now() - commit_started;
  commit_ns_ += static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(commit_time).count());
  ++commits_;
  jobs_done_ += batch.size();
  // Those answered now send again, and those who came during the commit are waiting already: the
  // next batch expects them all. (Expecting only as many as this batch split the batches for good
  // once one caller had missed one: seven and one, then seven again, measured on a slow disk.)
  std::size_t waiting = 0;
  {
    std::lock_guard lock(mutex_);
    waiting = queue_.size();
  }
  if (!changes.empty()) {
    std::lock_guard lock(listener_mutex_);
    if (on_changes_) on_changes_(std::move(changes));
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].second(results[i]);
  return Gathered{batch.size() + waiting, commit_time};
}


}  // namespace classbook::store
