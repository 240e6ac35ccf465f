// routes_journal: the pupil's diary and grades, the class journal, marks (with their history),
// lessons' topic, homework and attendance.
#include <algorithm>

#include "app/grading.hpp"
#include "app/history.hpp"
#include "app/reads.hpp"
#include "app/substitute_lessons.hpp"
#include "app/writes.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

void get_diary(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::get_diary(env.ctx, actor, c.param("id"), c.query["week"]);
  return r ? c.reply(make_response(status::ok, c.req.version(), diary_json(*r))) : c.fail(r.error());
}

void get_grades(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::get_grades(env.ctx, actor, c.param("id"), c.query["term"]);
  answer(c, r);
}

void get_journal(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::get_journal(env.ctx, actor, c.param("id"), c.query["subject"], c.query["term"]);
  answer(c, r);
}

void post_mark(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"student_id", "lesson_id", "value", "work_type", "comment", "id"});
  if (!f) return c.fail(f.error());
  app::NewMark in;
  auto id = f->optional_string("id");
  if (!id) return c.fail(id.error());
  in.id = id->value_or("");
  auto sid = f->string("student_id");
  if (!sid) return c.fail(sid.error());
  auto lid = f->string("lesson_id");
  if (!lid) return c.fail(lid.error());
  auto value = f->integer("value");
  if (!value) return c.fail(value.error());
  auto wt = f->string("work_type");
  if (!wt) return c.fail(wt.error());
  auto comment = f->optional_string("comment");
  if (!comment) return c.fail(comment.error());
  if (*value < -1000 || *value > 1000) return c.fail(make_error(Errc::invalid_input, "mark.value_out_of_scale", "value is off the school's scale", "value"));
  in.student_id = *sid;
  in.lesson_id = *lid;
  in.value = static_cast<int>(*value);
  in.work_type = *wt;
  in.comment = comment->value_or("");
  return app::put_mark(env.ctx, actor, std::move(in), c.then<app::SavedMark>(cp, [](Call& c, const app::SavedMark& s) {
    c.json_reply(s.created ? status::created : status::ok, json_out(s.mark));
  }));
}

void patch_mark(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"value", "work_type", "comment", "reason"});
  if (!f) return c.fail(f.error());
  app::MarkChange in;
  in.mark_id = c.param("id");
  auto value = f->optional_integer("value");
  if (!value) return c.fail(value.error());
  if (*value && (**value < -1000 || **value > 1000))
    return c.fail(make_error(Errc::invalid_input, "mark.value_out_of_scale", "value is off the school's scale", "value"));
  if (*value) in.value = static_cast<int>(**value);
  auto wt = f->optional_string("work_type");
  if (!wt) return c.fail(wt.error());
  in.work_type = *wt;
  auto comment = f->optional_string("comment");
  if (!comment) return c.fail(comment.error());
  in.comment = *comment;
  auto reason = f->string("reason");
  if (!reason) return c.fail(reason.error());
  in.reason = *reason;
  return app::edit_mark(env.ctx, actor, std::move(in), c.then<app::MarkView>(cp, reply_with(status::ok)));
}

void delete_mark(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  // The reason may come as a JSON body or, for clients that send no body with DELETE, as ?reason=.
  std::string reason = c.query["reason"];
  if (!c.req.body().empty()) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"reason"});
    if (!f) return c.fail(f.error());
    auto r = f->string("reason");
    if (!r) return c.fail(r.error());
    reason = *r;
  }
  return app::remove_mark(env.ctx, actor, c.param("id"), reason, c.then<Ok>(cp, reply_no_content));
}

void put_attendance(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"students"});
  if (!f) return c.fail(f.error());
  const auto* list = f->find("students");
  if (!list || !list->is_array())
    return c.fail(make_error(Errc::invalid_input, "attendance.list_malformed", "'students' must be a list of {student_id, status, late_minutes}", "students"));
  constexpr std::size_t max_pupils_per_lesson = 60;
  if (list->as_array().size() > max_pupils_per_lesson)
    return c.fail(make_error(Errc::invalid_input, "attendance.too_many_pupils", "at most 60 pupils per lesson", "students"));
  std::vector<app::AttendanceEntry> entries;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "attendance.list_malformed", "each entry of 'students' must be an object", "students"));
    auto e = Fields::of(item.as_object(), {"student_id", "status", "late_minutes"});
    if (!e) return c.fail(e.error());
    auto sid = e->string("student_id");
    if (!sid) return c.fail(sid.error());
    auto st = e->string("status");
    if (!st) return c.fail(st.error());
    auto presence = domain::parse_presence(*st);
    if (!presence)
      return c.fail(make_error(Errc::invalid_input, "attendance.status_unknown",
                               "status must be one of: present, absent_illness, absent_excused, absent_unexcused, late", "status"));
    auto late = e->optional_integer("late_minutes");
    if (!late) return c.fail(late.error());
    if (*late && (**late < 0 || **late > 1000))
      return c.fail(make_error(Errc::invalid_input, "attendance.late_minutes_invalid", "late_minutes must be between 1 and 45", "late_minutes"));
    entries.push_back({*sid, *presence, static_cast<int>(late->value_or(0))});
  }
  return app::put_attendance(env.ctx, actor, c.param("id"), std::move(entries), c.then<Ok>(cp, reply_no_content));
}

