// routes_documents: the documents the box makes (issue 11) — PDFs for whoever may read what they
// show, their verification by anyone holding the paper, and the office's login slips.
#include "app/class_documents.hpp"
#include "app/diary_extract.hpp"
#include "app/login_slips.hpp"
#include "app/print_desk.hpp"
#include "app/report_card.hpp"
#include "app/sign_in.hpp"
#include "http/json_in.hpp"
#include "http/pdf_reply.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

// The diary extract (issue 11): a PDF for whoever may read the pupil's diary.
void get_diary_extract(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::issue_diary_extract(env.ctx, c.session->actor, c.param("id"), c.query["from"], c.query["to"], origin_of(c.req),
                           c.then<app::IssuedPdf>(cp, reply_pdf));
}

std::string html_escaped(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

// What was changed and when, in words: "07.12.2026 10:02 — оценка изменена (Математика, урок 03.12.2026)".
std::string change_list(const std::vector<app::Verification::Change>& changes) {
  if (changes.empty()) return "";
  auto what = [](const app::Verification::Change& ch) -> std::string {
    const bool created = ch.action == "create", deleted = ch.action == "delete";
    if (ch.entity == "mark") return created ? "выставлена оценка" : deleted ? "удалена оценка" : "изменена оценка";
    if (ch.entity == "attendance") return created ? "отмечена посещаемость" : "изменена отметка о посещаемости";
    return "изменены тема или домашнее задание урока";
  };
  std::string out = "<ul>";
  for (const auto& ch : changes)
    out += "<li>" + html_escaped(ch.at) + " — " + what(ch) + " (" + html_escaped(ch.subject) + ", урок " +
           html_escaped(ch.lesson_date) + ")</li>";
  if (changes.size() >= static_cast<std::size_t>(app::max_listed_changes))
    out += "<li>… и другие: показаны первые " + std::to_string(changes.size()) + "</li>";
  return out + "</ul>";
}

// What the box says of a code anyone may type from a printed document: a small page in the school's
// language (no script, nothing loaded), or JSON when asked for it.
void get_verify(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::verify_document(env.ctx, c.param("code"), c.peer.address);
  if (!r) return c.fail(r.error());
  const bool json_wanted = c.req[bh::field::accept].find("application/json") != std::string_view::npos;
  const auto& v = *r;
  if (json_wanted) {
    json::object o{{"genuine", v.has_value()}};
    if (v) {
      o["code"] = v->code;
      o["school"] = v->school;
      o["pupil"] = v->pupil;
      o["class"] = v->class_name;
      o["period"] = v->period;
      o["made_at"] = v->made_at;
      o["changed_since"] = v->changed_since;
      json::array changes;
      for (const auto& ch : v->changes)
        changes.push_back(json::object{{"at", ch.at}, {"kind", ch.entity}, {"action", ch.action},
                                       {"lesson_date", ch.lesson_date}, {"subject", ch.subject}});
      o["changes"] = std::move(changes);
    }
    return c.json_reply(v ? status::ok : status::not_found, o);
  }
  std::string body =
      "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>Проверка документа</title><style>body{font-family:"
      "sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1c2430}"
      ".yes{color:#1d6b2f}.no{color:#a2281d}dt{font-weight:bold}</style></head><body><main><h1>Проверка документа</h1>";
  if (!v) {
    body += "<p class=\"no\"><strong>Этот код школа не выдавала.</strong> Проверьте, что он набран без ошибок "
            "(20 знаков, группы по четыре), или спросите в канцелярии школы.</p>";
  } else {
    body += "<p class=\"yes\"><strong>Документ подлинный:</strong> выписку из электронного дневника выдала " +
            html_escaped(v->school) + ".</p><dl><dt>Ученик</dt><dd>" + html_escaped(v->pupil) + ", класс " +
            html_escaped(v->class_name) + "</dd><dt>Период</dt><dd>" + html_escaped(v->period) +
            "</dd><dt>Сформирована</dt><dd>" + html_escaped(v->made_at) + "</dd><dt>Код</dt><dd>" +
            html_escaped(v->code) + "</dd></dl>" +
            (v->changed_since ? "<p class=\"no\">С тех пор записи журнала за этот период изменились (новые значения "
                                "здесь не показываются: за ними обратитесь к классному руководителю).</p>" +
                                    change_list(v->changes)
                              : "<p>С тех пор записи журнала за этот период не менялись.</p>");
  }
  body += "</main></body></html>\n";
  auto res = make_response(v ? status::ok : status::not_found, c.req.version(), std::move(body), "text/html; charset=utf-8");
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  c.reply(std::move(res));
}

void get_report_card(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::report_card(env.ctx, c.session->actor, c.param("id"), c.query["term"]);
  if (!r) return c.fail(r.error());
  reply_pdf(c, *r);
}

void get_attendance_report(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::attendance_report(env.ctx, c.session->actor, c.param("id"), c.query["from"], c.query["to"]);
  if (!r) return c.fail(r.error());
  reply_pdf(c, *r);
}

void get_class_journal(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::class_journal(env.ctx, c.session->actor, c.param("id"), c.query["subject"], c.query["term"]);
  if (!r) return c.fail(r.error());
  reply_pdf(c, *r);
}

// The preview of a class's login slips: ?for=pupils|guardians|all[&students=id,id] → who would get one.
void get_login_slips(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::SlipsRequest in{c.param("id"), c.query["for"], {}};
  const auto listed = c.query["students"];
  for (std::size_t start = 0; !listed.empty() && start <= listed.size();) {
    const auto comma = listed.find(',', start);
    if (in.students.size() == app::max_slip_students_listed)
      return c.fail(Errc::invalid_input, "login_slips.too_many_listed",
                    "list at most " + std::to_string(app::max_slip_students_listed) + " pupils, or none for the whole class");
    if (auto id = listed.substr(start, comma - start); !id.empty()) in.students.push_back(id);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  auto r = app::preview_login_slips(env.ctx, c.session->actor, in);
  if (!r) return c.fail(r.error());
  json::array slips;
  for (const auto& h : r->holders)
    slips.push_back(json::object{{"user_id", h.account.uuid},
                                 {"login", h.account.login},
                                 {"name", h.name},
                                 {"role", domain::to_string(h.account.role)},
                                 {"description", h.role}});
  c.json_reply(status::ok, json::object{{"class", json::object{{"id", r->class_id}, {"name", r->class_name}}},
                                        {"for", in.for_whom},
                                        {"slips", std::move(slips)}});
}

json::object job_json(const app::PrintJobView& j);
app::PrintDesk* desk_of(Env& env, Call& c);

// Login slips for a class: {"for": "pupils"|"guardians"|"all", "students": [ids], "printer"?} → the PDF,
// or with "printer" the print job (202) that carries it: the slips are made and their passwords
// written exactly as for the PDF, then sent; the box keeps no copy of them.
void post_login_slips(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"for", "students", "printer"});
  if (!f) return c.fail(f.error());
  auto who = f->string("for");
  if (!who) return c.fail(who.error());
  auto students = f->optional_strings("students", app::max_slip_students_listed);
  if (!students) return c.fail(students.error());
  auto printer = f->optional_string("printer");
  if (!printer) return c.fail(printer.error());
  app::SlipsRequest in{c.param("id"), std::move(*who), std::move(*students)};
  app::SlipsOptions options{env.sessions.options().one_time_password_lifetime};
  if (!*printer)
    return app::issue_login_slips(env.ctx, c.session->actor, c.session->user.display_name, in, origin_of(c.req), options,
                                  c.then<app::IssuedPdf>(cp, reply_pdf));
  // The printer is checked first: a wrong name must not cost the class its passwords.
  auto* desk = desk_of(env, c);
  if (!desk) return;
  if (auto st = desk->may_print_on(c.session->actor, **printer); !st) return c.fail(st.error());
  std::string document = "/api/v1/classes/" + in.class_id + "/login-slips?for=" + in.for_whom;
  app::issue_login_slips(
      env.ctx, c.session->actor, c.session->user.display_name, in, origin_of(c.req), options,
      [cp, desk, document = std::move(document), printer = **printer](Result<app::IssuedPdf> pdf) {
        if (!pdf) return cp->fail(pdf.error());
        desk->print_made(cp->session->actor, {document, printer, std::move(pdf->bytes), false},
                         cp->then<app::PrintJobView>(cp, [](Call& call, const app::PrintJobView& j) {
                           call.json_reply(status::accepted, job_json(j));
                         }));
      });
}

