// routes_roster: the office's roster — classes, pupils, guardians, their links and credentials, staff,
// teaching, the CSV import — with their JSON (docs/openapi-roster.fragment.yaml documents it).
#include <functional>

#include "app/roster.hpp"
#include "http/call.hpp"

namespace classbook::http {

namespace {
using Call = Api::Call;

constexpr std::string_view csv_type = "text/csv";

// --- JSON of the roster ----------------------------------------------------------------------------
json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::value ref(const std::string& uuid, const std::string& name) {
  if (uuid.empty()) return nullptr;
  return json::object{{"id", uuid}, {"name", name}};
}

json::value json_of(const std::optional<store::AccountBrief>& a) {
  if (!a) return nullptr;
  return json::object{{"user_id", a->uuid}, {"login", a->login}, {"disabled", a->disabled},
                      {"must_change_password", a->must_change_password}};
}

json::value json_of(const app::LoginSlip& s) {
  return json::object{{"login", s.login}, {"one_time_password", s.one_time_password}, {"name", s.name},
                      {"role", domain::to_string(s.role)}, {"must_change_password", true}};
}

json::value json_of(const store::ClassRecord& c) {
  return json::object{{"id", c.uuid},         {"name", c.name},       {"grade", c.grade},
                      {"letter", c.letter},   {"profile", opt(c.profile)},
                      {"class_teacher", ref(c.class_teacher_uuid, c.class_teacher_name)},
                      {"pupil_count", c.pupil_count}};
}

// The card and the reason for leaving are the office's; the class teacher sees the rest.
json::value json_of(const store::PupilRecord& p, bool office) {
  const domain::PersonName n{p.last_name, p.first_name, p.middle_name};
  json::object o{{"id", p.uuid},
                 {"last_name", p.last_name},
                 {"first_name", p.first_name},
                 {"middle_name", p.middle_name},
                 {"name", n.display()},
                 {"full_name", n.full()},
                 {"birth_date", opt(p.birth_date)},
                 {"class", ref(p.class_uuid, p.class_name)},
                 {"group_no", p.group_no},
                 {"left_on", opt(p.left_on)},
                 {"account", json_of(p.account)}};
  if (office) {
    o["card"] = opt(p.card);
    o["left_reason"] = opt(p.left_reason);
  }
  return o;
}

template <class R>
json::object person_of(const R& r) {
  const domain::PersonName n{r.last_name, r.first_name, r.middle_name};
  return json::object{{"id", r.uuid},       {"last_name", r.last_name}, {"first_name", r.first_name},
                      {"middle_name", r.middle_name}, {"name", n.display()}, {"full_name", n.full()},
                      {"phone", opt(r.phone)}, {"email", opt(r.email)}, {"account", json_of(r.account)}};
}

json::value json_of(const store::GuardianRecord& g) {
  auto o = person_of(g);
  o["children"] = g.children;
  return o;
}

json::value json_of(const store::GuardianLink& l) {
  auto o = person_of(l.guardian);
  o["children"] = l.guardian.children;
  o["relation"] = l.relation;
  return o;
}

json::value json_of(const store::TeacherRecord& t) {
  auto o = person_of(t);
  json::array homeroom;
  for (const auto& c : t.class_teacher_of) homeroom.push_back(json::value(c));
  o["class_teacher_of"] = std::move(homeroom);
  return o;
}

json::value json_of(const store::SubjectRecord& s) {
  return json::object{{"id", s.uuid}, {"name", s.name}, {"short_name", s.short_name}};
}

json::value json_of(const store::TeachingRecord& t) {
  return json::object{{"class", ref(t.class_uuid, t.class_name)}, {"subject", ref(t.subject_uuid, t.subject_name)},
                      {"teacher", ref(t.teacher_uuid, t.teacher_name)}};
}

json::value json_of(const app::ImportReport& r) {
  json::array accounts;
  for (const auto& a : r.accounts) {
    auto slip = json_of(a.slip).as_object();
    slip["line"] = a.line;
    slip["person_id"] = a.person_id;
    slip["class"] = a.class_name;
    accounts.push_back(std::move(slip));
  }
  return json::object{{"pupils", r.pupils}, {"guardians_created", r.guardians_created},
                      {"guardians_linked", r.guardians_linked}, {"accounts", std::move(accounts)}};
}

template <class T>
json::value list_of(const char* key, const std::vector<T>& items) {
  json::array list;
  for (const auto& i : items) list.push_back(json_of(i));
  return json::object{{key, std::move(list)}};
}

auto reply_with(status s) {
  return [s](Call& c, const auto& v) { c.json_reply(s, json_of(v)); };
}

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
  if (!v->is_string()) return make_error(Errc::invalid_input, "'" + std::string(name) + "' must be a string or null", std::string(name));
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

Result<bool> flag(Call& c, const char* name) {
  const auto& v = c.query[name];
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return make_error(Errc::invalid_input, std::string(name) + " is true or false", name);
}

// What a handler needs besides its request: the use cases' context.
struct Env {
  app::Context& ctx;
};
using Handler = void (*)(Env&, const std::shared_ptr<Call>&);

app::Reply<Ok> no_content_once_saved(const std::shared_ptr<Call>& cp) { return cp->then<Ok>(cp, reply_no_content); }

// --- classes ---------------------------------------------------------------------------------------
void get_classes(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_classes(e.ctx, c.session->actor);
  r ? c.json_reply(status::ok, list_of("classes", *r)) : c.fail(r.error());
}

void post_class(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "profile", "class_teacher_id"});
  if (!f) return c.fail(f.error());
  app::NewClass in;
  if (auto e = read_strings(*f, {{"name", &in.name}}, {{"profile", &in.profile}, {"class_teacher_id", &in.class_teacher_id}}))
    return c.fail(*e);
  app::create_class(e.ctx, c.session->actor, std::move(in), c.then<store::ClassRecord>(cp, reply_with(status::created)));
}

