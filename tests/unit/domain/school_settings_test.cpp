// Tests of the director's settings checks: the academic year's spelling, the terms list (numbering,
// order, overlap, the year's span), work types' weights, ranks, codes and names, the scales.
#include <catch2/catch.hpp>
#include <string>

#include "domain/school_settings.hpp"

using namespace classbook::domain;

namespace {

Date day(const char* text) { return *parse_date(text); }
Term term(int n, const char* from, const char* to) { return {n, day(from), day(to)}; }

bool says(const std::optional<std::string>& problem, const std::string& words) {
  return problem && problem->find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("an academic year is written 2026/2027 and nothing else") {
  CHECK(parse_academic_year("2026/2027") == 2026);
  CHECK(format_academic_year(2026) == "2026/2027");
  for (const char* bad : {"2026/2028", "2026", "2026-2027", "26/27", "2026/2027 ", "1999/2000", "2101/2102", "20a6/2027", ""})
    CHECK_FALSE(parse_academic_year(bad));
  CHECK(parse_academic_year("2000/2001") == earliest_academic_year);
}

TEST_CASE("the customary terms of every kind pass the terms check") {
  for (auto kind : {TermKind::quarters, TermKind::trimesters, TermKind::semesters}) {
    CAPTURE(to_string(kind));
    CHECK_FALSE(check_terms(default_terms(2026, kind), 2026));
    CHECK(says(check_terms(default_terms(2026, kind), 2027), "outside the academic year 2027/2028"));
  }
}

TEST_CASE("terms are numbered 1..n in order, each from <= to, one after another, within the year") {
  CHECK(says(check_terms({}, 2026), "at least one term"));
  CHECK(says(check_terms({term(2, "2026-09-01", "2026-12-29")}, 2026), "number 1 was expected"));
  CHECK(says(check_terms({term(1, "2026-09-01", "2026-12-29"), term(3, "2027-01-09", "2027-05-31")}, 2026),
             "number 2 was expected"));
  CHECK(says(check_terms({term(1, "2026-10-01", "2026-09-01")}, 2026), "ends (2026-09-01) before it starts"));
  CHECK(says(check_terms({term(1, "2026-09-01", "2026-12-29"), term(2, "2026-12-29", "2027-05-31")}, 2026),
             "before term 1 has ended"));
  CHECK(says(check_terms({term(1, "2026-09-01", "2026-12-29"), term(2, "2026-11-01", "2027-05-31")}, 2026), "overlapping"));
  // One day long, and terms that touch day to day, are fine.
  CHECK_FALSE(check_terms({term(1, "2026-09-01", "2026-09-01"), term(2, "2026-09-02", "2027-05-31")}, 2026));
  // The span: 1 August of the start year to 31 July of the next, ends included.
  CHECK_FALSE(check_terms({term(1, "2026-08-01", "2027-07-31")}, 2026));
  CHECK(says(check_terms({term(1, "2026-07-31", "2027-05-31")}, 2026), "(2026-08-01 to 2027-07-31)"));
  CHECK(says(check_terms({term(1, "2026-09-01", "2027-08-01")}, 2026), "outside the academic year"));
  std::vector<Term> seven;
  for (int i = 0; i < max_terms + 1; ++i) {
    const auto from = add_days(day("2026-09-01"), i * 30);
    seven.push_back({i + 1, from, add_days(from, 20)});
  }
  CHECK(says(check_terms(seven, 2026), "at most 6 terms"));
  seven.pop_back();
  CHECK_FALSE(check_terms(seven, 2026));
}

TEST_CASE("weights are whole numbers within the named limits") {
  CHECK_FALSE(check_work_type_weight(min_work_type_weight));
  CHECK_FALSE(check_work_type_weight(max_work_type_weight));
  CHECK(says(check_work_type_weight(min_work_type_weight - 1), "from 1 to 10; 0 is not"));
  CHECK(says(check_work_type_weight(max_work_type_weight + 1), "11 is not"));
  // Every default work type's weight is within the limits the director may set.
  for (const auto& w : default_work_types()) {
    CAPTURE(w.code);
    CHECK_FALSE(check_work_type_weight(w.weight));
    CHECK_FALSE(check_work_type_rank(w.rank));
    CHECK_FALSE(check_work_type_code(w.code));
    CHECK_FALSE(check_work_type_name(w.name));
  }
  CHECK(says(check_work_type_rank(0), "0 is not"));
  CHECK(says(check_work_type_rank(4), "4 is not"));
}

TEST_CASE("a work type's code is a short lowercase id, its name one line of text") {
  CHECK_FALSE(check_work_type_code("project"));
  CHECK_FALSE(check_work_type_code("lab_2"));
  for (const char* bad : {"", "p", "Project", "2lab", "lab-2", "проект", "lab 2", "_lab"}) {
    CAPTURE(bad);
    CHECK(check_work_type_code(bad));
  }
  CHECK(check_work_type_code(std::string(max_work_type_code_length + 1, 'a')));
  CHECK_FALSE(check_work_type_code(std::string(max_work_type_code_length, 'a')));
  CHECK_FALSE(check_work_type_name("Проектная работа"));
  CHECK(says(check_work_type_name("   "), "must not be empty"));
  CHECK(says(check_work_type_name("Проект\nвторой"), "one line"));
  std::string long_name;
  for (std::size_t i = 0; i <= max_work_type_name_length; ++i) long_name += "я";  // counted in characters, not bytes
  CHECK(says(check_work_type_name(long_name), "at most 60 characters"));
  long_name.resize(long_name.size() - 2);
  CHECK_FALSE(check_work_type_name(long_name));
}

TEST_CASE("a school marks on the five-point or the ten-point scale") {
  CHECK(scale_with_max(5)->min == 1);
  CHECK(scale_with_max(10)->max == 10);
  CHECK_FALSE(scale_with_max(4));
  CHECK_FALSE(scale_with_max(100));
  CHECK_FALSE(check_school_name("Школа № 1"));
  CHECK(says(check_school_name(""), "must not be empty"));
}
