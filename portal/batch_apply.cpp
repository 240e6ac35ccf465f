// batch_apply: the order of checks matters — a replayed key answers before anything else (so a resend
// after a cut, or after the duplicate-delivery fault, costs nothing), then the envelope, the gap and
// the signature; only then does anything change, all in one transaction.
#include "batch_apply.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "classbook/common/log.hpp"
#include "signature.hpp"

namespace classbook::portal {
namespace json = boost::json;

const JournalKind* journal_kind_by_name(std::string_view kind) {
  for (const auto& k : kJournalKinds)
    if (k.kind == kind) return &k;
  return nullptr;
}
const JournalKind* journal_kind_by_collection(std::string_view collection) {
  for (const auto& k : kJournalKinds)
    if (k.collection == collection) return &k;
  return nullptr;
}

Result<std::int64_t> acknowledged_through(Db& db, const std::string& client_id) {
  auto q = db.prepare("SELECT acknowledged_through FROM clients WHERE client_id = ?");
  if (!q) return q.error();
  q->bind(1, client_id);
  auto r = q->step();
  if (!r) return r.error();
  if (!*r) return make_error(Errc::not_found, "portal.unknown_client", "no such client " + client_id);
  return q->int64(0);
}

namespace {

Error unreadable(const std::string& why) {
  return make_error(Errc::invalid_input, "batch.unreadable", "the batch cannot be read: " + why);
}

struct ClientRow {
  std::string org;
  std::int64_t cursor = 0;
  std::string box_id, key_pem, key_id;
};

Result<ClientRow> load_client(Db& db, const std::string& client_id) {
  auto q = db.prepare(
      "SELECT org_sourced_id, acknowledged_through, coalesce(box_id,''), coalesce(box_key_pem,''), "
      "coalesce(box_key_id,'') FROM clients WHERE client_id = ?");
  if (!q) return q.error();
  q->bind(1, client_id);
  auto r = q->step();
  if (!r) return r.error();
  if (!*r) return make_error(Errc::unauthenticated, "portal.unknown_client", "no such client " + client_id);
  return ClientRow{q->text(0), q->int64(1), q->text(2), q->text(3), q->text(4)};
}

const json::object* object_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}
bool int_at(const json::object& o, std::string_view key, std::int64_t& out) {
  const auto* v = o.if_contains(key);
  if (!v || !(v->is_int64() || v->is_uint64())) return false;
  out = v->to_number<std::int64_t>();
  return true;
}
std::string string_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
bool guid_ref(const json::object& o, std::string_view key) {
  const auto* ref = object_at(o, key);
  return ref && !string_at(*ref, "sourcedId").empty();
}

// Why one item cannot be applied, or "" when it can. OneRoster's required references are checked
// where the contract names them; everything else is kept as sent, for comparison with the box.
std::string item_problem(const json::object& item) {
  const auto kind = string_at(item, "kind");
  if (!journal_kind_by_name(kind)) return "item.unknown_kind: '" + kind + "' is not a kind this portal takes";
  const auto op = string_at(item, "op");
  if (op != "upsert" && op != "delete") return "item.unknown_op: op is 'upsert' or 'delete'";
  const auto id = string_at(item, "sourcedId");
  if (id.empty()) return "item.no_sourced_id: the item has no sourcedId";
  if (op == "delete") return {};
  const auto* object = object_at(item, "object");
  if (!object) return "item.no_object: an upsert carries its object";
  if (const auto own = string_at(*object, "sourcedId"); !own.empty() && own != id)
    return "item.sourced_id_mismatch: the object's sourcedId differs from the item's";
  if (kind == "result" && (!guid_ref(*object, "lineItem") || !guid_ref(*object, "student")))
    return "item.result_without_refs: a result names its lineItem and student (GUIDRefs)";
  if (kind == "lineItem" && !guid_ref(*object, "class"))
    return "item.line_item_without_class: a lineItem names its class (GUIDRef)";
  return {};
}

std::int64_t date_ms_of(const json::object& object, std::int64_t fallback) {
  TimePoint t;
  const auto text = string_at(object, "dateLastModified");
  return !text.empty() && parse_utc(text, t) ? t.time_since_epoch().count() : fallback;
}

Status record_delivery(Db& db, const BatchRequest& request, bool replayed, const std::string& at) {
  auto q = db.prepare("INSERT INTO deliveries(client_id, idempotency_key, replayed, received_at) VALUES(?,?,?,?)");
  if (!q) return q.error();
  q->bind(1, request.client_id).bind(2, request.idempotency_key).bind(3, std::int64_t{replayed ? 1 : 0}).bind(4, at);
  return q->run();
}

}  // namespace

