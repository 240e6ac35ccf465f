// routes_roster: the office's roster — classes, pupils, guardians, their links and credentials, staff,
// teaching, the CSV import — with their JSON (docs/openapi-roster.fragment.yaml documents it).
#include <functional>

#include "app/roster.hpp"
#include "http/json_roster.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {

namespace {

constexpr std::string_view csv_type = "text/csv";
constexpr std::size_t roster_file_limit = 512 * 1024;  // bytes: max_import_rows lines with guardians fit thrice

constexpr auto as_json = [](const auto& v) { return json::value(json_of(v)); };

// --- reading bodies ---------------------------------------------------------------------------------
// A field of a change: absent keeps, null clears, a string replaces.
Result<app::Edit<std::string>> edit_of(const Fields& f, std::string_view name) {
  app::Edit<std::string> e;
  const auto* v = f.find(name);
  if (!v) return e;
  if (v->is_null()) {
    e.emplace();
    return e;
  }
  if (!v->is_string()) return make_error(Errc::invalid_input, "request.wrong_type", "'" + std::string(name) + "' must be a string or null", std::string(name));
  e.emplace(std::string(v->as_string()));
  return e;
}

// Reads the named fields of `f` into their places; the first problem is returned.
std::optional<Error> read_strings(const Fields& f, std::initializer_list<std::pair<const char*, std::string*>> required,
                                  std::initializer_list<std::pair<const char*, std::optional<std::string>*>> optional) {
  for (auto [name, dest] : required) {
    auto v = f.string(name);
    if (!v) return v.error();
    *dest = std::move(*v);
  }
  for (auto [name, dest] : optional) {
    auto v = f.optional_string(name);
    if (!v) return v.error();
    *dest = std::move(*v);
  }
  return std::nullopt;
}

std::optional<Error> read_edits(const Fields& f, std::initializer_list<std::pair<const char*, app::Edit<std::string>*>> edits) {
  for (auto [name, dest] : edits) {
    auto v = edit_of(f, name);
    if (!v) return v.error();
    *dest = std::move(*v);
  }
  return std::nullopt;
}

// The body of a PUT that carries nothing: empty, or an empty JSON object.
std::optional<Error> empty_body(const Call& c, std::initializer_list<std::string_view> known = {}) {
  if (c.req.body().empty()) return std::nullopt;
  auto obj = c.body();
  if (!obj) return obj.error();
  if (auto f = Fields::of(*obj, known); !f) return f.error();
  return std::nullopt;
}


app::Reply<Ok> no_content_once_saved(const CallPtr& cp) { return cp->then<Ok>(cp, reply_no_content); }

// --- classes ---------------------------------------------------------------------------------------
void get_classes(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_classes(e.ctx, c.session->actor);
  answer_list(c, "classes", r, as_json);
}

void post_class(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "profile", "class_teacher_id"});
  if (!f) return c.fail(f.error());
  app::NewClass in;
  if (auto e = read_strings(*f, {{"name", &in.name}}, {{"profile", &in.profile}, {"class_teacher_id", &in.class_teacher_id}}))
    return c.fail(*e);
  app::create_class(e.ctx, c.session->actor, std::move(in), c.then<rows::ClassRecord>(cp, reply_with(status::created, as_json)));
}

void patch_class(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "profile", "class_teacher_id"});
  if (!f) return c.fail(f.error());
  app::ClassChange in;
  in.class_id = c.param("id");
  if (auto e = read_strings(*f, {}, {{"name", &in.name}})) return c.fail(*e);
  if (auto e = read_edits(*f, {{"profile", &in.profile}, {"class_teacher_id", &in.class_teacher_id}})) return c.fail(*e);
  app::change_class(e.ctx, c.session->actor, std::move(in),
                    c.then<app::ChangedClass>(cp, [](Call& c, const app::ChangedClass& r) {
                      c.json_reply(status::ok, json_of(r.klass));
                    }));
}

void get_class_students(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto with_left = query_flag(c, "include_left");
  if (!with_left) return c.fail(with_left.error());
  auto r = app::list_pupils(e.ctx, c.session->actor, c.param("id"), *with_left);
  if (!r) return c.fail(r.error());
  json::array pupils;
  for (const auto& p : r->pupils) pupils.push_back(json_of(p, r->office));
  c.json_reply(status::ok, json::object{{"class", json_of(r->klass)}, {"students", std::move(pupils)}});
}

