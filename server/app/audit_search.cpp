// audit_search: the filters resolved to the store's ids, one page searched, then each entry's object
// read and its before/after put in words.
#include "app/audit_search.hpp"

#include <boost/json.hpp>

#include "app/found.hpp"
#include "app/school_days.hpp"
#include "classbook/common/crypto.hpp"
#include "store/audit_search.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace json = boost::json;
namespace {

json::object parsed(const std::string& text) {
  json::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return v.as_object();
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_null()) return "";
  return json::serialize(*v);
}

// Attendance in the paper journal's letters ("н", "уп", "б", "оп10"); present as "был".
std::string presence_words(const json::object& o) {
  const auto p = text_of(o, "presence");
  if (p.empty()) return "";
  if (p == "present") return "был";
  if (p == "absent_unexcused") return "н";
  if (p == "absent_excused") return "уп";
  if (p == "absent_illness") return "б";
  if (p == "late") return "оп" + text_of(o, "late_minutes");
  return p;
}

const char* kind_words(const std::string& entity) {
  if (entity == "mark") return "оценка";
  if (entity == "attendance") return "посещаемость";
  if (entity == "term_grade") return "итоговая оценка";
  if (entity == "lesson_content") return "тема и задание урока";
  if (entity == "dot") return "точка (долг)";
  if (entity == "behaviour_note") return "заметка о поведении";
  return nullptr;
}

// From what to what, and why, by kind; the stored JSON is what the use cases wrote (app/writes,
// app/grading): a mark's update keeps the new mark under "mark" beside the "reason".
void put_values(AuditEntryView& e) {
  const auto before = parsed(e.before), after = parsed(e.after);
  if (e.entity == "mark") {
    e.from = text_of(before, "value");
    if (e.action == "update") {
      const auto* m = after.if_contains("mark");
      e.to = m && m->is_object() ? text_of(m->as_object(), "value") : "";
    } else if (e.action != "delete") {
      e.to = text_of(after, "value");
    }
    e.reason = text_of(after, "reason");
  } else if (e.entity == "attendance") {
    e.from = presence_words(before);
    e.to = presence_words(after);
    if (e.from.empty() && e.action == "create") e.from = "был";  // a pupil is present until marked otherwise
  } else if (e.entity == "term_grade") {
    e.from = text_of(before, "grade");
    e.to = text_of(after, "grade");
  } else if (e.entity == "dot") {
    e.from = text_of(before, "state");
    e.to = text_of(after, "state");
  }
}

void put_summary(AuditEntryView& e) {
  const char* kind = kind_words(e.entity);
  std::string s = e.actor + (e.actor_role.empty() ? "" : " (" + e.actor_role + ")") + ": ";
  s += kind ? kind : e.entity.c_str();
  std::string what;
  for (const auto& part : {e.student, e.class_name, e.subject})
    if (!part.empty()) what += (what.empty() ? "" : ", ") + part;
  if (!e.lesson_date.empty()) what += (what.empty() ? "" : ", ") + std::string("урок ") + e.lesson_date;
  if (e.term) what += (what.empty() ? "" : ", ") + std::string("период ") + std::to_string(e.term);
  if (!what.empty()) s += " — " + what;
  if (!e.from.empty() || !e.to.empty())
    s += ": " + (e.from.empty() ? std::string("—") : e.from) + " → " + (e.to.empty() ? std::string("—") : e.to);
  if (e.action == "delete") s += " (удалена)";
  if (!e.reason.empty()) s += "; причина: " + e.reason;
  e.summary = std::move(s);
}

Error bad_id(const char* field) {
  return make_error(Errc::invalid_input, "request.id_malformed", std::string(field) + " must be an id (a UUID)", field);
}

}  // namespace

