// routes_reports: the director's reports (attendance, marks and term grades, pupils at risk) as JSON,
// CSV and PDF from one view each, the audit trail's search and its verification (issue 12).
#include <cmath>

#include "app/audit_search.hpp"
#include "app/audit_verification.hpp"
#include "app/report_files.hpp"
#include "app/reports.hpp"
#include "http/pdf_reply.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

app::ReportRequest report_request(Call& c) {
  return {c.query["term"], c.query["from"], c.query["to"], c.query["class_id"]};
}

// Averages to two decimals, as a person reads them; the CSV and PDF show the same figure.
json::value rounded(double v) { return std::round(v * 100.0) / 100.0; }

json::object span_json(const app::ReportSpan& s) {
  return {{"from", s.from},
          {"to", s.to},
          {"term", s.term ? json::value(s.term) : nullptr},
          {"class_id", s.class_id.empty() ? json::value(nullptr) : json::value(s.class_id)},
          {"class", s.class_name.empty() ? json::value(nullptr) : json::value(s.class_name)}};
}

json::object figures_json(const app::AttendanceFigures& f) {
  return {{"pupils", f.pupils},   {"lessons", f.lessons}, {"unexcused", f.unexcused},
          {"excused", f.excused}, {"illness", f.illness}, {"late", f.late}};
}

json::object day_json(const app::AttendanceDayRow& d) {
  auto o = figures_json(d.figures);
  o["date"] = d.date;
  return o;
}

json::object by_value_json(const std::map<int, int>& m) {
  json::object o;
  for (auto it = m.rbegin(); it != m.rend(); ++it) o[std::to_string(it->first)] = it->second;
  return o;
}

void reply_csv(Call& c, const app::CsvFile& f) {
  auto res = make_response(status::ok, c.req.version(), f.bytes, "text/csv; charset=utf-8");
  res.set(bh::field::content_disposition, "attachment; filename=\"" + f.file_name + "\"");
  res.set(bh::field::cache_control, "no-store");
  c.reply(std::move(res));
}

// --- attendance ---------------------------------------------------------------------------------------
json::value attendance_json(const app::AttendanceReportView& v) {
  auto o = span_json(v.span);
  json::array classes;
  for (const auto& c : v.classes) {
    json::array days;
    for (const auto& d : c.days) days.push_back(day_json(d));
    classes.push_back(json::object{{"class_id", c.class_id}, {"class", c.class_name}, {"days", std::move(days)},
                                   {"total", figures_json(c.total)}});
  }
  json::array school_days;
  for (const auto& d : v.school_days) school_days.push_back(day_json(d));
  o["classes"] = std::move(classes);
  o["school_days"] = std::move(school_days);
  o["school"] = figures_json(v.school);
  return o;
}

void get_attendance(Env& env, const CallPtr& cp) {
  auto r = app::attendance_report_view(env.ctx, cp->session->actor, report_request(*cp));
  answer(*cp, r, attendance_json);
}
void get_attendance_csv(Env& env, const CallPtr& cp) {
  auto r = app::attendance_report_view(env.ctx, cp->session->actor, report_request(*cp));
  r ? reply_csv(*cp, app::attendance_csv(*r)) : cp->fail(r.error());
}
void get_attendance_pdf(Env& env, const CallPtr& cp) {
  auto r = app::attendance_report_view(env.ctx, cp->session->actor, report_request(*cp));
  if (!r) return cp->fail(r.error());
  auto pdf = app::attendance_pdf(env.ctx, *r);
  pdf ? reply_pdf(*cp, *pdf) : cp->fail(pdf.error());
}

