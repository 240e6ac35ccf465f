// json_school: settings, events and clubs in the API's words (docs/openapi.yaml).
#include "http/json_school.hpp"

#include <boost/json.hpp>

#include "domain/day_time.hpp"
#include "domain/school_settings.hpp"

namespace classbook::http {
namespace json = boost::json;

namespace {

json::value class_ref(const std::string& uuid, const std::string& name) {
  if (uuid.empty()) return nullptr;  // the whole school
  return json::object{{"id", uuid}, {"name", name}};
}

json::value optional_minute(const std::optional<int>& m) {
  return m ? json::value(domain::format_minute(*m)) : json::value(nullptr);
}

}  // namespace

json::value work_type_json(const domain::WorkType& w) {
  return json::object{{"code", w.code}, {"name", w.name}, {"weight", w.weight}, {"rank", w.rank}};
}

json::value school_json(const app::SchoolView& s) {
  json::array terms, values, work_types, subjects;
  for (const auto& t : s.terms)
    terms.push_back(json::object{{"number", t.number}, {"from", domain::format_date(t.start)}, {"to", domain::format_date(t.end)}});
  for (int v = s.scale.min; v <= s.scale.max; ++v) values.push_back(v);
  for (const auto& w : s.work_types) work_types.push_back(work_type_json(w));
  for (const auto& x : s.subjects) subjects.push_back(json::object{{"id", x.uuid}, {"name", x.name}});
  return json::object{{"name", s.name},
                      {"academic_year", s.academic_year},
                      {"year", domain::format_academic_year(s.academic_year)},
                      {"terms", std::move(terms)},
                      {"scale", json::object{{"min", s.scale.min}, {"max", s.scale.max}, {"values", std::move(values)}}},
                      {"work_types", std::move(work_types)},
                      {"subjects", std::move(subjects)},
                      {"score_thresholds", domain::format_score_thresholds(s.score_thresholds)}};
}

json::value event_json(const rows::EventRecord& e) {
  json::value cancelled = nullptr;
  if (e.cancelled_at) cancelled = json::object{{"at", *e.cancelled_at}, {"reason", e.cancel_reason.value_or("")}};
  return json::object{{"id", e.uuid},
                      {"date", e.date},
                      {"title", e.title},
                      {"body", e.body},
                      {"start", optional_minute(e.start_minute)},
                      {"end", optional_minute(e.end_minute)},
                      {"place", e.place.empty() ? json::value(nullptr) : json::value(e.place)},
                      {"class", class_ref(e.class_uuid, e.class_name)},
                      {"cancelled", std::move(cancelled)}};
}

json::value club_json(const rows::ClubRecord& c) {
  json::array sessions;
  for (const auto& s : c.sessions)
    sessions.push_back(json::object{{"weekday", s.weekday}, {"starts", domain::format_minute(s.start_minute)},
                                    {"ends", domain::format_minute(s.end_minute)}});
  json::value closed = nullptr;
  if (c.closed_at) closed = json::object{{"at", *c.closed_at}, {"reason", c.closed_reason.value_or("")}};
  return json::object{{"id", c.uuid},
                      {"name", c.name},
                      {"teacher", c.teacher},
                      {"teacher_id", c.teacher_uuid.empty() ? json::value(nullptr) : json::value(c.teacher_uuid)},
                      {"room", c.room},
                      {"member_count", c.member_count},
                      {"sessions", std::move(sessions)},
                      {"closed", std::move(closed)}};
}

}  // namespace classbook::http
