// routes_web: the reads the web app needs beyond the diary — the school's settings, a pupil's
// homework over dates, a guardian's own absence notices, a class's averages — with their JSON.
#include "app/school.hpp"
#include "domain/calendar.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value json_of(const app::SchoolView& s) {
  json::array terms, values, work_types, subjects;
  for (const auto& t : s.terms)
    terms.push_back(json::object{{"number", t.number}, {"from", domain::format_date(t.start)}, {"to", domain::format_date(t.end)}});
  for (int v = s.scale.min; v <= s.scale.max; ++v) values.push_back(v);
  for (const auto& w : s.work_types) work_types.push_back(json::object{{"code", w.code}, {"name", w.name}, {"weight", w.weight}});
  for (const auto& x : s.subjects) subjects.push_back(json::object{{"id", x.uuid}, {"name", x.name}});
  return json::object{{"name", s.name},
                      {"academic_year", s.academic_year},
                      {"terms", std::move(terms)},
                      {"scale", json::object{{"min", s.scale.min}, {"max", s.scale.max}, {"values", std::move(values)}}},
                      {"work_types", std::move(work_types)},
                      {"subjects", std::move(subjects)}};
}

void get_school(Env& env, const CallPtr& cp) {
  answer(*cp, app::about_school(env.ctx), [](const auto& v) { return json_of(v); });
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    // School-wide facts every role sees alike; no object, so no family to tell apart.
    {V::get, "/api/v1/school", get_school, everyone_signed_in(any)},
};

}  // namespace

std::span<const Route> web_routes() { return rows; }

}  // namespace classbook::http