Result<BatchAnswer> BatchApplier::apply(const BatchRequest& request) {
  if (request.idempotency_key.empty())
    return make_error(Errc::invalid_input, "batch.no_idempotency_key", "a batch carries an Idempotency-Key header");
  {  // Same key, same answer: before parsing, so a resend is cheap and cannot come out differently.
    auto q = db_.prepare("SELECT http_status, answer FROM batches WHERE client_id = ? AND idempotency_key = ?");
    if (!q) return q.error();
    q->bind(1, request.client_id).bind(2, request.idempotency_key);
    auto r = q->step();
    if (!r) return r.error();
    if (*r) {
      BatchAnswer replay{static_cast<int>(q->int64(0)), q->text(1), true};
      if (auto s = record_delivery(db_, request, true, format_utc(clock_.now())); !s) return s.error();
      return replay;
    }
  }
  if (request.body.size() > kMaxBatchBodyBytes + kMaxBatchSlackBytes) return unreadable("larger than " + std::to_string(kMaxBatchBodyBytes >> 20) + " MiB");
  // The whole batch lives only for this call: one arena for its thousands of small values.
  json::monotonic_resource arena(arena_.get(), kArenaBytes);
  const json::storage_ptr in_arena(&arena);
  json::value parsed(in_arena);  // the same storage as the parse's: assigning moves, never copies
  try {
    parsed = json::parse(request.body, &arena);
  } catch (const std::exception& e) {
    return unreadable(std::string("not JSON (") + e.what() + ")");
  }
  if (!parsed.is_object()) return unreadable("not a JSON object");
  const auto& top = parsed.as_object();
  const auto* batch = object_at(top, "batch");
  const auto* head = object_at(top, "chain_head");
  const auto* items_value = top.if_contains("items");
  std::int64_t first = 0, last = 0, count = 0, head_seq = 0;
  if (!batch || !int_at(*batch, "first_seq", first) || !int_at(*batch, "last_seq", last) || !int_at(*batch, "count", count))
    return unreadable("batch.first_seq, last_seq and count are needed");
  if (!head || !int_at(*head, "seq", head_seq) || string_at(*head, "hash").empty() || string_at(*head, "at").empty())
    return unreadable("chain_head with seq, hash and at is needed");
  if (!items_value || !items_value->is_array()) return unreadable("items must be a list");
  const auto& items = items_value->as_array();
  if (items.size() != static_cast<std::size_t>(count) || items.size() > kMaxBatchItems || first > last)
    return unreadable("count must equal the number of items (at most " + std::to_string(kMaxBatchItems) + ") and first_seq ≤ last_seq");
  std::int64_t previous = first - 1;
  for (const auto& item : items) {
    std::int64_t seq = 0;
    if (!item.is_object() || !int_at(item.as_object(), "seq", seq) || seq <= previous || seq > last)
      return unreadable("every item has a seq, rising, between first_seq and last_seq");
    previous = seq;
  }
  const std::string box = string_at(top, "box");
  const bool snapshot = top.if_contains("snapshot") && top.at("snapshot").is_bool() && top.at("snapshot").as_bool();
  // The box keys its snapshot batches "<box>:snapshot-<first>-<last>" (sync/batch.cpp): their synthetic
  // seqs overlap the outbox's, and the two must never answer for each other.
  const std::string range = std::to_string(first) + "-" + std::to_string(last);
  const std::string expected_key = box + ":" + range;
  if (request.idempotency_key != expected_key && !(snapshot && request.idempotency_key == box + ":snapshot-" + range))
    return make_error(Errc::invalid_input, "batch.key_mismatch",
                      "the Idempotency-Key must be <box>:<first_seq>-<last_seq> of the body: " + expected_key);

  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto client = load_client(db_, request.client_id);
  if (!client) return client.error();
  if (string_at(top, "school") != client->org)
    return make_error(Errc::forbidden, "batch.wrong_school", "this client sends for the school " + client->org);

  // A gap means the box skipped what the portal never had; a snapshot carries whole state, so it
  // may begin anywhere (docs/portal.md § Batches).
  if (!snapshot && first > client->cursor + 1) {
    json::object gap{{"expected_first_seq", client->cursor + 1}};
    return BatchAnswer{409, json::serialize(gap), false};
  }

  auto header = parse_signature_header(request.signature_header);
  if (!header) return header.error();
  std::string key_pem = client->key_pem;
  const std::string offered = string_at(top, "key");
  const bool pinning = key_pem.empty();
  if (pinning) {
    if (offered.empty())
      return make_error(Errc::invalid_input, "signature.key_missing", "the first batch carries the box's public key (\"key\")");
    key_pem = offered;
  } else if (!box.empty() && box != client->box_id) {
    return make_error(Errc::forbidden, "batch.wrong_box", "this client's batches come from box " + client->box_id);
  }
  auto key_id = public_key_id(key_pem);
  if (!key_id) return key_id.error();
  if (!pinning && !offered.empty()) {
    auto offered_id = public_key_id(offered);
    if (!offered_id || *offered_id != client->key_id)
      return make_error(Errc::forbidden, "signature.key_changed",
                        "the box sent a new key; the portal keeps the one pinned on the first batch (" + client->key_id + ")");
  }
  if (header->keyid != *key_id)
    return make_error(Errc::forbidden, "signature.unknown_key", "the batch is signed by key " + header->keyid +
                                                                   ", not by the pinned key " + *key_id);
  if (!signature_valid(key_pem, request.body, header->signature))
    return make_error(Errc::forbidden, "signature.invalid", "the batch's signature does not match its body");

  const auto now = clock_.now();
  const auto now_ms = static_cast<std::int64_t>(now.time_since_epoch().count());
  if (pinning) {
    auto pin = db_.prepare("UPDATE clients SET box_id=?, box_key_pem=?, box_key_id=?, pinned_at=? WHERE client_id=?");
    if (!pin) return pin.error();
    pin->bind(1, box).bind(2, key_pem).bind(3, *key_id).bind(4, format_utc(now)).bind(5, request.client_id);
    if (auto s = pin->run(); !s) return s.error();
    log::warn("portal", "pinned the signing key " + *key_id + " of box " + box + " to client " + request.client_id +
                            " (trust on first use: compare it with the box's `classbookctl` output)");
  }

  auto upsert = db_.prepare(
      "INSERT INTO journal(kind, sourced_id, status, date_ms, seq, object) VALUES(?,?,?,?,?,?) "
      "ON CONFLICT(kind, sourced_id) DO UPDATE SET status=excluded.status, date_ms=excluded.date_ms, "
      "seq=excluded.seq, object=excluded.object");
  auto existing = db_.prepare("SELECT object FROM journal WHERE kind = ? AND sourced_id = ?");
  if (!upsert) return upsert.error();
  if (!existing) return existing.error();
  std::int64_t applied = 0, duplicates = 0;
  json::array refused;
  for (const auto& value : items) {
    const auto& item = value.as_object();
    const std::int64_t seq = item.at("seq").to_number<std::int64_t>();
    if (!snapshot && seq <= client->cursor) {
      ++duplicates;
      continue;
    }
    if (const auto problem = item_problem(item); !problem.empty()) {
      const auto colon = problem.find(':');
      refused.push_back(json::object{{"seq", seq}, {"code", problem.substr(0, colon)}, {"reason", problem.substr(colon + 2)}});
      log::info("portal", "batch " + request.idempotency_key + ": refused item " + std::to_string(seq) + ": " + problem);
      continue;
    }
    const auto kind = string_at(item, "kind"), id = string_at(item, "sourcedId");
    json::object deleted;  // a delete's stored object; an upsert's is the item's own, not copied
    const bool upserting = string_at(item, "op") == "upsert";
    const json::object& object = upserting ? item.at("object").as_object() : deleted;
    if (!upserting) {
      existing->bind(1, kind).bind(2, id);
      auto found = existing->step();
      if (!found) return found.error();
      if (*found) deleted = json::parse(existing->text(0)).as_object();
      existing->reset();
      deleted["sourcedId"] = id;
      deleted["status"] = "tobedeleted";
      deleted["dateLastModified"] = format_utc(now);
    }
    std::string status = string_at(object, "status");
    if (status.empty()) status = "active";
    upsert->bind(1, kind).bind(2, id).bind(3, status).bind(4, date_ms_of(object, now_ms)).bind(5, seq)
        .bind(6, json::serialize(object));
    if (auto s = upsert->run(); !s) return s.error();
    ++applied;
  }

  // A snapshot that says which of its batches is the last ("final", as the box sends them) moves the
  // cursor only with that one, to the outbox seq it was read at: its synthetic seqs are no outbox seqs.
  std::int64_t cursor = std::max(client->cursor, last);
  if (const auto* final = top.if_contains("final"); snapshot && final && final->is_bool()) {
    std::int64_t through = 0;
    cursor = final->as_bool() && int_at(top, "outbox_through", through) ? std::max(client->cursor, through) : client->cursor;
  }
  auto move = db_.prepare("UPDATE clients SET acknowledged_through = ? WHERE client_id = ?");
  if (!move) return move.error();
  move->bind(1, cursor).bind(2, request.client_id);
  if (auto s = move->run(); !s) return s.error();
  auto anchor = db_.prepare(
      "INSERT OR IGNORE INTO anchors(client_id, seq, hash, at, received_at, idempotency_key) VALUES(?,?,?,?,?,?)");
  if (!anchor) return anchor.error();
  anchor->bind(1, request.client_id).bind(2, head_seq).bind(3, string_at(*head, "hash")).bind(4, string_at(*head, "at"))
      .bind(5, format_utc(now)).bind(6, request.idempotency_key);
  if (auto s = anchor->run(); !s) return s.error();

  json::object answer{{"acknowledged_through", cursor}, {"applied", applied}, {"duplicates", duplicates}};
  if (!refused.empty()) answer["refused"] = std::move(refused);
  BatchAnswer out{200, json::serialize(answer), false};
  auto keep = db_.prepare(
      "INSERT INTO batches(client_id, idempotency_key, first_seq, last_seq, http_status, answer, received_at, via) "
      "VALUES(?,?,?,?,?,?,?,?)");
  if (!keep) return keep.error();
  keep->bind(1, request.client_id).bind(2, request.idempotency_key).bind(3, first).bind(4, last).bind(5, std::int64_t{200})
      .bind(6, out.body).bind(7, format_utc(now)).bind(8, request.via);
  if (auto s = keep->run(); !s) return s.error();
  if (auto s = record_delivery(db_, request, false, format_utc(now)); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return out;
}

}  // namespace classbook::portal
