// oneroster_writes: a client's line items and results — checked, kept as sent, and brought into the
// journal as marks by the school's score thresholds (docs/sync.md § Writes).
#include "app/oneroster_writes.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <cmath>
#include <optional>

#include "app/found.hpp"
#include "app/live_changes.hpp"
#include "app/notices_mail.hpp"
#include "app/oneroster_ids.hpp"
#include "app/reads.hpp"
#include "app/submit.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/score_marks.hpp"
#include "store/api_clients.hpp"
#include "store/client_gradebook.hpp"
#include "store/journal.hpp"
#include "store/people.hpp"
#include "sync/oneroster/dates.hpp"
#include "sync/oneroster/vocabulary.hpp"

namespace classbook::app {
namespace json = boost::json;
namespace or_ = classbook::oneroster;
using namespace oneroster_ids;
using store::WriteContext;

namespace {

// The imsx payload carries the description alone, so it names the field first ("student.sourcedId: …").
Error invalid_data(std::string field, std::string message) {
  const auto root = std::string_view(field).substr(0, field.find('.'));
  if (!std::string_view(message).starts_with(root)) message = field + ": " + message;
  return make_error(Errc::invalid_input, "oneroster.invalid_data", std::move(message), std::move(field));
}

Error not_yours(const char* what, std::string_view id, std::string_view owner) {
  return make_error(Errc::forbidden, "oneroster.not_yours",
                    std::string("the ") + what + " '" + std::string(id) + "' was written by the API client '" +
                        std::string(owner) + "'; a client changes only its own records — choose another sourcedId");
}

// The record under `key` of a PUT's body ({"lineItem": {…}}); a sourcedId in it must be the path's.
Result<json::object> record_of(const json::object& body, const std::string& key, std::string_view path_id) {
  const auto* v = body.if_contains(key);
  if (!v || !v->is_object()) return invalid_data(key, "send the record as {\"" + key + "\": {…}}");
  const auto& o = v->as_object();
  if (const auto* id = o.if_contains("sourcedId"))
    if (!id->is_string() || id->as_string() != path_id)
      return invalid_data("sourcedId", "the sourcedId in the body must be the path's '" + std::string(path_id) +
                                           "' (or left out)");
  return o;
}

Result<std::optional<std::string>> optional_text(const json::object& o, std::string_view key, std::size_t max_chars) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return invalid_data(std::string(key), std::string(key) + " must be a string");
  std::string text(v->as_string());
  std::size_t n = 0;
  if (!utf8_length(text, n)) return invalid_data(std::string(key), std::string(key) + " is not valid UTF-8 text");
  if (n > max_chars)
    return invalid_data(std::string(key), std::string(key) + " is too long: at most " + std::to_string(max_chars) + " characters");
  return std::optional<std::string>(std::move(text));
}

// {"sourcedId": "…"} under `key` (href and type may come too; the box completes them when it answers).
Result<std::string> ref_id(const json::object& o, std::string_view key, std::string_view list) {
  const auto* v = o.if_contains(key);
  const json::value* id = v && v->is_object() ? v->as_object().if_contains("sourcedId") : nullptr;
  if (!id || !id->is_string() || id->as_string().empty())
    return invalid_data(std::string(key) + ".sourcedId",
                        std::string(key) + " is required as {\"sourcedId\": \"…\"}; GET " + std::string(list) + " lists them");
  return std::string(id->as_string());
}

Result<std::optional<double>> optional_number(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<double>();
  if (!v->is_number()) return invalid_data(std::string(key), std::string(key) + " must be a number");
  const double d = v->to_number<double>();
  if (!std::isfinite(d)) return invalid_data(std::string(key), std::string(key) + " must be a finite number");
  return std::optional<double>(d);
}

// A Date ("2026-12-04") or DateTime ("2026-12-04T10:00:00.000Z") → its day; nullopt when absent.
Result<std::optional<std::string>> optional_day(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  const std::string_view text = v->is_string() ? std::string_view(v->as_string()) : std::string_view();
  if (or_::is_date(text) || (or_::parse_datetime(text) && or_::is_date(text.substr(0, 10))))
    return std::optional<std::string>(std::string(text.substr(0, 10)));
  return invalid_data(std::string(key), std::string(key) +
                                            " must be a Date (2026-12-04) or a DateTime in UTC (2026-12-04T10:00:00.000Z)");
}

// Fills href and type into a reference that came with its sourcedId alone.
void complete_ref(json::object& o, std::string_view key, std::string_view service, std::string_view collection,
                  or_::RefType type) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return;
  auto& ref = v->as_object();
  const auto* id = ref.if_contains("sourcedId");
  if (!id || !id->is_string()) return;
  if (!ref.contains("href")) ref["href"] = std::string(service) + std::string(collection) + "/" + std::string(id->as_string());
  if (!ref.contains("type")) ref["type"] = or_::to_string(type);
}

