// json_out: field names here are the API contract documented in docs/openapi.yaml.
#include "http/json_out.hpp"

#include "app/reads.hpp"
#include "http/json_writer.hpp"

#include <mutex>

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

json::value to_json(const rows::StudentBrief& s) {
  return json::object{{"id", s.uuid}, {"name", s.name}, {"full_name", s.full_name}, {"class", s.class_name}};
}

json::value to_json(const app::MarkView& m) {
  json::object o{{"id", m.id},           {"student_id", m.student_id}, {"lesson_id", m.lesson_id},
                 {"value", m.value},     {"work_type", m.work_type},   {"work_type_name", m.work_type_name},
                 {"weight", m.weight},   {"comment", m.comment},       {"teacher", m.teacher},
                 {"created_at", m.created_at}, {"updated_at", m.updated_at}};
  if (m.source)
    o["source"] = json::object{{"client", m.source->client},
                               {"title", m.source->title},
                               {"score", m.source->score ? json::value(*m.source->score) : json::value(nullptr)},
                               {"max", m.source->max},
                               {"overridden", m.source->overridden}};
  return o;
}

namespace {
void write_mark(JsonWriter& w, const app::MarkView& m) {
  w.object()
      .field("id", m.id).field("student_id", m.student_id).field("lesson_id", m.lesson_id)
      .field("value", m.value).field("work_type", m.work_type).field("work_type_name", m.work_type_name)
      .field("weight", m.weight).field("comment", m.comment).field("teacher", m.teacher)
      .field("created_at", m.created_at).field("updated_at", m.updated_at)
      .end_object();
}

// A lesson's fixed part, up to the opening of its "marks": the same for every pupil of the class.
std::string lesson_head(const app::ClassWeek& week, const rows::LessonRecord& l) {
  std::string out;
  out.reserve(512);
  JsonWriter w(out);
  w.object()
      .field("id", l.uuid).field("period", l.period).field("starts", app::minutes_text(l.start_minute))
      .field("ends", app::minutes_text(l.end_minute)).field("subject", l.subject).field("teacher", l.teacher)
      .field("topic", l.topic).field("room", l.room).field("group", l.group_no).field("cancelled", l.cancelled);
  w.key("homework").array();
  for (const auto& h : week.homework)
    if (h.lesson_id == l.id)
      w.object()
          .field("id", h.uuid).field("text", h.text).field("mandatory", h.mandatory).field("due_date", h.due_date)
          .field("created_at", h.created_at).field("revised_at", h.revised_at)
          .end_object();
  w.end_array().key("marks");
  return out;
}

// The heads of the week's lessons, rendered by the first diary of the class's week that needs them.
const std::vector<std::string>& lesson_heads(const app::ClassWeek& week) {
  std::call_once(week.rendered_once, [&week] {
    week.rendered.reserve(week.lessons.size());
    for (const auto& l : week.lessons) week.rendered.push_back(lesson_head(week, l));
  });
  return week.rendered;
}

// The lesson's head (`{…,"marks":`) as rendered once, then what is the pupil's own.
void write_lesson(JsonWriter& w, const std::string& head, const app::DiaryLessonView& l) {
  w.resume(head).array();
  for (const auto& m : l.marks) write_mark(w, m);
  w.end_array().key("dots").array();
  for (const auto& d : l.dots) w.object().field("id", d.id).field("expires_on", d.expires_on).field("state", d.state).end_object();
  w.end_array().key("attendance");
  if (l.attendance) {
    w.object().field("status", domain::to_string(*l.attendance));
    if (*l.attendance == domain::Presence::late) w.field("late_minutes", l.late_minutes);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
}
}  // namespace

std::string diary_json(const app::DiaryWeekView& d) {
  std::string out;
  out.reserve(4096 + 512 * d.days.size() * 8);
  JsonWriter w(out);
  w.object().field("week", d.week);
  w.key("student").object()
      .field("id", d.student.uuid).field("name", d.student.name).field("full_name", d.student.full_name)
      .field("class", d.student.class_name)
      .end_object();
  static const std::vector<std::string> no_heads;
  const auto& heads = d.class_week ? lesson_heads(*d.class_week) : no_heads;
  w.key("days").array();
  for (const auto& day : d.days) {
    w.object().field("date", day.date).field("weekday", day.weekday).key("lessons").array();
    for (const auto& l : day.lessons) write_lesson(w, heads.at(l.lesson), l);
    w.end_array().end_object();
  }
  w.end_array().field("content_hash", d.content_hash).key("acknowledged_at").array();
  for (const auto& a : d.acknowledged_at) w.value(a);
  w.end_array().end_object();
  return out;
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
  for (const auto& l : j.lessons) {
    json::array homework;
    for (const auto& h : l.homework)
      homework.push_back(json::object{{"id", h.uuid}, {"text", h.text}, {"mandatory", h.mandatory},
                                      {"due_date", h.due_date}, {"revised_at", h.revised_at}});
    lessons.push_back(json::object{{"id", l.lesson_id}, {"date", l.date}, {"period", l.period}, {"topic", l.topic},
                                   {"teacher", l.teacher}, {"homework", std::move(homework)}});
  }
  for (const auto& r : j.rows) {
    json::array marks, absences, dots, excused;
    for (const auto& m : r.marks) marks.push_back(to_json(m));
    for (const auto& e : r.excused)
      excused.push_back(json::object{{"lesson_id", e.lesson_id}, {"client", e.client}, {"title", e.title}});
    for (const auto& a : r.absences) {
      json::object o{{"lesson_id", a.lesson_id}, {"status", domain::to_string(a.presence)}};
      if (a.presence == domain::Presence::late) o["late_minutes"] = a.late_minutes;
      absences.push_back(std::move(o));
    }
    for (const auto& d : r.dots)
      dots.push_back(json::object{{"lesson_id", d.lesson_id}, {"id", d.dot.id}, {"expires_on", d.dot.expires_on}, {"state", d.dot.state}});
    rows.push_back(json::object{{"student", to_json(r.student)}, {"marks", std::move(marks)},
                                {"absences", std::move(absences)}, {"dots", std::move(dots)}, {"excused", std::move(excused)},
                                {"average", average(r.average)},
                                {"proposed", proposal(r.proposed)},
                                {"final", r.final_grade ? json::value(*r.final_grade) : json::value(nullptr)}});
  }
  return json::object{{"class", j.class_name}, {"subject", j.subject}, {"subject_id", j.subject_id}, {"term", j.term},
                      {"lessons", std::move(lessons)}, {"students", std::move(rows)}};
}

json::value to_json(const app::TapResult& t) {
  json::object o{{"result", t.result}, {"at", t.at}};
  if (t.student) o["student"] = json::object{{"name", t.student->name}, {"class", t.student->class_name}};
  if (t.anomaly) o["anomaly"] = *t.anomaly;
  if (!t.original.empty()) o["original"] = t.original;  // a duplicate: what the first tap was
  return o;
}

json::value to_json(const app::SessionInfo& s) {
  return json::object{{"id", s.id}, {"created_at", s.created_at}, {"last_seen_at", s.last_seen_at},
                      {"address", s.address}, {"user_agent", s.user_agent}, {"current", s.current}};
}

}  // namespace classbook::http
