// The journal push against the in-memory portal with scripted faults, on a real store: batches with
// idempotency keys, the cursor moved only on 200, cuts resumed without resending acknowledged
// batches, Retry-After, 401, 409, refused items, duplicate answers, and the first full push.
#include <catch2/catch.hpp>

#include <set>

#include <random>

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"
#include "store/sync_state.hpp"
#include "sync/batch.hpp"
#include "sync/fake_portal_transport.hpp"
#include "sync/journal_push.hpp"
#include "sync/portal_paths.hpp"
#include "sync_outbox.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace std::chrono;
namespace json = boost::json;

namespace {

TimePoint t0() {
  TimePoint t{};
  parse_utc("2026-12-07T22:00:00Z", t);
  return t;
}

struct Box {
  test::TempDir dir;
  FakeClock clock{t0()};
  std::unique_ptr<store::Writer> writer;
  FakePortalTransport portal{clock, "box-7", "secret"};
  std::mt19937_64 rng{1};
  Backoff backoff{[this] { return rng(); }};
  TokenSource tokens{portal, clock, {"box-7", "secret", default_token_path, portal_scopes}};
  std::optional<SyncKey> key;
  std::vector<milliseconds> waits;

  Box() {
    { auto db = store::Db::open(db_path(), store::Db::Mode::read_write_create); REQUIRE(db); }
    auto w = store::Writer::start(db_path(), clock);
    REQUIRE(w);
    writer = std::move(*w);
    auto k = SyncKey::load_or_make(dir.file("sync/box-sync.key"));
    REQUIRE(k);
    key = std::move(*k);
  }
  ~Box() { writer->stop(); }
  std::string db_path() const { return dir.file("s.db"); }

  // n marks through the outbox, as the use cases write them.
  void add_marks(int n) { test::add_outbox_marks(*writer, n); }
  Result<PushReport> push(std::vector<PushProgress>* seen = nullptr) {
    JournalPush p({portal, tokens, backoff, clock, [this](milliseconds d) { waits.push_back(d), clock.advance(d); }}, *writer,
                  db_path(), *key, "org-1");
    return p.run([seen](const PushProgress& pr) { if (seen) seen->push_back(pr); });
  }
  store::SyncState state() { return test::sync_state_of(db_path()); }
  std::vector<store::SyncRefusal> refusals() {
    auto db = store::Db::open(db_path(), store::Db::Mode::read_only);
    REQUIRE(db);
    auto r = store::sync_refusals(**db, 100);
    REQUIRE(r);
    return *r;
  }
  std::string box() { return state().box_uuid; }
};

}  // namespace

TEST_CASE("sync push: the outbox goes in signed batches of 1,000 with idempotency keys — the cursor follows") {
  Box b;
  b.add_marks(2500);
  std::vector<PushProgress> seen;
  auto r = b.push(&seen);
  REQUIRE(r);
  CHECK(r->batches == 3);
  CHECK(r->items == 2500);
  CHECK(b.portal.acknowledged_through() == 2500);
  CHECK(b.state().acknowledged_through == 2500);
  CHECK(b.state().last_success_at);
  CHECK_FALSE(b.state().last_error);
  const auto box = b.box();
  CHECK(is_uuid(box));
  CHECK(b.portal.batch_keys() == std::vector<std::string>{box + ":1-1000", box + ":1001-2000", box + ":2001-2500"});
  CHECK(b.portal.max_items() == batch_max_items);
  CHECK(b.portal.max_body_bytes() <= batch_max_bytes);
  CHECK(b.portal.pinned_key() == b.key->public_pem());
  CHECK(b.portal.items_by_kind().at("result") == 2500);
  REQUIRE(seen.size() == 3);
  CHECK(seen[1].items_sent == 2000);
  CHECK(seen[1].items_total == 2500);
  CHECK(seen[1].batch == 2);
  CHECK(seen[1].acknowledged_through == 2000);
  // Each batch carried the audit chain's head: the portal keeps it as an anchor.
  CHECK(b.portal.anchors().size() == 3);
  // Nothing new: nothing sent, still a success.
  auto again = b.push();
  REQUIRE(again);
  CHECK(again->batches == 0);
  CHECK(b.portal.batch_requests() == 3);
}