void patch_class(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "profile", "class_teacher_id"});
  if (!f) return c.fail(f.error());
  app::ClassChange in;
  in.class_id = c.path[3];
  if (auto e = read_strings(*f, {}, {{"name", &in.name}})) return c.fail(*e);
  if (auto e = read_edits(*f, {{"profile", &in.profile}, {"class_teacher_id", &in.class_teacher_id}})) return c.fail(*e);
  app::change_class(e.ctx, c.session->actor, std::move(in),
                    c.then<app::ChangedClass>(cp, [](Call& c, const app::ChangedClass& r) {
                      c.json_reply(status::ok, json_of(r.klass));
                    }));
}

void get_class_students(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto with_left = flag(c, "include_left");
  if (!with_left) return c.fail(with_left.error());
  auto r = app::list_pupils(e.ctx, c.session->actor, c.path[3], *with_left);
  if (!r) return c.fail(r.error());
  json::array pupils;
  for (const auto& p : r->pupils) pupils.push_back(json_of(p, r->office));
  c.json_reply(status::ok, json::object{{"class", json_of(r->klass)}, {"students", std::move(pupils)}});
}

void get_class_teaching(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_teaching(e.ctx, c.session->actor, c.path[3]);
  r ? c.json_reply(status::ok, list_of("teaching", *r)) : c.fail(r.error());
}

void put_teaching(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  if (auto e = empty_body(c)) return c.fail(*e);
  app::assign_teaching(e.ctx, c.session->actor, {c.path[3], c.path[5], c.path[6]},
                       c.then<store::TeachingRecord>(cp, reply_with(status::created)));
}

void delete_teaching(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  app::remove_teaching(e.ctx, c.session->actor, {c.path[3], c.path[5], c.path[6]}, no_content_once_saved(cp));
}

// --- pupils ----------------------------------------------------------------------------------------
void get_student(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::get_pupil(e.ctx, c.session->actor, c.path[3]);
  if (!r) return c.fail(r.error());
  json::array guardians;
  for (const auto& g : r->guardians) guardians.push_back(json_of(g));
  c.json_reply(status::ok, json::object{{"student", json_of(r->pupil, r->office)}, {"guardians", std::move(guardians)}});
}

