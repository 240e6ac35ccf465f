// The sync runner (app::SyncDesk) on a real store with a FakeClock, driving the real journal push
// against the in-memory portal: the first sync at start, the night's run at [portal] at school time,
// the catch-up after a day off, "sync now" (administrator only, one at a time, also across holders
// of the lock file), a failure tried again within the hour, a prompt stop, and what each role reads.
// Also: the portal's cursor adopted before sending (an imported file is not sent again), and the
// offline file — its batches are the online ones, and fed to the portal they leave nothing to send.
#include <catch2/catch.hpp>

#include <zip.h>

#include <boost/json.hpp>
#include <future>
#include <random>
#include <thread>

#include "app/sync_desk.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/file_lock.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"
#include "store/sync_state.hpp"
#include "sync/fake_portal_transport.hpp"
#include "sync/journal_push.hpp"
#include "sync/outbox_export.hpp"
#include "sync/portal_cursor.hpp"
#include "sync/portal_paths.hpp"
#include "sync_outbox.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace std::chrono;
namespace json = boost::json;

namespace {

TimePoint utc(const char* text) {
  TimePoint t{};
  REQUIRE(parse_utc(text, t));
  return t;
}

domain::Actor actor(domain::Role role) {
  domain::Actor a;
  a.role = role;
  a.user_id = 1;
  a.person_id = 1;
  return a;
}

// A school (Moscow, UTC+3) whose sync runs the real JournalPush against the fake portal.
struct Runner {
  test::TempDir dir;
  FakeClock clock{utc("2026-12-07T20:00:00Z")};  // 23:00 school time
  std::unique_ptr<store::Writer> writer;
  std::unique_ptr<store::ReaderPool> readers;
  std::unique_ptr<app::Context> ctx;
  FakePortalTransport portal{clock, "box-7", "secret"};
  std::mt19937_64 rng{1};
  Backoff backoff{[this] { return rng(); }};
  TokenSource tokens{portal, clock, {"box-7", "secret", default_token_path, portal_scopes}};
  std::optional<SyncKey> key;
  int runs = 0;
  std::function<Status(const std::atomic<bool>&)> run_instead;  // a test's own run, when set

  Runner() {
    {
      auto db = store::Db::open(db_path(), store::Db::Mode::read_write_create);
      REQUIRE(db);
      REQUIRE(store::migrate(**db));
    }
    auto w = store::Writer::start(db_path(), clock);
    REQUIRE(w);
    writer = std::move(*w);
    auto r = store::ReaderPool::open(db_path(), 2);
    REQUIRE(r);
    readers = std::move(*r);
    ctx = std::make_unique<app::Context>(app::Context{*writer, *readers, clock, store::SchoolSettings{}});
    auto k = SyncKey::load_or_make(dir.file("sync/box-sync.key"));
    REQUIRE(k);
    key = std::move(*k);
  }
  ~Runner() { writer->stop(); }
  std::string db_path() const { return dir.file("s.db"); }
  std::string lock_path() const { return dir.file("sync/sync.lock"); }

  app::SyncDeskSettings settings(bool configured = true) {
    return {configured, configured ? "" : "no city portal is configured: add a [portal] section", 150, lock_path()};
  }
  // What classbookd hands the desk: one whole sync — the portal's cursor first, then the push.
  app::SyncRun run() {
    return [this](const std::atomic<bool>& stopping) -> Status {
      ++runs;
      if (run_instead) return run_instead(stopping);
      auto db = store::Db::open(db_path(), store::Db::Mode::read_only);
      if (!db) return db.error();
      if (auto c = adopt_portal_cursor(portal, tokens, *writer, **db); !c) return c.error();
      JournalPush p({portal, tokens, backoff, clock, [this](milliseconds d) { clock.advance(d); },
                     [&stopping] { return stopping.load(); }},
                    *writer, db_path(), *key, "org-1");
      auto r = p.run();
      if (!r) return r.error();
      return ok_status();
    };
  }
  void add_marks(int n) { test::add_outbox_marks(*writer, n); }
  store::SyncState state() { return test::sync_state_of(db_path()); }
};

}  // namespace

