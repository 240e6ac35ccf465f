// json_out: field names here are the API contract documented in docs/openapi.yaml.
#include "http/json_out.hpp"

#include <cmath>

namespace classbook::http {
namespace json = boost::json;

namespace {
json::value average(const std::optional<double>& a) {
  if (!a) return nullptr;
  return std::round(*a * 100.0) / 100.0;  // two decimals, as a diary shows them
}
json::value proposal(const std::optional<domain::TermGradeProposal>& p) {
  if (!p) return nullptr;
  return json::object{{"grade", p->grade}, {"borderline", p->borderline}, {"reason", p->reason}};
}
}  // namespace

json::value to_json(const store::StudentBrief& s) {
  return json::object{{"id", s.uuid}, {"name", s.name}, {"full_name", s.full_name}, {"class", s.class_name}};
}

json::value to_json(const app::MarkView& m) {
  return json::object{{"id", m.id},           {"student_id", m.student_id}, {"lesson_id", m.lesson_id},
                      {"value", m.value},     {"work_type", m.work_type},   {"work_type_name", m.work_type_name},
                      {"weight", m.weight},   {"comment", m.comment},       {"teacher", m.teacher},
                      {"created_at", m.created_at}, {"updated_at", m.updated_at}};
}

json::value to_json(const app::DiaryWeekView& d) {
  json::array days;
  for (const auto& day : d.days) {
    json::array lessons;
    for (const auto& l : day.lessons) {
      json::array hw, marks, dots;
      for (const auto& d : l.dots) dots.push_back(json::object{{"id", d.id}, {"expires_on", d.expires_on}, {"state", d.state}});
      for (const auto& h : l.homework)
        hw.push_back(json::object{{"id", h.id}, {"text", h.text}, {"mandatory", h.mandatory}, {"due_date", h.due_date},
                                  {"created_at", h.created_at}, {"revised_at", h.revised_at}});
      for (const auto& m : l.marks) marks.push_back(to_json(m));
      json::value att = nullptr;
      if (l.attendance) {
        json::object a{{"status", domain::to_string(*l.attendance)}};
        if (*l.attendance == domain::Presence::late) a["late_minutes"] = l.late_minutes;
        att = std::move(a);
      }
      lessons.push_back(json::object{{"id", l.id}, {"period", l.period}, {"starts", l.starts}, {"ends", l.ends},
                                     {"subject", l.subject}, {"teacher", l.teacher}, {"topic", l.topic},
                                     {"cancelled", l.cancelled}, {"homework", std::move(hw)},
                                     {"marks", std::move(marks)}, {"dots", std::move(dots)},
                                     {"attendance", std::move(att)}});
    }
    days.push_back(json::object{{"date", day.date}, {"weekday", day.weekday}, {"lessons", std::move(lessons)}});
  }
  json::array acks;
  for (const auto& a : d.acknowledged_at) acks.push_back(json::value(a));
  return json::object{{"week", d.week}, {"student", to_json(d.student)}, {"days", std::move(days)},
                      {"content_hash", d.content_hash}, {"acknowledged_at", std::move(acks)}};
}

json::value to_json(const app::GradesView& g) {
  json::array subjects;
  for (const auto& s : g.subjects) {
    json::array marks;
    for (const auto& m : s.marks) marks.push_back(to_json(m));
    subjects.push_back(json::object{
        {"subject", s.subject}, {"marks", std::move(marks)}, {"average", average(s.average)},
        {"proposed", proposal(s.proposed)},
        {"final", s.final_grade ? json::value(*s.final_grade) : json::value(nullptr)},
        {"absences", json::object{{"total", s.absences.total}, {"excused", s.absences.excused}, {"late", s.absences.late}}}});
  }
  return json::object{{"student", to_json(g.student)}, {"term", g.term}, {"from", g.from}, {"to", g.to},
                      {"subjects", std::move(subjects)}};
}

json::value to_json(const app::JournalView& j) {
  json::array lessons, rows;
  for (const auto& l : j.lessons)
    lessons.push_back(json::object{{"id", l.lesson_id}, {"date", l.date}, {"period", l.period}, {"topic", l.topic}});
  for (const auto& r : j.rows) {
    json::array marks, absences;
    for (const auto& m : r.marks) marks.push_back(to_json(m));
    for (const auto& [lesson, p] : r.absences)
      absences.push_back(json::object{{"lesson_id", lesson}, {"status", domain::to_string(p)}});
    rows.push_back(json::object{{"student", to_json(r.student)}, {"marks", std::move(marks)},
                                {"absences", std::move(absences)}, {"average", average(r.average)},
                                {"proposed", proposal(r.proposed)}});
  }
  return json::object{{"class", j.class_name}, {"subject", j.subject}, {"term", j.term},
                      {"lessons", std::move(lessons)}, {"students", std::move(rows)}};
}

json::value to_json(const app::TapResult& t) {
  json::object o{{"result", t.result}, {"at", t.at}};
  if (t.student) o["student"] = json::object{{"name", t.student->name}, {"class", t.student->class_name}};
  return o;
}

json::value to_json(const app::SessionInfo& s) {
  return json::object{{"id", s.id}, {"created_at", s.created_at}, {"last_seen_at", s.last_seen_at},
                      {"address", s.address}, {"user_agent", s.user_agent}, {"current", s.current}};
}

}  // namespace classbook::http
