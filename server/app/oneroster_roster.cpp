// oneroster_roster: the school's roster as OneRoster 1.2 rostering records — the school as the org,
// the year with its terms and grading periods, subjects in a grade as courses, classes × subjects as
// classes, pupils, teachers and guardians as users, and who is in which class × subject.
#include <algorithm>
#include <unordered_set>

#include "app/oneroster_ids.hpp"
#include "app/oneroster_records.hpp"
#include "domain/calendar.hpp"
#include "store/api_clients.hpp"
#include "store/oneroster.hpp"
#include "store/reader_pool.hpp"
#include "sync/oneroster/json.hpp"

namespace classbook::app {
namespace or_ = classbook::oneroster;
using namespace oneroster_ids;

namespace {

or_::Base base(std::string id, std::string modified, bool active = true) {
  return {std::move(id), active ? or_::Status::active : or_::Status::tobedeleted, std::move(modified), std::nullopt};
}

// OneRoster's grades are CEDS codes: "01" … "12".
std::string grade_code(int grade) { return (grade < 10 ? "0" : "") + std::to_string(grade); }

// The day after `date` (YYYY-MM-DD): the box keeps inclusive ends, OneRoster's are exclusive.
std::string day_after(const std::string& date) {
  auto d = domain::parse_date(date);
  return d ? domain::format_date(domain::add_days(*d, 1)) : date;
}

struct Calendar {
  std::string school;
  int start_year = 0;
  rows::RosterCalendar rows;
};

Result<Calendar> calendar(Context& ctx, store::Db& db) {
  auto org = store::school_org(db);
  if (!org) return org.error();
  auto cal = store::roster_calendar(db);
  if (!cal) return cal.error();
  return Calendar{org->sourced_id, ctx.settings().academic_year, std::move(*cal)};
}

std::vector<or_::GuidRef> term_refs(const Calendar& cal) {
  std::vector<or_::GuidRef> out;
  for (const auto& t : cal.rows.terms) out.push_back(session_ref(term_id(cal.school, cal.start_year, t.number)));
  return out;
}

or_::Class class_record(const rows::RosterClassSubject& cs, const Calendar& cal) {
  or_::Class c;
  c.base = base(class_id(cs.class_uuid, cs.subject_uuid), cs.modified_at);
  c.title = cs.class_name + " " + cs.subject_name;
  c.class_code = cs.class_name;
  c.class_type = or_::ClassType::scheduled;
  c.grades = {grade_code(cs.grade)};
  c.subjects = {cs.subject_name};
  c.course = ref(rostering, "courses", course_id(cs.subject_uuid, cs.grade), or_::RefType::course);
  c.school = school_ref(cal.school);
  c.terms = term_refs(cal);
  if (c.terms.empty()) c.terms.push_back(session_ref(year_id(cal.school, cal.start_year)));  // the standard wants one
  return c;
}

or_::User user_record(const rows::RosterPerson& p, const std::string& school) {
  or_::User u;
  u.base = base(p.uuid, p.modified_at, !p.left_on);
  u.username = p.login;
  u.enabled_user = !p.left_on;
  u.given_name = p.first_name;
  u.family_name = p.last_name;
  if (!p.middle_name.empty()) u.middle_name = p.middle_name;
  const auto role = p.kind == rows::RosterPersonKind::pupil     ? or_::RoleName::student
                    : p.kind == rows::RosterPersonKind::teacher ? or_::RoleName::teacher
                                                                : or_::RoleName::guardian;
  or_::Role r;
  r.role_type = or_::RoleType::primary;
  r.role = role;
  r.org = school_ref(school);
  u.roles.push_back(std::move(r));
  u.primary_org = school_ref(school);
  u.email = p.email;
  u.phone = p.phone;
  for (const auto& a : p.agents) u.agents.push_back(user_ref(a));
  if (p.kind == rows::RosterPersonKind::pupil) u.grades = {grade_code(p.grade)};
  return u;
}

bool selected(const rows::RosterPerson& p, UserSelection which) {
  return which == UserSelection::everyone || (which == UserSelection::pupils && p.kind == rows::RosterPersonKind::pupil) ||
         (which == UserSelection::teachers && p.kind == rows::RosterPersonKind::teacher);
}

}  // namespace

Result<OneRosterRecords> oneroster_orgs(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto org = store::school_org(*db);
  if (!org) return org.error();
  or_::Org o;
  o.base = base(org->sourced_id, org->date_last_modified);
  o.name = org->name;
  o.type = or_::OrgType::school;
  o.identifier = org->identifier;
  return OneRosterRecords{or_::to_json(o)};
}

Result<OneRosterRecords> oneroster_academic_sessions(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto cal = calendar(ctx, *db);
  if (!cal) return cal.error();
  const auto school_year = std::to_string(cal->start_year + 1);
  const auto year = year_id(cal->school, cal->start_year);
  OneRosterRecords out;
  or_::AcademicSession y;
  y.base = base(year, cal->rows.modified_at);
  y.title = std::to_string(cal->start_year) + "/" + school_year;
  y.type = or_::SessionType::schoolYear;
  y.school_year = school_year;
  y.start_date = cal->rows.terms.empty() ? std::to_string(cal->start_year) + "-09-01" : cal->rows.terms.front().start_date;
  y.end_date = cal->rows.terms.empty() ? school_year + "-06-01" : day_after(cal->rows.terms.back().end_date);
  y.children = term_refs(*cal);
  out.push_back(or_::to_json(y));
  for (const auto& t : cal->rows.terms) {
    or_::AcademicSession term;
    term.base = base(term_id(cal->school, cal->start_year, t.number), cal->rows.modified_at);
    term.title = "Term " + std::to_string(t.number);
    term.type = or_::SessionType::term;
    term.start_date = t.start_date;
    term.end_date = day_after(t.end_date);
    term.school_year = school_year;
    term.parent = session_ref(year);
    term.children = {session_ref(grading_period_id(cal->school, cal->start_year, t.number))};
    out.push_back(or_::to_json(term));
    // A term is graded as a whole (its term grades): its one grading period spans it.
    or_::AcademicSession gp = term;
    gp.base.sourced_id = grading_period_id(cal->school, cal->start_year, t.number);
    gp.title = "Term " + std::to_string(t.number) + " grading period";
    gp.type = or_::SessionType::gradingPeriod;
    gp.parent = session_ref(term.base.sourced_id);
    gp.children.clear();
    out.push_back(or_::to_json(gp));
  }
  return out;
}

Result<OneRosterRecords> oneroster_grading_periods_of(Context& ctx, const ApiClient& client, std::string_view term) {
  auto all = oneroster_academic_sessions(ctx, client);
  if (!all) return all.error();
  bool found = false;
  OneRosterRecords out;
  for (auto& s : *all) {
    if (s.at("sourcedId").as_string() == term && s.at("type").as_string() == "term") found = true;
    const auto* parent = s.if_contains("parent");
    if (s.at("type").as_string() == "gradingPeriod" && parent && parent->as_object().at("sourcedId").as_string() == term)
      out.push_back(std::move(s));
  }
  if (!found) return unknown_object("term", term, "…/terms");
  return out;
}

Result<OneRosterRecords> oneroster_courses(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto cal = calendar(ctx, *db);
  if (!cal) return cal.error();
  auto courses = store::roster_courses(*db);
  if (!courses) return courses.error();
  OneRosterRecords out;
  out.reserve(courses->size());
  for (const auto& c : *courses) {
    or_::Course x;
    x.base = base(course_id(c.subject_uuid, c.grade), c.modified_at);
    x.title = c.subject_name + ", " + std::to_string(c.grade);
    x.school_year = session_ref(year_id(cal->school, cal->start_year));
    x.course_code = c.short_name + "-" + std::to_string(c.grade);
    x.grades = {grade_code(c.grade)};
    x.subjects = {c.subject_name};
    x.org = school_ref(cal->school);
    out.push_back(or_::to_json(x));
  }
  return out;
}

Result<OneRosterRecords> oneroster_classes(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto cal = calendar(ctx, *db);
  if (!cal) return cal.error();
  auto classes = store::roster_class_subjects(*db);
  if (!classes) return classes.error();
  OneRosterRecords out;
  out.reserve(classes->size());
  for (const auto& cs : *classes) out.push_back(or_::to_json(class_record(cs, *cal)));
  return out;
}

Result<OneRosterRecords> oneroster_classes_of_teacher(Context& ctx, const ApiClient& client, std::string_view teacher) {
  auto db = ctx.readers.acquire();
  auto person = store::roster_people(*db, teacher);
  if (!person) return person.error();
  if (std::none_of(person->begin(), person->end(), [](const auto& p) { return p.kind == rows::RosterPersonKind::teacher; }))
    return unknown_object("teacher", teacher, "…/teachers");
  auto enrollments = store::roster_enrollments(*db);
  if (!enrollments) return enrollments.error();
  std::unordered_set<std::string> theirs;
  for (const auto& e : *enrollments)
    if (e.kind == rows::RosterPersonKind::teacher && e.person_uuid == teacher) theirs.insert(class_id(e.class_uuid, e.subject_uuid));
  auto all = oneroster_classes(ctx, client);
  if (!all) return all.error();
  std::erase_if(*all, [&](const boost::json::object& c) { return !theirs.contains(std::string(c.at("sourcedId").as_string())); });
  return all;
}

Result<OneRosterRecords> oneroster_users(Context& ctx, const ApiClient&, UserSelection which) {
  auto db = ctx.readers.acquire();
  auto org = store::school_org(*db);
  if (!org) return org.error();
  auto people = store::roster_people(*db);
  if (!people) return people.error();
  OneRosterRecords out;
  out.reserve(people->size());
  for (const auto& p : *people)
    if (selected(p, which)) out.push_back(or_::to_json(user_record(p, org->sourced_id)));
  return out;
}

Result<OneRosterRecords> oneroster_user(Context& ctx, const ApiClient&, std::string_view sourced_id, UserSelection which) {
  auto db = ctx.readers.acquire();
  auto org = store::school_org(*db);
  if (!org) return org.error();
  auto people = store::roster_people(*db, sourced_id);
  if (!people) return people.error();
  OneRosterRecords out;
  for (const auto& p : *people)
    if (selected(p, which)) out.push_back(or_::to_json(user_record(p, org->sourced_id)));
  return out;
}

Result<OneRosterRecords> oneroster_students_of_class(Context& ctx, const ApiClient& client, std::string_view class_sourced_id) {
  auto db = ctx.readers.acquire();
  auto classes = store::roster_class_subjects(*db);
  if (!classes) return classes.error();
  if (std::none_of(classes->begin(), classes->end(),
                   [&](const auto& cs) { return class_id(cs.class_uuid, cs.subject_uuid) == class_sourced_id; }))
    return unknown_object("class", class_sourced_id, "…/classes");
  auto enrollments = store::roster_enrollments(*db);
  if (!enrollments) return enrollments.error();
  std::unordered_set<std::string> pupils;
  for (const auto& e : *enrollments)
    if (e.kind == rows::RosterPersonKind::pupil && class_id(e.class_uuid, e.subject_uuid) == class_sourced_id)
      pupils.insert(e.person_uuid);
  auto all = oneroster_users(ctx, client, UserSelection::pupils);
  if (!all) return all.error();
  std::erase_if(*all, [&](const boost::json::object& u) { return !pupils.contains(std::string(u.at("sourcedId").as_string())); });
  return all;
}

Result<OneRosterRecords> oneroster_enrollments(Context& ctx, const ApiClient&) {
  auto db = ctx.readers.acquire();
  auto org = store::school_org(*db);
  if (!org) return org.error();
  auto enrollments = store::roster_enrollments(*db);
  if (!enrollments) return enrollments.error();
  OneRosterRecords out;
  out.reserve(enrollments->size());
  for (const auto& e : *enrollments) {
    or_::Enrollment x;
    x.base = base(enrollment_id(e.person_uuid, e.class_uuid, e.subject_uuid), e.modified_at, !e.left_on);
    x.user = user_ref(e.person_uuid);
    x.class_ = class_ref(class_id(e.class_uuid, e.subject_uuid));
    x.school = school_ref(org->sourced_id);
    x.role = e.kind == rows::RosterPersonKind::pupil ? or_::EnrollmentRole::student : or_::EnrollmentRole::teacher;
    if (e.left_on) x.end_date = *e.left_on;
    out.push_back(or_::to_json(x));
  }
  return out;
}

}  // namespace classbook::app