TEST_CASE("sync runner: a box that never synced syncs at start, then every night at [portal] at, school time") {
  Runner r;
  r.add_marks(30);
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  CHECK(desk.run_due());  // at start: never synced
  CHECK(r.portal.acknowledged_through() == 30);
  CHECK(r.state().last_success_at == format_utc(utc("2026-12-07T20:00:00Z")));
  // 02:30 in Moscow is 23:30 UTC the evening before.
  REQUIRE(desk.next_run_at());
  CHECK(format_utc(*desk.next_run_at()) == "2026-12-07T23:30:00.000Z");
  CHECK_FALSE(desk.run_due());
  r.add_marks(5);
  r.clock.set(utc("2026-12-07T23:29:59Z"));
  CHECK_FALSE(desk.run_due());
  CHECK(r.portal.acknowledged_through() == 30);
  r.clock.set(utc("2026-12-07T23:30:00Z"));
  CHECK(desk.run_due());
  CHECK(r.portal.acknowledged_through() == 35);
  CHECK(format_utc(*desk.next_run_at()) == "2026-12-08T23:30:00.000Z");
  CHECK(r.runs == 2);
}

TEST_CASE("sync runner: after a restart it waits for the night when the last success is recent, and catches up after a day off") {
  Runner r;
  r.add_marks(3);
  {
    app::SyncDesk desk(*r.ctx, r.run(), r.settings());
    REQUIRE(desk.run_due());
  }
  SECTION("restarted an hour later: the night's run, not one now") {
    r.clock.advance(hours(1));
    app::SyncDesk desk(*r.ctx, r.run(), r.settings());
    CHECK_FALSE(desk.run_due());
    CHECK(format_utc(*desk.next_run_at()) == "2026-12-07T23:30:00.000Z");
    CHECK(r.runs == 1);
  }
  SECTION("the box was off for 30 hours (past a night): a sync at once") {
    r.add_marks(4);
    r.clock.set(utc("2026-12-09T02:00:00Z"));  // 05:00 school time: the night's time is past
    app::SyncDesk desk(*r.ctx, r.run(), r.settings());
    CHECK(desk.run_due());
    CHECK(r.runs == 2);
    CHECK(r.portal.acknowledged_through() == 7);
    CHECK(format_utc(*desk.next_run_at()) == "2026-12-09T23:30:00.000Z");
  }
}

TEST_CASE("sync runner: sync now — the administrator only, one at a time, also against another holder of the lock") {
  Runner r;
  r.add_marks(2);
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  REQUIRE(desk.run_due());  // the first sync, at start
  r.add_marks(2);
  for (auto role : {domain::Role::teacher, domain::Role::student, domain::Role::guardian, domain::Role::director, domain::Role::secretary}) {
    auto s = desk.start_now(actor(role));
    REQUIRE_FALSE(s);
    CHECK(s.error().code == Errc::forbidden);
    CHECK(std::string(s.error().id.view()) == "sync.admin_only");
  }
  CHECK(r.runs == 1);
  {
    // classbookctl sync holds the lock: the button answers at once, and the night's run waits too.
    auto other = FileLock::try_take(r.lock_path());
    REQUIRE(other);
    REQUIRE(*other);
    auto s = desk.start_now(actor(domain::Role::admin));
    REQUIRE_FALSE(s);
    CHECK(s.error().code == Errc::conflict);
    CHECK(std::string(s.error().id.view()) == "sync.running");
    r.clock.set(utc("2026-12-07T23:30:00Z"));
    CHECK_FALSE(desk.run_due());
    CHECK(r.runs == 1);
    CHECK(format_utc(*desk.next_run_at()) == "2026-12-07T23:35:00.000Z");  // tried again in 5 minutes
  }
  REQUIRE(desk.start_now(actor(domain::Role::admin)));
  // Asked and not yet run: a second press is refused, and so is anyone else taking the lock.
  auto again = desk.start_now(actor(domain::Role::admin));
  REQUIRE_FALSE(again);
  CHECK(std::string(again.error().id.view()) == "sync.running");
  auto taken = FileLock::try_take(r.lock_path());
  REQUIRE(taken);
  CHECK_FALSE(*taken);
  auto st = desk.status(actor(domain::Role::admin));
  REQUIRE(st);
  CHECK(st->running);
  CHECK(desk.run_due());
  CHECK(r.runs == 2);
  CHECK(r.portal.acknowledged_through() == 4);
  auto free = FileLock::try_take(r.lock_path());  // released after the run
  REQUIRE(free);
  CHECK(*free);
}

TEST_CASE("sync runner: without [portal] nothing runs and sync now says what to add") {
  Runner r;
  app::SyncDesk desk(*r.ctx, r.run(), r.settings(false));
  desk.start();
  CHECK_FALSE(desk.run_due());
  auto s = desk.start_now(actor(domain::Role::admin));
  REQUIRE_FALSE(s);
  CHECK(s.error().code == Errc::unavailable);
  CHECK(std::string(s.error().id.view()) == "sync.not_configured");
  CHECK(s.error().message.find("[portal]") != std::string::npos);
  auto st = desk.status(actor(domain::Role::student));
  REQUIRE(st);
  CHECK_FALSE(st->configured);
  desk.stop();
  CHECK(r.runs == 0);
}

