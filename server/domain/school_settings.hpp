// school_settings: what the director may set about the school — its name, the academic year and its
// terms, the mark scale, and the work types with the weights every average uses. Pure checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "marks.hpp"

namespace classbook::domain {

constexpr std::size_t max_school_name_length = 200;  // characters; the name heads every document
constexpr int earliest_academic_year = 2000;         // a start year outside these is a typing slip
constexpr int latest_academic_year = 2100;

// "2026/2027" → 2026: four-digit years, the second one after the first.
std::optional<int> parse_academic_year(std::string_view text);
std::string format_academic_year(int start_year);  // 2026 → "2026/2027"
std::optional<std::string> check_school_name(std::string_view name);

// An academic year's terms lie between 1 August of its start year and 31 July of the next: the
// summer holidays are where one year hands over to the next, so no term may reach into another year.
// Quarters make 4 terms, trimesters 3, semesters 2; a few schools split the year into up to six modules.
constexpr int max_terms = 6;
Date academic_year_first_day(int start_year);  // 1 August
Date academic_year_last_day(int start_year);   // 31 July of the next year
// None when the list is 1..max_terms terms numbered 1, 2, … in order, each from <= to, each after the
// one before (no overlap, a holiday between them is fine), all within the academic year.
std::optional<std::string> check_terms(const std::vector<Term>& terms, int start_year);

// Weights are whole numbers, as the averages (Σ value·weight / Σ weight, exact comparisons in the
// term-grade proposal) and the store's column have them: a homework counts 1, a test up to 10 times as much.
constexpr int min_work_type_weight = 1;
constexpr int max_work_type_weight = 10;
// The rank orders groups of work for a borderline term grade: 3 (tests) decides before 2 (classwork), 1 (homework).
constexpr int min_work_type_rank = 1;
constexpr int max_work_type_rank = 3;
constexpr std::size_t max_work_type_code_length = 32;
constexpr std::size_t max_work_type_name_length = 60;
constexpr std::size_t max_work_types = 20;  // a journal's drop-down of kinds of work stays readable

std::optional<std::string> check_work_type_weight(int weight);
std::optional<std::string> check_work_type_rank(int rank);
// A code is the work type's id in the API for good: 2..32 of a–z, 0–9 and "_", starting with a letter.
std::optional<std::string> check_work_type_code(std::string_view code);
std::optional<std::string> check_work_type_name(std::string_view name);

// The scales a school may use: five-point (1..5) and ten-point (1..10), by their maximum.
std::optional<MarkScale> scale_with_max(int max);

}  // namespace classbook::domain