// One account's slip: a new one-time password, printed; the old password stops working.
void post_account_slip(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::SlipsOptions options{env.sessions.options().one_time_password_lifetime};
  app::issue_account_slip(env.ctx, c.session->actor, c.session->user.display_name, c.param("login"), origin_of(c.req), options,
                          c.then<app::IssuedPdf>(cp, reply_pdf));
}

// --- printing -----------------------------------------------------------------------------------------
json::object job_json(const app::PrintJobView& j) {
  json::object o{{"id", j.id},           {"document", j.document}, {"title", j.title},
                 {"printer", j.printer}, {"printer_label", j.printer_label}, {"copies", j.copies},
                 {"state", j.state},     {"created_at", j.created_at}, {"updated_at", j.updated_at}};
  if (!j.reason.empty()) o["reason"] = j.reason;
  return o;
}

// The desk, or the answer that the box has none.
app::PrintDesk* desk_of(Env& env, Call& c) {
  if (env.print_desk) return env.print_desk;
  c.fail(make_error(Errc::unavailable, "print.no_printers",
                    "this box has no printers set up; the administrator adds them in classbookd.toml's [printing]"));
  return nullptr;
}

void get_printers(Env& env, const CallPtr& cp) {
  auto* desk = desk_of(env, *cp);
  if (!desk) return;
  desk->printers(cp->session->actor, cp->then<std::vector<app::PrinterView>>(cp, [](Call& c, const std::vector<app::PrinterView>& list) {
    json::array out;
    for (const auto& p : list)
      out.push_back(json::object{{"name", p.name}, {"label", p.label}, {"default", p.is_default}, {"state", p.state},
                                 {"message", p.message}});
    c.json_reply(status::ok, json::object{{"printers", std::move(out)}});
  }));
}

