// routes_web: the reads the web app needs beyond the diary — the school's settings, a pupil's
// homework over dates, a guardian's own absence notices, a class's averages — with their JSON.
#include <cmath>

#include "app/class_averages.hpp"
#include "app/homework.hpp"
#include "app/my_notices.hpp"
#include "app/school.hpp"
#include "domain/calendar.hpp"
#include "http/json_school.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value json_of(const app::SchoolView& s) { return school_json(s); }

json::value json_of(const app::HomeworkListView& h) {
  json::array items;
  for (const auto& x : h.items)
    items.push_back(json::object{{"id", x.item.uuid},
                                 {"lesson_date", x.lesson_date},
                                 {"subject", json::object{{"id", x.subject_uuid}, {"name", x.subject}}},
                                 {"text", x.item.text},
                                 {"mandatory", x.item.mandatory},
                                 {"due_date", x.item.due_date},
                                 {"created_at", x.item.created_at},
                                 {"revised_at", x.item.revised_at}});
  return json::object{{"student", to_json(h.student)}, {"from", h.from}, {"to", h.to}, {"homework", std::move(items)}};
}

json::value json_of(const app::NoticeView& n) {
  return json::object{{"id", n.id},         {"student_id", n.student_id}, {"student", n.student},
                      {"from", n.from},     {"to", n.to},                 {"reason", n.reason},
                      {"comment", n.comment}, {"created_at", n.created_at}};
}

json::value json_of(const app::ClassAveragesView& a) {
  json::array subjects;
  for (const auto& x : a.subjects)
    subjects.push_back(json::object{{"subject", json::object{{"id", x.subject_id}, {"name", x.subject}}},
                                    {"average", x.average ? json::value(std::round(*x.average * 100.0) / 100.0) : nullptr},
                                    {"pupils_with_marks", x.pupils_with_marks}});
  return json::object{{"class", json::object{{"id", a.class_id}, {"name", a.class_name}}}, {"term", a.term},
                      {"from", a.from}, {"to", a.to}, {"subjects", std::move(subjects)}};
}

constexpr auto as_json = [](const auto& v) { return json_of(v); };

void get_school(Env& env, const CallPtr& cp) { answer(*cp, app::about_school(env.ctx), as_json); }

void get_homework(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const app::HomeworkQuery q{c.param("id"), c.query["from"], c.query["to"], c.query["subject"], c.query["mandatory"]};
  answer(c, app::pupil_homework(env.ctx, c.session->actor, q), as_json);
}

void get_my_notices(Env& env, const CallPtr& cp) {
  answer_list(*cp, "notices", app::my_notices(env.ctx, cp->session->actor), as_json);
}

void get_class_averages(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  answer(c, app::class_averages(env.ctx, c.session->actor, c.param("id"), c.query["term"]), as_json);
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    // School-wide facts every role sees alike; no object, so no family to tell apart.
    {V::get, "/api/v1/school", get_school, everyone_signed_in(any)},
    // As the diary: the pupil, the guardians, the pupil's teachers and class teacher; the director any.
    {V::get, "/api/v1/students/{id}/homework", get_homework,
     signed_in({{student, own}, {guardian, own}, {teacher, own}, {class_teacher, own}, {director, any}})},
    // Only guardians write notices; everyone else is refused, not shown an empty list.
    {V::get, "/api/v1/me/absence-notices", get_my_notices, signed_in({{guardian, own}})},
    // Whoever may read a pupil of the class (the policy's read_student): its pupils, their guardians,
    // the class's teachers and class teacher; the director any.
    {V::get, "/api/v1/classes/{id}/averages", get_class_averages,
     signed_in({{student, own}, {guardian, own}, {teacher, own}, {class_teacher, own}, {director, any}})},
};

}  // namespace

std::span<const Route> web_routes() { return rows; }

}  // namespace classbook::http
