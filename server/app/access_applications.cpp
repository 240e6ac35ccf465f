// access_applications: registering an application as presented, the register, a denial, and the
// printed decision (the approval is access_approval.cpp).
#include "app/access_applications.hpp"

#include <boost/json.hpp>

#include "app/access_applications_shared.hpp"
#include "app/document_words.hpp"
#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "docs/access_decision.hpp"
#include "domain/roster.hpp"
#include "domain/text.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
using namespace access_detail;
using roster_detail::invalid;

namespace {

// A full name as the applicant wrote it, each part checked as the roster checks names.
Result<std::string> checked_full_name(const std::string& text, const char* field, const char* whose) {
  const auto name = domain::split_full_name(text);
  if (!name)
    return invalid("access_application.name_incomplete",
                   std::string(field) + " is " + whose +
                       " full name as on the documents: the last name, the first name and the "
                       "middle name if there is one, like \"Иванова Мария Сергеевна\"",
                   field);
  for (auto [part, what, required] : {std::tuple{&name->last, "the last name", true},
                                      {&name->first, "the first name", true},
                                      {&name->middle, "the middle name", false}})
    if (auto p = domain::check_person_name(*part, std::string(what) + " in " + field, required))
      return invalid("person.name_invalid", *p, field);
  return name->full();
}

// The applicant's phone or e-mail, written one way.
Result<std::string> checked_contact(const std::string& text) {
  const auto t = domain::tidy(text);
  if (t.empty())
    return invalid("access_application.contact_missing", "contact is the applicant's phone or e-mail, for the answer",
                   "contact");
  auto c = t.find('@') != std::string::npos ? domain::normalize_email(t) : domain::normalize_phone(t);
  if (!c) return invalid("contact.malformed", c.problem, "contact");
  return *c;
}

Result<std::vector<domain::ApplicationDocument>> checked_documents(const std::vector<std::string>& names) {
  std::vector<domain::ApplicationDocument> out;
  for (const auto& name : names) {
    auto d = domain::parse_application_document(name);
    if (!d)
      return invalid("access_application.document_unknown",
                     "'" + name.substr(0, 40) +
                         "' is not a document the regulation names; documents are request, birth_certificate, "
                         "identity_document, guardianship_document and power_of_attorney",
                     "documents");
    out.push_back(*d);
  }
  return domain::in_order(std::move(out));
}

// The registration's values, checked before the writer is asked.
struct CheckedApplication {
  store::AccessApplicationRecord row;
  std::optional<std::string> student_uuid;
};

Result<CheckedApplication> checked(const Context& ctx, const NewAccessApplication& in) {
  CheckedApplication c;
  auto& a = c.row;
  const auto kind = domain::parse_applicant_kind(in.applicant_kind);
  if (!kind)
    return invalid("access_application.kind_unknown",
                   "applicant_kind is one of parent, legal_representative, proxy and pupil", "applicant_kind");
  a.applicant_kind = domain::to_string(*kind);
  auto name = checked_full_name(in.applicant_name, "applicant_name", "the applicant's");
  if (!name) return name.error();
  a.applicant_name = std::move(*name);
  auto documents = checked_documents(in.documents);
  if (!documents) return documents.error();
  a.documents = documents_text(*documents);
  auto contact = checked_contact(in.contact);
  if (!contact) return contact.error();
  a.contact = std::move(*contact);
  if (in.pupil_name) {
    auto pupil = checked_full_name(*in.pupil_name, "pupil_name", "the pupil's");
    if (!pupil) return pupil.error();
    a.pupil_name = std::move(*pupil);
  }
  if (in.pupil_birth_date) {
    // As given: an implausible date is the office's reason to deny, not to refuse to register.
    const auto d = domain::parse_date(*in.pupil_birth_date);
    if (!d)
      return invalid("date.malformed", "pupil_birth_date must be a real day written like 2014-03-01",
                     "pupil_birth_date");
    a.pupil_birth_date = domain::format_date(*d);
  }
  c.student_uuid = in.student_id;
  if (!c.student_uuid && !(a.pupil_name && a.pupil_birth_date))
    return invalid("access_application.pupil_missing",
                   "say which pupil the application is for: student_id, or pupil_name and pupil_birth_date as the "
                   "applicant gave them",
                   "student_id");
  if (in.arrived_at) {
    TimePoint arrived;
    if (!parse_utc(*in.arrived_at, arrived))
      return invalid("access_application.arrived_at_malformed",
                     "arrived_at is when the applicant came, like 2026-11-23T09:05:00+03:00", "arrived_at");
    if (arrived > ctx.clock.now() + arrival_clock_tolerance)
      return invalid("access_application.arrived_in_future",
                     "arrived_at is later than now; give the time the applicant came", "arrived_at");
    a.arrived_at = format_utc(arrived);
  }
  return c;
}

}  // namespace