void get_class_teaching(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_teaching(e.ctx, c.session->actor, c.param("id"));
  answer_list(c, "teaching", r, as_json);
}

void put_teaching(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  if (auto e = empty_body(c)) return c.fail(*e);
  app::assign_teaching(e.ctx, c.session->actor, {c.param("id"), c.param("subject_id"), c.param("teacher_id")},
                       c.then<rows::TeachingRecord>(cp, reply_with(status::created, as_json)));
}

void delete_teaching(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  app::remove_teaching(e.ctx, c.session->actor, {c.param("id"), c.param("subject_id"), c.param("teacher_id")}, no_content_once_saved(cp));
}

// --- pupils ----------------------------------------------------------------------------------------
// The school's pupils for the office: ?q= part of a name or a card, ?class_id=, ?with_left=true.
void get_students(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto with_left = query_flag(c, "with_left");
  if (!with_left) return c.fail(with_left.error());
  auto r = app::list_school_pupils(e.ctx, c.session->actor, {c.query["q"], c.query["class_id"], *with_left});
  if (!r) return c.fail(r.error());
  json::array pupils;
  for (const auto& p : r->pupils) pupils.push_back(json_of(p, r->office));
  c.json_reply(status::ok, json::object{{"students", std::move(pupils)}, {"truncated", r->truncated}});
}

void get_student(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_pupil(e.ctx, c.session->actor, c.param("id"));
  if (!r) return c.fail(r.error());
  json::array guardians;
  for (const auto& g : r->guardians) guardians.push_back(json_of(g));
  c.json_reply(status::ok, json::object{{"student", json_of(r->pupil, r->office)}, {"guardians", std::move(guardians)}});
}

void post_student(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "birth_date", "class_id", "group_no", "card"});
  if (!f) return c.fail(f.error());
  app::NewPupil in;
  if (auto e = read_strings(*f, {{"last_name", &in.last_name}, {"first_name", &in.first_name}, {"class_id", &in.class_id}},
                            {{"middle_name", &in.middle_name}, {"birth_date", &in.birth_date}, {"card", &in.card}}))
    return c.fail(*e);
  auto group = f->optional_integer("group_no");
  if (!group) return c.fail(group.error());
  in.group_no = *group;
  app::enrol_pupil(e.ctx, c.session->actor, std::move(in), c.then<app::EnrolledPupil>(cp, [](Call& c, const app::EnrolledPupil& made) {
    c.json_reply(status::created, json::object{{"student", json_of(made.pupil, true)}, {"account", json_of(made.slip)}});
  }));
}

void patch_student(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "birth_date", "class_id", "group_no", "card"});
  if (!f) return c.fail(f.error());
  app::PupilChange in;
  in.student_id = c.param("id");
  if (auto e = read_strings(*f, {}, {{"last_name", &in.last_name}, {"first_name", &in.first_name}, {"class_id", &in.class_id}}))
    return c.fail(*e);
  if (auto e = read_edits(*f, {{"middle_name", &in.middle_name}, {"birth_date", &in.birth_date}, {"card", &in.card}}))
    return c.fail(*e);
  auto group = f->optional_integer("group_no");
  if (!group) return c.fail(group.error());
  in.group_no = *group;
  app::change_pupil(e.ctx, c.session->actor, std::move(in), c.then<rows::PupilRecord>(cp, [](Call& c, const rows::PupilRecord& p) {
    c.json_reply(status::ok, json_of(p, true));
  }));
}

void get_student_guardians(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::guardians_of(e.ctx, c.session->actor, c.param("id"));
  answer_list(c, "guardians", r, as_json);
}

void put_student_guardian(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  std::optional<std::string> relation;
  if (!c.req.body().empty()) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"relation"});
    if (!f) return c.fail(f.error());
    if (auto e = read_strings(*f, {}, {{"relation", &relation}})) return c.fail(*e);
  }
  app::link_guardian(e.ctx, c.session->actor, c.param("id"), c.param("guardian_id"), relation.value_or("parent"),
                     c.then<rows::GuardianLink>(cp, reply_with(status::created, as_json)));
}

