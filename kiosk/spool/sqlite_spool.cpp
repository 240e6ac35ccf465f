// sqlite_spool: every write is one autocommit statement; with WAL + synchronous=FULL each commit is
// fsynced before append() returns. Counts are kept in memory so the footer costs no query.
#include "kiosk/spool/sqlite_spool.hpp"

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"

namespace classbook::kiosk {
namespace {

constexpr int schema_version = 1;

constexpr const char* schema = R"(
CREATE TABLE IF NOT EXISTS taps(
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- delivery order; never reused, even after pruning
  tap_id     TEXT NOT NULL UNIQUE,               -- the replay key the box deduplicates on
  card       TEXT NOT NULL,
  reader     TEXT NOT NULL,
  at         TEXT NOT NULL,                      -- ISO UTC of the read
  direction  TEXT NOT NULL CHECK (direction IN ('in', 'out', 'toggle')),
  state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  settled_at TEXT                                -- when delivered or rejected, for pruning
);
CREATE INDEX IF NOT EXISTS taps_pending ON taps(seq) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS taps_settled ON taps(settled_at) WHERE state <> 'pending';
)";

Direction direction_of(const std::string& s) {
  return s == "in" ? Direction::in : s == "out" ? Direction::out : Direction::toggle;
}

}  // namespace

Result<std::unique_ptr<SqliteSpool>> SqliteSpool::open(const std::string& path, Clock& clock, SpoolLimits limits) {
  auto db = SqliteDb::open(path);
  if (!db) return db.error();
  auto spool = std::make_unique<SqliteSpool>(std::move(*db), clock, limits);
  spool->path_ = path;
  if (auto s = spool->prepare(); !s) return s.error();
  return spool;
}

Status SqliteSpool::prepare() {
  auto mode = db_.pragma("journal_mode = WAL");
  if (!mode) return mode.error();
  if (*mode != "wal")
    return make_error(Errc::unavailable, "spool.wal_unavailable", "the tap spool " + path_ + " cannot use WAL mode (got '" + *mode +
                                             "'); put the data folder on a local disk");
  for (const std::string& p : {std::string("synchronous = FULL"), "cache_size = -" + std::to_string(spool_cache_kib),
                              "busy_timeout = " + std::to_string(spool_busy_timeout_ms),
                              "journal_size_limit = " + std::to_string(spool_wal_limit)})
    if (auto r = db_.pragma(p); !r) return r.error();
  auto version = db_.pragma("user_version");
  if (!version) return version.error();
  if (std::stoi(*version) > schema_version)
    return make_error(Errc::unavailable, "spool.too_new", "the tap spool " + path_ + " was written by a newer classbook-kiosk; "
                                         "upgrade this kiosk or move the file aside");
  if (auto s = db_.exec(schema); !s) return s;
  if (auto s = db_.exec("PRAGMA user_version = " + std::to_string(schema_version)); !s) return s;

  struct {
    SqliteStatement* into;
    const char* sql;
  } statements[] = {
      {&insert_, "INSERT INTO taps(tap_id, card, reader, at, direction) VALUES (?,?,?,?,?)"},
      {&oldest_, "SELECT seq, tap_id, card, reader, at, direction, attempts FROM taps WHERE state = 'pending' "
                 "ORDER BY seq LIMIT 1"},
      {&settle_, "UPDATE taps SET state = ?, last_error = ?, settled_at = ? WHERE seq = ? AND state = 'pending'"},
      {&failure_, "UPDATE taps SET attempts = attempts + 1, last_error = ? WHERE seq = ?"},
      {&prune_, "DELETE FROM taps WHERE state <> 'pending' AND settled_at < ?"},
  };
  for (auto& s : statements) {
    auto st = db_.prepare(s.sql);
    if (!st) return st.error();
    *s.into = std::move(*st);
  }
  if (auto s = recount(); !s) return s;
  if (auto pruned = prune(); !pruned) return pruned.error();
  if (pending_ > 0) log::info("spool", std::to_string(pending_) + " taps from an earlier run wait for the box");
  return ok_status();
}

Status SqliteSpool::recount() {
  auto st = db_.prepare("SELECT count(*), coalesce(sum(state = 'pending'), 0) FROM taps");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return db_.error("counting taps");
  rows_ = st->int64(0);
  pending_ = st->int64(1);
  return ok_status();
}

Result<SpooledTap> SqliteSpool::append(const NewTap& tap) {
  if (rows_ >= limits_.max_rows) {
    // Settled rows are only history: drop them all before refusing a tap.
    if (auto n = delete_settled_before("9999"); !n) return n.error();
    if (rows_ >= limits_.max_rows) {
      auto e = make_error(Errc::unavailable, "spool.full",
                          "the tap spool is full: " + std::to_string(pending_) +
                              " taps wait for a box that has not answered for a long time; this tap was NOT recorded — "
                              "check the network and the box");
      log::error("spool", e.message);
      return e;
    }
  }
  // Time-ordered ids: the box's index of tap ids then grows at its end instead of on random pages.
  SpooledTap t{0, new_uuid_v7(clock_.now().time_since_epoch().count()), tap, 0};
  insert_.bind(1, t.tap_id).bind(2, tap.card).bind(3, tap.reader).bind(4, tap.at).bind(5, std::string(to_string(tap.direction)));
  if (auto s = insert_.run(); !s) {
    insert_.reset();
    return db_.error("recording a tap");
  }
  t.seq = db_.last_insert_rowid();
  ++rows_;
  ++pending_;
  return t;
}

Result<std::optional<SpooledTap>> SqliteSpool::oldest_pending() {
  auto row = oldest_.step();
  if (!row) {
    oldest_.reset();
    return db_.error("reading the oldest tap");
  }
  std::optional<SpooledTap> t;
  if (*row) {
    t = SpooledTap{oldest_.int64(0), oldest_.text(1),
                   NewTap{oldest_.text(2), oldest_.text(3), oldest_.text(4), direction_of(oldest_.text(5))},
                   static_cast<int>(oldest_.int64(6))};
  }
  oldest_.reset();
  return t;
}

Status SqliteSpool::settle(std::int64_t seq, const char* state, const std::string& why) {
  settle_.bind(1, std::string(state)).bind(2, why).bind(3, format_utc(clock_.now())).bind(4, seq);
  if (auto s = settle_.run(); !s) {
    settle_.reset();
    return db_.error(std::string("marking tap ") + std::to_string(seq) + " " + state);
  }
  if (db_.changes() > 0) --pending_;
  return ok_status();
}

Status SqliteSpool::mark_delivered(std::int64_t seq) { return settle(seq, "delivered", ""); }

Status SqliteSpool::mark_rejected(std::int64_t seq, const std::string& why) { return settle(seq, "rejected", why); }

Status SqliteSpool::note_failure(std::int64_t seq, const std::string& why) {
  failure_.bind(1, why).bind(2, seq);
  if (auto s = failure_.run(); !s) {
    failure_.reset();
    return db_.error("noting a failed send");
  }
  return ok_status();
}

Result<std::int64_t> SqliteSpool::prune() {
  return delete_settled_before(format_utc(clock_.now() - limits_.retention));
}

Result<std::int64_t> SqliteSpool::delete_settled_before(const std::string& before) {
  prune_.bind(1, before);
  if (auto s = prune_.run(); !s) {
    prune_.reset();
    return db_.error("pruning delivered taps");
  }
  const auto n = db_.changes();
  rows_ -= n;
  if (n > 0) log::info("spool", "pruned " + std::to_string(n) + " delivered taps");
  return n;
}

}  // namespace classbook::kiosk