void post_print_job(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto* desk = desk_of(env, c);
  if (!desk) return;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"document", "printer", "copies"});
  if (!f) return c.fail(f.error());
  auto document = f->string("document");
  if (!document) return c.fail(document.error());
  auto printer = f->optional_string("printer");
  if (!printer) return c.fail(printer.error());
  auto copies = f->optional_integer("copies");
  if (!copies) return c.fail(copies.error());
  if (*copies && (**copies < 1 || **copies > app::max_print_copies))
    return c.fail(Errc::invalid_input, "print.copies_out_of_range", "copies must be 1 to " + std::to_string(app::max_print_copies));
  app::PrintRequest in{std::move(*document), printer->value_or(""), static_cast<int>(copies->value_or(1))};
  desk->print(c.session->actor, std::move(in), origin_of(c.req), c.then<app::PrintJobView>(cp, [](Call& call, const app::PrintJobView& j) {
    call.json_reply(status::accepted, job_json(j));
  }));
}

void get_print_jobs(Env& env, const CallPtr& cp) {
  auto* desk = desk_of(env, *cp);
  if (!desk) return;
  auto r = desk->recent(cp->session->actor);
  if (!r) return cp->fail(r.error());
  json::array out;
  for (const auto& j : *r) out.push_back(job_json(j));
  cp->json_reply(status::ok, json::object{{"jobs", std::move(out)}});
}

void get_print_job(Env& env, const CallPtr& cp) {
  auto* desk = desk_of(env, *cp);
  if (!desk) return;
  desk->job(cp->session->actor, cp->param("id"), cp->then<app::PrintJobView>(cp, [](Call& c, const app::PrintJobView& j) {
    c.json_reply(status::ok, job_json(j));
  }));
}

void post_print_job_retry(Env& env, const CallPtr& cp) {
  auto* desk = desk_of(env, *cp);
  if (!desk) return;
  desk->retry(cp->session->actor, cp->param("id"), cp->then<app::PrintJobView>(cp, [](Call& c, const app::PrintJobView& j) {
    c.json_reply(status::accepted, job_json(j));
  }));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// Reads of a pupil: the pupil, the guardians, the pupil's teachers and class teacher; the director any.
constexpr Access reads_pupil = signed_in({{student, own}, {guardian, own}, {teacher, own}, {class_teacher, own}, {director, any}});

const Route rows[] = {
    {V::get, "/api/v1/students/{id}/diary-extract.pdf", get_diary_extract, reads_pupil},
    {V::get, "/api/v1/students/{id}/report-card.pdf", get_report_card, reads_pupil},
    {V::get, "/verify/{code}", get_verify, open_to(Caller::anyone)},
    {V::get, "/api/v1/classes/{id}/attendance-report.pdf", get_attendance_report,
     signed_in({{class_teacher, own}, {secretary, any}, {director, any}})},
    {V::get, "/api/v1/classes/{id}/journal.pdf", get_class_journal,
     signed_in({{teacher, own}, {class_teacher, own}, {secretary, any}, {director, any}})},
    // Staff print what they may read; each sees their own jobs, the office the office's.
    {V::get, "/api/v1/printers", get_printers, signed_in({{teacher, any}, {class_teacher, any}, {secretary, any}, {director, any}, {admin, any}})},
    {V::post, "/api/v1/print-jobs", post_print_job, signed_in({{teacher, any}, {class_teacher, any}, {secretary, any}, {director, any}})},
    {V::get, "/api/v1/print-jobs", get_print_jobs, signed_in({{teacher, any}, {class_teacher, any}, {secretary, any}, {director, any}, {admin, any}})},
    {V::get, "/api/v1/print-jobs/{id}", get_print_job, signed_in({{teacher, own}, {class_teacher, own}, {secretary, own}, {director, own}, {admin, any}})},
    // The administrator looks after the printers: every job's state, and a stopped one sent again.
    {V::post, "/api/v1/print-jobs/{id}/retry", post_print_job_retry,
     signed_in({{teacher, own}, {class_teacher, own}, {secretary, own}, {director, own}, {admin, any}})},
    {V::get, "/api/v1/classes/{id}/login-slips", get_login_slips, signed_in({{class_teacher, own}, {secretary, any}})},
    {V::post, "/api/v1/classes/{id}/login-slips", post_login_slips, signed_in({{class_teacher, own}, {secretary, any}})},
    // As a password reset: the office and a class teacher for pupils and guardians; the administrator
    // for staff accounts (the role matrix's accounts are pupils', hence no row of the admin's here).
    {V::post, "/api/v1/users/{login}/login-slip", post_account_slip, signed_in({{class_teacher, own}, {secretary, any}})},
};

}  // namespace

std::span<const Route> document_routes() { return rows; }

}  // namespace classbook::http
