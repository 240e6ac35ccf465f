// roster_import: `classbookctl import FILE.zip` — a OneRoster 1.2 CSV bundle from a USB stick, for a
// box that has been offline for weeks. Read and validated whole first (oneroster/bundle.hpp), then
// planned against the box by the same planner as the online pull, and applied in one writer job only
// when nothing at all is refused: a report by file, row and column, or every change — never a part.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/writer.hpp"
#include "sync/oneroster/bundle.hpp"
#include "sync/roster_apply.hpp"

namespace classbook::sync {

struct RosterImport {
  std::vector<oneroster::BundleProblem> problems;  // empty: applied (or, dry run, would be)
  std::size_t problems_total = 0;
  std::vector<std::string> not_imported;           // files the manifest lists that the box does not read
  RosterPlan plan;
  std::optional<RosterTally> tally;                // set when written
};

// The bundle's records as the planner takes them (the CSV binding's rows of a bulk file carry no
// status or dateLastModified: they are active).
PortalRoster roster_of(const oneroster::Bundle& bundle);
// The planner's refusals as problems of the bundle's files, row by row (header = row 1).
std::vector<oneroster::BundleProblem> problems_of(const std::vector<RosterRefusal>& refused, const oneroster::Bundle& bundle);

// Reads, checks and (unless `dry_run`) applies. The error is only for what is not the file's fault
// (the database); everything wrong with the file is in `problems`.
Result<RosterImport> import_roster_bundle(const std::string& zip_path, const std::string& database, store::Writer& writer, bool dry_run);

}  // namespace classbook::sync