// --- marks and term grades ----------------------------------------------------------------------------
json::value grades_json(const app::GradesReportView& v) {
  auto o = span_json(v.span);
  o["terms"] = json::value_from(v.terms);
  json::array rows;
  for (const auto& r : v.rows)
    rows.push_back(json::object{{"class_id", r.class_id},
                                {"class", r.class_name},
                                {"subject_id", r.subject_id},
                                {"subject", r.subject},
                                {"marks", r.marks},
                                {"pupils_with_marks", r.pupils_with_marks},
                                {"average", r.average ? rounded(*r.average) : nullptr},
                                {"marks_by_value", by_value_json(r.marks_by_value)},
                                {"term_grades", r.term_grades},
                                {"term_grades_by_value", by_value_json(r.term_grades_by_value)}});
  o["rows"] = std::move(rows);
  return o;
}

void get_grades(Env& env, const CallPtr& cp) {
  auto r = app::grades_report_view(env.ctx, cp->session->actor, report_request(*cp));
  answer(*cp, r, grades_json);
}
void get_grades_csv(Env& env, const CallPtr& cp) {
  auto r = app::grades_report_view(env.ctx, cp->session->actor, report_request(*cp));
  r ? reply_csv(*cp, app::grades_csv(*r)) : cp->fail(r.error());
}
void get_grades_pdf(Env& env, const CallPtr& cp) {
  auto r = app::grades_report_view(env.ctx, cp->session->actor, report_request(*cp));
  if (!r) return cp->fail(r.error());
  auto pdf = app::grades_pdf(env.ctx, *r);
  pdf ? reply_pdf(*cp, *pdf) : cp->fail(pdf.error());
}

// --- pupils at risk -----------------------------------------------------------------------------------
app::AtRiskRequest at_risk_request(Call& c) { return {report_request(c), c.query["below"], c.query["absences"]}; }

json::value at_risk_json(const app::AtRiskView& v) {
  auto o = span_json(v.span);
  o["below"] = v.below;
  o["absences"] = v.unexcused_over;
  o["absences_counted"] = "unexcused";
  json::array pupils;
  for (const auto& p : v.pupils) {
    json::array reasons;
    for (const auto& r : p.reasons) {
      if (r.kind == "low_average")
        reasons.push_back(json::object{{"kind", r.kind}, {"subject_id", r.subject_id}, {"subject", r.subject},
                                       {"average", rounded(r.average)}, {"marks", r.marks}});
      else
        reasons.push_back(json::object{{"kind", r.kind}, {"unexcused", r.unexcused}});
    }
    pupils.push_back(json::object{{"student_id", p.student_id}, {"name", p.name}, {"class_id", p.class_id},
                                  {"class", p.class_name}, {"unexcused", p.unexcused}, {"excused", p.excused},
                                  {"illness", p.illness}, {"reasons", std::move(reasons)}});
  }
  o["pupils"] = std::move(pupils);
  return o;
}

void get_at_risk(Env& env, const CallPtr& cp) {
  auto r = app::at_risk_view(env.ctx, cp->session->actor, at_risk_request(*cp));
  answer(*cp, r, at_risk_json);
}
void get_at_risk_csv(Env& env, const CallPtr& cp) {
  auto r = app::at_risk_view(env.ctx, cp->session->actor, at_risk_request(*cp));
  r ? reply_csv(*cp, app::at_risk_csv(*r)) : cp->fail(r.error());
}
void get_at_risk_pdf(Env& env, const CallPtr& cp) {
  auto r = app::at_risk_view(env.ctx, cp->session->actor, at_risk_request(*cp));
  if (!r) return cp->fail(r.error());
  auto pdf = app::at_risk_pdf(env.ctx, *r);
  pdf ? reply_pdf(*cp, *pdf) : cp->fail(pdf.error());
}

// --- the audit trail ----------------------------------------------------------------------------------
// Stored as JSON text by the writer; shown as text if a row is not JSON (a tampered trail).
json::value as_json(const std::string& text) {
  json::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}
json::value text_or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