TEST_CASE("sync runner: a failed run is tried again within the hour, and the status says why in plain words") {
  Runner r;
  r.add_marks(3);
  for (int i = 0; i < max_attempts_per_batch; ++i) r.portal.add_fault({FakeFault::Kind::status, "/batches", 0, 503, "", 0});
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  const auto started = r.clock.now();
  CHECK(desk.run_due());
  REQUIRE(desk.next_run_at());
  CHECK(*desk.next_run_at() <= r.clock.now() + app::sync_retry_after_failure);
  CHECK(*desk.next_run_at() > started);
  auto admin = desk.status(actor(domain::Role::admin));
  REQUIRE(admin);
  CHECK(admin->for_admin);
  CHECK(admin->items_waiting == 3);
  CHECK(admin->acknowledged_through == 0);
  REQUIRE(admin->last_error);
  CHECK(admin->last_error->find("503") != std::string::npos);
  CHECK(admin->last_error_at);
  CHECK(admin->last_attempt_at);
  CHECK_FALSE(admin->last_success_at);
  CHECK(admin->next_run_at == format_utc(*desk.next_run_at()));
  r.clock.set(*desk.next_run_at());
  CHECK(desk.run_due());
  auto after = desk.status(actor(domain::Role::admin));
  REQUIRE(after);
  CHECK(after->items_waiting == 0);
  CHECK(after->acknowledged_through == 3);
  CHECK_FALSE(after->last_error);
  REQUIRE(after->anchor_seq);
  CHECK(after->anchor_at);
  // A pupil reads only how fresh the portal's copy is.
  auto pupil = desk.status(actor(domain::Role::student));
  REQUIRE(pupil);
  CHECK_FALSE(pupil->for_admin);
  CHECK(pupil->configured);
  CHECK(pupil->last_success_at == after->last_success_at);
  CHECK(pupil->items_waiting == 0);
  CHECK_FALSE(pupil->last_error);
  CHECK_FALSE(pupil->next_run_at);
}

TEST_CASE("sync runner: refusals are listed for the administrator with their reasons") {
  Runner r;
  r.add_marks(3);
  r.portal.refuse_seq(2, "the pupil is not enrolled in that class");
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  REQUIRE(desk.run_due());
  auto st = desk.status(actor(domain::Role::admin));
  REQUIRE(st);
  REQUIRE(st->refused.size() == 1);
  CHECK(st->refused[0].seq == 2);
  CHECK(st->refused[0].reason == "the pupil is not enrolled in that class");
}

TEST_CASE("sync runner: stopping classbookd ends a run in progress promptly") {
  Runner r;
  std::promise<void> began;
  r.run_instead = [&began](const std::atomic<bool>& stopping) -> Status {
    began.set_value();
    while (!stopping) std::this_thread::sleep_for(milliseconds(5));
    return make_error(Errc::unavailable, "sync.stopped", "stopped");
  };
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  desk.start();
  REQUIRE(began.get_future().wait_for(seconds(10)) == std::future_status::ready);
  auto st = desk.status(actor(domain::Role::admin));
  REQUIRE(st);
  CHECK(st->running);
  const auto t = steady_clock::now();
  desk.stop();
  CHECK(steady_clock::now() - t < seconds(2));
  CHECK(r.runs == 1);
}

TEST_CASE("sync cursor: what the portal already holds (an imported file) is not sent again") {
  Runner r;
  r.add_marks(10);
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  REQUIRE(desk.run_due());
  r.add_marks(1500);
  r.portal.set_acknowledged_through(1010);  // as after importing a file of the first 1,000 new rows
  r.clock.set(utc("2026-12-07T23:30:00Z"));
  REQUIRE(desk.run_due());
  CHECK(r.state().acknowledged_through == 1510);
  CHECK(r.portal.batch_keys().back() == r.state().box_uuid + ":1011-1510");
  CHECK(r.portal.batch_keys().size() == 2);
}

