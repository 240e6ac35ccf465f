// oneroster_writes: what a OneRoster API client writes into the gradebook — its line items and
// results, kept as sent and made into the journal's marks (docs/sync.md § Writes). Each write is one
// writer job: the record, its audit entry, and the marks it makes, changes or deletes (with their own
// audit entries, outbox rows and live news) commit together or not at all. The route table has
// checked the token's scope (gradebook.createput for PUT, gradebook.delete for DELETE).
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "app/api_clients.hpp"
#include "app/context.hpp"
#include "rows/client_gradebook.hpp"

namespace classbook::app {

constexpr std::size_t max_line_item_title_chars = 500;
constexpr std::size_t max_result_comment_chars = 500;
constexpr double default_result_value_min = 0;    // a line item that names no scale scores 0..100
constexpr double default_result_value_max = 100;

// The record as a GET reads it after the write, and whether the write made it (201) or replaced it.
struct OneRosterWritten {
  boost::json::object record;
  bool created = false;
};

// PUT …/lineItems/{id} with {"lineItem": {…}}.
void oneroster_put_line_item(Context& ctx, const ApiClient& client, std::string sourced_id, boost::json::object body,
                             Reply<OneRosterWritten> reply);
// PUT …/results/{id} with {"result": {…}}.
void oneroster_put_result(Context& ctx, const ApiClient& client, std::string sourced_id, boost::json::object body,
                          Reply<OneRosterWritten> reply);
// DELETE …/lineItems/{id} (its results with it) and …/results/{id}.
void oneroster_delete_line_item(Context& ctx, const ApiClient& client, std::string sourced_id, Reply<Ok> reply);
void oneroster_delete_result(Context& ctx, const ApiClient& client, std::string sourced_id, Reply<Ok> reply);

// The stored records as the provider's reads show them: as sent, with sourcedId, status and
// dateLastModified the box's, and references completed with href and type. `school` is the school
// org's sourcedId, `class_id` the line item's class sourcedId.
boost::json::object client_line_item_record(const rows::ClientLineItem& item, const std::string& school);
boost::json::object client_result_record(const rows::ClientResult& result, const std::string& class_id);

}  // namespace classbook::app
