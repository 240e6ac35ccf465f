// Tests of the group-commit writer: durability order, batching, savepoint isolation, audit chaining.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "store/audit.hpp"
#include "store/schema.hpp"
#include "store/writer.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {
TimePoint t0() {
  TimePoint t;
  parse_utc("2026-11-29T05:00:00Z", t);
  return t;
}
std::unique_ptr<Writer> start_writer(const std::string& path, const Clock& clock) {
  { auto db = Db::open(path, Db::Mode::read_write_create); REQUIRE(db); }
  auto w = Writer::start(path, clock);
  REQUIRE(w);
  return std::move(*w);
}
std::int64_t count(const std::string& path, const char* sql) {
  auto db = Db::open(path, Db::Mode::read_only);
  REQUIRE(db);
  auto& q = (*db)->prepare(sql);
  REQUIRE(q.next().value());
  return q.i64(0);
}
Status insert_setting(WriteContext& w, const std::string& key) {
  return w.db.prepare("INSERT INTO settings(key, value) VALUES (?, 'v')").bind(1, key).run();
}
}  // namespace

TEST_CASE("the writer migrates a new file and reports WAL with synchronous FULL") {
  test::TempDir dir;
  FakeClock clock(t0());
  auto w = start_writer(dir.file("s.db"), clock);
  REQUIRE(w->run([](WriteContext& c) -> Status {
    auto& q = c.db.prepare("PRAGMA synchronous");
    REQUIRE(q.next().value());
    CHECK(q.i32(0) == 2);  // FULL
    REQUIRE(q.run());
    auto& j = c.db.prepare("PRAGMA journal_mode");
    REQUIRE(j.next().value());
    CHECK(j.text(0) == "wal");
    REQUIRE(j.run());
    return ok_status();
  }));
  w->stop();
  CHECK(count(dir.file("s.db"), "PRAGMA user_version") == current_schema_version());
}

TEST_CASE("concurrent jobs are committed in groups and every one completes after its commit") {
  test::TempDir dir;
  FakeClock clock(t0());
  const auto path = dir.file("g.db");
  auto w = start_writer(path, clock);
  constexpr int threads = 8, per_thread = 250;
  std::atomic<int> done{0}, failed{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i)
        w->submit([key = std::to_string(t) + "/" + std::to_string(i)](WriteContext& c) { return insert_setting(c, key); },
                  [&](const Status& s) { s ? ++done : ++failed; });
    });
  for (auto& t : ts) t.join();
  // run() queues behind everything submitted before it.
  REQUIRE(w->run([](WriteContext&) { return ok_status(); }));
  CHECK(done == threads * per_thread);
  CHECK(failed == 0);
  CHECK(w->jobs_done() == threads * per_thread + 1);
  CHECK(w->commits() < w->jobs_done());  // grouped: fewer commits than jobs
  CHECK(w->commit_nanoseconds() > 0);     // every COMMIT is timed (/metrics: the fsync cost)
  w->stop();
  CHECK(count(path, "SELECT count(*) FROM settings WHERE key LIKE '%/%'") == threads * per_thread);
}

// The gathering, step by step without timing: a lone job holds the writer while two more queue
// behind it; once it commits, the next batch expects three callers (the one answered and the two
// waiting), and a job that comes while that batch is open rides its commit. (Expecting only as many
// as the last batch split the batches for good once a caller had missed one: 7.2 jobs per commit of
// 8 kiosks on a slow disk, `bench.py --flush-delay-ms 5`; 8.0 now.)
TEST_CASE("a batch expects back the callers it answered and those waiting, and takes a job that comes while it is open") {
  test::TempDir dir;
  FakeClock clock(t0());
  const auto path = dir.file("gather.db");
  auto w = start_writer(path, clock);
  std::promise<void> started, release, all_done;
  auto released = release.get_future();
  std::atomic<int> done{0}, failed{0};
  auto count_done = [&](const Status& s) {
    if (!s) ++failed;
    if (++done == 4) all_done.set_value();
  };
  w->submit([&](WriteContext& c) {
    started.set_value();
    released.wait();
    return insert_setting(c, "first");
  }, count_done);
  started.get_future().wait();
  const auto commits_before = w->commits();
  w->submit([](WriteContext& c) { return insert_setting(c, "second"); }, count_done);
  w->submit([&](WriteContext& c) {
    w->submit([](WriteContext& c2) { return insert_setting(c2, "came while open"); }, count_done);
    return insert_setting(c, "third");
  }, count_done);
  release.set_value();
  all_done.get_future().wait();
  CHECK(failed == 0);
  CHECK(w->commits() - commits_before == 2);  // {first}, then {second, third, came while open}
  w->stop();
  CHECK(count(path, "SELECT count(*) FROM settings WHERE key IN ('first','second','third','came while open')") == 4);
}

