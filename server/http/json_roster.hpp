// json_roster: the office's roster as the API's JSON — classes, pupils, guardians, staff, teaching,
// login slips and the CSV import's report.
#pragma once

#include <boost/json/value.hpp>

#include "app/roster.hpp"

namespace classbook::http {

boost::json::value json_of(const std::optional<store::AccountBrief>& a);
boost::json::value json_of(const app::LoginSlip& s);
boost::json::value json_of(const store::ClassRecord& c);
boost::json::value json_of(const store::PupilRecord& p, bool office);  // office: with card and leaving reason
boost::json::value json_of(const store::GuardianRecord& g);
boost::json::value json_of(const store::GuardianLink& l);
boost::json::value json_of(const store::TeacherRecord& t);
boost::json::value json_of(const store::SubjectRecord& s);
boost::json::value json_of(const store::TeachingRecord& t);
boost::json::value json_of(const app::ImportReport& r);

}  // namespace classbook::http
