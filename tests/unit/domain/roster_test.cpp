// Tests of the office's pure rules: class names, name checks, logins from names, phones and e-mails,
// the CSV reader and the import's row-by-row verdicts.
#include <catch2/catch.hpp>

#include <string>

#include "domain/roster.hpp"

using namespace classbook::domain;

namespace {
const Date today = *parse_date("2026-09-01");

std::vector<std::string> fields_of(const CsvParse& p, std::size_t i) { return p.records.at(i).fields; }
}  // namespace

TEST_CASE("roster: a class name is a grade from 1 to 11 and one Cyrillic letter", "[roster]") {
  for (auto [text, grade, letter] : {std::tuple{"5А", 5, "А"}, {"5а", 5, "А"}, {" 5 а ", 5, "А"}, {"5-б", 5, "Б"},
                                     {"11Б", 11, "Б"}, {"1я", 1, "Я"}, {"7ё", 7, "Ё"}}) {
    INFO(text);
    const auto c = parse_class_name(text);
    REQUIRE(c);
    CHECK(c->grade == grade);
    CHECK(c->letter == letter);
  }
  CHECK(parse_class_name("5а")->text() == "5А");
  CHECK(parse_class_name("11 в")->text() == "11В");
}

TEST_CASE("roster: a bad class name says what is wrong with it", "[roster]") {
  auto problem = [](const char* text) { return parse_class_name(text).problem; };
  CHECK_FALSE(parse_class_name("5A"));
  CHECK_THAT(problem("5A"), Catch::Contains("Latin 'A'") && Catch::Contains("Cyrillic"));
  CHECK_THAT(problem("12А"), Catch::Contains("1 to 11"));
  CHECK_THAT(problem("0А"), Catch::Contains("1 to 11"));
  CHECK_THAT(problem("05А"), Catch::Contains("1 to 11"));
  CHECK_THAT(problem("123А"), Catch::Contains("1 to 11"));
  CHECK_THAT(problem("А5"), Catch::Contains("does not start with a grade"));
  CHECK_THAT(problem("5"), Catch::Contains("no letter"));
  CHECK_THAT(problem("5АБ"), Catch::Contains("more than one letter"));
  CHECK_THAT(problem("5A"), Catch::Contains("switch the keyboard"));
  CHECK_THAT(problem("5Q"), Catch::Contains("Latin 'Q'") && !Catch::Contains("switch the keyboard"));
  CHECK_THAT(problem("5#"), Catch::Contains("must be a Cyrillic letter"));
  CHECK_THAT(problem(""), Catch::Contains("required"));
  CHECK_THAT(problem("5\xD0"), Catch::Contains("UTF-8"));
}

TEST_CASE("roster: names are tidied and checked", "[roster]") {
  CHECK(tidy("  Анна \t Мария\xC2\xA0 ") == "Анна Мария");
  CHECK(tidy("") == "");
  CHECK_FALSE(check_person_name("Иванова", "the last name", true));
  CHECK_FALSE(check_person_name("Петрова-Водкина", "the last name", true));
  CHECK_FALSE(check_person_name("O'Brien", "the last name", true));
  CHECK_FALSE(check_person_name("Müller", "the last name", true));
  CHECK_FALSE(check_person_name("", "the middle name", false));
  CHECK(*check_person_name("", "the last name", true) == "the last name is required");
  CHECK(*check_person_name("   ", "the last name", true) == "the last name is required");
  CHECK_THAT(*check_person_name("Иван0в", "the last name", true), Catch::Contains("remove '0'"));
  CHECK_THAT(*check_person_name("Анна<script>", "the first name", true), Catch::Contains("remove '<'"));
  CHECK_THAT(*check_person_name("Анна\x01", "the first name", true), Catch::Contains("control character"));
  CHECK_THAT(*check_person_name("--", "the first name", true), Catch::Contains("at least one letter"));
  CHECK_THAT(*check_person_name(std::string(61, 'a'), "the first name", true), Catch::Contains("at most 60"));
  CHECK_FALSE(check_person_name(std::string(60 * 2, 'a').substr(0, 60), "the first name", true));
  CHECK_THAT(*check_person_name("\xFF", "the first name", true), Catch::Contains("UTF-8"));
  const PersonName n{"Иванова", "Анна", "Сергеевна"};
  CHECK(n.display() == "Анна Иванова");
  CHECK(n.full() == "Иванова Анна Сергеевна");
  CHECK(PersonName{"Ким", "Лев", ""}.full() == "Ким Лев");
}