TEST_CASE("a failing job rolls back alone, its neighbours in the batch commit") {
  test::TempDir dir;
  FakeClock clock(t0());
  const auto path = dir.file("f.db");
  auto w = start_writer(path, clock);
  std::vector<Status> results(3, ok_status());
  std::atomic<int> n{0};
  w->submit([](WriteContext& c) { return insert_setting(c, "a"); }, [&](const Status& s) { results[0] = s; ++n; });
  w->submit([](WriteContext& c) -> Status {
    if (auto s = insert_setting(c, "b"); !s) return s;
    c.audit(1, "mark", "u-1", "create", "{}", "{\"value\":5}");
    return make_error(Errc::invalid_input, "test.refused_after_writing", "refused after writing");
  }, [&](const Status& s) { results[1] = s; ++n; });
  w->submit([](WriteContext& c) { return insert_setting(c, "a"); }, [&](const Status& s) { results[2] = s; ++n; });
  REQUIRE(w->run([](WriteContext& c) {
    c.audit(1, "mark", "u-2", "create", "{}", "{\"value\":4}");
    return ok_status();
  }));
  CHECK(n == 3);
  CHECK(results[0]);
  CHECK_FALSE(results[1]);
  CHECK(results[1].error().message == "refused after writing");
  CHECK_FALSE(results[2]);  // duplicate key
  CHECK(results[2].error().code == Errc::conflict);
  w->stop();
  CHECK(count(path, "SELECT count(*) FROM settings WHERE key='b'") == 0);
  CHECK(count(path, "SELECT count(*) FROM settings WHERE key='a'") == 1);
  // The rolled-back audit entry left no gap: the chain is 1 entry long and whole.
  auto db = Db::open(path, Db::Mode::read_only);
  REQUIRE(db);
  auto v = verify_audit_chain(**db);
  REQUIRE(v);
  CHECK(v->entries == 1);
  CHECK(v->first_bad_seq == 0);
}

TEST_CASE("a second process writing the same file (classbookctl beside classbookd) keeps the audit chain whole") {
  test::TempDir dir;
  FakeClock clock(t0());
  const auto path = dir.file("f.db");
  auto daemon = start_writer(path, clock);
  auto audited = [](const char* uuid) {
    return [uuid](WriteContext& c) {
      c.audit(1, "mark", uuid, "create", "{}", "{\"value\":5}");
      return ok_status();
    };
  };
  REQUIRE(daemon->run(audited("by-daemon-1")));
  {
    auto tool = Writer::start(path, clock);  // another connection, as another process has
    REQUIRE(tool);
    REQUIRE((*tool)->run(audited("by-tool-1")));
    REQUIRE((*tool)->run(audited("by-tool-2")));
  }
  REQUIRE(daemon->run(audited("by-daemon-2")));  // must chain after the tool's entries
  daemon->stop();
  auto db = Db::open(path, Db::Mode::read_only);
  REQUIRE(db);
  auto v = verify_audit_chain(**db);
  REQUIRE(v);
  CHECK(v->entries == 4);
  CHECK(v->first_bad_seq == 0);
}

TEST_CASE("the audit chain detects a changed, a deleted and a re-ordered entry") {
  test::TempDir dir;
  FakeClock clock(t0());
  const auto path = dir.file("a.db");
  {
    auto w = start_writer(path, clock);
    for (int i = 0; i < 5; ++i)
      REQUIRE(w->run([i](WriteContext& c) {
        c.audit(7, "mark", "m-" + std::to_string(i), "create", "{}", "{\"value\":" + std::to_string(2 + i % 4) + "}");
        return ok_status();
      }));
    w->stop();
  }
  auto db = Db::open(path, Db::Mode::read_write);
  REQUIRE(db);
  auto v = verify_audit_chain(**db);
  REQUIRE(v);
  CHECK(v->entries == 5);
  CHECK(v->first_bad_seq == 0);

  SECTION("the trail refuses updates and deletes through SQL") {
    CHECK_FALSE((*db)->exec("UPDATE audit SET after='{\"value\":5}' WHERE seq=3"));
    CHECK_FALSE((*db)->exec("DELETE FROM audit WHERE seq=3"));
  }
  SECTION("a student who drops the trigger and turns a 2 into a 3 is caught") {
    REQUIRE((*db)->exec("DROP TRIGGER audit_no_update"));
    REQUIRE((*db)->exec("UPDATE audit SET after='{\"value\":3}' WHERE seq=1"));
    auto bad = verify_audit_chain(**db);
    REQUIRE(bad);
    CHECK(bad->first_bad_seq == 1);
    CHECK_THAT(bad->problem, Catch::Contains("changed after it was written"));
  }
  SECTION("a deleted entry is caught") {
    REQUIRE((*db)->exec("DROP TRIGGER audit_no_delete"));
    REQUIRE((*db)->exec("DELETE FROM audit WHERE seq=4"));
    auto bad = verify_audit_chain(**db);
    REQUIRE(bad);
    CHECK(bad->first_bad_seq == 5);
    CHECK_THAT(bad->problem, Catch::Contains("missing"));
  }
  SECTION("a recomputed entry still breaks the next link") {
    REQUIRE((*db)->exec("DROP TRIGGER audit_no_update"));
    AuditEntry e{2, "x", 7, "mark", "m-1", "create", "{}", "{\"value\":5}"};
    auto& prev = (*db)->prepare("SELECT prev_hash FROM audit WHERE seq=2");
    REQUIRE(prev.next().value());
    const auto h = audit_hash(prev.text(0), e);
    REQUIRE(prev.run());
    REQUIRE((*db)->prepare("UPDATE audit SET at='x', after='{\"value\":5}', hash=? WHERE seq=2").bind(1, h).run());
    auto bad = verify_audit_chain(**db);
    REQUIRE(bad);
    CHECK(bad->first_bad_seq == 3);
  }
}

