// oneroster_gradebook: the journal as OneRoster 1.2 gradebook records — work types as categories
// with their weights, each lesson's column of one work type as a line item, marks as results.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "app/oneroster_ids.hpp"
#include "app/oneroster_records.hpp"
#include "app/oneroster_writes.hpp"
#include "store/api_clients.hpp"
#include "store/client_gradebook.hpp"
#include "store/oneroster.hpp"
#include "store/reader_pool.hpp"
#include "sync/oneroster/json.hpp"

namespace classbook::app {
namespace or_ = classbook::oneroster;
using namespace oneroster_ids;

namespace {

// A lesson's day as OneRoster's DateTime: the box keeps no time for a mark's column.
std::string day_time(const std::string& date) { return date + "T00:00:00Z"; }

// "<a>~<b>" → a, b; nullopt when there is no single '~' with text on both sides.
std::optional<std::pair<std::string, std::string>> split_pair(std::string_view id) {
  const auto tilde = id.find('~');
  if (tilde == std::string_view::npos || tilde == 0 || tilde + 1 == id.size() || id.find('~', tilde + 1) != std::string_view::npos)
    return std::nullopt;
  return std::pair{std::string(id.substr(0, tilde)), std::string(id.substr(tilde + 1))};
}

// The grading period (term) a lesson's day falls in, when any.
std::optional<or_::GuidRef> grading_period_of(const std::string& date, const rows::RosterCalendar& cal,
                                              const std::string& school, int start_year) {
  for (const auto& t : cal.terms)
    if (t.start_date <= date && date <= t.end_date) return session_ref(grading_period_id(school, start_year, t.number));
  return std::nullopt;
}

struct Gradebook {
  std::string school;
  int start_year = 0;
  domain::MarkScale scale;
  rows::RosterCalendar calendar;
};

Result<Gradebook> gradebook_of(Context& ctx, store::Db& db) {
  auto org = store::school_org(db);
  if (!org) return org.error();
  auto cal = store::roster_calendar(db);
  if (!cal) return cal.error();
  return Gradebook{org->sourced_id, ctx.settings().academic_year, ctx.settings().scale, std::move(*cal)};
}

OneRosterRecords line_item_records(const std::vector<rows::RosterLineItem>& items, const Gradebook& g) {
  OneRosterRecords out;
  out.reserve(items.size());
  for (const auto& i : items) {
    or_::LineItem x;
    x.base = {line_item_id(i.lesson_uuid, i.work_type_code), i.any_kept ? or_::Status::active : or_::Status::tobedeleted,
              i.modified_at, std::nullopt};
    x.title = i.subject_name + ", " + i.lesson_date + ": " + i.work_type_name;
    if (!i.topic.empty()) x.description = i.topic;
    x.assign_date = day_time(i.lesson_date);
    x.due_date = day_time(i.lesson_date);
    x.class_ = class_ref(class_id(i.class_uuid, i.subject_uuid));
    x.school = school_ref(g.school);
    x.category = ref(gradebook, "categories", category_id(i.work_type_code), or_::RefType::category);
    x.grading_period = grading_period_of(i.lesson_date, g.calendar, g.school, g.start_year);
    x.result_value_min = g.scale.min;
    x.result_value_max = g.scale.max;
    out.push_back(or_::to_json(x));
  }
  return out;
}

OneRosterRecords result_records(const std::vector<rows::RosterMark>& marks) {
  OneRosterRecords out;
  out.reserve(marks.size());
  for (const auto& m : marks) {
    or_::ResultRecord x;
    x.base = {m.uuid, m.deleted_at ? or_::Status::tobedeleted : or_::Status::active, m.deleted_at.value_or(m.updated_at),
              std::nullopt};
    x.line_item = ref(gradebook, "lineItems", line_item_id(m.lesson_uuid, m.work_type_code), or_::RefType::lineItem);
    x.student = user_ref(m.pupil_uuid);
    x.class_ = class_ref(class_id(m.class_uuid, m.subject_uuid));
    x.score_status = or_::ScoreStatus::fully_graded;
    x.score = m.value;
    x.score_date = m.lesson_date;
    if (!m.comment.empty()) x.comment = m.comment;
    out.push_back(or_::to_json(x));
  }
  return out;
}

// The class × subject behind a class sourcedId, or not_found.
Result<store::MarkSelection> class_selection(store::Db& db, std::string_view class_sourced_id) {
  auto classes = store::roster_class_subjects(db);
  if (!classes) return classes.error();
  for (const auto& cs : *classes)
    if (class_id(cs.class_uuid, cs.subject_uuid) == class_sourced_id)
      return store::MarkSelection{cs.class_uuid, cs.subject_uuid, std::nullopt, std::nullopt, std::nullopt};
  return unknown_object("class", class_sourced_id, "…/classes");
}

// The clients' own line items (docs/sync.md § Writes), of one class × subject when given.
Status add_client_line_items(store::Db& db, const Gradebook& g, OneRosterRecords& out,
                             const std::optional<store::MarkSelection>& which = std::nullopt) {
  std::optional<Id> class_id, subject_id;
  if (which) {
    auto taught = store::taught_class_subject(db, *which->class_uuid, *which->subject_uuid);
    if (!taught) return taught.error();
    if (!*taught) return ok_status();
    class_id = (*taught)->class_id;
    subject_id = (*taught)->subject_id;
  }
  auto items = store::client_line_items(db, class_id, subject_id);
  if (!items) return items.error();
  for (const auto& i : *items) out.push_back(client_line_item_record(i, g.school));
  return ok_status();
}

Status add_client_results(store::Db& db, OneRosterRecords& out, const std::optional<rows::ClientLineItem>& of = std::nullopt) {
  auto items = store::client_line_items(db);
  if (!items) return items.error();
  std::map<Id, std::string> class_of;
  for (const auto& i : *items) class_of[i.id] = class_id(i.class_uuid, i.subject_uuid);
  auto results = store::client_results(db, of ? std::optional<Id>(of->id) : std::nullopt);
  if (!results) return results.error();
  for (const auto& r : *results) out.push_back(client_result_record(r, class_of[r.line_item_id]));
  return ok_status();
}

// A client's active line item by sourcedId, when it is one.
Result<std::optional<rows::ClientLineItem>> client_line_item(store::Db& db, std::string_view sourced_id) {
  auto item = store::find_client_line_item(db, sourced_id);
  if (!item) return item.error();
  if (*item && !(*item)->active) return std::optional<rows::ClientLineItem>();
  return item;
}

}  // namespace

Result<OneRosterRecords> oneroster_categories(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto types = store::roster_work_types(*db);
  if (!types) return types.error();
  OneRosterRecords out;
  for (const auto& t : *types) {
    or_::Category c;
    c.base = {category_id(t.code), or_::Status::active, t.modified_at, std::nullopt};
    c.title = t.name;
    c.weight = t.weight;
    out.push_back(or_::to_json(c));
  }
  return out;
}

Result<OneRosterRecords> oneroster_categories_of_class(Context& ctx, const ApiClient& client, std::string_view class_id) {
  auto db = ctx.readers.acquire();
  if (auto which = class_selection(*db, class_id); !which) return which.error();
  return oneroster_categories(ctx, client);
}

Result<OneRosterRecords> oneroster_line_items(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto g = gradebook_of(ctx, *db);
  if (!g) return g.error();
  auto items = store::roster_line_items(*db, {});
  if (!items) return items.error();
  auto out = line_item_records(*items, *g);
  if (auto s = add_client_line_items(*db, *g, out); !s) return s.error();
  return out;
}

Result<OneRosterRecords> oneroster_line_items_of_class(Context& ctx, const ApiClient&, std::string_view class_id) {
  auto db = ctx.readers.acquire();
  auto which = class_selection(*db, class_id);
  if (!which) return which.error();
  auto g = gradebook_of(ctx, *db);
  if (!g) return g.error();
  auto items = store::roster_line_items(*db, *which);
  if (!items) return items.error();
  auto out = line_item_records(*items, *g);
  if (auto s = add_client_line_items(*db, *g, out, *which); !s) return s.error();
  return out;
}

Result<OneRosterRecords> oneroster_line_item(Context& ctx, const ApiClient&, std::string_view sourced_id) {
  auto db = ctx.readers.acquire();
  auto g = gradebook_of(ctx, *db);
  if (!g) return g.error();
  auto mine = client_line_item(*db, sourced_id);
  if (!mine) return mine.error();
  if (*mine) return OneRosterRecords{client_line_item_record(**mine, g->school)};
  const auto parts = split_pair(sourced_id);
  if (!parts) return OneRosterRecords{};
  auto items = store::roster_line_items(*db, {std::nullopt, std::nullopt, parts->first, parts->second, std::nullopt});
  if (!items) return items.error();
  return line_item_records(*items, *g);
}

Result<OneRosterRecords> oneroster_results(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto marks = store::roster_marks(*db, {});
  if (!marks) return marks.error();
  auto out = result_records(*marks);
  if (auto s = add_client_results(*db, out); !s) return s.error();
  return out;
}

Result<OneRosterRecords> oneroster_results_of_line_item(Context& ctx, const ApiClient& client, std::string_view line_item) {
  auto item = oneroster_line_item(ctx, client, line_item);
  if (!item) return item.error();
  if (item->empty()) return unknown_object("line item", line_item, "…/lineItems");
  auto db = ctx.readers.acquire();
  auto mine = client_line_item(*db, line_item);
  if (!mine) return mine.error();
  if (*mine) {
    OneRosterRecords out;
    if (auto s = add_client_results(*db, out, *mine); !s) return s.error();
    return out;
  }
  const auto parts = split_pair(line_item);
  if (!parts) return OneRosterRecords{};
  auto marks = store::roster_marks(*db, {std::nullopt, std::nullopt, parts->first, parts->second, std::nullopt});
  if (!marks) return marks.error();
  return result_records(*marks);
}

Result<OneRosterRecords> oneroster_results_of_class_line_item(Context& ctx, const ApiClient& client, std::string_view class_id,
                                                              std::string_view line_item) {
  auto item = oneroster_line_item(ctx, client, line_item);
  if (!item) return item.error();
  const auto* cls = item->empty() ? nullptr : item->front().if_contains("class");
  const auto* id = cls && cls->is_object() ? cls->as_object().if_contains("sourcedId") : nullptr;
  if (!id || !id->is_string() || id->as_string() != class_id) {
    auto db = ctx.readers.acquire();
    if (auto which = class_selection(*db, class_id); !which) return which.error();
    return unknown_object("line item of this class", line_item, "…/classes/{id}/lineItems");
  }
  return oneroster_results_of_line_item(ctx, client, line_item);
}

Result<OneRosterRecords> oneroster_result(Context& ctx, const ApiClient&, std::string_view sourced_id) {
  auto db = ctx.readers.acquire();
  auto found = store::find_client_result(*db, sourced_id);
  if (!found) return found.error();
  if (*found) {
    if (!(*found)->active) return OneRosterRecords{};
    auto item = store::find_client_line_item(*db, (*found)->line_item_sourced_id);
    if (!item) return item.error();
    return OneRosterRecords{client_result_record(**found, *item ? class_id((*item)->class_uuid, (*item)->subject_uuid) : "")};
  }
  auto marks = store::roster_marks(*db, {std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::string(sourced_id)});
  if (!marks) return marks.error();
  return result_records(*marks);
}

}  // namespace classbook::app