void delete_student_guardian(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  app::unlink_guardian(e.ctx, c.session->actor, c.param("id"), c.param("guardian_id"), no_content_once_saved(cp));
}

// --- guardians and staff ---------------------------------------------------------------------------
void get_guardians(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::find_guardians(e.ctx, c.session->actor, c.query["q"]);
  answer_list(c, "guardians", r, as_json);
}

template <class In>
std::optional<Error> read_person(const Fields& f, In& in) {
  return read_strings(f, {{"last_name", &in.last_name}, {"first_name", &in.first_name}},
                      {{"middle_name", &in.middle_name}, {"phone", &in.phone}, {"email", &in.email}});
}

void post_guardian(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "phone", "email"});
  if (!f) return c.fail(f.error());
  app::NewGuardian in;
  if (auto e = read_person(*f, in)) return c.fail(*e);
  app::add_guardian(e.ctx, c.session->actor, std::move(in), c.then<app::EnrolledGuardian>(cp, [](Call& c, const app::EnrolledGuardian& made) {
    c.json_reply(status::created, json::object{{"guardian", json_of(made.guardian)}, {"account", json_of(made.slip)}});
  }));
}

void patch_guardian(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "phone", "email"});
  if (!f) return c.fail(f.error());
  app::GuardianChange in;
  in.guardian_id = c.param("id");
  if (auto e = read_strings(*f, {}, {{"last_name", &in.last_name}, {"first_name", &in.first_name}})) return c.fail(*e);
  if (auto e = read_edits(*f, {{"middle_name", &in.middle_name}, {"phone", &in.phone}, {"email", &in.email}}))
    return c.fail(*e);
  app::change_guardian(e.ctx, c.session->actor, std::move(in), c.then<rows::GuardianRecord>(cp, reply_with(status::ok, as_json)));
}

void get_teachers(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_teachers(e.ctx, c.session->actor);
  answer_list(c, "teachers", r, as_json);
}

void post_teacher(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "phone", "email"});
  if (!f) return c.fail(f.error());
  app::NewTeacher in;
  if (auto e = read_person(*f, in)) return c.fail(*e);
  app::add_teacher(e.ctx, c.session->actor, std::move(in), c.then<app::EnrolledTeacher>(cp, [](Call& c, const app::EnrolledTeacher& made) {
    c.json_reply(status::created, json::object{{"teacher", json_of(made.teacher)}, {"account", json_of(made.slip)}});
  }));
}

void patch_teacher(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "phone", "email"});
  if (!f) return c.fail(f.error());
  app::TeacherChange in;
  in.teacher_id = c.param("id");
  if (auto e = read_strings(*f, {}, {{"last_name", &in.last_name}, {"first_name", &in.first_name}})) return c.fail(*e);
  if (auto e = read_edits(*f, {{"middle_name", &in.middle_name}, {"phone", &in.phone}, {"email", &in.email}}))
    return c.fail(*e);
  app::change_teacher(e.ctx, c.session->actor, std::move(in), c.then<rows::TeacherRecord>(cp, reply_with(status::ok, as_json)));
}

void get_teaching(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  answer_list(c, "teaching", app::list_school_teaching(e.ctx, c.session->actor), as_json);
}

void get_subjects(Env& e, const CallPtr& cp) {
  answer_list(*cp, "subjects", app::list_subjects(e.ctx), as_json);
}

// --- the CSV import --------------------------------------------------------------------------------
void post_import(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  const auto type = c.req[bh::field::content_type];
  if (type.substr(0, csv_type.size()) != csv_type)
    return c.fail(Errc::invalid_input, "roster_import.not_csv", "send the file as CSV with Content-Type: text/csv; its first line names the columns");
  if (const auto cs = type.find("charset="); cs != std::string_view::npos) {
    std::string charset(type.substr(cs + 8));
    for (auto& ch : charset) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (charset != "utf-8" && charset != "\"utf-8\"")
      return c.fail(Errc::invalid_input, "roster_import.not_utf8", "send the file as UTF-8 (save it as \"CSV UTF-8\")");
  }
  auto dry_run = query_flag(c, "dry_run");
  if (!dry_run) return c.fail(dry_run.error());
  app::import_roster(e.ctx, c.session->actor, std::string(c.req.body()), c.then<app::ImportReport>(cp, [](Call& c, const app::ImportReport& r) {
    // A dry run always answers its report: the preview worked, whatever the file holds.
    if (r.dry_run) return c.json_reply(status::ok, json_of(r));
    if (r.problems.empty()) return c.json_reply(status::created, json_of(r));
    json::array rows;
    for (const auto& p : r.problems) rows.push_back(json_of(p));
    const auto n = r.problems.size();
    c.json_reply(status::bad_request,
                 json::object{{"error", json::object{{"code", "roster_import.file_has_problems"},
                                                     {"kind", kind_of(Errc::invalid_input)},
                                                     {"message", std::to_string(n) + (n == 1 ? " problem" : " problems") +
                                                                     " in the file; nothing was imported. Correct every "
                                                                     "line listed and send the whole file again."},
                                                     {"field", "csv"},
                                                     {"rows", std::move(rows)}}}});
  }), *dry_run);
}