TEST_CASE("sync push: an answer lost in a cut is resent once with the same key — acknowledged batches never") {
  Box b;
  b.add_marks(2500);
  // The second batch reaches the portal whole, and the connection drops before its answer.
  b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", std::size_t(1) << 30, 0, "", 1});
  auto r = b.push();
  REQUIRE(r);
  const auto box = b.box();
  CHECK(b.portal.batch_keys() == std::vector<std::string>{box + ":1-1000", box + ":1001-2000", box + ":1001-2000", box + ":2001-2500"});
  CHECK(b.portal.items_applied() == 2500);  // the resend was a duplicate, answered from the portal's memory
  CHECK(b.state().acknowledged_through == 2500);
  CHECK(b.waits.size() == 1);
}

TEST_CASE("sync push: a run cut for good resumes later after the acknowledged cursor") {
  Box b;
  b.add_marks(2500);
  // Batch 1 goes through; batch 2 never arrives: every attempt of this run is cut half-way.
  b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", 100, 0, "", 1});
  for (int i = 1; i < max_attempts_per_batch; ++i) b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", 100});
  auto r = b.push();
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("sync.portal_unreachable"));
  CHECK(r.error().message.find("gave up after 8 attempts") != std::string::npos);
  const auto s = b.state();
  CHECK(s.acknowledged_through == 1000);
  REQUIRE(s.last_error);
  CHECK(s.last_error->find("gave up after 8 attempts") != std::string::npos);
  const auto box = b.box();
  const auto before = b.portal.batch_keys();
  CHECK(before == std::vector<std::string>{box + ":1-1000"});  // cut requests never arrived
  auto later = b.push();
  REQUIRE(later);
  auto keys = b.portal.batch_keys();
  keys.erase(keys.begin(), keys.begin() + static_cast<long>(before.size()));
  CHECK(keys == std::vector<std::string>{box + ":1001-2000", box + ":2001-2500"});
  CHECK(b.state().acknowledged_through == 2500);
  CHECK_FALSE(b.state().last_error);
}

TEST_CASE("sync push: Retry-After is honoured when longer than the back-off") {
  Box b;
  b.add_marks(10);
  b.portal.add_fault({FakeFault::Kind::status, "/batches", 0, 503, "120"});
  b.portal.add_fault({FakeFault::Kind::status, "/batches", 0, 429, "Mon, 07 Dec 2026 22:10:00 GMT"});
  auto r = b.push();
  REQUIRE(r);
  REQUIRE(b.waits.size() == 2);
  CHECK(b.waits[0] == 120s);
  CHECK(b.waits[1] >= 7min);  // until 22:10 from 22:02
  CHECK(b.waits[1] <= 8min);
  CHECK(b.portal.acknowledged_through() == 10);
}

TEST_CASE("sync push: a 401 gets a new token and one more try — a second refusal stops with what to check") {
  Box b;
  b.add_marks(10);
  b.portal.add_fault({FakeFault::Kind::unauthorized, "/batches"});
  auto r = b.push();
  REQUIRE(r);
  CHECK(b.portal.token_requests() == 2);
  CHECK(b.waits.empty());
  b.add_marks(1);
  b.portal.add_fault({FakeFault::Kind::unauthorized, "/batches"});
  b.portal.add_fault({FakeFault::Kind::unauthorized, "/batches"});
  auto refused = b.push();
  REQUIRE_FALSE(refused);
  CHECK(refused.error().id == ErrorCode("sync.portal_refused"));
  CHECK(b.state().last_error->find("operator") != std::string::npos);
}

TEST_CASE("sync push: the token is renewed before it expires between batches") {
  Box b;
  b.portal.set_token_lifetime_seconds(100);
  b.add_marks(3000);
  b.portal.add_fault({FakeFault::Kind::status, "/batches", 0, 503, "90"});  // 90 s pass before the first batch
  auto r = b.push();
  REQUIRE(r);
  CHECK(b.portal.token_requests() == 2);  // 10 s left of 100 after the wait: under a fifth, renewed
}