json::object stored_record(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? std::move(v.as_object()) : json::object{};
}

// 80 → "80", 17.5 → "17.5": a score as people write it.
std::string number_text(double d) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(d);
}

// At most `max` code points of valid UTF-8 `text`.
std::string cut(std::string text, std::size_t max) {
  std::size_t n = 0, i = 0;
  while (i < text.size() && n < max) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : 4;
    ++n;
  }
  if (i < text.size()) text.resize(i);
  return text;
}

// The mark's comment: the raw score beside it, and what the test was when it sits on another day.
std::string mark_comment(const rows::ClientLineItem& item, const rows::ClientResult& r, bool on_due_date,
                         const std::optional<std::string>& comment) {
  std::string out = item.title;
  if (!on_due_date) out += " (" + item.due_date + ")";
  out += ": " + number_text(r.score.value_or(0)) + " / " + number_text(item.result_max);
  if (comment && !comment->empty()) out += " — " + *comment;
  return cut(std::move(out), max_comment_chars);
}

bool makes_mark(std::string_view score_status) {
  return score_status == or_::to_string(or_::ScoreStatus::fully_graded) ||
         score_status == or_::to_string(or_::ScoreStatus::partially_graded);
}

// The journal's side of one mark change made for a client: audit (an update's entry carries the mark
// and the reason, as a teacher's edit does), outbox, live news, notices.
Status tell_mark(const Context& ctx, WriteContext& w, const ApiClient& client, Id mark_id, const char* action,
                 const std::string& before_json, const std::string& reason = {}) {
  auto saved = store::find_mark(w.db, mark_id);
  if (!saved) return saved.error();
  if (!*saved) return make_error(Errc::internal, "store.row_vanished", "the mark vanished after it was written");
  auto lesson = store::find_lesson(w.db, (*saved)->lesson_id);
  if (!lesson) return lesson.error();
  auto pupil = store::student_brief(w.db, (*saved)->student_id);
  if (!pupil) return pupil.error();
  if (!*lesson || !*pupil) return make_error(Errc::internal, "store.inconsistent", "the mark's lesson or pupil is missing");
  const MarkView v = mark_view(ctx.settings(), **saved);
  const auto after = mark_json(v);
  const bool update = std::string_view(action) == "update";
  w.audit(client.user_id, "mark", v.id, action, before_json,
          update ? json::serialize(json::object{{"mark", json::parse(after)}, {"reason", reason}}) : after);
  w.outbox("mark", v.id, "upsert", after);
  live::pupil(w, "mark", **pupil, mark_news(v.id, action, **lesson));
  if (std::string_view(action) == "create")
    return notices::mark_given(ctx, w, **lesson, **pupil, v.id, v.value, v.work_type_name);
  return ok_status();
}