void post_leave(Env& e, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"left_on", "reason"});
  if (!f) return c.fail(f.error());
  app::Leaving in;
  in.student_id = c.param("id");
  if (auto err = read_strings(*f, {{"left_on", &in.left_on}}, {{"reason", &in.reason}})) return c.fail(*err);
  app::pupil_leaves(e.ctx, c.session->actor, std::move(in), c.then<app::LeftPupil>(cp, [](Call& c, const app::LeftPupil& l) {
    c.json_reply(status::ok, json_of(l.pupil, true));
  }));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// The office keeps the roster; a class teacher and the director read their classes' lists.
constexpr Access office = signed_in({{secretary, any}}).refreshing_rights();

const Route rows[] = {
    {V::get, "/api/v1/classes", get_classes, signed_in({{secretary, any}, {director, any}})},
    {V::post, "/api/v1/classes", post_class, office},
    {V::patch, "/api/v1/classes/{id}", patch_class, office},
    {V::get, "/api/v1/classes/{id}/students", get_class_students,
     signed_in({{class_teacher, own}, {secretary, any}, {director, any}})},
    {V::get, "/api/v1/classes/{id}/teaching", get_class_teaching,
     signed_in({{class_teacher, own}, {secretary, any}, {director, any}})},
    {V::put, "/api/v1/classes/{id}/teaching/{subject_id}/{teacher_id}", put_teaching, office},
    {V::delete_, "/api/v1/classes/{id}/teaching/{subject_id}/{teacher_id}", delete_teaching, office},
    {V::get, "/api/v1/students", get_students, signed_in({{secretary, any}, {director, any}})},
    {V::post, "/api/v1/students", post_student, office},
    {V::get, "/api/v1/students/{id}", get_student, signed_in({{class_teacher, own}, {secretary, any}, {director, any}})},
    {V::patch, "/api/v1/students/{id}", patch_student, office},
    {V::post, "/api/v1/students/{id}/leave", post_leave, office},
    {V::get, "/api/v1/students/{id}/guardians", get_student_guardians,
     signed_in({{class_teacher, own}, {secretary, any}, {director, any}})},
    {V::put, "/api/v1/students/{id}/guardians/{guardian_id}", put_student_guardian, office},
    {V::delete_, "/api/v1/students/{id}/guardians/{guardian_id}", delete_student_guardian, office},
    {V::get, "/api/v1/guardians", get_guardians, signed_in({{secretary, any}})},
    {V::post, "/api/v1/guardians", post_guardian, office},
    {V::patch, "/api/v1/guardians/{id}", patch_guardian, office},
    {V::get, "/api/v1/teachers", get_teachers, signed_in({{secretary, any}, {director, any}})},
    {V::post, "/api/v1/teachers", post_teacher, office},
    {V::patch, "/api/v1/teachers/{id}", patch_teacher, office},
    {V::get, "/api/v1/teaching", get_teaching, signed_in({{secretary, any}, {director, any}})},
    {V::get, "/api/v1/subjects", get_subjects, everyone_signed_in(any)},
    // A roster file of a whole intake (1,000 pupils with guardians, ~150 KB) is larger than any other body.
    {V::post, "/api/v1/roster/import", post_import, office.taking_body(roster_file_limit)},
};

}  // namespace

std::span<const Route> roster_routes() { return rows; }

}  // namespace classbook::http
