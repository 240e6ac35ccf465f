// routes_oneroster: the OneRoster 1.2 provider's rows (/ims/oneroster/…), each behind the scope the
// standard names for it; collections answer with the binding's query parameters and headers
// (oneroster_collection), refusals in the standard's words (oneroster_reply).
#include "app/oneroster_records.hpp"
#include "app/oneroster_writes.hpp"
#include "http/oneroster_collection.hpp"
#include "http/oneroster_reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

using T = OneRosterType;
using app::UserSelection;

const std::string& id_of(const CallPtr& cp) { return cp->param("sourcedId"); }

// The academic sessions of one type ("term", "gradingPeriod").
Result<app::OneRosterRecords> sessions_of_type(Env& env, const CallPtr& cp, std::string_view type) {
  auto all = app::oneroster_academic_sessions(env.ctx, *cp->api_client);
  if (all) std::erase_if(*all, [&](const json::object& s) { return s.at("type").as_string() != type; });
  return all;
}

// ---- rostering

void get_orgs(Env& env, const CallPtr& cp) { oneroster_collection(*cp, T::org, "orgs", app::oneroster_orgs(env.ctx, *cp->api_client)); }
void get_org(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::org, "org", app::oneroster_orgs(env.ctx, *cp->api_client), id_of(cp), "org");
}
void get_schools(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::org, "orgs", app::oneroster_orgs(env.ctx, *cp->api_client));
}
void get_school(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::org, "org", app::oneroster_orgs(env.ctx, *cp->api_client), id_of(cp), "school");
}
void get_sessions(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::academic_session, "academicSessions", app::oneroster_academic_sessions(env.ctx, *cp->api_client));
}
void get_session(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::academic_session, "academicSession", app::oneroster_academic_sessions(env.ctx, *cp->api_client),
                   id_of(cp), "academic session");
}
void get_terms(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::academic_session, "academicSessions", sessions_of_type(env, cp, "term"));
}
void get_term(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::academic_session, "academicSession", sessions_of_type(env, cp, "term"), id_of(cp), "term");
}
void get_grading_periods(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::academic_session, "academicSessions", sessions_of_type(env, cp, "gradingPeriod"));
}
void get_grading_period(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::academic_session, "academicSession", sessions_of_type(env, cp, "gradingPeriod"), id_of(cp),
                   "grading period");
}
void get_term_grading_periods(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::academic_session, "academicSessions",
                       app::oneroster_grading_periods_of(env.ctx, *cp->api_client, id_of(cp)));
}
void get_courses(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::course, "courses", app::oneroster_courses(env.ctx, *cp->api_client));
}
void get_course(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::course, "course", app::oneroster_courses(env.ctx, *cp->api_client), id_of(cp), "course");
}
void get_classes(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::class_, "classes", app::oneroster_classes(env.ctx, *cp->api_client));
}
void get_class(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::class_, "class", app::oneroster_classes(env.ctx, *cp->api_client), id_of(cp), "class");
}
void get_class_students(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::user, "users", app::oneroster_students_of_class(env.ctx, *cp->api_client, id_of(cp)));
}
void get_users(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::user, "users", app::oneroster_users(env.ctx, *cp->api_client, UserSelection::everyone));
}
void get_user(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::user, "user", app::oneroster_user(env.ctx, *cp->api_client, id_of(cp), UserSelection::everyone),
                   id_of(cp), "user");
}
void get_students(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::user, "users", app::oneroster_users(env.ctx, *cp->api_client, UserSelection::pupils));
}
void get_student(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::user, "user", app::oneroster_user(env.ctx, *cp->api_client, id_of(cp), UserSelection::pupils),
                   id_of(cp), "student");
}
void get_teachers(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::user, "users", app::oneroster_users(env.ctx, *cp->api_client, UserSelection::teachers));
}
void get_teacher(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::user, "user", app::oneroster_user(env.ctx, *cp->api_client, id_of(cp), UserSelection::teachers),
                   id_of(cp), "teacher");
}
void get_teacher_classes(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::class_, "classes", app::oneroster_classes_of_teacher(env.ctx, *cp->api_client, id_of(cp)));
}
void get_enrollments(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::enrollment, "enrollments", app::oneroster_enrollments(env.ctx, *cp->api_client));
}
void get_enrollment(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::enrollment, "enrollment", app::oneroster_enrollments(env.ctx, *cp->api_client), id_of(cp),
                   "enrollment");
}

