// Tests of the term report card PDF, read back with poppler: names, averages and grades are in its
// text, its fonts are embedded, each subject's chart is really drawn (compared pixel by pixel with a
// page that lacks it: dots where the marks are, larger for a larger weight, the running average as a
// line at its height), a chart stays on its heading's page, and a long card is numbered "стр. N из M".
#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "docs/report_card.hpp"
#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using test::output_of;
using test::squeezed;

namespace {

constexpr int kDpi = 50;
constexpr int kDark = 128;  // a pixel darker than this is ink (the grid lines are lighter)

// `count` marks spread over the term; `value_of(i)` and `weight_of(i)` say each one, and the running
// average is the weighted average of those so far, as app/ counts it.
std::vector<ChartMark> marks(int count, const std::function<int(int)>& value_of, const std::function<double(int)>& weight_of) {
  std::vector<ChartMark> out;
  double sum = 0, weights = 0;
  for (int i = 0; i < count; ++i) {
    const int v = value_of(i);
    const double w = weight_of(i);
    sum += v * w;
    weights += w;
    out.push_back({count > 1 ? static_cast<double>(i) / (count - 1) : 0.5, v, w, sum / weights});
  }
  return out;
}

std::vector<ChartMark> usual_marks(int count) {
  constexpr int kValues[] = {5, 4, 4, 5, 3};
  return marks(count, [&](int i) { return kValues[i % 5]; }, [](int i) { return i % 4 == 3 ? 2.0 : 1.0; });
}

ReportCard card_of(std::vector<ReportCardSubject> subjects) {
  ReportCard c;
  c.school = "ГБОУ Школа № 1";
  c.pupil = "Иванова Мария Сергеевна";
  c.class_name = "7А";
  c.term = "2 четверть (09.11.2026 — 27.12.2026)";
  c.made_at = "07.12.2026 03:20 (МСК)";
  c.weights = "Веса: контрольная ×2, ответ на уроке ×1, домашняя работа ×1";
  c.subjects = std::move(subjects);
  c.overall = "Средний балл по всем предметам: 4,31";
  return c;
}

ReportCardSubject maths() {
  return {"Математика", "Петрова А. С.", "5 4 4 5 3", "4,25", "4", "5", "3 (1 по уважительной причине)", usual_marks(5)};
}

// A page with only `subject` on it, as grey pixels.
test::Greys page_of(const test::TempDir& dir, ReportCardSubject subject) {
  auto pdf = report_card_pdf(card_of({std::move(subject)}));
  REQUIRE(pdf);
  return test::page_greys(dir, test::written(dir, *pdf), 1, kDpi);
}

std::size_t dark_pixels(const test::Greys& g) {
  std::size_t n = 0;
  for (auto p : g.pixels) n += p < kDark;
  return n;
}

// Where the ink of `a` is that `b` lacks, and the other way round: how many pixels, and their mean
// row and column.
struct Shift {
  double a_row = 0, a_column = 0, b_row = 0, b_column = 0;
  std::size_t a_only = 0, b_only = 0;
};
Shift shift(const test::Greys& a, const test::Greys& b) {
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  Shift s;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x) {
      const bool in_a = a.at(x, y) < kDark, in_b = b.at(x, y) < kDark;
      if (in_a && !in_b) s.a_row += y, s.a_column += x, ++s.a_only;
      if (in_b && !in_a) s.b_row += y, s.b_column += x, ++s.b_only;
    }
  if (s.a_only > 0) s.a_row /= s.a_only, s.a_column /= s.a_only;
  if (s.b_only > 0) s.b_row /= s.b_only, s.b_column /= s.b_only;
  return s;
}

}  // namespace

