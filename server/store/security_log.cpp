// security_log: SQL for security events and the kiosks' runs of unknown cards.
#include "store/security_log.hpp"

#include "classbook/common/crypto.hpp"
#include "domain/card_anomaly.hpp"

#include <utility>

namespace classbook::store {

Status insert_security_event(Db& db, const NewSecurityEvent& e) {
  auto& q = db.prepare(
      "INSERT INTO security_events(uuid, at, kind, kiosk_id, card, student_id, detail) VALUES (?,?,?,?,?,?,?)");
  q.bind(1, new_uuid()).bind(2, e.at).bind(3, e.kind).bind(4, e.kiosk_id).bind(5, e.card).bind(6, e.student_id);
  return q.bind(7, e.detail).run();
}

namespace {

// An event as it is listed, with its kiosk's and pupil's names; the callers add their WHERE.
constexpr std::string_view listed_events =
    "SELECT e.uuid, e.at, e.kind, coalesce(k.name, ''), e.card, s.uuid, coalesce(s.first_name || ' ' || s.last_name, ''), "
    "coalesce(c.name, ''), e.detail FROM security_events e LEFT JOIN kiosks k ON k.id = e.kiosk_id "
    "LEFT JOIN students s ON s.id = e.student_id LEFT JOIN classes c ON c.id = s.class_id ";

SecurityEventRecord listed_event(Stmt& r) {
  return SecurityEventRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                             r.opt_text(5), r.text(6), r.text(7), r.text(8)};
}

}  // namespace

Result<std::vector<SecurityEventRecord>> security_events_between(Db& db, const std::string& from, const std::string& to,
                                                         int limit) {
  auto& q = db.prepare(std::string(listed_events) + "WHERE e.at BETWEEN ? AND ? ORDER BY e.at, e.id LIMIT ?");
  q.bind(1, from).bind(2, to).bind(3, limit);
  return q.all(listed_event);
}

Result<std::vector<SecurityEventRecord>> pupil_anomalies_of_class(Db& db, Id class_id, const std::string& from,
                                                                  const std::string& to, int limit) {
  // The range on `at` comes first (its index); the class and the kinds then filter those few rows.
  static const std::string sql = [] {
    std::string kinds;
    for (const auto a : domain::pupil_anomalies) kinds += std::string(kinds.empty() ? "'" : ",'") + domain::to_string(a) + "'";
    return std::string(listed_events) + "WHERE e.at BETWEEN ? AND ? AND s.class_id = ? AND e.kind IN (" + kinds +
           ") ORDER BY e.at, e.id LIMIT ?";
  }();
  auto& q = db.prepare(sql);
  q.bind(1, from).bind(2, to).bind(3, class_id).bind(4, limit);
  return q.all(listed_event);
}

Result<int> record_audit_mismatches(Db& db, const AuditDataVerdict& v, const std::string& now) {
  std::vector<std::pair<std::string, std::optional<Id>>> events;
  for (const auto& m : v.mismatches) events.emplace_back(describe(m), m.student_id);
  const auto unlisted = v.mismatch_count - static_cast<std::int64_t>(v.mismatches.size());
  if (unlisted > 0)
    events.emplace_back("and " + std::to_string(unlisted) + " more rows differ from the audit trail (only the first " +
                            std::to_string(max_audit_mismatches_listed) + " are listed)",
                        std::nullopt);
  int added = 0;
  for (const auto& [detail, student] : events) {
    auto& seen = db.prepare("SELECT 1 FROM security_events WHERE kind=? AND detail=? LIMIT 1");
    seen.bind(1, audit_mismatch_event).bind(2, detail);
    auto known = seen.first_or([](Stmt&) { return true; }, false);
    if (!known) return known.error();
    if (*known) continue;
    if (auto s = insert_security_event(db, {now, audit_mismatch_event, std::nullopt, "", student, detail}); !s)
      return s.error();
    ++added;
  }
  return added;
}

Result<int> unknown_run(Db& db, Id kiosk_id) {
  auto& q = db.prepare("SELECT run FROM kiosk_unknown_runs WHERE kiosk_id=?");
  q.bind(1, kiosk_id);
  auto run = q.first([](Stmt& r) { return r.i32(0); });
  if (!run) return run.error();
  return run->value_or(0);
}

Status set_unknown_run(Db& db, Id kiosk_id, int run) {
  auto& q = db.prepare(
      "INSERT INTO kiosk_unknown_runs(kiosk_id, run) VALUES (?,?) ON CONFLICT(kiosk_id) DO UPDATE SET run=excluded.run");
  return q.bind(1, kiosk_id).bind(2, run).run();
}

}  // namespace classbook::store
