// access_applications: the office's register of applications for access to the diary (migration 13).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rows/access_applications.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::AccessApplicationRecord;

// The register's next sequence number in `year` (1 for its first application).
Result<long long> next_application_seq(Db& db, int year);
// Writes the registration's columns (number to due_on); the decision's stay empty.
Result<Id> insert_access_application(Db& db, const AccessApplicationRecord& a);
// `today` (the school's date) decides `overdue`. A failed read is an error, never "no such application".
Result<std::optional<AccessApplicationRecord>> find_access_application(Db& db, std::string_view uuid,
                                                                       domain::Date today);
// `status` "" for every application, else only those in it; the overdue first, then by the last day
// to answer, then by number.
Result<std::vector<AccessApplicationRecord>> list_access_applications(Db& db, std::string_view status,
                                                                      domain::Date today);

// The decision, written only over an application still registered: false when it was decided
// meanwhile (the caller says so; nothing is written).
struct ApplicationDecision {
  Id application_id = 0;
  std::string status;                 // "approved" or "denied"
  std::optional<std::string> reason;  // denied: the reason's name
  std::string comment;
  std::optional<Id> student_id;    // approved: the pupil, as resolved when it was approved
  std::optional<Id> account_user;  // approved: the account given access
  Id decided_by = 0;
  std::string decided_at;  // UTC text
};
Result<bool> record_application_decision(Db& db, const ApplicationDecision& d);

}  // namespace classbook::store
