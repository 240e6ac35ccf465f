// journal_push: see the header. A read connection of its own streams the rows; the writer only
// records what the portal acknowledged, so a run never holds the writer while it waits on the network.
#include "sync/journal_push.hpp"

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

Result<JournalPush::Answer> JournalPush::deliver(const std::string& key, const std::string& body) {
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
        const auto* n = o ? o->if_contains(field) : nullptr;
        if (n && (n->is_int64() || n->is_uint64())) {
          Answer a{answer->status, 0, 0, {}};
          (answer->status == 200 ? a.acknowledged_through : a.expected_first_seq) = n->to_number<std::int64_t>();
          const auto at = format_utc(parts_.clock.now());
          if (auto* refused = o->if_contains("refused"); refused && refused->is_array())
            for (const auto& x : refused->as_array())
              if (x.is_object() && x.as_object().contains("seq") && x.as_object().at("seq").is_number()) {
                const auto* why = x.as_object().if_contains("reason");
                a.refused.push_back({x.as_object().at("seq").to_number<std::int64_t>(),
                                     why && why->is_string() ? std::string(why->as_string()) : "no reason given", at});
              }
          parts_.backoff.reset();
          return a;
        }
        last = make_error(Errc::unavailable, "sync.portal_answer_unreadable",
                          "the portal's answer (HTTP " + std::to_string(answer->status) + ") could not be read; the batch is sent again");
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

Status JournalPush::push_outbox(store::Db& db, const std::function<void(const PushProgress&)>& progress) {
  auto state = store::read_sync_state(db);
  if (!state) return state.error();
  std::int64_t next = state->acknowledged_through + 1;
  int restarts = 0;
  Batch batch;
  for (;;) {
    auto rows = store::outbox_after(db, next - 1, batch_max_items);
    if (!rows) return rows.error();
    if (rows->empty()) return ok_status();
    batch.clear();
    std::vector<store::SyncRefusal> unmappable;
    const auto now = format_utc(parts_.clock.now());
    fill_batch(*rows, now, batch, unmappable);
    auto head = store::audit_head(db);
    if (!head) return head.error();
    BatchMeta meta{box_, school_, *head, key_sent_ ? std::nullopt : std::optional<std::string>(key_.public_pem()), false, 0, false};
    auto answer = deliver(batch.idempotency_key(box_, false), batch.body(meta));
    if (!answer) return answer.error();
    key_sent_ = true;
    if (answer->status == 409) {
      if (++restarts > max_restarts_per_run)
        return make_error(Errc::unavailable, "sync.portal_cursor_unsettled",
                          "the portal keeps asking for another starting point (409); ask its operator to check this box's cursor");
      log::info("sync", "the portal expects seq " + std::to_string(answer->expected_first_seq) + "; starting from there");
      next = std::max<std::int64_t>(1, answer->expected_first_seq);
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
      continue;
    }
    restarts = 0;
    auto refused = std::move(unmappable);
    refused.insert(refused.end(), answer->refused.begin(), answer->refused.end());
    const auto at = format_utc(parts_.clock.now());
    const auto through = batch.last_seq();
    if (auto s = writer_.run([&](store::WriteContext& w) -> Status {
          if (auto s2 = store::record_sync_acknowledged(w.db, through, at, anchor_text(*head)); !s2) return s2;
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
  }
}

Status JournalPush::push_snapshot(store::Db& db, const store::SyncState& state,
                                  const std::function<void(const PushProgress&)>& progress) {
  // One read transaction: S and every row the snapshot sends are one moment of the journal.
  store::Transaction tx(db);
  if (!tx.begun()) return tx.begun().error();
  std::int64_t outbox_through = state.snapshot_outbox_seq;
  if (state.snapshot_sent == 0 && state.snapshot_key.empty()) {
    auto s = store::outbox_max_seq(db);
    if (!s) return s.error();
    outbox_through = *s;
  }
  auto head = store::audit_head(db);
  if (!head) return head.error();
  std::int64_t sent = state.snapshot_sent;
  int part = state.snapshot_part;
  std::string key = state.snapshot_key;
  shown_.snapshot = true;
  Batch batch;
  std::optional<Error> failed;
  std::int64_t pending_part = part;
  std::string pending_key = key;
  const auto now = format_utc(parts_.clock.now());

  auto send = [&](bool final) -> bool {
    if (batch.empty()) batch.cover(sent + 1), batch.cover(sent);  // an empty final batch still says where it ends
    BatchMeta meta{box_, school_, *head, key_sent_ ? std::nullopt : std::optional<std::string>(key_.public_pem()), true,
                   outbox_through, final};
    auto answer = deliver(batch.idempotency_key(box_, true), batch.body(meta));
    if (!answer) return failed = answer.error(), false;
    if (answer->status != 200) {
      failed = make_error(Errc::unavailable, "sync.portal_cursor_unsettled",
                          "the portal answered 409 to a snapshot batch; the snapshot starts again at the next sync");
      return false;
    }
    key_sent_ = true;
    const auto n = static_cast<std::int64_t>(batch.count());
    sent += n;
    const auto at = format_utc(parts_.clock.now());
    auto s = writer_.run([&](store::WriteContext& w) -> Status {
      if (final) {
        if (auto s2 = store::record_snapshot_progress(w.db, outbox_through, sent, store::snapshot_parts, ""); !s2) return s2;
        if (auto s2 = store::record_snapshot_done(w.db, outbox_through, at); !s2) return s2;
        return store::record_sync_acknowledged(w.db, outbox_through, at, anchor_text(*head));
      }
      return store::record_snapshot_progress(w.db, outbox_through, sent, static_cast<int>(pending_part), pending_key);
    });
    if (!s) return failed = s.error(), false;
    report_.batches++;
    report_.snapshot_items += n;
    report_.items += n;
    shown_.items_sent += n;
    shown_.batch++;
    if (final) shown_.acknowledged_through = outbox_through;
    if (progress) progress(shown_);
    batch.clear();
    return true;
  };

  auto st = store::each_snapshot_row(db, part, key, [&](const store::OutboxRow& row, int p, const std::string& k) {
    store::OutboxRow r = row;
    r.seq = sent + static_cast<std::int64_t>(batch.count()) + 1;
    auto item = journal_item(r, now);
    if (!item || !*item) return true;  // the snapshot's rows are the journal's own: they map
    // Sending the full batch first leaves the item's synthetic seq as it is: sent grows by the count.
    if (!batch.fits(**item) && !send(false)) return false;
    batch.add(std::move(**item));
    pending_part = p;
    pending_key = k;
    return true;
  });
  if (failed) return *failed;
  if (!st) return st.error();
  if (!send(true)) return *failed;
  return tx.commit();
}

Result<PushReport> JournalPush::run(const std::function<void(const PushProgress&)>& progress) {
  report_ = {};
  shown_ = {};
  key_sent_ = false;
  const auto at = format_utc(parts_.clock.now());
  std::string box;
  if (auto s = writer_.run([&](store::WriteContext& w) -> Status {
        if (auto s2 = store::record_sync_attempt(w.db, at); !s2) return s2;
        auto b = store::ensure_sync_box_uuid(w.db, new_uuid());
        if (!b) return b.error();
        box = *b;
        return ok_status();
      });
      !s)
    return s.error();
  box_ = box;
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
    shown_.items_total += *rows - state->snapshot_sent;
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
