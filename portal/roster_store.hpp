// roster_store: the roster the portal owns — whole OneRoster objects upserted by its operator, stamped
// with a dateLastModified that only ever grows, so the box's delta reads never miss a change.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <string_view>

#include "classbook/common/clock.hpp"
#include "db.hpp"

namespace classbook::portal {

inline constexpr std::array<std::string_view, 7> kRosterCollections = {
    "orgs", "academicSessions", "courses", "classes", "users", "enrollments", "demographics"};
inline constexpr std::size_t kMaxRosterObjectsPerPost = 100000;

bool is_roster_collection(std::string_view name);

struct RosterChange {
  std::int64_t changed = 0;
  std::string date_last_modified;  // the stamp every changed object got
};

class RosterStore {
 public:
  RosterStore(Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  // {"users":[{…}],"classes":[…],…}: every object needs a sourcedId; status defaults to "active";
  // dateLastModified is set here. One transaction: a bad object refuses the whole post.
  Result<RosterChange> upsert(const boost::json::object& body);
  // {"users":["sourcedId",…],…}: each object's status becomes "tobedeleted" (an unknown id is refused).
  Result<RosterChange> mark_tobedeleted(const boost::json::object& body);

 private:
  Result<TimePoint> next_stamp();
  Db& db_;
  const Clock& clock_;
};

}  // namespace classbook::portal