TEST_CASE("roster: group, relation, profile and birth date have their limits", "[roster]") {
  CHECK_FALSE(check_group_no(1));
  CHECK_FALSE(check_group_no(max_group_no));
  CHECK(check_group_no(0));
  CHECK(check_group_no(max_group_no + 1));
  CHECK_FALSE(check_relation("mother"));
  CHECK_THAT(*check_relation("мама"), Catch::Contains("parent, mother, father"));
  CHECK_FALSE(check_profile("физико-математический"));
  CHECK(check_profile(std::string(61, 'x')));
  CHECK(check_profile("две\nстроки"));
  CHECK_FALSE(check_birth_date(*parse_date("2015-02-28"), today));
  CHECK_THAT(*check_birth_date(*parse_date("2027-01-01"), today), Catch::Contains("future"));
  CHECK_THAT(*check_birth_date(*parse_date("2024-01-01"), today), Catch::Contains("younger than 4"));
  CHECK_THAT(*check_birth_date(*parse_date("1990-01-01"), today), Catch::Contains("older than 25"));
  CHECK(parse_birth_date("01.03.2014", true) == parse_date("2014-03-01"));
  CHECK_FALSE(parse_birth_date("01.03.2014", false));
  CHECK_FALSE(parse_birth_date("31.02.2014", true));
  CHECK_FALSE(parse_birth_date("2014-3-1", true));
}

TEST_CASE("roster: phones get one spelling — e-mails are checked", "[roster]") {
  CHECK(*normalize_phone("+7 (900) 123-45-67") == "+79001234567");
  CHECK(*normalize_phone("8 900 123 45 67") == "+79001234567");
  CHECK(*normalize_phone("79001234567") == "+79001234567");
  CHECK(*normalize_phone("+44 20 7946 0958") == "+442079460958");
  CHECK(*normalize_phone("22-33-44") == "223344");
  CHECK_THAT(normalize_phone("12345").problem, Catch::Contains("6 to 15 digits"));
  CHECK_THAT(normalize_phone("+7 900 123 45 67 доб. 5").problem, Catch::Contains("only digits"));
  CHECK_FALSE(normalize_phone("7+900123456"));
  CHECK(*normalize_email(" Anna.Ivanova@Mail.RU ") == "Anna.Ivanova@mail.ru");
  for (const char* bad : {"anna", "anna@", "@mail.ru", "anna@mail", "anna@@mail.ru", "an na@mail.ru", "anna@mail..ru",
                          "anna@.ru", "anna@mail.ru.", ""}) {
    INFO(bad);
    CHECK_FALSE(normalize_email(bad));
  }
}