Status delete_client_mark(const Context& ctx, WriteContext& w, const ApiClient& client, const store::MarkRecord& m,
                          const std::string& why) {
  const auto before_json = mark_json(mark_view(ctx.settings(), m));
  if (auto s = store::delete_mark(w.db, m, client.user_id, w.now_text, why); !s) return s;
  w.audit(client.user_id, "mark", m.uuid, "delete", before_json, json::serialize(json::object{{"reason", why}}));
  w.outbox("mark", m.uuid, "delete", json::serialize(json::object{{"id", m.uuid}}));
  auto lesson = store::find_lesson(w.db, m.lesson_id);
  if (!lesson) return lesson.error();
  auto pupil = store::student_brief(w.db, m.student_id);
  if (!pupil) return pupil.error();
  if (*lesson && *pupil) live::pupil(w, "mark", **pupil, mark_news(m.uuid, "delete", **lesson));
  return ok_status();
}

// Brings the journal in line with one result (`r` as it is to be saved): makes, changes, moves or
// deletes its mark, and places an excusal — unless a person took the mark over, which then stays
// as they left it. Sets r.lesson_id, r.mark_id and r.mark_value.
Status reconcile(const Context& ctx, WriteContext& w, const ApiClient& client, const rows::ClientLineItem& item,
                 rows::ClientResult& r, const std::optional<std::string>& comment) {
  if (r.mark_id) {
    auto taken = store::mark_changed_by_other(w.db, *r.mark_id, client.user_id);
    if (!taken) return taken.error();
    if (*taken) return ok_status();
  }
  auto pupil = store::student_brief(w.db, r.student_id);
  if (!pupil) return pupil.error();
  if (!*pupil) return make_error(Errc::internal, "store.inconsistent", "the result's pupil is missing");
  auto place = store::lesson_for_client_mark(w.db, item.class_id, item.subject_id, (*pupil)->group_no, item.due_date);
  if (!place) return place.error();
  r.lesson_id = *place ? std::optional<Id>((*place)->lesson_id) : std::nullopt;
  std::optional<int> value;
  if (r.active && item.active && *place && r.score && makes_mark(r.score_status))
    value = domain::mark_for_score(*r.score, item.result_min, item.result_max, ctx.settings().thresholds(),
                                   ctx.settings().scale);
  std::optional<store::MarkRecord> current;
  if (r.mark_id) {
    auto m = store::find_mark(w.db, *r.mark_id);  // none when deleted
    if (!m) return m.error();
    current = std::move(*m);
  }
  const std::string why = "OneRoster: " + client.name;
  if (!value) {
    r.mark_value.reset();
    return current ? delete_client_mark(ctx, w, client, *current, why) : ok_status();
  }
  const auto text = mark_comment(item, r, (*place)->on_due_date, comment);
  r.mark_value = value;
  if (current && current->lesson_id == (*place)->lesson_id) {
    if (current->value == *value && current->work_type_id == item.work_type_id && current->comment == text) return ok_status();
    auto after = *current;
    after.value = *value;
    after.work_type_id = item.work_type_id;
    after.comment = text;
    const auto before_json = mark_json(mark_view(ctx.settings(), *current));
    if (auto s = store::replace_mark(w.db, *current, after, client.user_id, w.now_text, why); !s) return s;
    return tell_mark(ctx, w, client, current->id, "update", before_json, why);
  }
  if (current)
    if (auto s = delete_client_mark(ctx, w, client, *current, why); !s) return s;
  store::MarkRecord m{0, new_uuid(), r.student_id, (*place)->lesson_id, *value, item.work_type_id, text,
                      client.user_id, "", w.now_text, w.now_text};
  auto id = store::insert_mark(w.db, m);
  if (!id) return id.error();
  r.mark_id = *id;
  return tell_mark(ctx, w, client, *id, "create", "{}");
}

std::optional<std::string> comment_of(const rows::ClientResult& r) {
  const auto o = stored_record(r.record);
  const auto* c = o.if_contains("comment");
  return c && c->is_string() ? std::optional<std::string>(std::string(c->as_string())) : std::nullopt;
}