// ---- gradebook

void get_categories(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::category, "categories", app::oneroster_categories(env.ctx, *cp->api_client));
}
void get_category(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::category, "category", app::oneroster_categories(env.ctx, *cp->api_client), id_of(cp), "category");
}
void get_class_categories(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::category, "categories", app::oneroster_categories_of_class(env.ctx, *cp->api_client, id_of(cp)));
}
void get_class_line_items(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::line_item, "lineItems", app::oneroster_line_items_of_class(env.ctx, *cp->api_client, id_of(cp)));
}
void get_line_items(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::line_item, "lineItems", app::oneroster_line_items(env.ctx, *cp->api_client));
}
void get_line_item(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::line_item, "lineItem", app::oneroster_line_item(env.ctx, *cp->api_client, id_of(cp)), id_of(cp),
                   "line item");
}
void get_line_item_results(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::result, "results", app::oneroster_results_of_line_item(env.ctx, *cp->api_client, id_of(cp)));
}
void get_results(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::result, "results", app::oneroster_results(env.ctx, *cp->api_client));
}
void get_result(Env& env, const CallPtr& cp) {
  oneroster_single(*cp, T::result, "result", app::oneroster_result(env.ctx, *cp->api_client, id_of(cp)), id_of(cp), "result");
}
void get_class_line_item_results(Env& env, const CallPtr& cp) {
  oneroster_collection(*cp, T::result, "results",
                       app::oneroster_results_of_class_line_item(env.ctx, *cp->api_client, cp->param("classId"), id_of(cp)));
}

// ---- gradebook writes (docs/sync.md § Writes): refusals in the standard's payload, like the reads.

// 201 with {"<key>": record} when the write made the record, 200 when it replaced one.
app::Reply<app::OneRosterWritten> written(const CallPtr& cp, const char* key) {
  return [cp, key](Result<app::OneRosterWritten> r) {
    if (!r) return oneroster_fail(*cp, r.error());
    cp->json_reply(r->created ? status::created : status::ok, json::object{{key, std::move(r->record)}});
  };
}
app::Reply<Ok> deleted(const CallPtr& cp) {
  return [cp](Result<Ok> r) {
    if (!r) return oneroster_fail(*cp, r.error());
    cp->reply(make_response(status::no_content, cp->req.version(), ""));
  };
}

void put_line_item(Env& env, const CallPtr& cp) {
  auto body = cp->body();
  if (!body) return oneroster_fail(*cp, body.error());
  app::oneroster_put_line_item(env.ctx, *cp->api_client, id_of(cp), std::move(*body), written(cp, "lineItem"));
}
void put_result(Env& env, const CallPtr& cp) {
  auto body = cp->body();
  if (!body) return oneroster_fail(*cp, body.error());
  app::oneroster_put_result(env.ctx, *cp->api_client, id_of(cp), std::move(*body), written(cp, "result"));
}
void delete_line_item(Env& env, const CallPtr& cp) {
  app::oneroster_delete_line_item(env.ctx, *cp->api_client, id_of(cp), deleted(cp));
}
void delete_result(Env& env, const CallPtr& cp) {
  app::oneroster_delete_result(env.ctx, *cp->api_client, id_of(cp), deleted(cp));
}

using V = bh::verb;
using domain::Scope;
constexpr auto roster = Scope::roster_readonly;
constexpr auto gradebook = Scope::gradebook_readonly;
constexpr auto createput = Scope::gradebook_createput;
constexpr auto delete_ = Scope::gradebook_delete;