TEST_CASE("roster: logins are transliterated by the ICAO table and made unique with a digit", "[roster]") {
  CHECK(transliterate("Иванова") == "ivanova");
  CHECK(transliterate("Щукина Юлия") == "shchukina-iuliia");
  CHECK(transliterate("Жуков") == "zhukov");
  CHECK(transliterate("Хачатурян") == "khachaturian");
  CHECK(transliterate("Цой") == "tsoi");
  CHECK(transliterate("Чернышёв") == "chernyshev");
  CHECK(transliterate("Подъячев") == "podieiachev");
  CHECK(transliterate("Мельникова") == "melnikova");
  CHECK(transliterate("Эльза") == "elza");
  CHECK(transliterate("Петрова-Водкина") == "petrova-vodkina");
  CHECK(transliterate("Ёлкина") == "elkina");
  CHECK(transliterate("Müller") == "muller");
  CHECK(transliterate("Ґонта Їжак") == "gonta-izhak");
  CHECK(transliterate("O'Brien") == "obrien");
  CHECK(transliterate("  ") == "");
  CHECK(login_base("Иванова", "Анна") == "ivanova.a");
  CHECK(login_base("Щукина", "Юлия") == "shchukina.i");
  CHECK(login_base("Ким", "") == "kim");
  CHECK(login_base("李", "Анна") == "user.a");
  CHECK(login_base(std::string(40, 'a'), "b") == std::string(max_login_surname_chars, 'a') + ".b");
  CHECK(login_candidate("ivanova.a", 1) == "ivanova.a");
  CHECK(login_candidate("ivanova.a", 2) == "ivanova.a2");
}

