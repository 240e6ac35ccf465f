// journal_push: see the header. A read connection of its own streams the rows; the writer only
// records what the portal acknowledged, so a run never holds the writer while it waits on the network.
#include "sync/journal_push.hpp"

#include <future>

#include <boost/json.hpp>

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/sync_state.hpp"
#include "sync/batch.hpp"
#include "sync/journal_items.hpp"
#include "sync/outbox_batch.hpp"
#include "sync/portal_paths.hpp"

namespace classbook::sync {
namespace json = boost::json;
namespace {

std::string portal_description(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (!ec && v.is_object())
    for (const char* k : {"imsx_description", "error_description", "error", "message"})
      if (auto* d = v.as_object().if_contains(k); d && d->is_string()) return std::string(d->as_string());
  return body.substr(0, 200);
}

bool retryable(int status) { return status == 408 || status == 429 || status >= 500; }

}  // namespace

JournalPush::JournalPush(PushParts parts, store::Writer& writer, std::string database, const SyncKey& key, std::string school)
    : parts_(std::move(parts)), writer_(writer), database_(std::move(database)), key_(key), school_(std::move(school)) {}

std::string JournalPush::anchor_text(const store::AuditHead& h) const {
  return std::to_string(h.seq) + " " + h.hash + " " + h.at;
}

Status JournalPush::record_error(const Error& e) {
  const auto at = format_utc(parts_.clock.now());
  log::warn("sync", e.message);
  return writer_.run([&](store::WriteContext& w) { return store::record_sync_error(w.db, at, e.message); });
}

std::string JournalPush::read_answer(const json::object& o, const char* field, std::pair<std::int64_t, std::int64_t> range,
                                     Answer& a) const {
  const auto* n = o.if_contains(field);
  if (!n || !(n->is_int64() || n->is_uint64()) || n->to_number<std::int64_t>() < 0)
    return std::string("no whole number '") + field + "'";
  (a.status == 200 ? a.acknowledged_through : a.expected_first_seq) = n->to_number<std::int64_t>();
  const auto* refused = o.if_contains("refused");
  if (!refused) return {};
  if (!refused->is_array()) return "'refused' is not a list";
  const auto at = format_utc(parts_.clock.now());
  for (const auto& x : refused->as_array()) {
    const auto* seq = x.is_object() ? x.as_object().if_contains("seq") : nullptr;
    if (!seq || !seq->is_int64() || seq->as_int64() < range.first || seq->as_int64() > range.second)
      return "a refused item without a seq of the batch (" + std::to_string(range.first) + "–" + std::to_string(range.second) + ")";
    const auto* why = x.as_object().if_contains("reason");
    if (why && !why->is_string()) return "a refused item's reason is not text";
    a.refused.push_back({seq->as_int64(), why ? std::string(why->as_string()) : "no reason given", at});
  }
  return {};
}

Result<JournalPush::Answer> JournalPush::deliver(const std::string& key, const std::string& body,
                                                 std::pair<std::int64_t, std::int64_t> range) {
  auto signature = key_.signature_header(body);
  if (!signature) return signature.error();
  bool retried_401 = false;
  std::optional<Error> last;
  for (int attempt = 0;;) {
    if (parts_.stopping())
      return make_error(Errc::unavailable, "sync.stopped", "the sync was stopped before the portal acknowledged everything");
    std::optional<std::chrono::milliseconds> retry_after;
    auto auth = parts_.tokens.authorization();
    if (!auth && auth.error().code == Errc::unauthenticated) return auth.error();
    if (auth) {
      PortalRequest r{"POST", batches_path,
                      {{"Authorization", *auth}, {"Content-Type", "application/json"}, {"Accept", "application/json"},
                       {"Idempotency-Key", key}, {"Classbook-Signature", *signature}, {"X-Request-Id", new_uuid()}},
                      body};
      auto answer = parts_.transport.send(r);
      if (!answer) {
        last = answer.error();
      } else if (answer->status == 200 || answer->status == 409) {
        boost::system::error_code ec;
        auto v = json::parse(answer->body, ec);
        const auto* o = !ec && v.is_object() ? &v.as_object() : nullptr;
        const char* field = answer->status == 200 ? "acknowledged_through" : "expected_first_seq";
        Answer a{answer->status, 0, 0, {}};
        const auto problem = o ? read_answer(*o, field, range, a) : std::string("it is not a JSON object");
        if (problem.empty()) {
          parts_.backoff.reset();
          return a;
        }
        // Nothing of such an answer is taken — not its cursor, not its refusals: the batch goes again.
        last = make_error(Errc::unavailable, "sync.portal_answer_unreadable",
                          "the portal's answer (HTTP " + std::to_string(answer->status) + ") could not be read (" + problem +
                              "); the batch is sent again");
        log::warn("sync", last->message);
      } else if (answer->status == 401 && !retried_401) {
        retried_401 = true;
        parts_.tokens.forget();
        continue;  // once more at once with a new token: not a failure yet
      } else if (answer->status == 401 || answer->status == 403) {
        return make_error(Errc::forbidden, "sync.portal_refused",
                          "the portal refuses the box's batches (HTTP " + std::to_string(answer->status) + ": " +
                              portal_description(answer->body) +
                              "); ask the portal's operator whether this box's client and sync key are registered");
      } else if (answer->status == 400 || answer->status == 413 || answer->status == 422) {
        return make_error(Errc::invalid_input, "sync.batch_refused",
                          "the portal cannot read a batch (HTTP " + std::to_string(answer->status) + ": " +
                              portal_description(answer->body) + "); nothing after it is sent until this is fixed");
      } else if (retryable(answer->status)) {
        if (auto h = answer->header("Retry-After")) retry_after = parse_retry_after(*h, parts_.clock.now());
        last = make_error(Errc::unavailable, "sync.portal_unavailable",
                          "the portal answered HTTP " + std::to_string(answer->status) + " (" + portal_description(answer->body) + ")");
      } else {
        return make_error(Errc::unavailable, "sync.portal_unexpected",
                          "the portal answered HTTP " + std::to_string(answer->status) + " to a batch, which the protocol does not know");
      }
    } else {
      last = auth.error();
    }
    if (++attempt >= max_attempts_per_batch)
      return make_error(last->code, last->id, last->message + " — gave up after " + std::to_string(attempt) + " attempts; the next sync tries again");
    parts_.wait(parts_.backoff.next(retry_after));
  }
}

Result<std::int64_t> JournalPush::portal_cursor() {
  auto auth = parts_.tokens.authorization();
  if (!auth) return auth.error();
  auto answer = parts_.transport.send(
      {"GET", cursor_path, {{"Authorization", *auth}, {"Accept", "application/json"}, {"X-Request-Id", new_uuid()}}, ""});
  if (!answer) return answer.error();
  boost::system::error_code ec;
  auto v = answer->status == 200 ? json::parse(answer->body, ec) : json::value();
  const auto* n = !ec && v.is_object() ? v.as_object().if_contains("acknowledged_through") : nullptr;
  if (!n || !(n->is_int64() || n->is_uint64()))
    return make_error(Errc::unavailable, "sync.portal_answer_unreadable",
                      "the portal's cursor (HTTP " + std::to_string(answer->status) + ") could not be read");
  return n->to_number<std::int64_t>();
}

Status JournalPush::adopt_portal_cursor(store::Db& db, std::int64_t local) {
  auto theirs = portal_cursor();
  if (!theirs) {  // not fatal: the batches' own answers (200 with duplicates, 409) settle the start
    log::info("sync", "the portal's cursor could not be asked (" + theirs.error().message + "); starting after " +
                          std::to_string(local));
    return ok_status();
  }
  if (*theirs <= local) return ok_status();  // behind: its 409 names where to start
  auto newest = store::outbox_max_seq(db);
  if (!newest) return newest.error();
  if (*theirs > *newest) {
    log::warn("sync", "the portal has acknowledged through " + std::to_string(*theirs) + ", beyond this box's outbox (" +
                          std::to_string(*newest) + "); ask the portal's operator whether it holds another box's data");
    return ok_status();
  }
  // An answer lost in a cut, or the batches imported from an export-outbox file: the portal has them.
  log::info("sync", "the portal already has the outbox through " + std::to_string(*theirs) + "; not sending it again");
  auto state = store::read_sync_state(db);
  if (!state) return state.error();
  auto head = store::audit_head(db);
  if (!head) return head.error();
  // No head was sent with this: the last anchor stays (the head only on a box that has none yet).
  const auto anchor = state->anchor_seq_at.value_or(anchor_text(*head));
  const auto at = format_utc(parts_.clock.now());
  if (auto s = writer_.run([&](store::WriteContext& w) { return store::record_sync_acknowledged(w.db, *theirs, at, anchor); }); !s)
    return s;
  shown_.items_sent += *theirs - local;
  shown_.acknowledged_through = *theirs;
  return ok_status();
}

Status JournalPush::push_outbox(store::Db& db, const std::function<void(const PushProgress&)>& progress) {
  auto before = store::read_sync_state(db);
  if (!before) return before.error();
  if (auto s = adopt_portal_cursor(db, before->acknowledged_through); !s) return s;
  auto state = store::read_sync_state(db);
  if (!state) return state.error();
  std::int64_t next = state->acknowledged_through + 1;
  int restarts = 0;
  auto current = read_outbox_batch(db, next);
  for (;;) {
    if (!current) return current.error();
    if (current->batch.empty()) return ok_status();
    const auto& batch = current->batch;
    // The next batch is read and mapped while this one travels: one batch in flight, and the read
    // connection is used by one thread at a time (the future is waited for before it is used again).
    auto ahead = std::async(std::launch::async, [this, &db, after = batch.last_seq() + 1] { return read_outbox_batch(db, after); });
    const auto& head = current->head;
    BatchMeta meta{box_, school_, head, key_sent_ ? std::nullopt : std::optional<std::string>(key_.public_pem()), false, 0, false};
    auto answer = deliver(batch.idempotency_key(box_), batch.body(meta), {batch.first_seq(), batch.last_seq()});
    if (!answer) return answer.error();
    key_sent_ = true;
    if (answer->status == 409) {
      if (++restarts > max_restarts_per_run)
        return make_error(Errc::unavailable, "sync.portal_cursor_unsettled",
                          "the portal keeps asking for another starting point (409); ask its operator to check this box's cursor");
      log::info("sync", "the portal expects seq " + std::to_string(answer->expected_first_seq) + "; starting from there");
      next = std::max<std::int64_t>(1, answer->expected_first_seq);
      ahead.wait();
      current = read_outbox_batch(db, next);
      continue;
    }
    if (answer->acknowledged_through < batch.last_seq()) {
      // A 200 that does not cover the batch (an answer to an earlier request, repeated): the batch
      // is not acknowledged; its Idempotency-Key makes sending it again safe.
      log::warn("sync", "the portal's answer acknowledges only through " + std::to_string(answer->acknowledged_through) +
                            "; the batch is sent again");
      if (++restarts > max_restarts_per_run)
        return make_error(Errc::unavailable, "sync.portal_cursor_unsettled",
                          "the portal's answers do not acknowledge the batches sent; ask its operator to check this box's cursor");
      continue;  // `ahead` waits as it goes; `current` is sent again
    }
    restarts = 0;
    auto refused = std::move(current->unmappable);
    refused.insert(refused.end(), answer->refused.begin(), answer->refused.end());
    const auto at = format_utc(parts_.clock.now());
    const auto through = batch.last_seq();
    if (auto s = writer_.run([&](store::WriteContext& w) -> Status {
          if (auto s2 = store::record_sync_acknowledged(w.db, through, at, anchor_text(head)); !s2) return s2;
          return store::record_sync_refusals(w.db, refused);
        });
        !s)
      return s;
    for (const auto& r : refused) log::warn("sync", "item " + std::to_string(r.seq) + " refused: " + r.reason);
    report_.batches++;
    report_.items += static_cast<std::int64_t>(batch.count()) - static_cast<std::int64_t>(answer->refused.size());
    report_.refused += static_cast<std::int64_t>(refused.size());
    report_.acknowledged_through = through;
    shown_.items_sent += through - next + 1;
    shown_.batch++;
    shown_.acknowledged_through = through;
    if (progress) progress(shown_);
    next = through + 1;
    current = ahead.get();
  }
}

Result<JournalPush::OutboxBatch> JournalPush::read_outbox_batch(store::Db& db, std::int64_t next) const {
  OutboxBatch out;
  auto rows = store::outbox_after(db, next - 1, batch_max_items);
  if (!rows) return rows.error();
  fill_batch(*rows, format_utc(parts_.clock.now()), out.batch, out.unmappable);
  auto head = store::audit_head(db);
  if (!head) return head.error();
  out.head = *head;
  return out;
}

Status JournalPush::push_snapshot(store::Db& db, const store::SyncState& state,
                                  const std::function<void(const PushProgress&)>& progress) {
  // One read transaction: S and every row the snapshot sends are one moment of the journal.
  store::Transaction tx(db);
  if (!tx.begun()) return tx.begun().error();
  std::int64_t outbox_through = state.snapshot_outbox_seq;
  if (!state.snapshot_started) {
    auto s = store::outbox_max_seq(db);
    if (!s) return s.error();
    outbox_through = *s;
    // S is kept before anything goes: the first batch may reach the portal with its answer lost, and
    // a run that chose another S would leave out of both snapshot and outbox what changed between.
    if (auto st = writer_.run([&](store::WriteContext& w) { return store::record_snapshot_start(w.db, outbox_through); }); !st)
      return st.error();
  }
  auto head = store::audit_head(db);
  if (!head) return head.error();
  // The synthetic number of the last item given its seq (the reading thread's). A resumed snapshot numbers
  // on after a gap of one whole batch: the batch in flight at the cut may be stored at the portal, and the
  // rows read again now can differ from it (the journal moved on), so its key must never be sent again
  // with other items under it — the portal would answer from the key and skip them.
  const bool resumed = state.snapshot_started;
  std::int64_t numbered = resumed ? state.snapshot_sent + static_cast<std::int64_t>(snapshot_batch_max_items) : 0;
  const int part = state.snapshot_part;
  const std::string key = state.snapshot_key;
  shown_.snapshot = true;
  Batch batch{snapshot_batch_limits};
  std::optional<Error> failed;
  int pending_part = part;
  std::string pending_key = key;
  const auto now = format_utc(parts_.clock.now());

  // Sends one batch and records how far the snapshot got (part and key of its last row). Runs on its
  // own thread while the next batch is read and mapped: one batch in flight at a time, so the portal
  // still gets them in order, and the box's reading overlaps the portal's storing.
  auto send = [&](Batch b, bool final, int at_part, std::string at_key, std::int64_t last_number) -> bool {
    BatchMeta meta{box_, school_, *head, key_sent_ ? std::nullopt : std::optional<std::string>(key_.public_pem()), true,
                   outbox_through, final};
    auto answer = deliver(b.idempotency_key(box_), b.body(meta), {b.first_seq(), b.last_seq()});
    if (!answer) return failed = answer.error(), false;
    if (answer->status != 200) {
      failed = make_error(Errc::unavailable, "sync.portal_cursor_unsettled",
                          "the portal answered 409 to a snapshot batch; the snapshot starts again at the next sync");
      return false;
    }
    key_sent_ = true;
    const auto n = static_cast<std::int64_t>(b.count());
    const auto at = format_utc(parts_.clock.now());
    auto s = writer_.run([&](store::WriteContext& w) -> Status {
      if (final) {
        if (auto s2 = store::record_snapshot_progress(w.db, outbox_through, last_number, store::snapshot_parts, ""); !s2) return s2;
        if (auto s2 = store::record_snapshot_done(w.db, outbox_through, at); !s2) return s2;
        return store::record_sync_acknowledged(w.db, outbox_through, at, anchor_text(*head));
      }
      return store::record_snapshot_progress(w.db, outbox_through, last_number, at_part, at_key);
    });
    if (!s) return failed = s.error(), false;
    report_.batches++;
    report_.snapshot_items += n;
    report_.items += n;
    shown_.items_sent += n;
    shown_.batch++;
    if (final) shown_.acknowledged_through = outbox_through;
    if (progress) progress(shown_);
    return true;
  };
  std::future<bool> in_flight;
  // Waits for the batch in flight (false when it failed), then hands over the one just built.
  auto launch = [&](bool final) -> bool {
    if (in_flight.valid() && !in_flight.get()) return false;
    if (batch.empty()) batch.cover(snapshot_seq(outbox_through, numbered + 1));  // an empty final batch still says where it ends
    in_flight = std::async(std::launch::async, send, std::move(batch), final, pending_part, pending_key, numbered);
    batch = Batch{snapshot_batch_limits};
    return true;
  };

  auto st = store::each_snapshot_row(db, part, key, [&](const store::OutboxRow& row, int p, const std::string& k) {
    store::OutboxRow r = row;
    r.seq = snapshot_seq(outbox_through, numbered + 1);
    auto item = journal_item(r, now);
    if (!item || !*item) return true;  // the snapshot's rows are the journal's own: they map
    if (!batch.fits(**item) && !launch(false)) return false;
    batch.add(std::move(**item));
    ++numbered;
    pending_part = p;
    pending_key = k;
    return true;
  });
  // A send that fails sets `failed`; reading it is safe once no send thread runs.
  bool going = static_cast<bool>(st);
  if (in_flight.valid()) going = in_flight.get() && going;
  if (going && !failed && launch(true)) (void)in_flight.get();
  if (failed) return *failed;
  if (!st) return st.error();
  return tx.commit();
}

Result<PushReport> JournalPush::run(const std::function<void(const PushProgress&)>& progress) {
  report_ = {};
  shown_ = {};
  key_sent_ = false;
  const auto at = format_utc(parts_.clock.now());
  auto box = sync_identity(writer_, at);
  if (!box) return box.error();
  box_ = *box;
  auto db = store::Db::open(database_, store::Db::Mode::read_only);
  if (!db) return db.error();
  auto state = store::read_sync_state(**db);
  if (!state) return state.error();
  const bool snapshot = !state->snapshot_done && state->acknowledged_through == 0;
  bool need_snapshot = false;
  if (snapshot) {
    auto has = store::journal_has_rows(**db);
    if (!has) return has.error();
    need_snapshot = *has;
  }
  auto waiting = store::outbox_count_after(**db, state->acknowledged_through);
  if (!waiting) return waiting.error();
  shown_.items_total = *waiting;
  shown_.acknowledged_through = state->acknowledged_through;
  if (need_snapshot) {
    auto rows = store::snapshot_row_count(**db);
    if (!rows) return rows.error();
    shown_.items_total += std::max<std::int64_t>(0, *rows - state->snapshot_sent);
    if (auto s = push_snapshot(**db, *state, progress); !s) {
      (void)record_error(s.error());
      return s.error();
    }
    // The outbox before S is in the snapshot: it is not counted as waiting any more.
    auto after = store::read_sync_state(**db);
    if (!after) return after.error();
    auto left = store::outbox_count_after(**db, after->acknowledged_through);
    if (!left) return left.error();
    shown_.items_total = shown_.items_sent + *left;
  }
  if (auto s = push_outbox(**db, progress); !s) {
    (void)record_error(s.error());
    return s.error();
  }
  if (report_.batches == 0) {
    const auto done = format_utc(parts_.clock.now());
    if (auto s = writer_.run([&](store::WriteContext& w) { return store::record_sync_success(w.db, done); }); !s) return s.error();
  }
  auto final_state = store::read_sync_state(**db);
  if (final_state) report_.acknowledged_through = final_state->acknowledged_through;
  return report_;
}

}  // namespace classbook::sync