#define R "/ims/oneroster/rostering/v1p2"
#define G "/ims/oneroster/gradebook/v1p2"
const Route rows[] = {
    {V::get, R "/orgs", get_orgs, for_api_client(roster)},
    {V::get, R "/orgs/{sourcedId}", get_org, for_api_client(roster)},
    {V::get, R "/schools", get_schools, for_api_client(roster)},
    {V::get, R "/schools/{sourcedId}", get_school, for_api_client(roster)},
    {V::get, R "/academicSessions", get_sessions, for_api_client(roster)},
    {V::get, R "/academicSessions/{sourcedId}", get_session, for_api_client(roster)},
    {V::get, R "/terms", get_terms, for_api_client(roster)},
    {V::get, R "/terms/{sourcedId}", get_term, for_api_client(roster)},
    {V::get, R "/terms/{sourcedId}/gradingPeriods", get_term_grading_periods, for_api_client(roster)},
    {V::get, R "/gradingPeriods", get_grading_periods, for_api_client(roster)},
    {V::get, R "/gradingPeriods/{sourcedId}", get_grading_period, for_api_client(roster)},
    {V::get, R "/courses", get_courses, for_api_client(roster)},
    {V::get, R "/courses/{sourcedId}", get_course, for_api_client(roster)},
    {V::get, R "/classes", get_classes, for_api_client(roster)},
    {V::get, R "/classes/{sourcedId}", get_class, for_api_client(roster)},
    {V::get, R "/classes/{sourcedId}/students", get_class_students, for_api_client(roster)},
    {V::get, R "/users", get_users, for_api_client(roster)},
    {V::get, R "/users/{sourcedId}", get_user, for_api_client(roster)},
    {V::get, R "/students", get_students, for_api_client(roster)},
    {V::get, R "/students/{sourcedId}", get_student, for_api_client(roster)},
    {V::get, R "/teachers", get_teachers, for_api_client(roster)},
    {V::get, R "/teachers/{sourcedId}", get_teacher, for_api_client(roster)},
    {V::get, R "/teachers/{sourcedId}/classes", get_teacher_classes, for_api_client(roster)},
    {V::get, R "/enrollments", get_enrollments, for_api_client(roster)},
    {V::get, R "/enrollments/{sourcedId}", get_enrollment, for_api_client(roster)},
    {V::get, G "/categories", get_categories, for_api_client(gradebook)},
    {V::get, G "/categories/{sourcedId}", get_category, for_api_client(gradebook)},
    {V::get, G "/classes/{sourcedId}/categories", get_class_categories, for_api_client(gradebook)},
    {V::get, G "/classes/{sourcedId}/lineItems", get_class_line_items, for_api_client(gradebook)},
    {V::get, G "/lineItems", get_line_items, for_api_client(gradebook)},
    {V::get, G "/lineItems/{sourcedId}", get_line_item, for_api_client(gradebook)},
    {V::get, G "/lineItems/{sourcedId}/results", get_line_item_results, for_api_client(gradebook)},
    {V::get, G "/results", get_results, for_api_client(gradebook)},
    {V::get, G "/results/{sourcedId}", get_result, for_api_client(gradebook)},
    {V::get, G "/classes/{classId}/lineItems/{sourcedId}/results", get_class_line_item_results, for_api_client(gradebook)},
    {V::put, G "/lineItems/{sourcedId}", put_line_item, for_api_client(createput)},
    {V::delete_, G "/lineItems/{sourcedId}", delete_line_item, for_api_client(delete_)},
    {V::put, G "/results/{sourcedId}", put_result, for_api_client(createput)},
    {V::delete_, G "/results/{sourcedId}", delete_result, for_api_client(delete_)},
};
#undef R
#undef G

}  // namespace

std::span<const Route> oneroster_routes() { return rows; }

}  // namespace classbook::http