void register_access_application(Context& ctx, const domain::Actor& actor, NewAccessApplication in,
                                 Reply<AccessApplication> reply) {
  if (auto s = may_handle(actor); !s) return reply(s.error());
  auto c = checked(ctx, in);
  if (!c) return reply(c.error());
  submit<AccessApplication>(
      ctx,
      [&ctx, actor, c = std::move(*c)](store::WriteContext& w) -> Result<AccessApplication> {
        auto a = c.row;
        if (c.student_uuid) {
          auto id = roster_detail::known(w.db, store::Table::students, *c.student_uuid, "student_id");
          if (!id) return id.error();
          a.student_id = *id;
        } else {
          // The one pupil at school so named and born then; none or several leave it to the office.
          auto found = pupils_named(w.db, *a.pupil_name, *a.pupil_birth_date);
          if (!found) return found.error();
          if (found->size() == 1) a.student_id = found->front().id;
        }
        const auto today = local_date(ctx, w.now);
        auto seq = store::next_application_seq(w.db, static_cast<int>(today.year()));
        if (!seq) return seq.error();
        a.uuid = new_uuid();
        a.number = domain::application_number(static_cast<int>(today.year()), *seq);
        a.registered_at = w.now_text;
        a.registered_by = actor.user_id;
        TimePoint arrived;
        a.registered_late = a.arrived_at && parse_utc(*a.arrived_at, arrived) &&
                            domain::registered_late(std::chrono::floor<std::chrono::seconds>(arrived),
                                                    std::chrono::floor<std::chrono::seconds>(w.now));
        a.due_on = domain::format_date(domain::answer_due(today));
        if (auto id = store::insert_access_application(w.db, a); !id) return id.error();
        auto saved = find_application(w.db, a.uuid, today);
        if (!saved) return saved.error();
        w.audit(actor.user_id, "access_application", a.uuid, "register", "{}", audit_json(*saved));
        return view_of(std::move(*saved));
      },
      std::move(reply));
}

Result<std::vector<AccessApplication>> list_access_applications(Context& ctx, const domain::Actor& actor,
                                                                std::string_view status) {
  if (auto s = may_read(actor); !s) return s.error();
  if (!status.empty() && !domain::parse_application_status(status))
    return invalid("access_application.status_unknown",
                   "status is registered, approved or denied; leave it out for every application", "status");
  auto db = ctx.readers.acquire();
  auto rows = store::list_access_applications(*db, status, local_date(ctx, ctx.clock.now()));
  if (!rows) return rows.error();
  std::vector<AccessApplication> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.push_back(view_of(std::move(r)));
  return out;
}

void deny_access_application(Context& ctx, const domain::Actor& actor, std::string application_id, std::string reason,
                             std::string comment, Reply<AccessApplication> reply) {
  if (auto s = may_handle(actor); !s) return reply(s.error());
  const auto why = domain::parse_denial_reason(reason);
  if (!why)
    return reply(invalid("access_application.reason_unknown",
                         "reason is one of the regulation's five: not_entitled (not among those who may apply), "
                         "not_a_pupil (not a pupil of this school), documents_invalid (the documents do not meet the "
                         "requirements), documents_conflict (the documents contradict each other), withdrawn (the "
                         "applicant declined the service)",
                         "reason"));
  comment = domain::tidy(comment);
  const auto length = domain::utf8_length(comment);
  if (!length || *length > max_application_comment_chars)
    return reply(invalid("access_application.comment_too_long",
                         "the comment is at most " + std::to_string(max_application_comment_chars) + " characters",
                         "comment"));
  submit<AccessApplication>(
      ctx,
      [&ctx, actor, application_id, why, comment](store::WriteContext& w) -> Result<AccessApplication> {
        const auto today = local_date(ctx, w.now);
        auto a = find_application(w.db, application_id, today);
        if (!a) return a.error();
        if (a->status != "registered") return already_decided(*a);
        store::ApplicationDecision d;
        d.application_id = a->id;
        d.status = "denied";
        d.reason = domain::to_string(*why);
        d.comment = comment;
        d.decided_by = actor.user_id;
        d.decided_at = w.now_text;
        auto written = store::record_application_decision(w.db, d);
        if (!written) return written.error();
        if (!*written) return already_decided(*a);
        auto saved = find_application(w.db, application_id, today);
        if (!saved) return saved.error();
        w.audit(actor.user_id, "access_application", saved->uuid, "deny", audit_json(*a), audit_json(*saved));
        return view_of(std::move(*saved));
      },
      std::move(reply));
}

Result<IssuedPdf> access_decision(Context& ctx, const domain::Actor& actor, std::string_view application_id) {
  if (auto s = may_read(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  auto a = find_application(*db, application_id, local_date(ctx, ctx.clock.now()));
  if (!a) return a.error();
  if (a->status == "registered")
    return make_error(
        Errc::conflict, "access_application.not_decided",
        "application " + a->number + " is not decided yet; approve or deny it first, then print the decision",
        "application_id");
  docs::AccessDecision d;
  d.school = ctx.settings().name;
  d.number = a->number;
  d.registered_on = local_text(ctx, a->registered_at);
  d.due_on = dotted(a->due_on);
  d.applicant = a->applicant_name;
  const auto kind = domain::parse_applicant_kind(a->applicant_kind);
  d.applicant_kind = kind ? domain::applicant_words(*kind) : a->applicant_kind;
  d.contact = a->contact;
  if (!a->student_name.empty())
    d.pupil = a->student_name + ", " + a->class_name +
              (a->student_left_on ? " (выбыл(а) " + dotted(*a->student_left_on) + ")" : "");
  else
    d.pupil = a->pupil_name.value_or("") + ", " + dotted(a->pupil_birth_date.value_or("")) +
              " г. р. (в контингенте школы не найден)";
  for (auto doc : documents_of(*a)) d.documents.emplace_back(domain::document_words(doc));
  d.approved = a->status == "approved";
  d.login = a->account_login;
  if (a->reason)
    if (auto why = domain::parse_denial_reason(*a->reason)) d.reason = domain::regulation_words(*why);
  d.comment = a->comment;
  d.decided_by = a->decided_by_name;
  d.decided_at = local_text(ctx, a->decided_at.value_or(""));
  auto pdf = docs::access_decision_pdf(d);
  if (!pdf) return pdf.error();
  return IssuedPdf{std::move(*pdf), "access-decision-" + a->number + ".pdf", ""};
}

}  // namespace classbook::app
