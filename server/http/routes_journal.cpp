// routes_journal: diary, grades, journal, marks, lessons and attendance, guardians' notices and signatures.
#include "app/class_overview.hpp"
#include "app/grading.hpp"
#include "app/history.hpp"
#include "app/reads.hpp"
#include "app/writes.hpp"
#include "http/call.hpp"
#include "http/json_out.hpp"

namespace classbook::http {

void Api::route_journal(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;
  if (c.is(verb::get, {"api", "v1", "students", "*", "diary"})) {
    auto r = app::get_diary(ctx_, actor, c.path[3], c.query["week"]);
    return r ? c.reply(make_response(status::ok, c.req.version(), diary_json(*r))) : c.fail(r.error());
  }
  if (c.is(verb::get, {"api", "v1", "students", "*", "grades"})) {
    auto r = app::get_grades(ctx_, actor, c.path[3], c.query["term"]);
    return r ? c.json_reply(status::ok, to_json(*r)) : c.fail(r.error());
  }
  if (c.is(verb::get, {"api", "v1", "classes", "*", "journal"})) {
    auto r = app::get_journal(ctx_, actor, c.path[3], c.query["subject"], c.query["term"]);
    return r ? c.json_reply(status::ok, to_json(*r)) : c.fail(r.error());
  }
  if (c.is(verb::post, {"api", "v1", "marks"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"student_id", "lesson_id", "value", "work_type", "comment"});
    if (!f) return c.fail(f.error());
    app::NewMark in;
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
    if (*value < -1000 || *value > 1000) return c.fail(make_error(Errc::invalid_input, "value is off the school's scale", "value"));
    in.student_id = *sid;
    in.lesson_id = *lid;
    in.value = static_cast<int>(*value);
    in.work_type = *wt;
    in.comment = comment->value_or("");
    return app::put_mark(ctx_, actor, std::move(in), c.then<app::MarkView>(cp, reply_json(status::created)));
  }
  if (c.is(verb::patch, {"api", "v1", "marks", "*"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"value", "work_type", "comment", "reason"});
    if (!f) return c.fail(f.error());
    app::MarkChange in;
    in.mark_id = c.path[3];
    auto value = f->optional_integer("value");
    if (!value) return c.fail(value.error());
    if (*value && (**value < -1000 || **value > 1000))
      return c.fail(make_error(Errc::invalid_input, "value is off the school's scale", "value"));
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
    return app::edit_mark(ctx_, actor, std::move(in), c.then<app::MarkView>(cp, reply_json(status::ok)));
  }
  if (c.is(verb::delete_, {"api", "v1", "marks", "*"})) {
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
    return app::remove_mark(ctx_, actor, c.path[3], reason, c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::put, {"api", "v1", "lessons", "*", "attendance"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"students"});
    if (!f) return c.fail(f.error());
    const auto* list = f->find("students");
    if (!list || !list->is_array())
      return c.fail(make_error(Errc::invalid_input, "'students' must be a list of {student_id, status, late_minutes}", "students"));
    constexpr std::size_t max_pupils_per_lesson = 60;
    if (list->as_array().size() > max_pupils_per_lesson)
      return c.fail(make_error(Errc::invalid_input, "at most 60 pupils per lesson", "students"));
    std::vector<app::AttendanceEntry> entries;
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "each entry of 'students' must be an object", "students"));
      auto e = Fields::of(item.as_object(), {"student_id", "status", "late_minutes"});
      if (!e) return c.fail(e.error());
      auto sid = e->string("student_id");
      if (!sid) return c.fail(sid.error());
      auto st = e->string("status");
      if (!st) return c.fail(st.error());
      auto presence = domain::parse_presence(*st);
      if (!presence)
        return c.fail(make_error(Errc::invalid_input,
                                 "status must be one of: present, absent_illness, absent_excused, absent_unexcused, late", "status"));
      auto late = e->optional_integer("late_minutes");
      if (!late) return c.fail(late.error());
      if (*late && (**late < 0 || **late > 1000))
        return c.fail(make_error(Errc::invalid_input, "late_minutes must be between 1 and 45", "late_minutes"));
      entries.push_back({*sid, *presence, static_cast<int>(late->value_or(0))});
    }
    return app::put_attendance(ctx_, actor, c.path[3], std::move(entries), c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::put, {"api", "v1", "lessons", "*"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"topic", "homework"});
    if (!f) return c.fail(f.error());
    app::LessonChange in;
    auto topic = f->optional_string("topic");
    if (!topic) return c.fail(topic.error());
    in.topic = *topic;
    if (const auto* hw = f->find("homework"); hw && !hw->is_null()) {
      if (!hw->is_array()) return c.fail(make_error(Errc::invalid_input, "'homework' must be a list", "homework"));
      in.homework.emplace();
      for (const auto& item : hw->as_array()) {
        if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "each homework item must be an object", "homework"));
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
    return app::update_lesson(ctx_, actor, c.path[3], std::move(in), c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::post, {"api", "v1", "students", "*", "absence-notices"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"from", "to", "reason", "comment"});
    if (!f) return c.fail(f.error());
    app::NoticeInput in;
    in.student_id = c.path[3];
    for (auto [name, dest] : {std::pair{"from", &in.from}, {"to", &in.to}, {"reason", &in.reason}}) {
      auto v = f->string(name);
      if (!v) return c.fail(v.error());
      *dest = std::move(*v);
    }
    auto comment = f->optional_string("comment");
    if (!comment) return c.fail(comment.error());
    in.comment = comment->value_or("");
    return app::add_absence_notice(ctx_, actor, std::move(in), c.then<app::NoticeResult>(cp, [](Call& c, app::NoticeResult r) {
      c.json_reply(status::created, json::object{{"id", r.id}, {"excused_lessons", r.excused_lessons}});
    }));
  }
  if (c.is(verb::put, {"api", "v1", "students", "*", "weeks", "*", "acknowledgement"})) {
    return app::acknowledge_week(ctx_, actor, c.path[3], c.path[5], c.then<app::AckResult>(cp, [](Call& c, app::AckResult r) {
      c.json_reply(status::ok, json::object{{"week", r.week}, {"content_hash", r.content_hash}, {"at", r.at}});
    }));
  }
  if (c.is(verb::get, {"api", "v1", "marks", "*", "history"})) {
    auto r = app::mark_history(ctx_, actor, c.path[3]);
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
  if (c.is(verb::get, {"api", "v1", "audit"})) {
    const auto& after_text = c.query["after"];
    char* end = nullptr;
    const long long after = after_text.empty() ? 0 : std::strtoll(after_text.c_str(), &end, 10);
    if (!after_text.empty() && (*end != '\0' || after < 0))
      return c.fail(make_error(Errc::invalid_input, "after must be the next_after number of the previous page", "after"));
    auto r = app::audit_trail(ctx_, actor, c.query["entity"], after, app::max_audit_page);
    if (!r) return c.fail(r.error());
    // Stored as JSON text by the writer; shown as text if a row is not JSON (a tampered trail).
    auto as_json = [](const std::string& text) {
      json::error_code ec;
      auto v = json::parse(text, ec);
      return ec ? json::value(text) : v;
    };
    json::array rows;
    for (const auto& a : r->rows)
      rows.push_back(json::object{{"seq", a.seq}, {"at", a.at}, {"actor", a.actor}, {"entity", a.entity}, {"id", a.uuid},
                                  {"action", a.action}, {"before", as_json(a.before)}, {"after", as_json(a.after)}});
    return c.json_reply(status::ok, json::object{{"entries", std::move(rows)}, {"next_after", r->next_after}});
  }
  if (c.is(verb::put, {"api", "v1", "term-grades"})) {
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
    if (*term < 1 || *term > 4) return c.fail(make_error(Errc::invalid_input, "term must be a term of this school's year", "term"));
    if (*grade < -1000 || *grade > 1000) return c.fail(make_error(Errc::invalid_input, "grade is off the school's scale", "grade"));
    in.student_id = *sid;
    in.subject_id = *sub;
    in.term = static_cast<int>(*term);
    in.grade = static_cast<int>(*grade);
    return app::set_term_grade(ctx_, actor, std::move(in), c.then<app::TermGradeResult>(cp, [](Call& c, app::TermGradeResult r) {
      c.json_reply(status::ok, json::object{{"grade", r.grade}, {"proposed", r.proposed ? json::value(*r.proposed) : nullptr},
                                            {"overridden", r.overridden}});
    }));
  }
  if (c.is(verb::post, {"api", "v1", "dots"})) {
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
    return app::put_dot(ctx_, actor, std::move(in), c.then<app::DotResult>(cp, [](Call& c, app::DotResult r) {
      c.json_reply(status::created, json::object{{"id", r.id}, {"expires_on", r.expires_on}, {"state", r.state}});
    }));
  }
  if (c.is(verb::delete_, {"api", "v1", "dots", "*"}))
    return app::cancel_dot(ctx_, actor, c.path[3], c.then<Ok>(cp, reply_no_content));
  if (c.is(verb::get, {"api", "v1", "classes", "*", "attendance"})) {
    auto r = app::class_day(ctx_, actor, c.path[3], c.query["date"]);
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
  if (c.is(verb::get, {"api", "v1", "classes", "*", "absence-notices"})) {
    auto r = app::class_notices(ctx_, actor, c.path[3], c.query["from"], c.query["to"]);
    if (!r) return c.fail(r.error());
    json::array list;
    for (const auto& n : *r)
      list.push_back(json::object{{"id", n.id}, {"student_id", n.student_id}, {"student", n.student}, {"from", n.from},
                                  {"to", n.to}, {"reason", n.reason}, {"comment", n.comment}, {"created_at", n.created_at}});
    return c.json_reply(status::ok, json::object{{"notices", std::move(list)}});
  }
  route_school(cp);  // not a journal path: maybe a school-life one
}

}  // namespace classbook::http
