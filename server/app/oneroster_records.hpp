// oneroster_records: what a OneRoster API client reads — the school's roster and gradebook as the
// standard's records (OneRoster 1.2, JSON in its camelCase names), each collection in the provider's
// default order. Filtering, sorting, paging and field selection are the REST binding's, applied by
// the caller (http/oneroster_collection). The route table has checked the client's scope; `client`
// is who asks. Identities: docs/sync.md § "The box as a provider".
#pragma once

#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

#include "app/api_clients.hpp"
#include "app/context.hpp"

namespace classbook::app {

using OneRosterRecords = std::vector<boost::json::object>;

// ---- rostering (roster.readonly)
Result<OneRosterRecords> oneroster_orgs(Context& ctx, const ApiClient& client);
// The school year, its terms (type term) and each term's grading period.
Result<OneRosterRecords> oneroster_academic_sessions(Context& ctx, const ApiClient& client);
// The grading periods of one term: not_found unless `term` is a term's sourcedId.
Result<OneRosterRecords> oneroster_grading_periods_of(Context& ctx, const ApiClient& client, std::string_view term);
Result<OneRosterRecords> oneroster_courses(Context& ctx, const ApiClient& client);
Result<OneRosterRecords> oneroster_classes(Context& ctx, const ApiClient& client);
// The classes a teacher teaches: not_found unless `teacher` is a teacher's sourcedId.
Result<OneRosterRecords> oneroster_classes_of_teacher(Context& ctx, const ApiClient& client, std::string_view teacher);

enum class UserSelection { everyone, pupils, teachers };
Result<OneRosterRecords> oneroster_users(Context& ctx, const ApiClient& client, UserSelection which);
// One user by sourcedId (none: an empty list), read by its uuid alone.
Result<OneRosterRecords> oneroster_user(Context& ctx, const ApiClient& client, std::string_view sourced_id,
                                        UserSelection which);
// The pupils enrolled in a class × subject: not_found unless `class_id` is a class's sourcedId.
Result<OneRosterRecords> oneroster_students_of_class(Context& ctx, const ApiClient& client, std::string_view class_id);
Result<OneRosterRecords> oneroster_enrollments(Context& ctx, const ApiClient& client);

// ---- gradebook (gradebook.readonly)
// The work types with their weights; the same for every class. Narrowed to a class: not_found
// unless it is a class's sourcedId.
Result<OneRosterRecords> oneroster_categories(Context& ctx, const ApiClient& client);
Result<OneRosterRecords> oneroster_categories_of_class(Context& ctx, const ApiClient& client, std::string_view class_id);
// Line items: one per lesson and work type that has marks (<lesson uuid>~<work type code>), then
// the clients' own (docs/sync.md § Writes); results likewise, marks then the clients' results.
Result<OneRosterRecords> oneroster_line_items(Context& ctx, const ApiClient& client);
Result<OneRosterRecords> oneroster_line_items_of_class(Context& ctx, const ApiClient& client, std::string_view class_id);
// One line item by sourcedId (an empty list when there is none).
Result<OneRosterRecords> oneroster_line_item(Context& ctx, const ApiClient& client, std::string_view sourced_id);
// Results: marks, a deleted mark as status tobedeleted.
Result<OneRosterRecords> oneroster_results(Context& ctx, const ApiClient& client);
Result<OneRosterRecords> oneroster_results_of_line_item(Context& ctx, const ApiClient& client, std::string_view line_item);
// The same, through its class: not_found unless the line item is that class's.
Result<OneRosterRecords> oneroster_results_of_class_line_item(Context& ctx, const ApiClient& client, std::string_view class_id,
                                                              std::string_view line_item);
Result<OneRosterRecords> oneroster_result(Context& ctx, const ApiClient& client, std::string_view sourced_id);

}  // namespace classbook::app
