// Tests of the diary extract PDF, read back with poppler and zbar: the pupil's names, marks and
// averages are in its text, its fonts are embedded, the QR code reads as the verification address,
// and a long period breaks into pages that each carry the table's header and "стр. N из M".
#include <catch2/catch.hpp>

#include <string>

#include "docs/diary_extract.hpp"
#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using test::output_of;
using test::squeezed;

namespace {

DiaryExtract week(int days, int lessons_a_day) {
  DiaryExtract e;
  e.school = "ГБОУ Школа № 1";
  e.pupil = "Иванова Мария Сергеевна";
  e.class_name = "7А";
  e.period = "01.12.2026 — 07.12.2026";
  e.made_at = "07.12.2026 03:20 (МСК)";
  e.verify_url = "https://journal.school.lan/verify/K7QD-2MXF-93HA-WP4T";
  e.verify_code = "K7QD-2MXF-93HA-WP4T";
  for (int d = 0; d < days; ++d) {
    ExtractDay day;
    day.date = "день " + std::to_string(d + 1);
    for (int l = 1; l <= lessons_a_day; ++l)
      day.lessons.push_back({std::to_string(l), "09:30–10:15", "Математика", "Петрова А. С.", "Дроби: сложение и вычитание",
                             "№ 245, 247", l == 2 ? "5 (контрольная, ×2)" : "", l == 3 ? "н" : "",
                             l == 2 ? "Отличная работа" : ""});
    e.days.push_back(std::move(day));
  }
  e.subjects = {{"Математика", "5 4 4 5", "4,50", "1"}, {"Русский язык", "3 4", "3,67", "—"}};
  e.acknowledgements = "Неделя 49 подтверждена родителем 06.12.2026 19:02.";
  return e;
}

}  // namespace

TEST_CASE("a week's extract holds the names, marks and averages, in embedded fonts, with a QR code of its address") {
  test::TempDir dir;
  auto pdf = diary_extract_pdf(week(5, 6));
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = test::written(dir, *pdf, "extract.pdf");
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
  // (pdftotext reads a table column by column: each cell is checked on its own.)
  for (const char* expected : {"ВыпискаизэлектронногодневникаГБОУШкола№1", "ИвановаМарияСергеевна", "класс7А",
                               "Период:01.12.2026—07.12.2026", "5(контрольная,×2)", "Отличнаяработа", "Д/з:№245,247",
                               "Русскийязык", "5445", "4,50", "3,67", "Неделя49подтвержденародителем06.12.2026",
                               "Кодпроверки:K7QD-2MXF-93HA-WP4T", "стр.1из"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  // Every font is embedded: the extract looks the same on any computer that opens it.
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
  // The QR code, read by a decoder that is not ours, is the verification address.
  output_of("pdftoppm -r 150 -png -f 1 -l 1 " + path + " " + dir.file("page"));
  CHECK(output_of("zbarimg -q --raw " + dir.file("page-1.png")) == "https://journal.school.lan/verify/K7QD-2MXF-93HA-WP4T\n");
}

TEST_CASE("a long period breaks into pages, each with the table's header and its number of the whole") {
  test::TempDir dir;
  auto pdf = diary_extract_pdf(week(40, 7));
  REQUIRE(pdf);
  const auto path = test::written(dir, *pdf, "extract.pdf");
  const int pages = test::page_count(path);
  CHECK(pages >= 5);
  for (int p = 1; p <= pages; ++p) {
    const auto page = test::page_text(path, p);
    INFO("page " << p);
    CHECK(page.find("стр." + std::to_string(p) + "из" + std::to_string(pages)) != std::string::npos);
    if (p < pages) CHECK(page.find("Темаидомашнеезадание") != std::string::npos);  // the header, on every page of lessons
  }
}

TEST_CASE("a text a QR code cannot hold is refused, not drawn half") {
  auto e = week(1, 1);
  e.verify_url = std::string(300, 'x');
  auto pdf = diary_extract_pdf(e);
  REQUIRE_FALSE(pdf);
  CHECK(pdf.error().id.view() == "qr.text_too_long");
}
