// access_applications: the office's procedure for applications for access to the electronic diary
// (issue 11), as the city's regulation of the service has it (domain/access_application.hpp): the
// secretary registers an application as the applicant presents it, approves it — which links or
// opens the guardian's account for the pupil (or hands the pupil their own) and answers the login
// slip — or denies it on one of the regulation's five grounds; the register lists them with their
// due dates, the overdue first; each decision prints. The secretary does all of it; the director
// reads the register and prints decisions (domain: handle_ / read_access_applications). Every
// registration and decision is in the audit trail.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "app/login_slips.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr std::size_t max_application_documents_listed = 10;  // five kinds, each once: a longer list is a mistake
constexpr std::size_t max_application_comment_chars = 1000;
// An arrival noted a little after the box's clock (the office PC's clock runs ahead) is still taken.
constexpr std::chrono::minutes arrival_clock_tolerance{2};

struct NewAccessApplication {
  std::string applicant_name;  // "Иванова Мария Сергеевна", as on the identity document
  std::string applicant_kind;  // "parent" | "legal_representative" | "proxy" | "pupil"
  // The pupil: the register's id, or the name and birth date as the applicant gave them (both may
  // be given: the name and birth date are then checked against the register when it is approved).
  std::optional<std::string> student_id;
  std::optional<std::string> pupil_name;        // "Иванов Пётр Сергеевич"
  std::optional<std::string> pupil_birth_date;  // "2014-03-01"
  std::vector<std::string> documents;           // "request", "birth_certificate", …
  std::string contact;                          // the applicant's phone or e-mail, for the answer
  std::optional<std::string> arrived_at;        // when the applicant came, ISO 8601 with a zone
};

// An application as the register shows it: the row, its documents and the ones its applicant
// still lacks (by name, in the regulation's order).
struct AccessApplication {
  store::AccessApplicationRecord record;
  std::vector<std::string> documents;
  std::vector<std::string> missing_documents;
};

// Registered now, due answer_working_days working days after today. A pupil given by name and birth
// date is looked up: when exactly one pupil at school matches, the application names them; when
// none does, it is registered all the same (the office records it, then denies it with not_a_pupil).
// A student_id that is no pupil is a 404.
void register_access_application(Context& ctx, const domain::Actor& actor, NewAccessApplication in,
                                 Reply<AccessApplication> reply);

// `status` "registered", "approved", "denied", or "" for all: the overdue first, then by due date.
Result<std::vector<AccessApplication>> list_access_applications(Context& ctx, const domain::Actor& actor,
                                                                std::string_view status);

// Denied with one of the regulation's five reasons (domain::DenialReason's names) and a comment.
// A decided application is not decided again (409), and nothing is written.
void deny_access_application(Context& ctx, const domain::Actor& actor, std::string application_id, std::string reason,
                             std::string comment, Reply<AccessApplication> reply);

// Approved: the guardian (for a parent, legal representative or proxy: one already linked to the pupil
// under that name, one registered with the same name and phone, or a new one from the application)
// is linked to the pupil and gets a new one-time password on a login slip — the answer, a PDF — with
// their account opened if they had none; for the pupil, the pupil's own account. Refused (409, nothing
// written) when the application lacks a document its applicant must present ("deny with
// documents_invalid"), when the pupil given is not the school's record of them ("documents_conflict"),
// when no pupil at school matches ("not_a_pupil"), and when it is decided already. `actor_name`,
// `box_origin` and `options` as for issue_login_slips.
void approve_access_application(Context& ctx, const domain::Actor& actor, const std::string& actor_name,
                                std::string application_id, std::string comment, std::string box_origin,
                                SlipsOptions options, Reply<IssuedPdf> reply);

// The printed decision of a decided application (409 while it is undecided).
Result<IssuedPdf> access_decision(Context& ctx, const domain::Actor& actor, std::string_view application_id);

}  // namespace classbook::app
