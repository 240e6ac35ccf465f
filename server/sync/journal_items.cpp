// journal_items: the outbox's payloads (app/writes.cpp, grading.cpp, taps.cpp, store/timetable_admin.cpp)
// read by their field names and written as OneRoster 1.2 objects and this extension's ones.
#include "sync/journal_items.hpp"

#include <boost/json.hpp>

namespace classbook::sync {
namespace json = boost::json;
namespace {

constexpr std::string_view rostering = "/ims/oneroster/rostering/v1p2/";
constexpr std::string_view gradebook = "/ims/oneroster/gradebook/v1p2/";

// A OneRoster GUIDRef: where the object is, its id and its type.
json::object ref(std::string_view service, std::string_view collection, std::string_view id, std::string_view type) {
  return {{"href", std::string(service) + std::string(collection) + "/" + std::string(id)}, {"sourcedId", id}, {"type", type}};
}

struct Payload {
  const json::object& o;
  std::string missing;  // the first field asked for and not found as text/number
  std::string text(std::string_view k) {
    if (auto* v = o.if_contains(k); v && v->is_string()) return std::string(v->as_string());
    if (missing.empty()) missing = std::string(k);
    return {};
  }
  std::optional<std::string> opt_text(std::string_view k) const {
    if (auto* v = o.if_contains(k); v && v->is_string()) return std::string(v->as_string());
    return std::nullopt;
  }
  json::value number(std::string_view k) {
    if (auto* v = o.if_contains(k); v && v->is_number()) return *v;
    if (missing.empty()) missing = std::string(k);
    return nullptr;
  }
};

json::object base(std::string_view id, std::string_view modified) {
  return {{"sourcedId", id}, {"status", "active"}, {"dateLastModified", modified}};
}

struct Mapped {
  std::string kind, id;
  std::optional<json::object> object;  // none for a delete
};

Result<std::optional<Mapped>> map_row(const store::OutboxRow& row, const json::object& o, std::string_view at) {
  Payload p{o, {}};
  const bool del = row.op == "delete";
  std::optional<Mapped> m;
  if (row.entity == "mark") {
    const auto id = del ? row.uuid : p.text("id");
    m = Mapped{"result", id, std::nullopt};
    if (!del) {
      const auto lesson = p.text("lesson"), work_type = p.text("work_type");
      auto obj = base(id, at);
      obj["lineItem"] = ref(gradebook, "lineItems", lesson + "~" + work_type, "lineItem");
      obj["student"] = ref(rostering, "users", p.text("student"), "user");
      obj["scoreStatus"] = "fully graded";
      // The payload's number as it is: a whole mark stays a JSON integer (docs/sync.md).
      obj["score"] = p.number("value");
      obj["scoreDate"] = std::string(at.substr(0, 10));
      obj["comment"] = p.opt_text("comment").value_or("");
      obj["metadata"] = json::object{{"classbook.workType", work_type}, {"classbook.weight", p.number("weight")},
                                     {"category", ref(gradebook, "categories", "wt-" + work_type, "category")}};
      m->object = std::move(obj);
    }
  } else if (row.entity == "attendance") {
    const auto lesson = p.text("lesson"), student = p.text("student");
    m = Mapped{"attendance", lesson + "~" + student, std::nullopt};
    auto obj = base(m->id, at);
    obj["lesson"] = json::object{{"sourcedId", lesson}, {"type", "lesson"}};
    obj["student"] = ref(rostering, "users", student, "user");
    obj["presence"] = p.text("presence");
    obj["lateMinutes"] = p.number("late_minutes");
    m->object = std::move(obj);
  } else if (row.entity == "lesson" && (del || o.contains("date"))) {
    m = Mapped{"lesson", row.uuid, std::nullopt};
    if (!del) {
      auto obj = base(row.uuid, at);
      obj["class"] = ref(rostering, "classes", p.text("class") + "~" + p.text("subject"), "class");
      obj["date"] = p.text("date");
      obj["period"] = p.number("period");
      obj["group"] = p.number("group");
      obj["teacher"] = ref(rostering, "users", p.text("teacher"), "user");
      obj["room"] = p.opt_text("room") ? json::value(*p.opt_text("room")) : json::value(nullptr);
      auto* c = o.if_contains("cancelled");
      obj["cancelled"] = c && c->is_bool() ? c->as_bool() : false;
      m->object = std::move(obj);
    }
  } else if (row.entity == "lesson") {
    // The lesson's content: its topic and its homework, which the box always replaces whole.
    m = Mapped{"homework", p.text("id"), std::nullopt};
    auto obj = base(m->id, at);
    obj["lesson"] = json::object{{"sourcedId", m->id}, {"type", "lesson"}};
    if (auto t = p.opt_text("topic")) obj["topic"] = *t;
    json::array assignments;
    if (auto* hw = o.if_contains("homework"); hw && hw->is_array())
      for (const auto& h : hw->as_array()) {
        if (!h.is_object()) continue;
        Payload hp{h.as_object(), {}};
        auto* mandatory = h.as_object().if_contains("mandatory");
        assignments.push_back({{"sourcedId", hp.text("id")}, {"description", hp.text("text")},
                               {"mandatory", mandatory && mandatory->is_bool() ? mandatory->as_bool() : true},
                               {"dueDate", hp.text("due_date")}});
        if (!hp.missing.empty() && p.missing.empty()) p.missing = "homework." + hp.missing;
      }
    obj["assignments"] = std::move(assignments);
    m->object = std::move(obj);
  } else if (row.entity == "term_grade") {
    m = Mapped{"termGrade", row.uuid, std::nullopt};
    auto obj = base(row.uuid, at);
    obj["student"] = ref(rostering, "users", p.text("student"), "user");
    obj["subject"] = ref(rostering, "subjects", p.text("subject"), "subject");
    obj["term"] = p.number("term");
    obj["grade"] = p.number("grade");
    auto* proposed = o.if_contains("proposed");
    obj["proposedGrade"] = proposed && proposed->is_number() ? *proposed : json::value(nullptr);
    m->object = std::move(obj);
  } else if (row.entity == "tap") {
    m = Mapped{"tap", p.text("tap_id"), std::nullopt};
    auto obj = base(m->id, at);
    obj["student"] = ref(rostering, "users", p.text("student"), "user");
    obj["direction"] = p.text("direction");
    obj["tappedAt"] = p.text("at");
    obj["reader"] = p.opt_text("reader").value_or("");
    m->object = std::move(obj);
  } else if (row.entity == "absence_notice") {
    m = Mapped{"absenceNotice", row.uuid, std::nullopt};
    auto obj = base(row.uuid, at);
    obj["student"] = ref(rostering, "users", p.text("student"), "user");
    obj["startDate"] = p.text("from");
    obj["endDate"] = p.text("to");
    obj["reason"] = p.text("reason");
    obj["comment"] = p.opt_text("comment").value_or("");
    m->object = std::move(obj);
  } else if (row.entity == "acknowledgement") {
    // The outbox keys it by the pupil's row id inside the box; the portal gets the pupil's uuid.
    const auto student = p.text("student"), week = p.text("week");
    m = Mapped{"acknowledgement", student + "~" + week, std::nullopt};
    auto obj = base(m->id, at);
    obj["student"] = ref(rostering, "users", student, "user");
    obj["week"] = week;
    obj["contentHash"] = p.text("content_hash");
    obj["acknowledgedAt"] = p.text("at");
    m->object = std::move(obj);
  } else if (row.entity == "portal_link") {
    // A portal object the box already had (docs/sync.md § Roster in): the portal learns the box's id
    // for it, keyed by its own sourcedId.
    const auto sid = p.text("sourcedId"), entity = p.text("entity");
    m = Mapped{"link", sid, std::nullopt};
    auto obj = base(sid, at);
    obj["boxSourcedId"] = p.text("uuid");
    obj["object"] = entity == "class"     ? ref(rostering, "classes", sid, "class")
                    : entity == "subject" ? ref(rostering, "courses", sid, "course")  // a subject is linked to a course
                                          : ref(rostering, "users", sid, "user");
    obj["boxEntity"] = entity;
    m->object = std::move(obj);
  } else {
    return std::optional<Mapped>{};
  }
  if (!p.missing.empty() || m->id.empty())
    return make_error(Errc::invalid_input, "sync.item_unmappable",
                      "outbox row " + std::to_string(row.seq) + " (" + row.entity + ") has no '" +
                          (p.missing.empty() ? std::string("id") : p.missing) + "'; it is not sent");
  return m;
}

}  // namespace

Result<std::optional<BatchItem>> journal_item(const store::OutboxRow& row, std::string_view fallback_time) {
  if (row.op != "upsert" && row.op != "create" && row.op != "delete")
    return make_error(Errc::invalid_input, "sync.item_unmappable",
                      "outbox row " + std::to_string(row.seq) + " has the unknown op '" + row.op + "'; it is not sent");
  boost::system::error_code ec;
  auto parsed = json::parse(row.payload, ec);
  if (ec || !parsed.is_object())
    return make_error(Errc::invalid_input, "sync.item_unmappable",
                      "outbox row " + std::to_string(row.seq) + " (" + row.entity + ") holds no JSON object; it is not sent");
  const std::string_view at = row.created_at.empty() ? fallback_time : std::string_view(row.created_at);
  auto mapped = map_row(row, parsed.as_object(), at);
  if (!mapped) return mapped.error();
  if (!*mapped) return std::optional<BatchItem>{};
  auto& m = **mapped;
  BatchItem item{row.seq, m.kind, row.op == "delete" ? "delete" : "upsert", m.id, {}};
  json::object out{{"seq", row.seq}, {"kind", item.kind}, {"op", item.op}, {"sourcedId", item.sourced_id}};
  if (m.object && item.op != "delete") out["object"] = std::move(*m.object);
  item.json = json::serialize(out);
  return std::optional<BatchItem>{std::move(item)};
}

}  // namespace classbook::sync