void post_student(Env& e, const std::shared_ptr<Call>& cp) {
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

void patch_student(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "birth_date", "class_id", "group_no", "card"});
  if (!f) return c.fail(f.error());
  app::PupilChange in;
  in.student_id = c.path[3];
  if (auto e = read_strings(*f, {}, {{"last_name", &in.last_name}, {"first_name", &in.first_name}, {"class_id", &in.class_id}}))
    return c.fail(*e);
  if (auto e = read_edits(*f, {{"middle_name", &in.middle_name}, {"birth_date", &in.birth_date}, {"card", &in.card}}))
    return c.fail(*e);
  auto group = f->optional_integer("group_no");
  if (!group) return c.fail(group.error());
  in.group_no = *group;
  app::change_pupil(e.ctx, c.session->actor, std::move(in), c.then<store::PupilRecord>(cp, [](Call& c, const store::PupilRecord& p) {
    c.json_reply(status::ok, json_of(p, true));
  }));
}

void get_student_guardians(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::guardians_of(e.ctx, c.session->actor, c.path[3]);
  r ? c.json_reply(status::ok, list_of("guardians", *r)) : c.fail(r.error());
}

void put_student_guardian(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  std::optional<std::string> relation;
  if (!c.req.body().empty()) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"relation"});
    if (!f) return c.fail(f.error());
    if (auto e = read_strings(*f, {}, {{"relation", &relation}})) return c.fail(*e);
  }
  app::link_guardian(e.ctx, c.session->actor, c.path[3], c.path[5], relation.value_or("parent"),
                     c.then<store::GuardianLink>(cp, reply_with(status::created)));
}

void delete_student_guardian(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  app::unlink_guardian(e.ctx, c.session->actor, c.path[3], c.path[5], no_content_once_saved(cp));
}

// --- guardians and staff ---------------------------------------------------------------------------
void get_guardians(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::find_guardians(e.ctx, c.session->actor, c.query["q"]);
  r ? c.json_reply(status::ok, list_of("guardians", *r)) : c.fail(r.error());
}

template <class In>
std::optional<Error> read_person(const Fields& f, In& in) {
  return read_strings(f, {{"last_name", &in.last_name}, {"first_name", &in.first_name}},
                      {{"middle_name", &in.middle_name}, {"phone", &in.phone}, {"email", &in.email}});
}

void post_guardian(Env& e, const std::shared_ptr<Call>& cp) {
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

void patch_guardian(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"last_name", "first_name", "middle_name", "phone", "email"});
  if (!f) return c.fail(f.error());
  app::GuardianChange in;
  in.guardian_id = c.path[3];
  if (auto e = read_strings(*f, {}, {{"last_name", &in.last_name}, {"first_name", &in.first_name}})) return c.fail(*e);
  if (auto e = read_edits(*f, {{"middle_name", &in.middle_name}, {"phone", &in.phone}, {"email", &in.email}}))
    return c.fail(*e);
  app::change_guardian(e.ctx, c.session->actor, std::move(in), c.then<store::GuardianRecord>(cp, reply_with(status::ok)));
}

void get_teachers(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_teachers(e.ctx, c.session->actor);
  r ? c.json_reply(status::ok, list_of("teachers", *r)) : c.fail(r.error());
}