TEST_CASE("the queue has a named limit and says so") {
  test::TempDir dir;
  FakeClock clock(t0());
  auto w = start_writer(dir.file("q.db"), clock);
  w->stop();
  Status got = ok_status();
  w->submit([](WriteContext&) { return ok_status(); }, [&](const Status& s) { got = s; });
  REQUIRE_FALSE(got);
  CHECK(got.error().code == Errc::unavailable);
}

TEST_CASE("a database from a newer Classbook is refused") {
  test::TempDir dir;
  const auto path = dir.file("n.db");
  {
    auto db = Db::open(path, Db::Mode::read_write_create);
    REQUIRE(db);
    REQUIRE((*db)->exec("PRAGMA user_version=999"));
  }
  auto db = Db::open(path, Db::Mode::read_write);
  REQUIRE(db);
  auto s = migrate(**db);
  REQUIRE_FALSE(s);
  CHECK_THAT(s.error().message, Catch::Contains("install the newer classbook"));
}

TEST_CASE("under steady writing the WAL starts over instead of growing, and nothing written is lost") {
  test::TempDir dir;
  const std::string path = dir.file("w.db");
  FakeClock clock(t0());
  auto w = start_writer(path, clock);
  // Each commit writes ~30 frames (eight rows with values on overflow pages); past
  // wal_restart_frames the checkpointer and the writer together must bring the WAL back to its start.
  const std::string value(12000, 'x');
  int commits = 0;
  for (; commits < 3000 && w->wal_restarts() < 3; ++commits) {
    REQUIRE(w->run([&, commits](WriteContext& c) -> Status {
      for (int i = 0; i < 8; ++i) {
        auto s = c.db.prepare("INSERT INTO settings(key, value) VALUES (?, ?)")
                     .bind(1, "k" + std::to_string(commits) + "-" + std::to_string(i)).bind(2, value).run();
        if (!s) return s;
      }
      return ok_status();
    }));
  }
  CHECK(w->wal_restarts() >= 3);
  const auto wal_bytes = std::filesystem::file_size(path + "-wal");
  // The file keeps its largest length; restarted, it stays near the threshold instead of growing
  // with every commit (3000 commits would be ~90,000 frames, ~370 MB).
  CHECK(wal_bytes < static_cast<std::uintmax_t>(5) * wal_restart_frames * (4096 + 24));
  w->stop();
  CHECK(count(path, "SELECT count(*) FROM settings WHERE key LIKE 'k%'") == 8 * commits);
  auto db = Db::open(path, Db::Mode::read_only);
  REQUIRE(db);
  CHECK(check_integrity(**db));
}

TEST_CASE("a job's changes reach the listener after its commit, and a failed job's never do") {
  test::TempDir dir;
  FakeClock clock(t0());
  auto w = start_writer(dir.file("s.db"), clock);
  std::mutex m;
  std::vector<std::string> heard;
  std::vector<std::int64_t> rows_when_heard;
  const auto path = dir.file("s.db");
  w->on_changes([&](std::vector<Change> changes) {
    // Called after COMMIT: another connection already reads what the job wrote.
    const auto rows = count(path, "SELECT count(*) FROM settings WHERE key LIKE 'live%'");
    std::lock_guard lock(m);
    for (auto& c : changes) {
      heard.push_back(c.kind);
      rows_when_heard.push_back(rows);
    }
  });
  REQUIRE(w->run([](WriteContext& c) -> Status {
    if (auto s = insert_setting(c, "live1"); !s) return s;
    c.changed({"mark", ChangeScope::pupils, {7}, 3, 0, {}, "{}"});
    return ok_status();
  }));
  const auto failed = w->run([](WriteContext& c) -> Status {
    c.changed({"lost", ChangeScope::pupils, {7}, 3, 0, {}, "{}"});
    return make_error(Errc::conflict, "test.refused", "refused after saying it changed");
  });
  CHECK_FALSE(failed);
  std::lock_guard lock(m);
  REQUIRE(heard == std::vector<std::string>{"mark"});
  CHECK(rows_when_heard == std::vector<std::int64_t>{1});
}