TEST_CASE("sync push: 409 restarts from the portal's expected_first_seq") {
  Box b;
  b.add_marks(2500);
  REQUIRE(b.push());
  b.portal.set_acknowledged_through(500);  // the portal was restored from an older backup
  b.add_marks(10);
  auto r = b.push();
  REQUIRE(r);
  const auto box = b.box();
  const auto keys = b.portal.batch_keys();
  CHECK(std::vector<std::string>(keys.begin() + 3, keys.end()) ==
        std::vector<std::string>{box + ":2501-2510", box + ":501-1500", box + ":1501-2500", box + ":2501-2510"});
  CHECK(b.state().acknowledged_through == 2510);
  CHECK(b.portal.acknowledged_through() == 2510);
}

TEST_CASE("sync push: a refused item is recorded, the others acknowledged") {
  Box b;
  b.add_marks(20);
  b.portal.refuse_seq(5, "student unknown at the portal");
  REQUIRE(b.writer->run([](store::WriteContext& w) -> Status {
    w.outbox("mark", "m-broken", "upsert", R"({"id":"m-broken"})");  // seq 21: cannot be mapped
    w.outbox("student", new_uuid(), "upsert", "{}");                  // seq 22: the portal's own
    return ok_status();
  }));
  auto r = b.push();
  REQUIRE(r);
  CHECK(r->refused == 2);
  CHECK(b.portal.items_applied() == 19);
  CHECK(b.state().acknowledged_through == 22);
  auto refused = b.refusals();
  REQUIRE(refused.size() == 2);
  std::map<std::int64_t, std::string> by_seq;
  for (const auto& x : refused) by_seq[x.seq] = x.reason;
  CHECK(by_seq.at(5) == "student unknown at the portal");
  CHECK(by_seq.at(21).find("has no 'lesson'") != std::string::npos);
}

TEST_CASE("sync push: a duplicate or truncated answer does not move the cursor — the batch goes again") {
  Box b;
  b.add_marks(1500);
  b.portal.add_fault({FakeFault::Kind::truncated_body, "/batches"});
  auto first = b.push();
  REQUIRE(first);
  CHECK(b.state().acknowledged_through == 1500);
  b.add_marks(1500);
  b.portal.add_fault({FakeFault::Kind::replay_previous, "/batches"});  // the answer for 1001-1500 again
  auto second = b.push();
  REQUIRE(second);
  const auto box = b.box();
  auto keys = b.portal.attempts();
  CHECK(std::count(keys.begin(), keys.end(), box + ":1501-2500") == 2);  // the replay is not taken as its answer
  CHECK(b.state().acknowledged_through == 3000);
}

