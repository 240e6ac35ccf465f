// routes_access: the office's applications for access to the electronic diary (issue 11) — register,
// the register with due dates, approve (the login slip's PDF), deny, and the printed decision.
#include "app/access_applications.hpp"
#include "app/sign_in.hpp"
#include "http/json_in.hpp"
#include "http/pdf_reply.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.push_back(json::value(s));
  return out;
}

json::value json_of(const app::AccessApplication& v) {
  const auto& a = v.record;
  json::value student = nullptr;
  if (!a.student_uuid.empty())
    student = json::object{
        {"id", a.student_uuid}, {"name", a.student_name}, {"class", a.class_name}, {"left_on", opt(a.student_left_on)}};
  return json::object{{"id", a.uuid},
                      {"number", a.number},
                      {"applicant_name", a.applicant_name},
                      {"applicant_kind", a.applicant_kind},
                      {"contact", a.contact},
                      {"student", std::move(student)},
                      {"pupil_name", opt(a.pupil_name)},
                      {"pupil_birth_date", opt(a.pupil_birth_date)},
                      {"documents", strings(v.documents)},
                      {"missing_documents", strings(v.missing_documents)},
                      {"arrived_at", opt(a.arrived_at)},
                      {"registered_at", a.registered_at},
                      {"registered_by", a.registered_by_name},
                      {"registered_late", a.registered_late},
                      {"due_on", a.due_on},
                      {"overdue", a.overdue},
                      {"status", a.status},
                      {"decided_at", opt(a.decided_at)},
                      {"decided_by", a.decided_at ? json::value(a.decided_by_name) : json::value(nullptr)},
                      {"reason", opt(a.reason)},
                      {"comment", a.comment},
                      {"login", a.account_login.empty() ? json::value(nullptr) : json::value(a.account_login)}};
}
constexpr auto as_json = [](const app::AccessApplication& v) { return json_of(v); };

// {"applicant_name", "applicant_kind", "student_id" | "pupil_name" + "pupil_birth_date", "documents",
// "contact", "arrived_at"} → 201 with the application as registered.
void post_application(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"applicant_name", "applicant_kind", "student_id", "pupil_name", "pupil_birth_date",
                             "documents", "contact", "arrived_at"});
  if (!f) return c.fail(f.error());
  app::NewAccessApplication in;
  for (auto [name, dest] : {std::pair{"applicant_name", &in.applicant_name},
                            {"applicant_kind", &in.applicant_kind},
                            {"contact", &in.contact}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  for (auto [name, dest] : {std::pair{"student_id", &in.student_id},
                            {"pupil_name", &in.pupil_name},
                            {"pupil_birth_date", &in.pupil_birth_date},
                            {"arrived_at", &in.arrived_at}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto documents = f->optional_strings("documents", app::max_application_documents_listed);
  if (!documents) return c.fail(documents.error());
  in.documents = std::move(*documents);
  app::register_access_application(env.ctx, c.session->actor, std::move(in),
                                   c.then<app::AccessApplication>(cp, reply_with(status::created, as_json)));
}

void get_applications(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  answer_list(c, "applications", app::list_access_applications(env.ctx, c.session->actor, c.query["status"]), as_json);
}

// The optional {"comment"} of an approval; an empty body is none.
Result<std::string> comment_of(const Call& c) {
  if (c.req.body().empty()) return std::string();
  auto obj = c.body();
  if (!obj) return obj.error();
  auto f = Fields::of(*obj, {"comment"});
  if (!f) return f.error();
  auto comment = f->optional_string("comment");
  if (!comment) return comment.error();
  return comment->value_or("");
}

// {"comment"} (optional) → the login slip's PDF of the account given access.
void post_approve(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto comment = comment_of(c);
  if (!comment) return c.fail(comment.error());
  app::SlipsOptions options{env.sessions.options().one_time_password_lifetime};
  app::approve_access_application(env.ctx, c.session->actor, c.session->user.display_name, c.param("id"),
                                  std::move(*comment), origin_of(c.req), options,
                                  c.then<app::IssuedPdf>(cp, reply_pdf));
}

// {"reason": one of the five, "comment"} → the application as denied.
void post_deny(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"reason", "comment"});
  if (!f) return c.fail(f.error());
  auto reason = f->string("reason");
  if (!reason) return c.fail(reason.error());
  auto comment = f->optional_string("comment");
  if (!comment) return c.fail(comment.error());
  app::deny_access_application(env.ctx, c.session->actor, c.param("id"), std::move(*reason), comment->value_or(""),
                               c.then<app::AccessApplication>(cp, reply_with(status::ok, as_json)));
}

void get_decision(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::access_decision(env.ctx, c.session->actor, c.param("id"));
  if (!r) return c.fail(r.error());
  reply_pdf(c, *r);
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// The secretary handles the applications; the director reads the register and the decisions.
constexpr Access office = signed_in({{secretary, any}});
constexpr Access office_and_director = signed_in({{secretary, any}, {director, any}});

const Route rows[] = {
    {V::post, "/api/v1/access-applications", post_application, office},
    {V::get, "/api/v1/access-applications", get_applications, office_and_director},
    // An approval links a guardian to a pupil: sessions re-read their rights (the guardian's children).
    {V::post, "/api/v1/access-applications/{id}/approve", post_approve, office.refreshing_rights()},
    {V::post, "/api/v1/access-applications/{id}/deny", post_deny, office},
    {V::get, "/api/v1/access-applications/{id}/decision.pdf", get_decision, office_and_director},
};

}  // namespace

std::span<const Route> access_routes() { return rows; }

}  // namespace classbook::http
