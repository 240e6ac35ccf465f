// Tests of the login slips PDF, read back with poppler and zbar: eight slips to a page, each slip's
// name, login and password in its text (Cyrillic right), fonts embedded, the eight QR codes of a
// page read by a decoder that is not ours, long texts kept inside their slip, and the refusals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "docs/login_slips.hpp"
#include "pdf_read.hpp"

using namespace classbook;
using namespace classbook::docs;
using classbook::test::output_of;
using classbook::test::squeezed;
using classbook::test::written;

namespace {

LoginSlipText slip(const std::string& name, const std::string& role, const std::string& login, const std::string& password) {
  return {name, role, login, password, "https://journal.school.lan/", "https://journal.school.lan/sign-in?login=" + login,
          "Пароль действует до 21.12.2026; при первом входе задайте свой."};
}

LoginSlipSheet nine_slips() {
  LoginSlipSheet sheet{"ГБОУ Школа № 1", "07.12.2026 03:20 (МСК)", {}};
  sheet.slips = {
      slip("Иванова Мария Сергеевна", "ученица 7А", "ivanova.maria", "k7m2-qx9p-4w"),
      slip("Иванова Елена Петровна", "родитель: Иванова Мария, 7А", "ivanova.elena", "b3nd-7ups-2k"),
      slip("Петров Пётр Ильич", "ученик 7А", "petrov.petr", "x9qa-m4tz-8c"),
      slip("Щукина Юлия Эдуардовна", "ученица 7А", "shchukina.yuliya", "r2wf-h6ke-5m"),
      slip("Ёлкин Фёдор Андреевич", "ученик 7Б", "yolkin.fedor", "p8vc-t3jn-6d"),
      slip("Жукова Софья Дмитриевна", "ученица 7Б", "zhukova.sofya", "g5ys-w2rb-9h"),
      slip("Цой Виктор Робертович", "ученик 7Б", "tsoy.viktor", "n4ex-c7lq-3f"),
      slip("Хабибуллина Гульнара Ринатовна", "родитель: Хабибуллин Тимур, 7Б", "khabibullina.gulnara", "d6mu-z9pk-2s"),
      slip("Эйвазов Эльдар Рауфович", "ученик 8В", "eyvazov.eldar", "u3ht-f8ga-7w"),
  };
  return sheet;
}

}  // namespace

