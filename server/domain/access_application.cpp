// access_application: the regulation's lists, words and time limits as tables and small functions.
#include "access_application.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "roster_chars.hpp"
#include "text.hpp"

namespace classbook::domain {
namespace {

template <class E, std::size_t N>
std::optional<E> parse_by(const std::array<std::pair<E, const char*>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
const char* name_in(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "unknown";
}

constexpr std::array<std::pair<ApplicantKind, const char*>, 4> kind_names{{
    {ApplicantKind::parent, "parent"},
    {ApplicantKind::legal_representative, "legal_representative"},
    {ApplicantKind::proxy, "proxy"},
    {ApplicantKind::pupil, "pupil"},
}};
constexpr std::array<std::pair<ApplicantKind, const char*>, 4> kind_words{{
    {ApplicantKind::parent, "родитель"},
    {ApplicantKind::legal_representative, "законный представитель"},
    {ApplicantKind::proxy, "представитель по доверенности"},
    {ApplicantKind::pupil, "обучающийся"},
}};
constexpr std::array<std::pair<ApplicationDocument, const char*>, 5> document_names{{
    {ApplicationDocument::request, "request"},
    {ApplicationDocument::birth_certificate, "birth_certificate"},
    {ApplicationDocument::identity_document, "identity_document"},
    {ApplicationDocument::guardianship_document, "guardianship_document"},
    {ApplicationDocument::power_of_attorney, "power_of_attorney"},
}};
constexpr std::array<std::pair<ApplicationDocument, const char*>, 5> document_texts{{
    {ApplicationDocument::request, "заявление"},
    {ApplicationDocument::birth_certificate, "свидетельство о рождении обучающегося"},
    {ApplicationDocument::identity_document, "документ, удостоверяющий личность заявителя"},
    {ApplicationDocument::guardianship_document, "документ, подтверждающий полномочия законного представителя"},
    {ApplicationDocument::power_of_attorney, "доверенность"},
}};
constexpr std::array<std::pair<ApplicationStatus, const char*>, 3> status_names{{
    {ApplicationStatus::registered, "registered"},
    {ApplicationStatus::approved, "approved"},
    {ApplicationStatus::denied, "denied"},
}};
constexpr std::array<std::pair<DenialReason, const char*>, 5> reason_names{{
    {DenialReason::not_entitled, "not_entitled"},
    {DenialReason::not_a_pupil, "not_a_pupil"},
    {DenialReason::documents_invalid, "documents_invalid"},
    {DenialReason::documents_conflict, "documents_conflict"},
    {DenialReason::withdrawn, "withdrawn"},
}};
// The regulation's grounds for refusal, word for word as the decision prints them.
constexpr std::array<std::pair<DenialReason, const char*>, 5> reason_words{{
    {DenialReason::not_entitled, "заявитель не относится к кругу лиц, имеющих право на получение услуги"},
    {DenialReason::not_a_pupil, "обучающийся не зачислен в образовательную организацию"},
    {DenialReason::documents_invalid, "представленные документы не соответствуют установленным требованиям"},
    {DenialReason::documents_conflict, "представленные документы содержат противоречивые сведения"},
    {DenialReason::withdrawn, "заявитель отказался от получения услуги"},
}};

// A code point compared without case and with ё as е (Latin and Cyrillic: the names a school meets).
char32_t folded(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А…Я → а…я
  if (c == 0x401 || c == 0x451) return 0x435;     // Ё, ё → е
  return c;
}

}  // namespace

const char* to_string(ApplicantKind k) { return name_in(kind_names, k); }
std::optional<ApplicantKind> parse_applicant_kind(std::string_view text) { return parse_by(kind_names, text); }
const char* applicant_words(ApplicantKind k) { return name_in(kind_words, k); }

const char* to_string(ApplicationDocument d) { return name_in(document_names, d); }
std::optional<ApplicationDocument> parse_application_document(std::string_view text) {
  return parse_by(document_names, text);
}
const char* document_words(ApplicationDocument d) { return name_in(document_texts, d); }

std::vector<ApplicationDocument> in_order(std::vector<ApplicationDocument> documents) {
  std::vector<ApplicationDocument> out;
  for (auto d : all_application_documents)
    if (std::find(documents.begin(), documents.end(), d) != documents.end()) out.push_back(d);
  return out;
}

std::vector<ApplicationDocument> required_documents(ApplicantKind k) {
  using enum ApplicationDocument;
  switch (k) {
    case ApplicantKind::parent:
      return {request, birth_certificate, identity_document};
    case ApplicantKind::legal_representative:
      return {request, identity_document, guardianship_document};
    case ApplicantKind::proxy:
      return {request, identity_document, power_of_attorney};
    case ApplicantKind::pupil:
      return {request, identity_document};
  }
  return {request, identity_document};
}

std::vector<ApplicationDocument> missing_documents(ApplicantKind k, const std::vector<ApplicationDocument>& presented) {
  std::vector<ApplicationDocument> out;
  for (auto d : required_documents(k))
    if (std::find(presented.begin(), presented.end(), d) == presented.end()) out.push_back(d);
  return in_order(std::move(out));
}

std::optional<std::string_view> relation_of(ApplicantKind k) {
  switch (k) {
    case ApplicantKind::parent:
      return "parent";
    case ApplicantKind::legal_representative:
      return "guardian";
    case ApplicantKind::proxy:
      return "other";
    case ApplicantKind::pupil:
      return std::nullopt;
  }
  return std::nullopt;
}

const char* to_string(ApplicationStatus s) { return name_in(status_names, s); }
std::optional<ApplicationStatus> parse_application_status(std::string_view text) {
  return parse_by(status_names, text);
}

const char* to_string(DenialReason r) { return name_in(reason_names, r); }
std::optional<DenialReason> parse_denial_reason(std::string_view text) { return parse_by(reason_names, text); }
const char* regulation_words(DenialReason r) { return name_in(reason_words, r); }

bool registered_late(std::chrono::sys_seconds arrived, std::chrono::sys_seconds registered) {
  return registered - arrived > registration_time_limit;
}

Date answer_due(Date registered, int working_days) {
  Date d = registered;
  while (working_days > 0) {
    d = add_days(d, 1);
    if (iso_weekday(d) <= 5) --working_days;
  }
  return d;
}

std::optional<PersonName> split_full_name(std::string_view text) {
  const auto t = tidy(text);
  const auto first_space = t.find(' ');
  if (first_space == std::string::npos) return std::nullopt;
  const auto second_space = t.find(' ', first_space + 1);
  PersonName n;
  n.last = t.substr(0, first_space);
  n.first =
      t.substr(first_space + 1, second_space == std::string::npos ? std::string::npos : second_space - first_space - 1);
  if (second_space != std::string::npos) n.middle = t.substr(second_space + 1);
  return n;
}

bool same_name(std::string_view a, std::string_view b) {
  const auto ta = tidy(a), tb = tidy(b);
  if (!utf8_length(ta) || !utf8_length(tb)) return ta == tb;
  auto ca = roster_chars::code_points(ta), cb = roster_chars::code_points(tb);
  if (ca.size() != cb.size()) return false;
  for (std::size_t i = 0; i < ca.size(); ++i)
    if (folded(ca[i]) != folded(cb[i])) return false;
  return true;
}

std::string application_number(int year, long long seq) {
  auto digits = std::to_string(seq);
  if (digits.size() < static_cast<std::size_t>(application_seq_digits))
    digits.insert(0, static_cast<std::size_t>(application_seq_digits) - digits.size(), '0');
  return std::to_string(year) + "-" + digits;
}

}  // namespace classbook::domain