void put_lesson(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"topic", "homework"});
  if (!f) return c.fail(f.error());
  app::LessonChange in;
  auto topic = f->optional_string("topic");
  if (!topic) return c.fail(topic.error());
  in.topic = *topic;
  if (const auto* hw = f->find("homework"); hw && !hw->is_null()) {
    if (!hw->is_array()) return c.fail(make_error(Errc::invalid_input, "homework.list_malformed", "'homework' must be a list", "homework"));
    in.homework.emplace();
    for (const auto& item : hw->as_array()) {
      if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "homework.list_malformed", "each homework item must be an object", "homework"));
      auto h = Fields::of(item.as_object(), {"id", "text", "mandatory", "due_date"});
      if (!h) return c.fail(h.error());
      app::HomeworkInput hi;
      auto id = h->optional_string("id");
      if (!id) return c.fail(id.error());
      auto text = h->string("text");
      if (!text) return c.fail(text.error());
      auto mandatory = h->optional_boolean("mandatory");
      if (!mandatory) return c.fail(mandatory.error());
      auto due = h->string("due_date");
      if (!due) return c.fail(due.error());
      hi.id = id->value_or("");
      hi.text = *text;
      hi.mandatory = mandatory->value_or(true);
      hi.due_date = *due;
      in.homework->push_back(std::move(hi));
    }
  }
  return app::update_lesson(env.ctx, actor, c.param("id"), std::move(in), c.then<Ok>(cp, reply_no_content));
}

void get_mark_history(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::mark_history(env.ctx, actor, c.param("id"));
  if (!r) return c.fail(r.error());
  json::array entries;
  for (const auto& e : r->entries)
    entries.push_back(json::object{{"value", e.value}, {"work_type", e.work_type}, {"comment", e.comment},
                                   {"replaced_by", e.replaced_by}, {"replaced_at", e.replaced_at},
                                   {"reason", e.reason}, {"op", e.op}});
  json::object out{{"mark_id", r->mark_id}, {"history", std::move(entries)},
                   {"current_value", r->current_value ? json::value(*r->current_value) : nullptr}};
  if (!r->deleted_at.empty()) out["deleted"] = json::object{{"at", r->deleted_at}, {"reason", r->deleted_reason}};
  return c.json_reply(status::ok, out);
}

// journal grid (branch grid): a substitute's lessons and one lesson's sheet.
void get_substitute_lessons(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::substitute_lessons(env.ctx, c.session->actor, c.query["term"]);
  if (!r) return c.fail(r.error());
  json::array lessons;
  for (const auto& l : *r)
    lessons.push_back(json::object{{"id", l.lesson_id}, {"date", l.date}, {"period", l.period}, {"class_id", l.class_id},
                                   {"class", l.class_name}, {"subject_id", l.subject_id}, {"subject", l.subject},
                                   {"topic", l.topic}, {"writable", l.writable}});
  return c.json_reply(status::ok, json::object{{"lessons", std::move(lessons)}});
}

void get_lesson_journal(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::lesson_journal(env.ctx, c.session->actor, c.param("id"));
  answer(c, r);
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// Reads of a pupil: the pupil, the guardians, the pupil's teachers and class teacher; the director any.
constexpr Access reads_pupil = signed_in({{student, own}, {guardian, own}, {teacher, own}, {class_teacher, own}, {director, any}});
// The journal of the classes and subjects taught (or a lesson given as a substitute).
constexpr Access writes_journal = signed_in({{teacher, own}, {class_teacher, own}});

const Route rows[] = {
    {V::get, "/api/v1/students/{id}/diary", get_diary, reads_pupil},
    {V::get, "/api/v1/students/{id}/grades", get_grades, reads_pupil},
    {V::get, "/api/v1/classes/{id}/journal", get_journal, signed_in({{teacher, own}, {class_teacher, own}, {director, any}})},
    {V::post, "/api/v1/marks", post_mark, writes_journal},
    {V::patch, "/api/v1/marks/{id}", patch_mark, writes_journal},
    {V::delete_, "/api/v1/marks/{id}", delete_mark, writes_journal},
    {V::get, "/api/v1/marks/{id}/history", get_mark_history, reads_pupil},
    {V::put, "/api/v1/lessons/{id}/attendance", put_attendance, writes_journal},
    {V::put, "/api/v1/lessons/{id}", put_lesson, writes_journal},
    // journal grid (branch grid)
    {V::get, "/api/v1/me/substitute-lessons", get_substitute_lessons, writes_journal},
    {V::get, "/api/v1/lessons/{id}/journal", get_lesson_journal, signed_in({{teacher, own}, {class_teacher, own}, {director, any}})},
};

}  // namespace

std::span<const Route> journal_routes() { return rows; }

}  // namespace classbook::http
