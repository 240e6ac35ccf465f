// client_gradebook: SQL for the line items and results OneRoster API clients write (migration 24,
// docs/sync.md § Writes). Reads see every row of a sourcedId (deleted ones too) by id, and only the
// active ones in lists; writes run inside the writer's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "rows/client_gradebook.hpp"
#include "store/db.hpp"

namespace classbook::store {

using rows::ClientLineItem;
using rows::Id;
using rows::ClientResult;
using rows::ClientScore;

Result<std::optional<ClientLineItem>> find_client_line_item(Db& db, std::string_view sourced_id);
// Active line items, by due date and sourcedId; narrowed to one class × subject when given.
Result<std::vector<ClientLineItem>> client_line_items(Db& db, std::optional<Id> class_id = std::nullopt,
                                                      std::optional<Id> subject_id = std::nullopt);
// Inserts or replaces by sourcedId (all columns but id); the row's id.
Result<Id> save_client_line_item(Db& db, const ClientLineItem& item);

Result<std::optional<ClientResult>> find_client_result(Db& db, std::string_view sourced_id);
// Active results, by line item and sourcedId; of one line item when given.
Result<std::vector<ClientResult>> client_results(Db& db, std::optional<Id> line_item_id = std::nullopt);
Result<Id> save_client_result(Db& db, const ClientResult& r);

// A class × subject somebody teaches, by the uuids of a class's OneRoster sourcedId.
struct TaughtClassSubject {
  Id class_id = 0;
  Id subject_id = 0;
};
Result<std::optional<TaughtClassSubject>> taught_class_subject(Db& db, std::string_view class_uuid,
                                                               std::string_view subject_uuid);
// The lesson a client's mark goes on (docs/sync.md § Writes): the class × subject's lesson on
// `due_date` for the pupil's group (the whole class's or the group's; the first by period), else the
// nearest earlier one, else the nearest later one; none when it has no lessons. Cancelled lessons
// are passed over.
struct MarkLesson {
  Id lesson_id = 0;
  bool on_due_date = false;
};
Result<std::optional<MarkLesson>> lesson_for_client_mark(Db& db, Id class_id, Id subject_id, int group_no,
                                                         std::string_view due_date);
Result<bool> pupil_has_left(Db& db, Id student_id);

// True when someone other than `client_user` changed or deleted the mark (its history says who).
Result<bool> mark_changed_by_other(Db& db, Id mark_id, Id client_user);

// The teacher's journal: the clients' active results with a mark or an excusal on the class ×
// subject's lessons between two dates.
Result<std::vector<ClientScore>> client_scores_of_class(Db& db, Id class_id, Id subject_id, domain::Date from,
                                                        domain::Date to);

}  // namespace classbook::store
