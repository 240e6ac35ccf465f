// security_log: the box's security log (security_events: the entrances' card anomalies, the audit
// check's mismatches) and the run of unknown cards the entrance rules read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/audit_check.hpp"
#include "rows/security_log.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::SecurityEventRecord;

struct NewSecurityEvent {
  std::string at;
  std::string kind;
  std::optional<Id> kiosk_id;
  std::string card;
  std::optional<Id> student_id;
  std::string detail;
};
Status insert_security_event(Db& db, const NewSecurityEvent& e);
// Between two UTC instants (text, inclusive), oldest first, at most `limit`.
Result<std::vector<SecurityEventRecord>> security_events_between(Db& db, const std::string& from,
                                                                 const std::string& to, int limit);
// The card anomalies that name a pupil (domain::pupil_anomalies) of the class's pupils between two
// UTC instants (text, inclusive), oldest first, at most `limit`: what the class teacher is shown.
// Other events about the same pupils (the audit check's, locked PINs) are not among them.
Result<std::vector<SecurityEventRecord>> pupil_anomalies_of_class(Db& db, Id class_id, const std::string& from,
                                                                  const std::string& to, int limit);

// A tap at an entrance of a card reported lost or damaged (app/taps.cpp): the pupil who held it, the kiosk, the card.
constexpr const char* blocked_card_event = "blocked_card";
constexpr const char* audit_mismatch_event = "audit_mismatch";
// The audit check's findings as security events: one per listed mismatch (with its pupil) and one
// saying how many more there are. A finding already in the log with the same text is not added
// again, so a check at every start and every night does not repeat an unresolved one. Returns
// the events added.
Result<int> record_audit_mismatches(Db& db, const AuditDataVerdict& v, const std::string& now);

// Unknown cards in a row at a kiosk up to its last tap, and its new value.
Result<int> unknown_run(Db& db, Id kiosk_id);
Status set_unknown_run(Db& db, Id kiosk_id, int run);

}  // namespace classbook::store
