// json_roster: the office's roster as the API's JSON — classes, pupils, guardians, staff, teaching,
// login slips and the CSV import's report.
#pragma once

#include <boost/json/value.hpp>

#include "app/roster.hpp"

namespace classbook::http {

boost::json::value json_of(const std::optional<rows::AccountBrief>& a);
boost::json::value json_of(const app::LoginSlip& s);
boost::json::value json_of(const rows::ClassRecord& c);
boost::json::value json_of(const rows::PupilRecord& p, bool office);  // office: with card and leaving reason
boost::json::value json_of(const rows::GuardianRecord& g);
boost::json::value json_of(const rows::GuardianLink& l);
boost::json::value json_of(const rows::TeacherRecord& t);
boost::json::value json_of(const rows::SubjectRecord& s);
boost::json::value json_of(const rows::TeachingRecord& t);
// A real import's report, or a dry run's (with "dry_run", "would_import" and "problems", no accounts).
boost::json::value json_of(const app::ImportReport& r);
boost::json::value json_of(const domain::RowProblem& p);  // {line, field, message}
// The office's school-wide list: a pupil (as json_of(PupilRecord)) with "guardians": how many are linked.
boost::json::value json_of(const rows::PupilListing& l, bool office);

}  // namespace classbook::http