TEST_CASE("a report card holds the pupil, subjects, averages and term grades, in embedded fonts") {
  test::TempDir dir;
  auto russian = ReportCardSubject{"Русский язык", "Смирнова Е. В.", "3 4 4", "3,67", "4", "", "—", usual_marks(3)};
  auto music = ReportCardSubject{"Музыка", "Орлов П. Н.", "", "—", "", "", "—", {}};
  auto pdf = report_card_pdf(card_of({maths(), russian, music}));
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = test::written(dir, *pdf);
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
  for (const char* expected : {"ТабельуспеваемостиГБОУШкола№1", "Ученик:ИвановаМарияСергеевна,класс7А",
                               "2четверть(09.11.2026—27.12.2026)", "Сформирован:07.12.2026", "Математика", "ПетроваА.С.",
                               "Русскийязык", "СмирноваЕ.В.", "Музыка", "54453", "4,25", "3,67", "Итогзачетверть",
                               "Средний балл по всем предметам: 4,31", "Веса:контрольная×2,ответнауроке×1",
                               "Оценокзачетвертьнет.", "●оценка(крупнее—большийвес),—среднийбалл", "начало", "конец",
                               "Табельуспеваемости·ИвановаМарияСергеевна·7А·сформирован07.12.2026", "стр.1из1"}) {
    INFO(expected);
    CHECK(text.find(squeezed(expected)) != std::string::npos);
  }
  // Each row as pdftotext -layout sets it: the grades stand after the average in their own columns,
  // and a term grade not yet given is a dash.
  const auto layout = output_of("pdftotext -layout -enc UTF-8 " + path + " -");
  auto row_of = [&](const std::string& subject) {
    const auto at = layout.find(subject + " ");
    REQUIRE(at != std::string::npos);
    return squeezed(layout.substr(at, layout.find('\n', at) - at));
  };
  CHECK(row_of("Математика").starts_with("МатематикаПетроваА.С.544534,2545"));
  CHECK(row_of("Русский язык").starts_with("РусскийязыкСмирноваЕ.В.3443,674—"));
  CHECK(row_of("Музыка").starts_with("МузыкаОрловП.Н.———"));
  // Every font is embedded: the card looks the same on any computer that opens it.
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
}

TEST_CASE("a subject's marks are drawn as a chart, which a subject without marks does not get") {
  test::TempDir dir;
  auto with = maths();
  with.chart = usual_marks(20);
  auto without = with;
  without.chart.clear();  // the same text in the table: only the chart differs
  const auto drawn = page_of(dir, with), bare = page_of(dir, without);
  const auto s = shift(drawn, bare);
  INFO("dark pixels with the chart " << dark_pixels(drawn) << ", without " << dark_pixels(bare) << "; only with it "
                                     << s.a_only << ", only without it " << s.b_only);
  CHECK(dark_pixels(drawn) > dark_pixels(bare));
  // At 50 dpi the chart (354 × 62 pixels, mostly white) leaves ~290 pixels of ink; the grey line
  // "no marks" in its place leaves almost none.
  CHECK(s.a_only > 150);
  CHECK(s.a_only > 5 * s.b_only);
}

TEST_CASE("a mark's dot stands at its value and its day, larger for a larger weight") {
  test::TempDir dir;
  auto drawn = [&](int value, double from, double weight) {
    auto s = maths();
    s.chart.clear();
    // The running average stays at 3 (drawn alike on both pages), so only the dots differ.
    for (int i = 0; i < 10; ++i) s.chart.push_back({from + i * 0.02, value, weight, 3});
    return page_of(dir, s);
  };
  SECTION("fives above ones") {
    const auto s = shift(drawn(5, 0.3, 1), drawn(1, 0.3, 1));
    REQUIRE(s.a_only > 10);
    REQUIRE(s.b_only > 10);
    CHECK(s.a_row + 20 < s.b_row);  // 4 marks of difference are ~45 pixels of height at 50 dpi
  }
  SECTION("the term's start left of its end") {
    const auto s = shift(drawn(4, 0, 1), drawn(4, 0.8, 1));
    REQUIRE(s.a_only > 10);
    REQUIRE(s.b_only > 10);
    CHECK(s.a_column + 100 < s.b_column);
  }
  SECTION("weight 2 larger than weight 1") {
    CHECK(dark_pixels(drawn(4, 0.3, 2)) > dark_pixels(drawn(4, 0.3, 1)) + 10);
  }
}

