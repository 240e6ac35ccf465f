// roster_pull: roster in (docs/sync.md § Roster in) — the portal's orgs, academic sessions, courses,
// classes, users, demographics and enrollments read in pages since each collection's high-water mark,
// the school's org checked, planned against
// the box (roster_plan.hpp) and written in one writer job together with the new marks
// (roster_apply.hpp). A cut anywhere before that job leaves the marks where they were, so the next
// sync reads the same changes again: nothing is skipped and nothing applied twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/writer.hpp"
#include "sync/journal_push.hpp"
#include "sync/roster_apply.hpp"

namespace classbook::sync {

constexpr std::size_t roster_page = 1000;  // objects asked for at a time
// Whole reads started again because the portal's list moved under the paging (an object changed
// while it was being read) before the pull gives up until the next sync.
constexpr int max_roster_reads = 3;
// Objects named but not sent (changed before the mark) are fetched one by one, up to this many of each
// collection: the users of enrollments, the classes of teachers' enrollments, the courses of those classes.
constexpr std::size_t max_fetched_per_collection = 2000;

// Refusals written to the log one by one per sync; the rest are counted (all are in sync_refusals).
constexpr std::size_t max_refusals_logged = 20;

constexpr const char* rostering_path = "/ims/oneroster/rostering/v1p2/";

struct RosterPullReport {
  std::size_t objects_read = 0;  // every object of every page, refused ones too
  RosterTally tally;
  std::vector<RosterRefusal> refused;
  std::vector<std::string> notes;  // logged, not refused: the portal's terms that are none of the box's
  bool first_read = false;  // no high-water mark yet: the whole roster was read
};

class RosterPull {
 public:
  // `school`: the org the box syncs for, checked before anything is applied (check_school_org); "" when
  // none was configured (the client id stands in for it), which checks nothing.
  RosterPull(PushParts parts, store::Writer& writer, std::string database, std::string school);
  Result<RosterPullReport> run();

 private:
  struct Read;
  template <class T>
  Status read_collection(const char* collection, const std::string& since, std::vector<T>& out, Read& read);
  // One object by its sourcedId (GET …/{collection}/{id}) added to `out`; a 404 adds nothing.
  template <class T>
  Status fetch_one(const char* collection, const std::string& sid, std::vector<T>& out, Read& read);
  Result<std::string> get(const std::string& target, bool missing_ok);
  Status fetch_missing(PortalRoster& roster, Read& read);
  Status check_school(PortalRoster& roster, Read& read);

  PushParts parts_;
  store::Writer& writer_;
  std::string database_;
  std::string school_;
};

}  // namespace classbook::sync
