// Tests of the access application's rules: the names of kinds, documents and reasons both ways, the
// documents each applicant presents, the regulation's words, the 3-working-day limit over weekends,
// the 15 minutes, names as the applicant writes them, and register numbers.
#include "domain/access_application.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date on(const char* text) { return *parse_date(text); }

}  // namespace

TEST_CASE("kinds, documents, statuses and reasons read back as they are written, and nothing else reads") {
  for (auto k :
       {ApplicantKind::parent, ApplicantKind::legal_representative, ApplicantKind::proxy, ApplicantKind::pupil}) {
    CHECK(parse_applicant_kind(to_string(k)) == k);
    CHECK(std::string(applicant_words(k)) != "unknown");
  }
  for (auto d : all_application_documents) CHECK(parse_application_document(to_string(d)) == d);
  for (auto s : {ApplicationStatus::registered, ApplicationStatus::approved, ApplicationStatus::denied})
    CHECK(parse_application_status(to_string(s)) == s);
  std::set<std::string> reasons;
  for (auto r : all_denial_reasons) {
    CHECK(parse_denial_reason(to_string(r)) == r);
    reasons.insert(to_string(r));
  }
  CHECK(reasons ==
        std::set<std::string>{"not_entitled", "not_a_pupil", "documents_invalid", "documents_conflict", "withdrawn"});
  CHECK_FALSE(parse_applicant_kind("grandmother"));
  CHECK_FALSE(parse_applicant_kind("Parent"));
  CHECK_FALSE(parse_application_document("passport"));
  CHECK_FALSE(parse_denial_reason("other"));
  CHECK_FALSE(parse_denial_reason(""));
  CHECK_FALSE(parse_application_status("pending"));
}

TEST_CASE("the refusal's grounds are the regulation's words") {
  CHECK(std::string(regulation_words(DenialReason::not_entitled)) ==
        "заявитель не относится к кругу лиц, имеющих право на получение услуги");
  CHECK(std::string(regulation_words(DenialReason::not_a_pupil)) ==
        "обучающийся не зачислен в образовательную организацию");
  CHECK(std::string(regulation_words(DenialReason::documents_invalid)) ==
        "представленные документы не соответствуют установленным требованиям");
  CHECK(std::string(regulation_words(DenialReason::documents_conflict)) ==
        "представленные документы содержат противоречивые сведения");
  CHECK(std::string(regulation_words(DenialReason::withdrawn)) == "заявитель отказался от получения услуги");
}

TEST_CASE("each applicant presents the request, an identity document and what shows the right to apply") {
  using enum ApplicationDocument;
  using V = std::vector<ApplicationDocument>;
  CHECK(required_documents(ApplicantKind::parent) == V{request, birth_certificate, identity_document});
  CHECK(required_documents(ApplicantKind::legal_representative) ==
        V{request, identity_document, guardianship_document});
  CHECK(required_documents(ApplicantKind::proxy) == V{request, identity_document, power_of_attorney});
  CHECK(required_documents(ApplicantKind::pupil) == V{request, identity_document});
  CHECK(missing_documents(ApplicantKind::parent, {identity_document, request, birth_certificate}).empty());
  CHECK(missing_documents(ApplicantKind::parent, {request}) == V{birth_certificate, identity_document});
  CHECK(missing_documents(ApplicantKind::proxy, {request, identity_document, guardianship_document}) ==
        V{power_of_attorney});
  CHECK(missing_documents(ApplicantKind::pupil, {}) == V{request, identity_document});
  // More than required does no harm.
  CHECK(missing_documents(ApplicantKind::pupil, {power_of_attorney, identity_document, request, birth_certificate})
            .empty());
  CHECK(in_order({power_of_attorney, request, power_of_attorney, identity_document}) ==
        V{request, identity_document, power_of_attorney});
}

TEST_CASE("an approved guardian is linked with a relation the roster knows, the pupil is linked to nobody") {
  for (auto k : {ApplicantKind::parent, ApplicantKind::legal_representative, ApplicantKind::proxy}) {
    REQUIRE(relation_of(k));
    CHECK_FALSE(check_relation(*relation_of(k)));
  }
  CHECK(relation_of(ApplicantKind::parent) == "parent");
  CHECK(relation_of(ApplicantKind::legal_representative) == "guardian");
  CHECK_FALSE(relation_of(ApplicantKind::pupil));
}

TEST_CASE("an application is answered within three working days of its registration, weekends not counted") {
  // 2026-11-23 is a Monday.
  CHECK(format_date(answer_due(on("2026-11-23"))) == "2026-11-26");  // Mon → Thu
  CHECK(format_date(answer_due(on("2026-11-25"))) == "2026-11-30");  // Wed → Mon
  CHECK(format_date(answer_due(on("2026-11-27"))) == "2026-12-02");  // Fri → Wed
  CHECK(format_date(answer_due(on("2026-11-28"))) == "2026-12-02");  // Sat → Wed
  CHECK(format_date(answer_due(on("2026-11-29"))) == "2026-12-02");  // Sun → Wed
  CHECK(format_date(answer_due(on("2026-12-30"))) == "2027-01-04");  // across the year
  CHECK(format_date(answer_due(on("2026-11-23"), 0)) == "2026-11-23");
  // Over a month of days: never on a weekend, always exactly three working days later.
  for (int n = 0; n < 40; ++n) {
    const auto from = add_days(on("2026-11-01"), n);
    const auto due = answer_due(from);
    CAPTURE(format_date(from));
    CHECK(iso_weekday(due) <= 5);
    int working = 0;
    for (auto d = add_days(from, 1); !(due < d); d = add_days(d, 1)) working += iso_weekday(d) <= 5;
    CHECK(working == 3);
  }
}

TEST_CASE("a registration more than fifteen minutes after the arrival is late") {
  const sys_seconds arrived = sys_days{on("2026-11-23")} + hours(9);
  CHECK_FALSE(registered_late(arrived, arrived));
  CHECK_FALSE(registered_late(arrived, arrived + minutes(15)));
  CHECK(registered_late(arrived, arrived + minutes(15) + seconds(1)));
  CHECK(registered_late(arrived, arrived + hours(3)));
}

TEST_CASE("an applicant's full name splits into last, first and middle, and spellings compare as the same name") {
  auto n = split_full_name("  Иванова   Мария Сергеевна ");
  REQUIRE(n);
  CHECK(n->last == "Иванова");
  CHECK(n->first == "Мария");
  CHECK(n->middle == "Сергеевна");
  n = split_full_name("Мамедов Рашид Али оглы");
  REQUIRE(n);
  CHECK(n->middle == "Али оглы");
  n = split_full_name("Petrov Ivan");
  REQUIRE(n);
  CHECK(n->first == "Ivan");
  CHECK(n->middle.empty());
  CHECK_FALSE(split_full_name("Иванова"));
  CHECK_FALSE(split_full_name("   "));
  CHECK(same_name("Семёнова Алёна", "СЕМЕНОВА  алена"));
  CHECK(same_name("Ivanova", "IVANOVA"));
  CHECK_FALSE(same_name("Семёнова", "Семенов"));
  CHECK_FALSE(same_name("Иванова Мария", "Иванова Марина"));
}

TEST_CASE("register numbers: the year and at least four digits, never cut") {
  CHECK(application_number(2026, 1) == "2026-0001");
  CHECK(application_number(2026, 42) == "2026-0042");
  CHECK(application_number(2027, 12345) == "2027-12345");
}
