// roster_sent: what a test's portal sent, parsed as the pull parses it, and the plan's refusals looked
// up — for the planner's tests (roster_plan_test, roster_teaching_test).
#pragma once

#include <algorithm>
#include <string>

#include "roster_json.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/roster_plan.hpp"

namespace roster_json {

struct Sent {
  classbook::sync::PortalRoster roster;
  Sent& klass(const json::object& o) { roster.classes.push_back(*classbook::oneroster::parse_class(o)); return *this; }
  Sent& user(const json::object& o) { roster.users.push_back(*classbook::oneroster::parse_user(o)); return *this; }
  Sent& enrol(const json::object& o) { roster.enrollments.push_back(*classbook::oneroster::parse_enrollment(o)); return *this; }
  Sent& born(const json::object& o) { roster.demographics.push_back(*classbook::oneroster::parse_demographics(o)); return *this; }
  Sent& course(const json::object& o) { roster.courses.push_back(*classbook::oneroster::parse_course(o)); return *this; }
  Sent& session(const json::object& o) {
    roster.academic_sessions.push_back(*classbook::oneroster::parse_academic_session(o));
    return *this;
  }
};

inline const classbook::sync::RosterRefusal* refusal_of(const classbook::sync::RosterPlan& p, const std::string& sid) {
  auto it = std::find_if(p.refused.begin(), p.refused.end(), [&](const auto& r) { return r.sourced_id == sid; });
  return it == p.refused.end() ? nullptr : &*it;
}

}  // namespace roster_json