TEST_CASE("sync push: a journal written beside the outbox goes first as a snapshot, then the outbox after S") {
  Box b;
  // The demo writes its journal straight into the tables: no outbox rows for it.
  REQUIRE(b.writer->run([](store::WriteContext& w) -> Status {
    if (auto s = w.db.exec(
            "INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't-1', 'Иванова', 'Мария');"
            "INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c-1', '5А', 5, 'А');"
            "INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's-1', 'Математика', 'Мат');"
            "INSERT INTO work_types(id, code, name, weight) VALUES (1, 'oral', 'Устный ответ', 1);"
            "INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p-1', 'Петров', 'Иван', 1), (2, 'p-2', 'Сидорова', 'Анна', 1);");
        !s)
      return s;
    for (int l = 1; l <= 700; ++l) {
      auto& q = w.db.prepare("INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id, topic) VALUES (?, ?, ?, ?, 1, 1, 1, ?)");
      q.bind(1, l).bind(2, "l-" + std::to_string(l)).bind(3, "2026-10-" + std::to_string(10 + l % 18)).bind(4, l).bind(5, l % 2 ? "Дроби" : "");
      if (auto s = q.run(); !s) return s;
      for (int p = 1; p <= 2; ++p) {
        auto& m = w.db.prepare("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
                               "VALUES (?, ?, ?, 5, 1, 1, 'x', '2026-10-10T10:00:00Z')");
        if (auto s = m.bind(1, "m-" + std::to_string(l) + "-" + std::to_string(p)).bind(2, p).bind(3, l).run(); !s) return s;
      }
      auto& a = w.db.prepare("INSERT INTO attendance(lesson_id, student_id, presence, set_by, set_at) VALUES (?, 2, 'absent_unexcused', 1, 'y')");
      if (auto s = a.bind(1, l).run(); !s) return s;
    }
    w.outbox("mark", "m-1-1", "upsert", R"({"id":"m-1-1","student":"p-1","lesson":"l-1","value":4,"work_type":"oral","weight":1,"comment":""})");
    return ok_status();
  }));
  // 700 lessons + 350 with content + 1,400 marks + 700 attendance = 3,150 rows
  auto r = b.push();
  REQUIRE(r);
  CHECK(r->snapshot_items == 3150);
  const auto kinds = b.portal.items_by_kind();
  CHECK(kinds.at("lesson") == 700);
  CHECK(kinds.at("homework") == 350);
  CHECK(kinds.at("result") == 1400);
  CHECK(kinds.at("attendance") == 700);
  CHECK(b.portal.snapshot_items() == 3150);
  const auto s = b.state();
  CHECK(s.snapshot_done);
  CHECK(s.snapshot_outbox_seq == 1);
  CHECK(s.acknowledged_through == 1);  // the outbox up to S is in the snapshot: not sent again
  const auto box = b.box();
  const auto keys = b.portal.batch_keys();
  // Snapshot batches of up to snapshot_batch_max_items (N) rows each.
  constexpr std::int64_t n = snapshot_batch_max_items, rows = 3150, batches = (rows + n - 1) / n;
  REQUIRE(keys.size() == static_cast<std::size_t>(batches));
  CHECK(b.portal.max_items() <= snapshot_batch_max_items);
  // Synthetic seqs below zero, derived from S = 1: keys apart from every outbox batch's.
  auto key = [&box](std::int64_t first, std::int64_t last) {
    return box + ":" + std::to_string(snapshot_seq(1, first)) + "-" + std::to_string(snapshot_seq(1, last));
  };
  CHECK(keys.front() == key(1, std::min(n, rows)));
  CHECK(keys.back() == key((batches - 1) * n + 1, rows));
  CHECK(snapshot_seq(1, 3150) < 0);
  CHECK(b.portal.acknowledged_through() == 1);
  CHECK(b.refusals().empty());  // lessons too: the portal takes the extension's kind
  // Later changes go through the outbox from S + 1.
  b.add_marks(3);
  REQUIRE(b.push());
  CHECK(b.portal.batch_keys().back() == box + ":2-4");
}

TEST_CASE("sync push: a snapshot cut half-way resumes after the last acknowledged batch") {
  Box b;
  REQUIRE(b.writer->run([](store::WriteContext& w) -> Status {
    if (auto s = w.db.exec(
            "INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't-1', 'Иванова', 'Мария');"
            "INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c-1', '5А', 5, 'А');"
            "INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's-1', 'Математика', 'Мат');"
            "INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p-1', 'Петров', 'Иван', 1);");
        !s)
      return s;
    // Two and a half snapshot batches of lessons (N = snapshot_batch_max_items).
    for (std::size_t l = 1; l <= snapshot_batch_max_items * 5 / 2; ++l) {
      auto& q = w.db.prepare("INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES (?, ?, '2026-10-10', ?, 1, 1, 1)");
      const auto id = static_cast<std::int64_t>(l);
      if (auto s = q.bind(1, id).bind(2, "l-" + std::to_string(l)).bind(3, id).run(); !s) return s;
    }
    return ok_status();
  }));
  constexpr std::int64_t n = snapshot_batch_max_items, lessons = n * 5 / 2;
  // Batch 1 is acknowledged, then batch 2 is cut on every attempt of this run.
  b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", 10, 0, "", 1});
  for (int i = 1; i < max_attempts_per_batch; ++i) b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", 10});
  REQUIRE_FALSE(b.push());
  auto s = b.state();
  CHECK_FALSE(s.snapshot_done);
  CHECK(s.snapshot_sent == n);
  CHECK(s.snapshot_key == "[" + std::to_string(n) + "]");
  CHECK(s.acknowledged_through == 0);
  // The next run goes on after lesson N; its synthetic numbers skip one whole batch, so the batch cut
  // in flight (which the portal may hold) never has its key reused for rows read again.
  REQUIRE(b.push());
  CHECK(b.state().snapshot_done);
  CHECK(b.portal.snapshot_items() == lessons);
  CHECK(b.portal.items_by_kind().at("lesson") == lessons);
  const auto box = b.box();
  auto key = [&box](std::int64_t first, std::int64_t last) {
    return box + ":" + std::to_string(snapshot_seq(0, first)) + "-" + std::to_string(snapshot_seq(0, last));
  };
  CHECK(b.portal.batch_keys() == std::vector<std::string>{key(1, n), key(2 * n + 1, 3 * n), key(3 * n + 1, 3 * n + n / 2)});
  CHECK(b.portal.acknowledged_through() == 0);  // S = 0: the synthetic seqs moved nothing
}