Result<AuditSearchResult> search_audit_trail(Context& ctx, const domain::Actor& actor, const AuditQuery& in) {
  if (auto d = domain::decide(actor, domain::Action::read_all, {}); !d)
    return make_error(Errc::forbidden, "audit.not_allowed", d.reason);
  for (auto [field, value] : {std::pair{"student_id", &in.student_id}, {"class_id", &in.class_id},
                              {"subject_id", &in.subject_id}, {"teacher_id", &in.teacher_id}})
    if (!value->empty() && !is_uuid(*value)) return bad_id(field);
  if (!in.teacher_id.empty() && !in.user.empty())
    return make_error(Errc::invalid_input, "audit.filter_conflict", "name who changed it by teacher_id or by user, not both", "user");
  auto db = ctx.readers.acquire();
  store::AuditFilter f;
  f.entity = in.entity;
  f.after = in.after;
  f.limit = static_cast<long long>(max_audit_page);
  // Each filter's id, or the answer that it names nothing.
  const auto id_of = [&](store::Table t, const std::string& uuid, Error missing, store::Id& out) -> Status {
    if (uuid.empty()) return ok_status();
    auto id = id_for(*db, t, uuid, std::move(missing));
    if (!id) return id.error();
    out = *id;
    return ok_status();
  };
  if (auto s = id_of(store::Table::students, in.student_id,
                     make_error(Errc::not_found, "pupil.not_found", "no such pupil; check student_id", "student_id"), f.student_id);
      !s)
    return s.error();
  if (auto s = id_of(store::Table::classes, in.class_id,
                     make_error(Errc::not_found, "class.not_found", "no such class; check class_id", "class_id"), f.class_id);
      !s)
    return s.error();
  if (auto s = id_of(store::Table::subjects, in.subject_id,
                     make_error(Errc::not_found, "subject.not_found", "no such subject; check subject_id", "subject_id"), f.subject_id);
      !s)
    return s.error();
  if (!in.teacher_id.empty()) {
    auto user = store::account_of_teacher(*db, in.teacher_id);
    if (!user) return user.error();
    if (!*user) return make_error(Errc::not_found, "teacher.not_found", "no teacher with an account has this id", "teacher_id");
    f.actor_user = **user;
  }
  if (!in.user.empty()) {
    auto user = store::account_by_login(*db, in.user);
    if (!user) return user.error();
    if (!*user) return make_error(Errc::not_found, "user.not_found", "no account has this login", "user");
    f.actor_user = **user;
  }
  if (!in.from.empty() || !in.to.empty()) {
    // Open ends reach the trail's ends; a bounded end is checked as any report's dates are.
    auto days = parse_school_days(in.from.empty() ? "2000-01-01" : in.from, in.to.empty() ? "2999-12-31" : in.to,
                                  local_date(ctx, ctx.clock.now()), 366 * 1000);
    if (!days) return days.error();
    const auto bounds = utc_bounds(ctx, *days);
    if (!in.from.empty()) f.at_from = bounds.first;
    if (!in.to.empty()) f.at_to = bounds.last;
  }
  auto page = store::search_audit(*db, f);
  if (!page) return page.error();

  AuditSearchResult out;
  for (auto& r : page->entries) {
    AuditEntryView e;
    e.seq = r.seq;
    e.at = std::move(r.at);
    e.entity = std::move(r.entity);
    e.id = std::move(r.uuid);
    e.action = std::move(r.action);
    e.before = std::move(r.before);
    e.after = std::move(r.after);
    e.actor = std::move(r.actor_name);
    e.actor_role = std::move(r.actor_role);
    e.actor_id = std::move(r.actor_uuid);
    auto object = store::audit_object(*db, e.entity, e.id);
    if (!object) return object.error();
    e.student_id = object->student_uuid;
    e.student = object->student_name;
    e.class_name = object->class_name;
    e.subject = object->subject_name;
    e.lesson_date = object->lesson_date;
    e.lesson_period = object->lesson_period;
    e.term = object->term;
    put_values(e);
    put_summary(e);
    out.entries.push_back(std::move(e));
  }
  if (out.entries.size() == max_audit_page) out.next_after = out.entries.back().seq;
  else if (page->scanned_to) out.next_after = page->scanned_to;
  return out;
}

}  // namespace classbook::app