TEST_CASE("the running average is a line at its height") {
  test::TempDir dir;
  auto drawn = [&](double average) {
    auto s = maths();
    s.chart = marks(10, [](int) { return 3; }, [](int) { return 1.0; });
    for (auto& m : s.chart) m.running_average = average;  // the dots alike on both pages: only the line moves
    return page_of(dir, s);
  };
  const auto high = drawn(4.8), low = drawn(1.2);
  const auto s = shift(high, low);
  REQUIRE(s.b_only > 0);
  CHECK(s.a_row + 20 < s.b_row);
  CHECK(s.a_only > 200);  // a line across the term, not a few stray pixels
}

TEST_CASE("a card of 15 subjects goes on over pages, each chart on its heading's page, numbered of the whole") {
  test::TempDir dir;
  const std::vector<std::string> names = {"Математика", "Русский язык", "Литература", "Английский язык", "История",
                                          "Обществознание", "География", "Биология", "Физика", "Химия",
                                          "Информатика", "Музыка", "ИЗО", "Технология", "Физкультура"};
  std::vector<ReportCardSubject> subjects;
  for (const auto& n : names) {
    auto s = maths();
    s.subject = n;
    s.chart = usual_marks(12);
    subjects.push_back(std::move(s));
  }
  auto pdf = report_card_pdf(card_of(subjects));
  REQUIRE(pdf);
  const auto path = test::written(dir, *pdf);
  const int pages = test::page_count(path);
  CHECK(pages > 1);
  auto count = [](const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
  };
  int charts = 0, legends = 0;
  for (int p = 1; p <= pages; ++p) {
    const auto page = test::page_text(path, p);
    INFO("page " << p);
    CHECK(page.find("стр." + std::to_string(p) + "из" + std::to_string(pages)) != std::string::npos);
    int headings = 0;
    for (const auto& n : names) headings += count(page, squeezed(n));
    if (p == 1) headings -= static_cast<int>(names.size());  // the table names them all once
    // "конец" is the chart's last word, at its foot: a heading whose chart went on to the next page,
    // or a chart cut by the page's end, would leave the counts apart.
    CHECK(count(page, "конец") == headings);
    charts += count(page, "конец");
    legends += count(page, "большийвес");
  }
  CHECK(charts == 15);
  CHECK(legends == 1);  // under the first chart only
}

TEST_CASE("a card of 12 subjects with 20 marks each is made in well under a second") {
  std::vector<ReportCardSubject> subjects;
  for (int i = 0; i < 12; ++i) {
    auto s = maths();
    s.subject = "Предмет " + std::to_string(i + 1);
    s.marks = "5 4 4 5 3 5 4 4 5 3 5 4 4 5 3 5 4 4 5 3";
    s.chart = usual_marks(20);
    subjects.push_back(std::move(s));
  }
  const auto card = card_of(std::move(subjects));
  const auto start = std::chrono::steady_clock::now();
  auto pdf = report_card_pdf(card);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(pdf);
  INFO("took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
  CHECK(took < std::chrono::seconds(1));  // a sanity bound only; the real measure is the docs bench
}

TEST_CASE("a card with no subjects says so rather than showing an empty table") {
  test::TempDir dir;
  auto pdf = report_card_pdf(card_of({}));
  REQUIRE(pdf);
  const auto text = test::page_text(test::written(dir, *pdf), 1);
  CHECK(text.find("Предметоввчетвертинет.") != std::string::npos);
  CHECK(text.find("Итогзачетверть") == std::string::npos);
}