void post_teacher(Env& e, const std::shared_ptr<Call>& cp) {
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

void get_subjects(Env& e, const std::shared_ptr<Call>& cp) {
  auto r = app::list_subjects(e.ctx);
  r ? cp->json_reply(status::ok, list_of("subjects", *r)) : cp->fail(r.error());
}

// --- the CSV import --------------------------------------------------------------------------------
void post_import(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto type = c.req[bh::field::content_type];
  if (type.substr(0, csv_type.size()) != csv_type)
    return c.fail(Errc::invalid_input, "send the file as CSV with Content-Type: text/csv; its first line names the columns");
  if (const auto cs = type.find("charset="); cs != std::string_view::npos) {
    std::string charset(type.substr(cs + 8));
    for (auto& ch : charset) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (charset != "utf-8" && charset != "\"utf-8\"")
      return c.fail(Errc::invalid_input, "send the file as UTF-8 (save it as \"CSV UTF-8\")");
  }
  app::import_roster(e.ctx, c.session->actor, std::string(c.req.body()), c.then<app::ImportReport>(cp, [](Call& c, const app::ImportReport& r) {
    if (r.problems.empty()) return c.json_reply(status::created, json_of(r));
    json::array rows;
    for (const auto& p : r.problems)
      rows.push_back(json::object{{"line", p.line}, {"field", p.field}, {"message", p.message}});
    const auto n = r.problems.size();
    c.json_reply(status::bad_request,
                 json::object{{"error", json::object{{"code", "invalid_input"},
                                                     {"message", std::to_string(n) + (n == 1 ? " problem" : " problems") +
                                                                     " in the file; nothing was imported. Correct every "
                                                                     "line listed and send the whole file again."},
                                                     {"field", "csv"},
                                                     {"rows", std::move(rows)}}}});
  }));
}

void post_leave(Env& e, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"left_on", "reason"});
  if (!f) return c.fail(f.error());
  app::Leaving in;
  in.student_id = c.path[3];
  if (auto err = read_strings(*f, {{"left_on", &in.left_on}}, {{"reason", &in.reason}})) return c.fail(*err);
  app::pupil_leaves(e.ctx, c.session->actor, std::move(in), c.then<app::LeftPupil>(cp, [](Call& c, const app::LeftPupil& l) {
    c.json_reply(status::ok, json_of(l.pupil, true));
  }));
}

// The handler of a roster path, or none when the request is not one.
Handler roster_handler(const Call& c) {
  constexpr std::string_view a = "api", v1 = "v1";
  if (c.is(verb::get, {a, v1, "classes"})) return get_classes;
  if (c.is(verb::post, {a, v1, "classes"})) return post_class;
  if (c.is(verb::patch, {a, v1, "classes", "*"})) return patch_class;
  if (c.is(verb::get, {a, v1, "classes", "*", "students"})) return get_class_students;
  if (c.is(verb::get, {a, v1, "classes", "*", "teaching"})) return get_class_teaching;
  if (c.is(verb::put, {a, v1, "classes", "*", "teaching", "*", "*"})) return put_teaching;
  if (c.is(verb::delete_, {a, v1, "classes", "*", "teaching", "*", "*"})) return delete_teaching;
  if (c.is(verb::post, {a, v1, "students"})) return post_student;
  if (c.is(verb::get, {a, v1, "students", "*"})) return get_student;
  if (c.is(verb::patch, {a, v1, "students", "*"})) return patch_student;
  if (c.is(verb::post, {a, v1, "students", "*", "leave"})) return post_leave;
  if (c.is(verb::get, {a, v1, "students", "*", "guardians"})) return get_student_guardians;
  if (c.is(verb::put, {a, v1, "students", "*", "guardians", "*"})) return put_student_guardian;
  if (c.is(verb::delete_, {a, v1, "students", "*", "guardians", "*"})) return delete_student_guardian;
  if (c.is(verb::get, {a, v1, "guardians"})) return get_guardians;
  if (c.is(verb::post, {a, v1, "guardians"})) return post_guardian;
  if (c.is(verb::patch, {a, v1, "guardians", "*"})) return patch_guardian;
  if (c.is(verb::get, {a, v1, "teachers"})) return get_teachers;
  if (c.is(verb::post, {a, v1, "teachers"})) return post_teacher;
  if (c.is(verb::get, {a, v1, "subjects"})) return get_subjects;
  if (c.is(verb::post, {a, v1, "roster", "import"})) return post_import;
  return nullptr;
}

}  // namespace

void Api::route_roster(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto handler = roster_handler(c);
  if (!handler) return route_timetable(cp);  // not a roster path: maybe the timetable
  if (c.req.method() != verb::get) {
    // A cached session carries the rights of its user as they were (children, classes taught or
    // led). A roster write answers only after its commit, so once it succeeds every session reads
    // its rights afresh — a child unlinked closes at once, a child linked opens at once.
    c.respond_fn = [this, next = std::move(c.respond_fn)](Response res) {
      if (res.result_int() < 300) sessions_.refresh_rights();
      next(std::move(res));
    };
  }
  Env env{ctx_};
  handler(env, cp);
}

}  // namespace classbook::http
