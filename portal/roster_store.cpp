// roster_store: operator changes to the roster, each post one transaction with one stamp.
#include "roster_store.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace classbook::portal {
namespace json = boost::json;

bool is_roster_collection(std::string_view name) {
  return std::find(kRosterCollections.begin(), kRosterCollections.end(), name) != kRosterCollections.end();
}

namespace {

Error refused(const std::string& message, const std::string& field) {
  return make_error(Errc::invalid_input, "roster.invalid", message, field);
}

}  // namespace

// Strictly later than every stamp already stored: two posts in one millisecond (or a clock stepped
// back) still order, so `dateLastModified>'last seen'` finds the second.
Result<TimePoint> RosterStore::next_stamp() {
  auto q = db_.prepare("SELECT coalesce(max(date_ms), 0) FROM roster");
  if (!q) return q.error();
  if (auto r = q->step(); !r) return r.error();
  const auto last = q->int64(0);
  const auto now = clock_.now().time_since_epoch().count();
  return TimePoint(std::chrono::milliseconds(std::max<std::int64_t>(now, last + 1)));
}

Result<RosterChange> RosterStore::upsert(const json::object& body) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto stamp = next_stamp();
  if (!stamp) return stamp.error();
  RosterChange change{0, format_utc(*stamp)};
  auto put = db_.prepare(
      "INSERT INTO roster(collection, sourced_id, status, date_ms, object) VALUES(?,?,?,?,?) "
      "ON CONFLICT(collection, sourced_id) DO UPDATE SET status=excluded.status, date_ms=excluded.date_ms, "
      "object=excluded.object");
  if (!put) return put.error();
  for (const auto& [name, list] : body) {
    const std::string collection(name);
    if (!is_roster_collection(collection)) return refused("'" + collection + "' is not a roster collection", collection);
    if (!list.is_array()) return refused(collection + " must be a list of objects", collection);
    for (const auto& item : list.as_array()) {
      if (++change.changed > static_cast<std::int64_t>(kMaxRosterObjectsPerPost))
        return refused("more than " + std::to_string(kMaxRosterObjectsPerPost) + " objects in one post", collection);
      if (!item.is_object()) return refused(collection + " must be a list of objects", collection);
      json::object object = item.as_object();
      const auto* id = object.if_contains("sourcedId");
      if (!id || !id->is_string() || id->as_string().empty())
        return refused("an object of " + collection + " has no sourcedId", collection);
      const std::string sourced_id(id->as_string());  // a copy: adding fields below may move the object's storage
      if (const auto* st = object.if_contains("status"); !st) object["status"] = "active";
      else if (!st->is_string() || (st->as_string() != "active" && st->as_string() != "tobedeleted"))
        return refused("status is 'active' or 'tobedeleted'", collection);
      object["dateLastModified"] = change.date_last_modified;
      put->bind(1, collection)
          .bind(2, sourced_id)
          .bind(3, std::string(object["status"].as_string()))
          .bind(4, static_cast<std::int64_t>(stamp->time_since_epoch().count()))
          .bind(5, json::serialize(object));
      if (auto s = put->run(); !s) return s.error();
    }
  }
  if (auto s = tx->commit(); !s) return s.error();
  return change;
}

Result<RosterChange> RosterStore::mark_tobedeleted(const json::object& body) {
  auto tx = Transaction::begin(db_);
  if (!tx) return tx.error();
  auto stamp = next_stamp();
  if (!stamp) return stamp.error();
  RosterChange change{0, format_utc(*stamp)};
  auto get = db_.prepare("SELECT object FROM roster WHERE collection = ? AND sourced_id = ?");
  auto put = db_.prepare("UPDATE roster SET status='tobedeleted', date_ms=?, object=? WHERE collection=? AND sourced_id=?");
  if (!get) return get.error();
  if (!put) return put.error();
  for (const auto& [name, list] : body) {
    const std::string collection(name);
    if (!is_roster_collection(collection)) return refused("'" + collection + "' is not a roster collection", collection);
    if (!list.is_array()) return refused(collection + " must be a list of sourcedIds", collection);
    for (const auto& id : list.as_array()) {
      if (!id.is_string()) return refused(collection + " must be a list of sourcedIds", collection);
      const std::string sourced_id(id.as_string());
      Statement& g = *get;
      g.bind(1, collection).bind(2, sourced_id);
      auto found = g.step();
      if (!found) return found.error();
      if (!*found) {
        g.reset();
        return make_error(Errc::not_found, "roster.unknown_object", "no " + collection + " with sourcedId " + sourced_id,
                          collection);
      }
      auto parsed = json::parse(g.text(0));
      (void)g.run();  // finish the statement so it can be bound again
      json::object object = parsed.as_object();
      object["status"] = "tobedeleted";
      object["dateLastModified"] = change.date_last_modified;
      put->bind(1, static_cast<std::int64_t>(stamp->time_since_epoch().count()))
          .bind(2, json::serialize(object))
          .bind(3, collection)
          .bind(4, sourced_id);
      if (auto s = put->run(); !s) return s.error();
      ++change.changed;
    }
  }
  if (auto s = tx->commit(); !s) return s.error();
  return change;
}

}  // namespace classbook::portal