void get_audit(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& after_text = c.query["after"];
  char* end = nullptr;
  const long long after = after_text.empty() ? 0 : std::strtoll(after_text.c_str(), &end, 10);
  if (!after_text.empty() && (*end != '\0' || after < 0))
    return c.fail(make_error(Errc::invalid_input, "request.page_cursor_malformed", "after must be the next_after number of the previous page", "after"));
  app::AuditQuery q{c.query["student_id"], c.query["class_id"], c.query["subject_id"], c.query["teacher_id"],
                    c.query["user"],       c.query["entity"],   c.query["from"],       c.query["to"], after};
  auto r = app::search_audit_trail(env.ctx, c.session->actor, q);
  if (!r) return c.fail(r.error());
  json::array rows;
  for (const auto& a : r->entries) {
    json::object o{{"seq", a.seq}, {"at", a.at}, {"actor", a.actor}, {"actor_role", a.actor_role},
                   {"actor_id", text_or_null(a.actor_id)}, {"entity", a.entity}, {"id", a.id}, {"action", a.action},
                   {"before", as_json(a.before)}, {"after", as_json(a.after)}};
    o["student"] = a.student.empty() ? json::value(nullptr) : json::object{{"id", a.student_id}, {"name", a.student}};
    o["class"] = text_or_null(a.class_name);
    o["subject"] = text_or_null(a.subject);
    o["lesson_date"] = text_or_null(a.lesson_date);
    o["lesson_period"] = a.lesson_period ? json::value(a.lesson_period) : nullptr;
    o["term"] = a.term ? json::value(a.term) : nullptr;
    o["from"] = text_or_null(a.from);
    o["to"] = text_or_null(a.to);
    o["reason"] = text_or_null(a.reason);
    o["summary"] = a.summary;
    rows.push_back(std::move(o));
  }
  return c.json_reply(status::ok, json::object{{"entries", std::move(rows)}, {"next_after", r->next_after}});
}

void get_audit_verification(Env& env, const CallPtr& cp) {
  app::verify_audit(env.ctx, cp->session->actor, cp->then<app::AuditVerificationView>(cp, [](Call& c, app::AuditVerificationView v) {
    json::array findings;
    for (const auto& f : v.findings) {
      json::object o{{"kind", f.kind}, {"seq", f.seq}, {"problem", f.problem}, {"text", f.text}};
      if (f.kind == "mismatch") {
        o["entity"] = f.entity;
        o["key"] = f.key;
        o["row"] = f.row;
      }
      findings.push_back(std::move(o));
    }
    c.json_reply(status::ok, json::object{{"ok", v.ok}, {"checked_entries", v.checked_entries}, {"rows_checked", v.rows_checked},
                                          {"mismatch_count", v.mismatch_count}, {"findings", std::move(findings)},
                                          {"checked_at", v.checked_at}, {"took_ms", v.took_ms}});
  }));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// The office prints every class's attendance already (print_class_records), so it reads the school's;
// marks and the audit trail are the director's alone (read_all).
constexpr Access school_attendance = signed_in({{secretary, any}, {director, any}});
constexpr Access director_only = signed_in({{director, any}});

const Route rows[] = {
    {V::get, "/api/v1/reports/attendance", get_attendance, school_attendance},
    {V::get, "/api/v1/reports/attendance.csv", get_attendance_csv, school_attendance},
    {V::get, "/api/v1/reports/attendance.pdf", get_attendance_pdf, school_attendance},
    {V::get, "/api/v1/reports/grades", get_grades, director_only},
    {V::get, "/api/v1/reports/grades.csv", get_grades_csv, director_only},
    {V::get, "/api/v1/reports/grades.pdf", get_grades_pdf, director_only},
    {V::get, "/api/v1/reports/at-risk", get_at_risk, director_only},
    {V::get, "/api/v1/reports/at-risk.csv", get_at_risk_csv, director_only},
    {V::get, "/api/v1/reports/at-risk.pdf", get_at_risk_pdf, director_only},
    {V::get, "/api/v1/audit", get_audit, director_only},
    {V::get, "/api/v1/audit/verification", get_audit_verification, director_only},
};

}  // namespace

std::span<const Route> report_routes() { return rows; }

}  // namespace classbook::http
