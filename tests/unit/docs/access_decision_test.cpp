// Tests of the printed decision on an access application, read back with poppler: an approval names
// the login, a refusal its ground in the regulation's words (and never a login); the application's
// number, applicant, pupil, documents, comment, who decided and when are on it, in embedded fonts on A4.
#include "docs/access_decision.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using classbook::test::output_of;
using classbook::test::squeezed;
using classbook::test::written;

namespace {

AccessDecision decision(bool approved) {
  AccessDecision d;
  d.school = "ГБОУ Школа № 1";
  d.number = "2026-0042";
  d.registered_on = "23.11.2026 09:12";
  d.due_on = "26.11.2026";
  d.applicant = "Иванова Мария Сергеевна";
  d.applicant_kind = "родитель";
  d.contact = "+79001234567";
  d.pupil = "Иванов Пётр Сергеевич, 7А";
  d.documents = {"заявление", "свидетельство о рождении обучающегося", "документ, удостоверяющий личность заявителя"};
  d.approved = approved;
  if (approved)
    d.login = "ivanova.m";
  else
    d.reason = "представленные документы содержат противоречивые сведения";
  d.comment = "в свидетельстве иная дата рождения";
  d.decided_by = "Анна Петрова, секретарь";
  d.decided_at = "24.11.2026 10:15";
  return d;
}

std::string text_of(const test::TempDir& dir, const AccessDecision& d) {
  auto pdf = access_decision_pdf(d);
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = written(dir, *pdf);
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
  CHECK(squeezed(output_of("pdfinfo " + path)).find("Pagesize:595.276x841.89pts(A4)") != std::string::npos);
  return squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
}

}  // namespace

TEST_CASE("an approval names the application, the applicant, the pupil, the documents and the login") {
  test::TempDir dir;
  const auto text = text_of(dir, decision(true));
  for (const char* expected :
       {"Решениепозаявлениюопредоставлениидоступакэлектронномудневнику", "ГБОУШкола№1",
        "Заявление№2026-0042от23.11.202609:12", "ИвановаМарияСергеевна(родитель)", "+79001234567",
        "ИвановПётрСергеевич,7А", "свидетельствоорожденииобучающегося", "документ,удостоверяющийличностьзаявителя",
        "до26.11.2026включительно", "Доступкэлектронномудневникупредоставлен.", "Логин:ivanova.m.",
        "Комментарий:всвидетельствеинаядатарождения", "Решениепринял(а):АннаПетрова,секретарь",
        "Датарешения:24.11.202610:15", "стр.1из1"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  CHECK(text.find("отказано") == std::string::npos);
}

TEST_CASE("a refusal gives its ground in the regulation's words and no login") {
  test::TempDir dir;
  auto d = decision(false);
  d.documents.clear();
  d.comment.clear();
  const auto text = text_of(dir, d);
  for (const char* expected :
       {"Впредоставлениидоступакэлектронномудневникуотказано.",
        "Основаниеотказа:представленныедокументысодержатпротиворечивыесведения.", "непредставлены"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  CHECK(text.find("Логин") == std::string::npos);
  CHECK(text.find("предоставлен.") == std::string::npos);
  CHECK(text.find("Комментарий") == std::string::npos);
}
