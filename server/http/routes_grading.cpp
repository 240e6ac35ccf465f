// routes_grading: what follows the journal — guardians' absence notices and weekly signatures,
// term grades, owed work (dots), the class teacher's day overview, notices and card anomalies (the
// audit trail is routes_reports').
#include "app/class_anomalies.hpp"
#include "app/class_overview.hpp"
#include "app/grading.hpp"
#include "app/writes.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

void post_absence_notice(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"from", "to", "reason", "comment"});
  if (!f) return c.fail(f.error());
  app::NoticeInput in;
  in.student_id = c.param("id");
  for (auto [name, dest] : {std::pair{"from", &in.from}, {"to", &in.to}, {"reason", &in.reason}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto comment = f->optional_string("comment");
  if (!comment) return c.fail(comment.error());
  in.comment = comment->value_or("");
  return app::add_absence_notice(env.ctx, actor, std::move(in), c.then<app::NoticeResult>(cp, [](Call& c, app::NoticeResult r) {
    c.json_reply(status::created, json::object{{"id", r.id}, {"excused_lessons", r.excused_lessons}});
  }));
}

void put_acknowledgement(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  return app::acknowledge_week(env.ctx, actor, c.param("id"), c.param("week"), c.then<app::AckResult>(cp, [](Call& c, app::AckResult r) {
    c.json_reply(status::ok, json::object{{"week", r.week}, {"content_hash", r.content_hash}, {"at", r.at}});
  }));
}

void put_term_grade(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"student_id", "subject_id", "term", "grade"});
  if (!f) return c.fail(f.error());
  app::TermGradeInput in;
  auto sid = f->string("student_id");
  if (!sid) return c.fail(sid.error());
  auto sub = f->string("subject_id");
  if (!sub) return c.fail(sub.error());
  auto term = f->integer("term");
  if (!term) return c.fail(term.error());
  auto grade = f->integer("grade");
  if (!grade) return c.fail(grade.error());
  if (*term < 1 || *term > 4) return c.fail(make_error(Errc::invalid_input, "term.not_in_year", "term must be a term of this school's year", "term"));
  if (*grade < -1000 || *grade > 1000) return c.fail(make_error(Errc::invalid_input, "term_grade.out_of_scale", "grade is off the school's scale", "grade"));
  in.student_id = *sid;
  in.subject_id = *sub;
  in.term = static_cast<int>(*term);
  in.grade = static_cast<int>(*grade);
  return app::set_term_grade(env.ctx, actor, std::move(in), c.then<app::TermGradeResult>(cp, [](Call& c, app::TermGradeResult r) {
    c.json_reply(status::ok, json::object{{"grade", r.grade}, {"proposed", r.proposed ? json::value(*r.proposed) : nullptr},
                                          {"overridden", r.overridden}});
  }));
}

void post_dot(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"student_id", "lesson_id", "expires_on"});
  if (!f) return c.fail(f.error());
  app::DotInput in;
  for (auto [name, dest] : {std::pair{"student_id", &in.student_id}, {"lesson_id", &in.lesson_id}, {"expires_on", &in.expires_on}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  return app::put_dot(env.ctx, actor, std::move(in), c.then<app::DotResult>(cp, [](Call& c, app::DotResult r) {
    c.json_reply(status::created, json::object{{"id", r.id}, {"expires_on", r.expires_on}, {"state", r.state}});
  }));
}

void delete_dot(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  return app::cancel_dot(env.ctx, actor, c.param("id"), c.then<Ok>(cp, reply_no_content));
}

void get_class_attendance(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::class_day(env.ctx, actor, c.param("id"), c.query["date"]);
  if (!r) return c.fail(r.error());
  json::array lessons, students;
  for (const auto& l : r->lessons)
    lessons.push_back(json::object{{"id", l.id}, {"period", l.period}, {"subject", l.subject}, {"starts", l.starts}, {"ends", l.ends}});
  for (const auto& row : r->students) {
    json::array taps, cells;
    for (const auto& [at, dir] : row.taps) taps.push_back(json::object{{"at", at}, {"direction", dir}});
    for (const auto& cell : row.lessons)
      cells.push_back(json::object{{"lesson_id", cell.lesson_id}, {"status", domain::to_string(cell.presence)},
                                   {"recorded", cell.recorded}, {"in_building", cell.in_building}, {"disagrees", cell.disagrees}});
    students.push_back(json::object{{"student", to_json(row.student)}, {"taps", std::move(taps)}, {"lessons", std::move(cells)}});
  }
  return c.json_reply(status::ok, json::object{{"class", r->class_name}, {"date", r->date}, {"lessons", std::move(lessons)},
                                               {"students", std::move(students)}, {"disagreements", r->disagreements}});
}

void get_class_notices(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  auto r = app::class_notices(env.ctx, actor, c.param("id"), c.query["from"], c.query["to"]);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& n : *r)
    list.push_back(json::object{{"id", n.id}, {"student_id", n.student_id}, {"student", n.student}, {"from", n.from},
                                {"to", n.to}, {"reason", n.reason}, {"comment", n.comment}, {"created_at", n.created_at}});
  return c.json_reply(status::ok, json::object{{"notices", std::move(list)}});
}

void get_class_card_anomalies(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::class_card_anomalies(env.ctx, c.session->actor, c.param("id"), c.query["from"], c.query["to"]);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& a : r->anomalies)
    list.push_back(json::object{{"id", a.id}, {"at", a.at}, {"date", a.date}, {"time", a.time}, {"kind", a.kind},
                                {"student", json::object{{"id", a.student_id}, {"name", a.student}}}, {"kiosk", a.kiosk},
                                {"message", a.message}});
  return c.json_reply(status::ok, json::object{{"class", r->class_name}, {"from", r->from}, {"to", r->to},
                                               {"anomalies", std::move(list)}, {"truncated", r->truncated}});
}

using enum Audience;
using enum Reach;
using V = bh::verb;

constexpr Access guardian_of_pupil = signed_in({{guardian, own}});
constexpr Access writes_journal = signed_in({{teacher, own}, {class_teacher, own}});
constexpr Access class_overview = signed_in({{class_teacher, own}, {director, any}});

const Route rows[] = {
    {V::post, "/api/v1/students/{id}/absence-notices", post_absence_notice, guardian_of_pupil},
    {V::put, "/api/v1/students/{id}/weeks/{week}/acknowledgement", put_acknowledgement, guardian_of_pupil},
    {V::put, "/api/v1/term-grades", put_term_grade, writes_journal},
    {V::post, "/api/v1/dots", post_dot, writes_journal},
    {V::delete_, "/api/v1/dots/{id}", delete_dot, writes_journal},
    {V::get, "/api/v1/classes/{id}/attendance", get_class_attendance, class_overview},
    {V::get, "/api/v1/classes/{id}/absence-notices", get_class_notices, class_overview},
    {V::get, "/api/v1/classes/{id}/card-anomalies", get_class_card_anomalies, class_overview},
};

}  // namespace

std::span<const Route> grading_routes() { return rows; }

}  // namespace classbook::http
