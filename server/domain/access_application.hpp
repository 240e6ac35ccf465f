// access_application: the rules of an application for access to the electronic diary, as the city's
// regulation of the service has them — who may apply, which documents each applicant presents, the
// five reasons for a refusal in the regulation's words, and the time limits: registered within 15
// minutes of the applicant's arrival, answered within 3 working days.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "roster_names.hpp"

namespace classbook::domain {

// Who applies: a parent, another legal representative (a guardian by a guardianship document), a
// proxy of theirs by a power of attorney, or the pupil.
enum class ApplicantKind { parent, legal_representative, proxy, pupil };
const char* to_string(ApplicantKind k);                                    // "parent", "legal_representative", …
std::optional<ApplicantKind> parse_applicant_kind(std::string_view text);  // inverse of to_string
const char* applicant_words(ApplicantKind k);                              // "родитель", … (printed)

enum class ApplicationDocument {
  request,
  birth_certificate,
  identity_document,
  guardianship_document,
  power_of_attorney
};
const char* to_string(ApplicationDocument d);                                          // "request", …
std::optional<ApplicationDocument> parse_application_document(std::string_view text);  // inverse of to_string
const char* document_words(ApplicationDocument d);  // "заявление", … (printed)
// Every document, in the regulation's order; a list of them is kept in this order, each once.
constexpr ApplicationDocument all_application_documents[] = {
    ApplicationDocument::request, ApplicationDocument::birth_certificate, ApplicationDocument::identity_document,
    ApplicationDocument::guardianship_document, ApplicationDocument::power_of_attorney};
// `documents` in the regulation's order, each once.
std::vector<ApplicationDocument> in_order(std::vector<ApplicationDocument> documents);

// What each applicant presents besides the request itself, so that the office can tell that the
// applicant is who the request says and is entitled:
// - parent: request, identity document, the pupil's birth certificate (it names the parents);
// - legal representative: request, identity document, the guardianship document;
// - proxy: request, identity document, the power of attorney;
// - pupil: request, identity document.
std::vector<ApplicationDocument> required_documents(ApplicantKind k);
// What `k` must present and `presented` lacks, in the regulation's order.
std::vector<ApplicationDocument> missing_documents(ApplicantKind k, const std::vector<ApplicationDocument>& presented);

// The relation a guardian's link to the pupil gets when the application is approved (one of
// guardian_relations); none for the pupil, whose own account is opened.
std::optional<std::string_view> relation_of(ApplicantKind k);

enum class ApplicationStatus { registered, approved, denied };
const char* to_string(ApplicationStatus s);
std::optional<ApplicationStatus> parse_application_status(std::string_view text);

// The regulation's five grounds for refusing the service; no other is given.
enum class DenialReason { not_entitled, not_a_pupil, documents_invalid, documents_conflict, withdrawn };
const char* to_string(DenialReason r);                                   // "not_entitled", …
std::optional<DenialReason> parse_denial_reason(std::string_view text);  // inverse of to_string
// The ground in the regulation's words, as the printed decision says it.
const char* regulation_words(DenialReason r);
constexpr DenialReason all_denial_reasons[] = {DenialReason::not_entitled, DenialReason::not_a_pupil,
                                               DenialReason::documents_invalid, DenialReason::documents_conflict,
                                               DenialReason::withdrawn};

// The regulation's time limits.
constexpr std::chrono::minutes registration_time_limit{15};  // from the applicant's arrival
constexpr int answer_working_days = 3;                       // from the day of registration
// A registration that came more than registration_time_limit after the arrival (it is still registered:
// the applicant is not to blame; the list shows it so the office can see its own delays).
bool registered_late(std::chrono::sys_seconds arrived, std::chrono::sys_seconds registered);
// The last day to answer: `working_days` Monday-to-Friday days after `registered` (a Saturday's
// application is due on Wednesday). The school's holidays are not counted out: the box knows its
// terms, not the city's calendar of public holidays, and an answer early is never wrong.
Date answer_due(Date registered, int working_days = answer_working_days);

// "Иванова Мария Сергеевна" as the applicant wrote it: the first word the last name, the second the
// first name, the rest (possibly none) the middle name ("Мамедов Рашид Али оглы"). None with fewer
// than two words.
std::optional<PersonName> split_full_name(std::string_view text);
// Whether two spellings are the same name: white space runs, letter case and ё/е aside ("Семёнова"
// on the birth certificate is "Семенова" in the register).
bool same_name(std::string_view a, std::string_view b);

// "2026-0042": the year of registration and the register's number in it, at least four digits (a
// sequence past 9999 grows wider instead of being cut, so two applications never share a number).
constexpr int application_seq_digits = 4;
std::string application_number(int year, long long seq);

}  // namespace classbook::domain
