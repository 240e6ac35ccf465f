// roster_import: see the header.
#include "sync/roster_import.hpp"

#include <map>

namespace classbook::sync {
namespace {

// Which column a planner's refusal is about, for the report.
const char* column_of(const RosterRefusal& r) {
  if (r.code == "roster.class_name" || r.code == "roster.class_name_taken") return "title";
  if (r.code == "roster.bad_name") return "familyName";
  if (r.code == "roster.bad_contact") return "email";
  if (r.code == "roster.unknown_user") return "userSourcedId";
  if (r.code == "roster.course_title") return "title";
  if (r.code == "roster.class_unknown" && r.collection == "enrollments") return "classSourcedId";
  if (r.code == "roster.course_unknown") return "classSourcedId";
  return "sourcedId";
}

template <class T>
std::size_t row_of(const std::vector<T>& records, const std::string& sid) {
  for (std::size_t i = 0; i < records.size(); ++i)
    if (records[i].base.sourced_id == sid) return i + 2;  // the header is row 1
  return 0;
}

}  // namespace

PortalRoster roster_of(const oneroster::Bundle& bundle) {
  return {.orgs = bundle.orgs,
          .academic_sessions = bundle.academic_sessions,
          .courses = bundle.courses,
          .classes = bundle.classes,
          .users = bundle.users,
          .enrollments = bundle.enrollments,
          .demographics = bundle.demographics};
}

std::vector<oneroster::BundleProblem> problems_of(const std::vector<RosterRefusal>& refused, const oneroster::Bundle& bundle) {
  std::vector<oneroster::BundleProblem> out;
  for (const auto& r : refused) {
    oneroster::BundleProblem p{r.collection + ".csv", 0, column_of(r), r.reason};
    if (r.collection == "classes") p.row = row_of(bundle.classes, r.sourced_id);
    else if (r.collection == "users") p.row = row_of(bundle.users, r.sourced_id);
    else if (r.collection == "courses") p.row = row_of(bundle.courses, r.sourced_id);
    else if (r.collection == "enrollments") {
      // A teacher's enrollment is refused by its own sourcedId; a pupil's names the user (refused whole).
      p.row = row_of(bundle.enrollments, r.sourced_id);
      for (std::size_t i = 0; !p.row && i < bundle.enrollments.size(); ++i)
        if (bundle.enrollments[i].user.sourced_id == r.sourced_id) p.row = i + 2;
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<RosterImport> import_roster_bundle(const std::string& zip_path, const std::string& database, store::Writer& writer, bool dry_run) {
  RosterImport out;
  auto reading = oneroster::read_bundle_zip(zip_path);
  out.problems = std::move(reading.problems);
  out.problems_total = reading.problems_total;
  if (!reading.bundle) return out;
  const auto& bundle = *reading.bundle;
  out.not_imported = bundle.not_imported;
  const auto roster = roster_of(bundle);
  if (dry_run) {
    auto db = store::Db::open(database, store::Db::Mode::read_only);
    if (!db) return db.error();
    auto plan = plan_against_box(**db, roster);
    if (!plan) return plan.error();
    out.plan = std::move(*plan);
    out.problems = problems_of(out.plan.refused, bundle);
    out.problems_total = out.problems.size();
    return out;
  }
  // Planned inside the writer job, against the roster as it is at that moment; a refusal fails the
  // job, so nothing of the bundle is written.
  auto written = writer.run([&](store::WriteContext& w) -> Status {
    auto plan = plan_against_box(w.db, roster);
    if (!plan) return plan.error();
    out.plan = std::move(*plan);
    if (!out.plan.refused.empty())
      return make_error(Errc::invalid_input, "roster_import.refused", "the bundle does not fit the box's roster");
    auto tally = apply_roster_plan(w, out.plan, {});
    if (!tally) return tally.error();
    out.tally = *tally;
    return ok_status();
  });
  if (!written && written.error().id != "roster_import.refused") return written.error();
  out.problems = problems_of(out.plan.refused, bundle);
  out.problems_total = out.problems.size();
  return out;
}

}  // namespace classbook::sync