// Re-applies a line item's results after it changed or went (its day, scale or category moved).
Status reapply_results(const Context& ctx, WriteContext& w, const ApiClient& client, const rows::ClientLineItem& item,
                       bool deleting) {
  auto results = store::client_results(w.db, item.id);
  if (!results) return results.error();
  for (auto r : *results) {
    const auto before = r.record;
    if (deleting) r.active = false;
    if (auto s = reconcile(ctx, w, client, item, r, comment_of(r)); !s) return s;
    if (deleting) r.modified_at = w.now_text;
    if (auto id = store::save_client_result(w.db, r); !id) return id.error();
    if (deleting) w.audit(client.user_id, "oneroster_result", r.sourced_id, "delete", before, "{}");
  }
  return ok_status();
}

// A PUT over a live record replaces it; over none (or a deleted one) it makes it.
const char* write_action(bool replaces) { return replaces ? "update" : "create"; }

// The checked fields of a line item's body, before the store is asked about them.
struct LineItemInput {
  json::object record;
  std::string title;
  std::string class_uuid, subject_uuid;
  Id work_type_id = 0;
  std::string due_date;
  double min = default_result_value_min, max = default_result_value_max;
  std::optional<std::string> school;
};

Result<LineItemInput> read_line_item(const Context& ctx, const json::object& body, std::string_view id) {
  // The journal's own columns are "<lesson uuid>~<work type code>"; its teachers write those.
  if (const auto tilde = id.find('~'); tilde != std::string_view::npos && is_uuid(id.substr(0, tilde)))
    return invalid_data("sourcedId", "'" + std::string(id) +
                                         "' is the form of the journal's own line items (a lesson's column), which its teachers "
                                         "write; PUT your line item under a sourcedId of your own, such as a new UUID");
  auto rec = record_of(body, "lineItem", id);
  if (!rec) return rec.error();
  LineItemInput in;
  in.record = std::move(*rec);
  auto title = optional_text(in.record, "title", max_line_item_title_chars);
  if (!title) return title.error();
  if (!*title || (*title)->find_first_not_of(" \t\r\n") == std::string::npos)
    return invalid_data("title", "title is required: what the pupils did (\"Test 3: fractions\")");
  in.title = std::move(**title);
  auto cls = ref_id(in.record, "class", std::string(rostering) + "classes");
  if (!cls) return cls.error();
  const auto tilde = cls->find('~');
  if (tilde == std::string::npos || !is_uuid(std::string_view(*cls).substr(0, tilde)) ||
      !is_uuid(std::string_view(*cls).substr(tilde + 1)))
    return invalid_data("class.sourcedId", "no class has the sourcedId '" + *cls + "'; GET " + std::string(rostering) +
                                               "classes lists them");
  in.class_uuid = cls->substr(0, tilde);
  in.subject_uuid = cls->substr(tilde + 1);
  auto category = ref_id(in.record, "category", std::string(gradebook) + "categories");
  if (!category) return category.error();
  const auto prefix = category_id("");
  const auto* wt = category->starts_with(prefix) ? ctx.settings().work_type(std::string_view(*category).substr(prefix.size()))
                                                 : nullptr;
  if (!wt) {
    std::string known;
    for (const auto& w : ctx.settings().work_types) known += (known.empty() ? "" : ", ") + category_id(w.type.code);
    return invalid_data("category.sourcedId", "no category has the sourcedId '" + *category + "'; use one of: " + known);
  }
  in.work_type_id = wt->id;
  auto due = optional_day(in.record, "dueDate");
  if (!due) return due.error();
  if (!*due) return invalid_data("dueDate", "dueDate is required: the day the work is marked (2026-12-04 or a DateTime)");
  in.due_date = **due;
  if (auto assign = optional_day(in.record, "assignDate"); !assign) return assign.error();
  auto min = optional_number(in.record, "resultValueMin");
  if (!min) return min.error();
  auto max = optional_number(in.record, "resultValueMax");
  if (!max) return max.error();
  in.min = min->value_or(default_result_value_min);
  in.max = max->value_or(default_result_value_max);
  if (!(in.max > in.min))
    return invalid_data("resultValueMax", "resultValueMax (" + number_text(in.max) + ") must be above resultValueMin (" +
                                              number_text(in.min) + ")");
  if (in.record.contains("school")) {
    auto school = ref_id(in.record, "school", std::string(rostering) + "orgs");
    if (!school) return school.error();
    in.school = std::move(*school);
  }
  return in;
}

