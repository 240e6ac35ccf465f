// oneroster_collection: the answer to a OneRoster GET — a collection read with the REST binding's
// query parameters (limit, offset, sort + orderBy, filter, fields; sync/oneroster/query.hpp) and
// answered with X-Total-Count and Link, or one record by its sourcedId. Internal to http/.
#pragma once

#include <string_view>

#include "app/oneroster_records.hpp"
#include "http/call.hpp"

namespace classbook::http {

// The record types whose fields a query may name.
enum class OneRosterType { org, academic_session, course, class_, user, enrollment, category, line_item, result };

// {"<key>": [page]} with X-Total-Count (records after the filter) and Link (next, last, first, prev);
// a refused parameter answers the standard's error payload (invalid_filter_field, …).
void oneroster_collection(Api::Call& c, OneRosterType type, std::string_view key, Result<app::OneRosterRecords> records);
// {"<key>": record} for the record whose sourcedId is `id` among `records`; `fields` selects as in
// a collection; none: 404 unknownobject naming `what`.
void oneroster_single(Api::Call& c, OneRosterType type, std::string_view key, Result<app::OneRosterRecords> records,
                     std::string_view id, const char* what);

}  // namespace classbook::http