TEST_CASE("nine slips make two pages holding each name, login and password, in embedded fonts") {
  test::TempDir dir;
  const auto sheet = nine_slips();
  auto pdf = login_slips_pdf(sheet);
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  const auto path = written(dir, *pdf);
  CHECK(classbook::test::page_count(path) == 2);
  const auto text = squeezed(output_of("pdftotext -enc UTF-8 " + path + " -"));
  for (const auto& s : sheet.slips) {
    for (const auto& expected : {s.name, s.role, s.login, s.password}) {
      INFO(expected);
      CHECK(text.find(squeezed(expected)) != std::string::npos);
    }
  }
  // What every slip carries besides its person: the school, the labels, the address, the expiry, when made.
  for (const char* expected : {"ГБОУШкола№1", "Логин:", "Пароль:", "Адрес:https://journal.school.lan/", "07.12.202603:20(МСК)",
                               "Парольдействуетдо21.12.2026;припервомвходезадайтесвой."}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  // The ninth slip alone on page 2.
  const auto page2 = squeezed(output_of("pdftotext -enc UTF-8 -f 2 -l 2 " + path + " -"));
  CHECK(page2.find("ЭйвазовЭльдарРауфович") != std::string::npos);
  CHECK(page2.find("ИвановаМария") == std::string::npos);
  // Every font is embedded, the monospaced one for logins and passwords among them.
  const auto fonts = output_of("pdffonts " + path);
  CHECK(fonts.find("DejaVuSans-Bold") != std::string::npos);
  CHECK(fonts.find("DejaVuSansMono") != std::string::npos);
  CHECK(fonts.find(" no ") == std::string::npos);
}

TEST_CASE("a page's eight QR codes read, each as its own slip's address") {
  test::TempDir dir;
  const auto sheet = nine_slips();
  auto pdf = login_slips_pdf(sheet);
  REQUIRE(pdf);
  const auto path = written(dir, *pdf);
  output_of("pdftoppm -r 200 -png -f 1 -l 1 " + path + " " + dir.file("page"));
  std::istringstream lines(output_of("zbarimg --raw -q " + dir.file("page-1.png")));
  std::vector<std::string> read, expected;
  for (std::string line; std::getline(lines, line);) read.push_back(line);
  for (std::size_t i = 0; i < kSlipsPerPage; ++i) expected.push_back(sheet.slips[i].qr);
  std::sort(read.begin(), read.end());
  std::sort(expected.begin(), expected.end());
  CHECK(read == expected);
}

// Checks that every word pdftotext finds lies inside the first slip: the top left of a 2 × 4 grid
// inside 10 mm margins. Returns the words run together — as drawn: plain pdftotext would join a word
// broken after a hyphen without it, and hide a hyphen added at a break.
std::string words_inside_first_slip(const std::string& path) {
  const double left = 28.35, top = 28.35, right = left + (595.276 - 2 * 28.35) / 2, bottom = top + (841.89 - 2 * 28.35) / 4;
  const auto bbox = output_of("pdftotext -bbox " + path + " -");
  const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::string words;
  for (auto it = std::sregex_iterator(bbox.begin(), bbox.end(), word); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    words += m[5].str();
    INFO(m[5].str() << " at " << m[1].str() << "," << m[2].str() << " – " << m[3].str() << "," << m[4].str());
    CHECK(std::stod(m[1].str()) > left);
    CHECK(std::stod(m[2].str()) > top);
    CHECK(std::stod(m[3].str()) < right);
    CHECK(std::stod(m[4].str()) < bottom);
  }
  return squeezed(words);
}

TEST_CASE("long texts shrink or wrap inside their slip, and a long login stays whole") {
  test::TempDir dir;
  const std::string login = "konstantinopolskaya.shchedrina.aleksandra.vladimirovna.2026";
  LoginSlipSheet sheet{"Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1234 имени героев»",
                       "07.12.2026 03:20 (МСК)", {}};
  auto s = slip("Константинопольская-Щедрина Александра-Виктория Владимировна-Кирилловна", "родитель: Константинопольская-Щедрина "
                "Александра-Виктория, 11А, и ещё двое детей в 5Б и 2В", login, "k7m2-qx9p-4wz8-r3td-m6ha");
  s.expires = "Пароль действует до 21.12.2026; при первом входе задайте свой. Если пароль не подходит, обратитесь к "
              "секретарю школы в кабинете 101 с паспортом или свидетельством о рождении ребёнка.";
  sheet.slips = {s};
  auto pdf = login_slips_pdf(sheet);
  REQUIRE(pdf);
  const auto path = written(dir, *pdf);
  const auto text = words_inside_first_slip(path);
  // Shrunk and perhaps broken over lines, but whole: no letter cut, no hyphen added.
  for (const auto& expected : {login, std::string("k7m2-qx9p-4wz8-r3td-m6ha"), squeezed(s.name), squeezed(s.role),
                               squeezed(s.expires)}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
}

TEST_CASE("absurdly long texts are cut, never drawn over the next slip") {
  test::TempDir dir;
  std::string name, login(200, 'q');
  for (int i = 0; i < 120; ++i) name += "Константинопольская ";
  auto s = slip(name, name, login, std::string(120, 'z'));
  s.address = "https://" + std::string(150, 'a') + ".school.lan/";
  s.expires = name + name;
  LoginSlipSheet sheet{name, name, {s}};
  auto pdf = login_slips_pdf(sheet);
  REQUIRE(pdf);
  CHECK(words_inside_first_slip(written(dir, *pdf)).find("Константинопольская") != std::string::npos);
}

TEST_CASE("no slips, or more than a whole school's, are refused") {
  LoginSlipSheet sheet{"ГБОУ Школа № 1", "07.12.2026 03:20 (МСК)", {}};
  auto none = login_slips_pdf(sheet);
  REQUIRE_FALSE(none);
  CHECK(none.error().id.view() == "login_slips.none");
  CHECK(none.error().code == Errc::invalid_input);

  sheet.slips.assign(kMaxSlips + 1, slip("Иванова Мария Сергеевна", "ученица 7А", "ivanova.maria", "k7m2-qx9p-4w"));
  auto too_many = login_slips_pdf(sheet);
  REQUIRE_FALSE(too_many);
  CHECK(too_many.error().id.view() == "login_slips.too_many");
  CHECK(too_many.error().code == Errc::invalid_input);
}

TEST_CASE("a slip whose QR text is too long for a code is refused, not drawn half") {
  auto sheet = nine_slips();
  sheet.slips[3].qr = std::string(300, 'x');
  auto pdf = login_slips_pdf(sheet);
  REQUIRE_FALSE(pdf);
  CHECK(pdf.error().id.view() == "qr.text_too_long");
}
