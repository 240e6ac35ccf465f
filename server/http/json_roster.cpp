// json_roster: the office's roster as the API's JSON (docs/openapi.yaml documents the fields).
#include "http/json_roster.hpp"

#include <boost/json.hpp>

namespace classbook::http {
namespace json = boost::json;

namespace {
json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::value ref(const std::string& uuid, const std::string& name) {
  if (uuid.empty()) return nullptr;
  return json::object{{"id", uuid}, {"name", name}};
}

template <class R>
json::object person_of(const R& r) {
  const domain::PersonName n{r.last_name, r.first_name, r.middle_name};
  return json::object{{"id", r.uuid},       {"last_name", r.last_name}, {"first_name", r.first_name},
                      {"middle_name", r.middle_name}, {"name", n.display()}, {"full_name", n.full()},
                      {"phone", opt(r.phone)}, {"email", opt(r.email)}, {"account", json_of(r.account)}};
}

}  // namespace

json::value json_of(const std::optional<rows::AccountBrief>& a) {
  if (!a) return nullptr;
  return json::object{{"user_id", a->uuid}, {"login", a->login}, {"disabled", a->disabled},
                      {"must_change_password", a->must_change_password}};
}

json::value json_of(const app::LoginSlip& s) {
  return json::object{{"login", s.login}, {"one_time_password", s.one_time_password}, {"name", s.name},
                      {"role", domain::to_string(s.role)}, {"must_change_password", true}};
}

json::value json_of(const rows::ClassRecord& c) {
  return json::object{{"id", c.uuid},         {"name", c.name},       {"grade", c.grade},
                      {"letter", c.letter},   {"profile", opt(c.profile)},
                      {"class_teacher", ref(c.class_teacher_uuid, c.class_teacher_name)},
                      {"pupil_count", c.pupil_count}};
}

// The card and the reason for leaving are the office's; the class teacher sees the rest.
json::value json_of(const rows::PupilRecord& p, bool office) {
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

json::value json_of(const rows::GuardianRecord& g) {
  auto o = person_of(g);
  o["children"] = g.children;
  return o;
}

json::value json_of(const rows::GuardianLink& l) {
  auto o = person_of(l.guardian);
  o["children"] = l.guardian.children;
  o["relation"] = l.relation;
  return o;
}

json::value json_of(const rows::TeacherRecord& t) {
  auto o = person_of(t);
  json::array homeroom;
  for (const auto& c : t.class_teacher_of) homeroom.push_back(json::value(c));
  o["class_teacher_of"] = std::move(homeroom);
  return o;
}

json::value json_of(const rows::SubjectRecord& s) {
  return json::object{{"id", s.uuid}, {"name", s.name}, {"short_name", s.short_name}};
}

json::value json_of(const rows::TeachingRecord& t) {
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
  json::array classes;
  for (const auto& c : r.classes) classes.push_back(json::object{{"class", c.class_name}, {"pupils", c.pupils}});
  json::object o{{"pupils", r.pupils}, {"guardians_created", r.guardians_created},
                 {"guardians_linked", r.guardians_linked}, {"classes", std::move(classes)}};
  if (r.dry_run) {
    json::array problems;
    for (const auto& p : r.problems) problems.push_back(json_of(p));
    o["dry_run"] = true;
    o["would_import"] = r.problems.empty();
    o["problems"] = std::move(problems);
  } else {
    o["accounts"] = std::move(accounts);
  }
  return o;
}

json::value json_of(const domain::RowProblem& p) {
  return json::object{{"line", p.line}, {"field", p.field}, {"code", p.code}, {"message", p.message}};
}

json::value json_of(const rows::PupilListing& l, bool office) {
  auto o = json_of(l.pupil, office).as_object();
  o["guardians"] = l.guardians;
  return o;
}

}  // namespace classbook::http