TEST_CASE("roster: CSV values may be quoted, hold delimiters, doubled quotes and line breaks", "[roster]") {
  const auto p = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\nlast,,\n,,\n");
  REQUIRE_FALSE(p.problem);
  REQUIRE(p.records.size() == 3);  // the blank line and the ",," line are dropped
  CHECK(fields_of(p, 0) == std::vector<std::string>{"a", "b", "c"});
  CHECK(fields_of(p, 1) == std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"});
  CHECK(p.records[1].line == 2);
  CHECK(p.records[2].line == 5);  // the line count goes on past the break inside the quotes
  CHECK(fields_of(p, 2) == std::vector<std::string>{"last", "", ""});
}

TEST_CASE("roster: a semicolon file (Russian Excel) is read by its header", "[roster]") {
  const auto p = parse_csv("class;last_name;first_name\n5А;Иванова;\"Анна; Мария\"");
  REQUIRE_FALSE(p.problem);
  CHECK(fields_of(p, 1) == std::vector<std::string>{"5А", "Иванова", "Анна; Мария"});
}

TEST_CASE("roster: malformed CSV names the line", "[roster]") {
  auto p = parse_csv("a,b\nx,\"open\n\nstill open");
  REQUIRE(p.problem);
  CHECK(p.problem->line == 2);
  CHECK_THAT(p.problem->message, Catch::Contains("never closed"));
  p = parse_csv("a,b\nx,\"closed\"y\n");
  REQUIRE(p.problem);
  CHECK(p.problem->line == 2);
  p = parse_csv("a,b\n\nx,ab\"c\n");
  REQUIRE(p.problem);
  CHECK(p.problem->line == 3);
  CHECK(parse_csv("").records.empty());
}

TEST_CASE("roster: an import file gives the pupils with their guardians", "[roster]") {
  const auto r = parse_roster_csv(
      "class,last_name,first_name,middle_name,birth_date,group_no,guardian_last_name,guardian_first_name,guardian_phone,"
      "guardian_relation\n"
      "5а,Иванова,Анна,Сергеевна,2015-03-01,2,Иванова,Ольга,8 900 123-45-67,mother\n"
      "5А, Петров , Борис ,,01.02.2015,,,,,\n",
      today);
  REQUIRE(r.problems.empty());
  REQUIRE(r.rows.size() == 2);
  const auto& anna = r.rows[0];
  CHECK(anna.line == 2);
  CHECK(anna.klass.text() == "5А");
  CHECK(anna.name.full() == "Иванова Анна Сергеевна");
  CHECK(anna.birth_date == parse_date("2015-03-01"));
  CHECK(anna.group_no == 2);
  REQUIRE(anna.guardian);
  CHECK(anna.guardian->name.display() == "Ольга Иванова");
  CHECK(anna.guardian->phone == "+79001234567");
  CHECK(anna.guardian->relation == "mother");
  const auto& boris = r.rows[1];
  CHECK(boris.name.last == "Петров");
  CHECK(boris.name.first == "Борис");
  CHECK(boris.group_no == 1);
  CHECK(boris.birth_date == parse_date("2015-02-01"));
  CHECK_FALSE(boris.guardian);
}

TEST_CASE("roster: every bad row of an import is listed with its line and field", "[roster]") {
  const auto r = parse_roster_csv(
      "class,last_name,first_name,birth_date,guardian_first_name,guardian_email\n"
      "5А,Иванова,Анна,2015-03-01,,\n"   // line 2: fine
      "5A,Петров,Борис,,,\n"             // line 3: Latin letter
      "5Б,,Вера,2015-13-01,,\n"          // line 4: no last name, no such month
      "5Б,Сидоров,Глеб,,Ольга,olga@\n"   // line 5: guardian without a last name, bad e-mail
      "5А,Иванова,Анна,2015-03-01,,\n"   // line 6: the same pupil as line 2
      "5Б,Кузнецов,Дима,,,,extra\n",     // line 7: one value too many
      today);
  const std::vector<RowProblem> got = r.problems;
  // Each problem names its line, its column and its kind (the code a client translates).
  auto has = [&](int line, const char* field, const char* code) {
    return std::any_of(got.begin(), got.end(),
                       [&](const RowProblem& p) { return p.line == line && p.field == field && p.code == code; });
  };
  CHECK(has(3, "class", "class_invalid"));
  CHECK(has(4, "last_name", "name_invalid"));
  CHECK(has(4, "birth_date", "birth_date_invalid"));
  CHECK(has(5, "guardian_last_name", "name_invalid"));
  CHECK(has(5, "guardian_email", "email_invalid"));
  CHECK(has(6, "last_name", "pupil_repeated"));
  CHECK(has(7, "", "too_many_values"));
  CHECK(got.size() == 7);
  CHECK_FALSE(std::any_of(got.begin(), got.end(), [](const RowProblem& p) { return p.line == 2; }));
}

TEST_CASE("roster: the header must name known columns, the required ones among them", "[roster]") {
  auto r = parse_roster_csv("class,last_name,first_name,nickname\n5А,Иванова,Анна,Аня\n", today);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] == RowProblem{1, "nickname", r.problems[0].message, "column_unknown"});
  CHECK_THAT(r.problems[0].message, Catch::Contains("class,last_name,first_name,middle_name"));
  r = parse_roster_csv("Class,Last_Name\n5А,Иванова\n", today);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].field == "first_name");
  CHECK(r.problems[0].code == "column_missing");
  r = parse_roster_csv("class,last_name,first_name,class\n", today);
  CHECK(r.problems.at(0).field == "class");
  CHECK(r.problems.at(0).code == "column_repeated");
  r = parse_roster_csv("class,last_name,first_name\n", today);
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("no pupils"));
  CHECK(r.problems.at(0).code == "no_pupils");
  r = parse_roster_csv("", today);
  CHECK_THAT(r.problems.at(0).message, Catch::Contains("empty"));
  CHECK(r.problems.at(0).code == "file_empty");
}

TEST_CASE("roster: an import has a size limit and must be UTF-8", "[roster]") {
  std::string text = "class,last_name,first_name\n";
  for (std::size_t i = 0; i <= max_import_rows; ++i) text += "5А,Иванов,Иван" + std::string(i % 26 + 1, 'a') + "\n";
  auto r = parse_roster_csv(text, today);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == static_cast<int>(max_import_rows) + 2);
  CHECK_THAT(r.problems[0].message, Catch::Contains("at most 1000"));
  CHECK(r.problems[0].code == "too_many_rows");
  r = parse_roster_csv("class,last_name,first_name\n5\xC0,\xC8\xE2\xE0\xED\xEE\xE2,x\n", today);  // Windows-1251
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 2);
  CHECK_THAT(r.problems[0].message, Catch::Contains("CSV UTF-8"));
  CHECK(r.problems[0].code == "not_utf8");
}
