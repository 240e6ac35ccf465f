// json: every OneRoster record to and from its JSON (Boost.JSON), strictly. A parse never throws and
// never half-fills: it returns the whole record or one Error naming the field and what is allowed,
// e.g. field "roles[0].role", message "roles[0].role: 'headmaster' is not a OneRoster role;
// expected one of aide, counselor, …". `path` prefixes the field names ("users[3]" gives
// "users[3].roles[0].role"); collection.hpp uses it.
//
// Error codes (all Errc::invalid_input): oneroster.missing_field, oneroster.wrong_type,
// oneroster.not_in_vocabulary, oneroster.bad_date, oneroster.unknown_field, oneroster.bad_reference.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

#include "classbook/common/result.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::oneroster {

boost::json::object to_json(const GuidRef& v);
boost::json::object to_json(const Org& v);
boost::json::object to_json(const AcademicSession& v);
boost::json::object to_json(const Course& v);
boost::json::object to_json(const Class& v);
boost::json::object to_json(const Role& v);
boost::json::object to_json(const User& v);
boost::json::object to_json(const Enrollment& v);
boost::json::object to_json(const Demographics& v);
boost::json::object to_json(const Category& v);
boost::json::object to_json(const ScoreScale& v);
boost::json::object to_json(const LineItem& v);
boost::json::object to_json(const ResultRecord& v);

// `expected`: the one reference type the field allows (a class's "course" must be a course).
classbook::Result<GuidRef> parse_guid_ref(const boost::json::value& v, RefType expected, std::string_view path = {});
classbook::Result<Org> parse_org(const boost::json::value& v, std::string_view path = {});
classbook::Result<AcademicSession> parse_academic_session(const boost::json::value& v, std::string_view path = {});
classbook::Result<Course> parse_course(const boost::json::value& v, std::string_view path = {});
classbook::Result<Class> parse_class(const boost::json::value& v, std::string_view path = {});
classbook::Result<Role> parse_role(const boost::json::value& v, std::string_view path = {});
classbook::Result<User> parse_user(const boost::json::value& v, std::string_view path = {});
classbook::Result<Enrollment> parse_enrollment(const boost::json::value& v, std::string_view path = {});
classbook::Result<Demographics> parse_demographics(const boost::json::value& v, std::string_view path = {});
classbook::Result<Category> parse_category(const boost::json::value& v, std::string_view path = {});
classbook::Result<ScoreScale> parse_score_scale(const boost::json::value& v, std::string_view path = {});
classbook::Result<LineItem> parse_line_item(const boost::json::value& v, std::string_view path = {});
classbook::Result<ResultRecord> parse_result(const boost::json::value& v, std::string_view path = {});

}  // namespace classbook::oneroster