struct ResultInput {
  json::object record;
  std::string line_item;
  std::string student;
  std::string score_status;
  std::optional<double> score;
  std::optional<std::string> comment;
};

Result<ResultInput> read_result(const json::object& body, std::string_view id) {
  auto rec = record_of(body, "result", id);
  if (!rec) return rec.error();
  ResultInput in;
  in.record = std::move(*rec);
  auto item = ref_id(in.record, "lineItem", std::string(gradebook) + "lineItems");
  if (!item) return item.error();
  in.line_item = std::move(*item);
  auto student = ref_id(in.record, "student", std::string(rostering) + "students");
  if (!student) return student.error();
  in.student = std::move(*student);
  const auto* st = in.record.if_contains("scoreStatus");
  const auto status = st && st->is_string() ? or_::Extensible<or_::ScoreStatus>::parse(st->as_string()) : std::nullopt;
  if (!status)
    return invalid_data("scoreStatus", "scoreStatus is required: one of " + or_::vocabulary_choices<or_::ScoreStatus>());
  in.score_status = status->text();
  auto score = optional_number(in.record, "score");
  if (!score) return score.error();
  in.score = *score;
  if (auto day = optional_day(in.record, "scoreDate"); !day) return day.error();
  auto comment = optional_text(in.record, "comment", max_result_comment_chars);
  if (!comment) return comment.error();
  in.comment = std::move(*comment);
  if (auto text = optional_text(in.record, "textScore", max_result_comment_chars); !text) return text.error();
  return in;
}

}  // namespace

json::object client_line_item_record(const rows::ClientLineItem& item, const std::string& school) {
  auto o = stored_record(item.record);
  o["sourcedId"] = item.sourced_id;
  o["status"] = item.active ? "active" : "tobedeleted";
  o["dateLastModified"] = item.modified_at;
  if (!o.contains("school")) o["school"] = json::object{{"sourcedId", school}};
  complete_ref(o, "class", rostering, "classes", or_::RefType::class_);
  complete_ref(o, "school", rostering, "orgs", or_::RefType::org);
  complete_ref(o, "category", gradebook, "categories", or_::RefType::category);
  complete_ref(o, "gradingPeriod", rostering, "academicSessions", or_::RefType::academicSession);
  complete_ref(o, "academicSession", rostering, "academicSessions", or_::RefType::academicSession);
  return o;
}

json::object client_result_record(const rows::ClientResult& r, const std::string& class_id) {
  auto o = stored_record(r.record);
  o["sourcedId"] = r.sourced_id;
  o["status"] = r.active ? "active" : "tobedeleted";
  o["dateLastModified"] = r.modified_at;
  if (!o.contains("class") && !class_id.empty()) o["class"] = json::object{{"sourcedId", class_id}};
  complete_ref(o, "lineItem", gradebook, "lineItems", or_::RefType::lineItem);
  complete_ref(o, "student", rostering, "users", or_::RefType::user);
  complete_ref(o, "class", rostering, "classes", or_::RefType::class_);
  return o;
}

