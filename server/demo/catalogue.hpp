// catalogue: what a Russian school teaches — subjects, hours per grade, who teaches what, topics.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "demo/demo_rng.hpp"

namespace classbook::demo {

struct SubjectInfo {
  std::string_view name;
  std::string_view short_name;
  int textbook_grams = 0;
  double homework_share = 0;  // of its lessons that set homework
};
// Index = the subject's number everywhere in the demo.
const std::vector<SubjectInfo>& subjects();

// Profiles of grades 10–11; earlier grades have none ("").
inline constexpr std::string_view profiles[] = {"физмат", "гуманитарный", "универсальный"};

struct CurriculumLine {
  std::size_t subject = 0;
  int hours_per_week = 0;
};
// The weekly plan of a grade (1..11) and profile, after the federal basic plan (ФГОС, 5-day week).
std::vector<CurriculumLine> curriculum(int grade, std::string_view profile);

// Who teaches a subject in a grade: "primary" for what the class teacher of grades 1–4 gives,
// otherwise the subject teacher's speciality; one teacher gives all of a speciality in a class
// (algebra and geometry, Russian and literature).
std::string_view speciality(std::size_t subject, int grade);
// Whether a subject teacher works in a gym rather than a classroom.
bool taught_in_gym(std::string_view speciality);

// Lesson topics in syllabus order; `n` counts the lessons of the subject given in the class so far.
// Whether the subject has tests (контрольные работы or, in PE, зачёты) every few lessons.
bool has_tests(std::size_t subject);
std::string lesson_topic(std::size_t subject, int grade, int n);
std::string test_topic(std::size_t subject, int grade, int n);
std::string homework_text(std::size_t subject, int grade, int n, DemoRng& rng);
// A teacher's short remark on a mark of this value.
std::string_view mark_comment(int value, DemoRng& rng);

}  // namespace classbook::demo