TEST_CASE("sync push: a snapshot whose first batch reached the portal unanswered keeps its S, so a mark deleted meanwhile is deleted there too") {
  Box b;
  REQUIRE(b.writer->run([](store::WriteContext& w) -> Status {
    if (auto s = w.db.exec(
            "INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't-1', 'Иванова', 'Мария');"
            "INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c-1', '5А', 5, 'А');"
            "INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's-1', 'Математика', 'Мат');"
            "INSERT INTO work_types(id, code, name, weight) VALUES (1, 'oral', 'Устный ответ', 1);"
            "INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p-1', 'Петров', 'Иван', 1);"
            "INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES (1, 'l-1', '2026-10-10', 1, 1, 1, 1);"
            "INSERT INTO marks(id, uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) VALUES "
            "(1, 'm-1', 1, 1, 5, 1, 1, 'x', '2026-10-10T10:00:00Z'), (2, 'm-2', 1, 1, 4, 1, 1, 'x', '2026-10-10T10:00:00Z');");
        !s)
      return s;
    w.outbox("mark", "m-1", "upsert", R"({"id":"m-1","student":"p-1","lesson":"l-1","value":5,"work_type":"oral","weight":1,"comment":""})");
    return ok_status();
  }));
  // The whole snapshot is one batch: the portal stores it (m-1 active) and every answer is lost.
  for (int i = 0; i < max_attempts_per_batch; ++i)
    b.portal.add_fault({FakeFault::Kind::cut_after_bytes, "/batches", std::size_t{1} << 30});
  REQUIRE_FALSE(b.push());
  REQUIRE(b.portal.object("result/m-1"));
  const auto first = b.state();
  CHECK(first.snapshot_started);
  CHECK_FALSE(first.snapshot_done);
  // The teacher deletes m-1 before the next sync: a snapshot read again leaves it out; its deletion is
  // after S, so the outbox carries it.
  REQUIRE(b.writer->run([](store::WriteContext& w) -> Status {
    if (auto s = w.db.exec("UPDATE marks SET deleted_at = '2026-10-11T08:00:00Z' WHERE id = 1"); !s) return s;
    w.outbox("mark", "m-1", "delete", R"({"id":"m-1"})");
    return ok_status();
  }));
  REQUIRE(b.push());
  const auto s = b.state();
  CHECK(s.snapshot_done);
  CHECK(s.snapshot_outbox_seq == first.snapshot_outbox_seq);  // the S of the first run
  const auto m1 = b.portal.object("result/m-1");
  REQUIRE(m1);
  INFO(*m1);
  CHECK(m1->find(R"("op":"delete")") != std::string::npos);  // the portal's last word on m-1
  const auto m2 = b.portal.object("result/m-2");
  REQUIRE(m2);
  CHECK(m2->find(R"("op":"upsert")") != std::string::npos);
  // The second run's snapshot numbers skipped a batch: no key of the first run was used again.
  const auto keys = b.portal.batch_keys();
  const std::set<std::string> first_run(keys.begin(), keys.begin() + max_attempts_per_batch);
  CHECK(first_run.size() == 1);
  for (auto k = keys.begin() + max_attempts_per_batch; k != keys.end(); ++k) CHECK_FALSE(first_run.count(*k));
}

TEST_CASE("sync push: a box behind the portal's cursor asks it first and sends nothing the portal has") {
  Box b;
  b.add_marks(2500);
  // The answer to batches through 2000 was lost (or they came by an export-outbox file).
  b.portal.set_acknowledged_through(2000);
  auto r = b.push();
  REQUIRE(r);
  const auto box = b.box();
  CHECK(b.portal.batch_keys() == std::vector<std::string>{box + ":2001-2500"});
  CHECK(b.state().acknowledged_through == 2500);
  CHECK(b.portal.items_by_kind().at("result") == 500);
}