namespace {

// The entries of a zip, by name.
std::map<std::string, std::string> unzip(const std::string& path) {
  std::map<std::string, std::string> out;
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  REQUIRE(z);
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(f);
    std::string text(static_cast<std::size_t>(st.size), '\0');
    REQUIRE(zip_fread(f, text.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    out[st.name] = text;
  }
  zip_discard(z);
  return out;
}

}  // namespace

TEST_CASE("sync export: the outbox file holds the online batches, signed, and once imported the next sync sends nothing") {
  Runner r;
  r.add_marks(4);
  app::SyncDesk desk(*r.ctx, r.run(), r.settings());
  REQUIRE(desk.run_due());
  r.add_marks(2300);
  const auto file = r.dir.file("stick/outbox.zip");
  std::filesystem::create_directories(r.dir.file("stick"));
  auto e = export_outbox(r.db_path(), *r.writer, r.clock, *r.key, "org-1", file);
  REQUIRE(e);
  CHECK(e->batches == 3);
  CHECK(e->items == 2300);
  CHECK(e->first_seq == 5);
  CHECK(e->last_seq == 2304);
  // Written through a temporary file and renamed: nothing else is left beside it.
  CHECK(std::distance(std::filesystem::directory_iterator(r.dir.file("stick")), std::filesystem::directory_iterator{}) == 1);
  const auto entries = unzip(file);
  REQUIRE(entries.count("manifest.json"));
  const auto manifest = json::parse(entries.at("manifest.json")).as_object();
  CHECK(manifest.at("format").as_string() == outbox_file_format);
  CHECK(manifest.at("school").as_string() == "org-1");
  const auto box = r.state().box_uuid;
  CHECK(manifest.at("box").as_string() == box);
  const auto& batches = manifest.at("batches").as_array();
  REQUIRE(batches.size() == 3);
  // Nothing moved on the box: the portal has not acknowledged a file it has not seen.
  CHECK(r.state().acknowledged_through == 4);
  // The portal imports it: each batch as it would arrive online, under its key and signature.
  auto auth = r.tokens.authorization();
  REQUIRE(auth);
  for (const auto& b : batches) {
    const auto& o = b.as_object();
    const std::string name(o.at("file").as_string()), key(o.at("idempotency_key").as_string()),
        signature(o.at("signature").as_string());
    REQUIRE(entries.count(name));
    CHECK(verify_signature_header(r.key->public_pem(), entries.at(name), signature));
    auto answer = r.portal.send({"POST", batches_path,
                                 {{"Authorization", *auth}, {"Content-Type", "application/json"}, {"Idempotency-Key", key},
                                  {"Classbook-Signature", signature}},
                                 entries.at(name)});
    REQUIRE(answer);
    CHECK(answer->status == 200);
  }
  CHECK(r.portal.acknowledged_through() == 2304);
  const auto requests = r.portal.batch_requests();
  r.clock.set(utc("2026-12-07T23:30:00Z"));
  REQUIRE(desk.run_due());
  CHECK(r.portal.batch_requests() == requests);  // nothing sent again
  CHECK(r.state().acknowledged_through == 2304);
  CHECK(r.portal.items_by_kind().at("result") == 2304);
}

TEST_CASE("sync export: a box that owes its first full push is told to sync online, and nothing is written") {
  Runner r;
  auto pending = [&r] {
    auto db = store::Db::open(r.db_path(), store::Db::Mode::read_only);
    REQUIRE(db);
    auto p = first_push_pending(**db);
    REQUIRE(p);
    return *p;
  };
  CHECK_FALSE(pending());  // an empty journal has nothing to push first
  REQUIRE(r.writer->run([](store::WriteContext& w) -> Status {
    return w.db.exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
      INSERT INTO classes(id, uuid, name, grade, letter, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', 1);
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат');
      INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES (1, 'l1', '2026-12-07', 1, 1, 1, 1);
    )SQL");
  }));
  r.add_marks(2);
  CHECK(pending());
  const auto file = r.dir.file("outbox.zip");
  auto e = export_outbox(r.db_path(), *r.writer, r.clock, *r.key, "org-1", file);
  REQUIRE_FALSE(e);
  CHECK(std::string(e.error().id.view()) == "sync.first_push_online");
  CHECK(e.error().message.find("classbookctl sync") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(file));
  // Nor is the portal's cursor adopted over it: the snapshot comes first.
  r.portal.set_acknowledged_through(2);
  auto db = store::Db::open(r.db_path(), store::Db::Mode::read_only);
  REQUIRE(db);
  auto c = adopt_portal_cursor(r.portal, r.tokens, *r.writer, **db);
  REQUIRE(c);
  CHECK(*c == 0);
  CHECK(r.state().acknowledged_through == 0);
}