void oneroster_put_line_item(Context& ctx, const ApiClient& client, std::string sourced_id, json::object body,
                             Reply<OneRosterWritten> reply) {
  auto in = read_line_item(ctx, body, sourced_id);
  if (!in) return reply(in.error());
  submit<OneRosterWritten>(ctx, [&ctx, client, id = std::move(sourced_id), in = std::move(*in)](WriteContext& w) -> Result<OneRosterWritten> {
    auto taught = store::taught_class_subject(w.db, in.class_uuid, in.subject_uuid);
    if (!taught) return taught.error();
    if (!*taught)
      return invalid_data("class.sourcedId", "no class has the sourcedId '" + class_id(in.class_uuid, in.subject_uuid) +
                                                 "'; GET " + std::string(rostering) + "classes lists them");
    auto org = store::school_org(w.db);
    if (!org) return org.error();
    if (in.school && *in.school != org->sourced_id)
      return invalid_data("school.sourcedId", "this box serves one school, '" + org->sourced_id + "', not '" + *in.school + "'");
    auto existing = store::find_client_line_item(w.db, id);
    if (!existing) return existing.error();
    if (*existing && (*existing)->client_id != client.id) return not_yours("line item", id, (*existing)->client_name);
    // Its results are the pupils of its class: another class would put their marks in a journal they are not in.
    if (*existing && (*existing)->active &&
        ((*existing)->class_id != (*taught)->class_id || (*existing)->subject_id != (*taught)->subject_id)) {
      auto results = store::client_results(w.db, (*existing)->id);
      if (!results) return results.error();
      if (!results->empty())
        return invalid_data("class.sourcedId", "the line item '" + id + "' has results for the pupils of its class '" +
                                                   class_id((*existing)->class_uuid, (*existing)->subject_uuid) +
                                                   "'; DELETE them (or the line item) before moving it to another class");
    }
    rows::ClientLineItem item;
    item.sourced_id = id;
    item.client_id = client.id;
    item.client_name = client.name;
    item.class_id = (*taught)->class_id;
    item.subject_id = (*taught)->subject_id;
    item.class_uuid = in.class_uuid;
    item.subject_uuid = in.subject_uuid;
    item.work_type_id = in.work_type_id;
    item.due_date = in.due_date;
    item.result_min = in.min;
    item.result_max = in.max;
    item.title = in.title;
    item.record = json::serialize(in.record);
    item.modified_at = w.now_text;
    auto saved = store::save_client_line_item(w.db, item);
    if (!saved) return saved.error();
    item.id = *saved;
    const bool replaces = *existing && (*existing)->active;
    w.audit(client.user_id, "oneroster_line_item", id, write_action(replaces), *existing ? (*existing)->record : "{}",
            item.record);
    // Its results follow a changed day, scale or category.
    if (*existing)
      if (auto s = reapply_results(ctx, w, client, item, false); !s) return s.error();
    return OneRosterWritten{client_line_item_record(item, org->sourced_id), !replaces};
  }, std::move(reply));
}