TEST_CASE("sync push: a portal cursor beyond the box's outbox is not believed") {
  Box b;
  b.add_marks(10);
  b.portal.set_acknowledged_through(50);
  auto r = b.push();
  REQUIRE(r);  // the portal takes the overlap as duplicates; the box keeps its own count
  CHECK(b.state().acknowledged_through == 10);
  CHECK(b.portal.batch_keys() == std::vector<std::string>{b.box() + ":1-10"});
}

TEST_CASE("sync push: snapshot seqs depend on S — a snapshot read again later never reuses a key") {
  CHECK(snapshot_seq(0, 1) == -(std::int64_t{1} << 32) + 1);
  CHECK(snapshot_seq(7, 1) != snapshot_seq(8, 1));
  CHECK(snapshot_seq(7, 1000) < snapshot_seq(7, 1001));
  CHECK(snapshot_seq(1'000'000'000, 4'000'000'000) < 0);
}

namespace {
// Every attempt at a batch answered with `body` (HTTP `status`) although the portal applied it.
void answer_every_attempt(Box& b, int status, const std::string& body) {
  for (int i = 0; i < max_attempts_per_batch; ++i)
    b.portal.add_fault({FakeFault::Kind::answer_body, "/batches", 0, status, "", 0, body});
}
}  // namespace

TEST_CASE("sync push: a portal answer that cannot be read is refused whole with its reason — nothing half-applied") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"malformed JSON", R"({"acknowledged_through": 10, "refused": [)"},
      {"a missing field", R"({"applied": 10})"},
      {"a cursor of the wrong type", R"({"acknowledged_through": "10"})"},
      {"a negative cursor", R"({"acknowledged_through": -1})"},
      {"a refusal without its seq", R"({"acknowledged_through": 10, "refused": [{"reason": "x"}]})"},
      {"a refusal of a seq outside the batch", R"({"acknowledged_through": 10, "refused": [{"seq": 4, "reason": "x"}, {"seq": 99, "reason": "y"}]})"},
      {"a refusal whose reason is a number", R"({"acknowledged_through": 10, "refused": [{"seq": 4, "reason": 7}]})"},
      {"refused not a list", R"({"acknowledged_through": 10, "refused": {"seq": 4}})"},
  };
  for (const auto& [what, body] : bad) {
    SECTION(what) {
      Box b;
      b.add_marks(10);
      answer_every_attempt(b, 200, body);
      auto r = b.push();
      REQUIRE_FALSE(r);
      CHECK(r.error().id == ErrorCode("sync.portal_answer_unreadable"));
      CHECK(r.error().message.find("could not be read (") != std::string::npos);
      CHECK(b.state().acknowledged_through == 0);  // the cursor did not move …
      CHECK(b.refusals().empty());                 // … and no refusal of the bad answer was kept
      REQUIRE(b.state().last_error);
      CHECK(b.state().last_error->find("could not be read") != std::string::npos);
      CHECK(b.waits.size() == static_cast<std::size_t>(max_attempts_per_batch - 1));
      // The portal answers properly again: its cursor says it holds the batch; nothing goes again.
      const auto sent = b.portal.batch_requests();
      auto again = b.push();
      REQUIRE(again);
      CHECK(b.portal.batch_requests() == sent);
      CHECK(b.state().acknowledged_through == 10);
      CHECK(b.portal.items_applied() == 10);
    }
  }
}

TEST_CASE("sync push: a 409 without where to start is not followed") {
  Box b;
  b.add_marks(5);
  answer_every_attempt(b, 409, R"({"expected_first_seq": "soon"})");
  auto r = b.push();
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("sync.portal_answer_unreadable"));
  CHECK(b.state().acknowledged_through == 0);
}

TEST_CASE("sync push: an unreadable cursor is logged and the batches' own answers settle the start") {
  Box b;
  b.add_marks(5);
  b.portal.add_fault({FakeFault::Kind::answer_body, "/cursor", 0, 200, "", 0, R"({"acknowledged_through": [1]})"});
  auto r = b.push();
  REQUIRE(r);
  CHECK(b.state().acknowledged_through == 5);
  CHECK(b.portal.batch_keys() == std::vector<std::string>{b.box() + ":1-5"});
}