void oneroster_put_result(Context& ctx, const ApiClient& client, std::string sourced_id, json::object body,
                          Reply<OneRosterWritten> reply) {
  auto in = read_result(body, sourced_id);
  if (!in) return reply(in.error());
  submit<OneRosterWritten>(ctx, [&ctx, client, id = std::move(sourced_id), in = std::move(*in)](WriteContext& w) -> Result<OneRosterWritten> {
    auto item = store::find_client_line_item(w.db, in.line_item);
    if (!item) return item.error();
    if (!*item || !(*item)->active)
      return invalid_data("lineItem.sourcedId", "no line item has the sourcedId '" + in.line_item + "'; PUT " +
                                                    std::string(gradebook) + "lineItems/" + in.line_item + " first");
    if ((*item)->client_id != client.id) return not_yours("line item", in.line_item, (*item)->client_name);
    auto existing = store::find_client_result(w.db, id);
    if (!existing) return existing.error();
    if (*existing && (*existing)->client_id != client.id) {
      auto owner = store::find_client_line_item(w.db, (*existing)->line_item_sourced_id);
      if (!owner) return owner.error();
      return not_yours("result", id, *owner ? (*owner)->client_name : std::string("another client"));
    }
    auto pupil = pupil_for(w.db, in.student,
                           invalid_data("student.sourcedId", "no pupil has the sourcedId '" + in.student + "'; GET " +
                                                                 std::string(rostering) + "classes/" +
                                                                 class_id((*item)->class_uuid, (*item)->subject_uuid) +
                                                                 "/students lists the class's pupils"));
    if (!pupil) return pupil.error();
    if (pupil->class_id != (*item)->class_id)
      return invalid_data("student.sourcedId", pupil->name + " (" + in.student + ") is not in the class of the line item '" +
                                                   in.line_item + "'");
    auto left = store::pupil_has_left(w.db, pupil->id);
    if (!left) return left.error();
    if (*left) return invalid_data("student.sourcedId", pupil->name + " (" + in.student + ") has left the school");
    rows::ClientResult r = *existing ? **existing : rows::ClientResult{};
    const auto before = *existing ? (*existing)->record : std::string("{}");
    const bool replaces = *existing && (*existing)->active;
    // A result moved to another pupil leaves the first pupil's mark behind: delete it first.
    if (*existing && (*existing)->student_id != pupil->id) {
      r.active = false;
      auto old_item = store::find_client_line_item(w.db, (*existing)->line_item_sourced_id);
      if (!old_item) return old_item.error();
      if (*old_item)
        if (auto s = reconcile(ctx, w, client, **old_item, r, std::nullopt); !s) return s.error();
      r.mark_id.reset();
      r.mark_value.reset();
    }
    r.sourced_id = id;
    r.client_id = client.id;
    r.line_item_id = (*item)->id;
    r.line_item_sourced_id = (*item)->sourced_id;
    r.student_id = pupil->id;
    r.student_uuid = pupil->uuid;
    r.score_status = in.score_status;
    r.score = in.score;
    r.record = json::serialize(in.record);
    r.active = true;
    r.modified_at = w.now_text;
    if (auto s = reconcile(ctx, w, client, **item, r, in.comment); !s) return s.error();
    auto saved = store::save_client_result(w.db, r);
    if (!saved) return saved.error();
    r.id = *saved;
    w.audit(client.user_id, "oneroster_result", id, write_action(replaces), before, r.record);
    return OneRosterWritten{client_result_record(r, class_id((*item)->class_uuid, (*item)->subject_uuid)),
                            !replaces};
  }, std::move(reply));
}

void oneroster_delete_line_item(Context& ctx, const ApiClient& client, std::string sourced_id, Reply<Ok> reply) {
  submit<Ok>(ctx, [&ctx, client, id = std::move(sourced_id)](WriteContext& w) -> Result<Ok> {
    auto item = store::find_client_line_item(w.db, id);
    if (!item) return item.error();
    if (!*item || !(*item)->active) return unknown_object("line item", id, "…/lineItems");
    if ((*item)->client_id != client.id) return not_yours("line item", id, (*item)->client_name);
    auto gone = **item;
    gone.active = false;
    gone.modified_at = w.now_text;
    if (auto s = reapply_results(ctx, w, client, gone, true); !s) return s.error();
    if (auto saved = store::save_client_line_item(w.db, gone); !saved) return saved.error();
    w.audit(client.user_id, "oneroster_line_item", id, "delete", (*item)->record, "{}");
    return Ok{};
  }, std::move(reply));
}

void oneroster_delete_result(Context& ctx, const ApiClient& client, std::string sourced_id, Reply<Ok> reply) {
  submit<Ok>(ctx, [&ctx, client, id = std::move(sourced_id)](WriteContext& w) -> Result<Ok> {
    auto found = store::find_client_result(w.db, id);
    if (!found) return found.error();
    if (!*found || !(*found)->active) return unknown_object("result", id, "…/results");
    auto item = store::find_client_line_item(w.db, (*found)->line_item_sourced_id);
    if (!item) return item.error();
    if (!*item) return make_error(Errc::internal, "store.inconsistent", "the result's line item is missing");
    if ((*found)->client_id != client.id) return not_yours("result", id, (*item)->client_name);
    auto r = **found;
    r.active = false;
    r.modified_at = w.now_text;
    if (auto s = reconcile(ctx, w, client, **item, r, std::nullopt); !s) return s.error();
    if (auto saved = store::save_client_result(w.db, r); !saved) return saved.error();
    w.audit(client.user_id, "oneroster_result", id, "delete", (*found)->record, "{}");
    return Ok{};
  }, std::move(reply));
}

}  // namespace classbook::app
