// plan_school: classes by grade, teachers enough for the curriculum, pupils grouped into families.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "demo/catalogue.hpp"
#include "demo/roster.hpp"

namespace classbook::demo {
namespace {

constexpr int grades = 11;
constexpr int pupils_per_class = 27;   // classes are 25–30 strong
constexpr int class_size_jitter = 2;   // pupils moved between neighbouring classes
constexpr int deputy_max_load = 9;     // the deputy head still teaches a little
constexpr double sibling_share = 0.15; // families with two or three children at the school
constexpr std::size_t sibling_search = 200;  // how far to look for a sibling in another grade

// Class letters as schools use them: no Ё, Й and the signs, which are not letters of a class.
constexpr std::string_view letters[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н", "О",
                                        "П", "Р", "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Э", "Ю", "Я"};
constexpr std::size_t letter_count = std::size(letters);

double female_share(std::string_view spec) {
  if (spec == "primary") return 0.97;
  if (spec == "Физическая культура" || spec == "Технология") return 0.5;
  if (spec == "ОБЖ") return 0.3;
  if (spec == "Информатика") return 0.6;
  return 0.85;
}

std::size_t add_teacher(School& s, DemoRng& rng, std::string_view spec) {
  Teacher t;
  t.speciality = std::string(spec);
  t.name = adult_name(rng, random_surname(rng), rng.chance(female_share(spec)));
  s.teachers.push_back(std::move(t));
  return s.teachers.size() - 1;
}

void plan_classes(const DemoOptions& opt, School& s) {
  const int wanted = std::max(grades, (opt.students + pupils_per_class / 2) / pupils_per_class);
  for (int g = 1; g <= grades; ++g) {
    // The spare classes go to the youngest grades, which schools fill first.
    const auto n = std::min<std::size_t>(letter_count,
        static_cast<std::size_t>(wanted / grades + (g - 1 < wanted % grades ? 1 : 0)));
    for (std::size_t k = 0; k < n; ++k) {
      SchoolClass c;
      c.grade = g;
      c.letter = std::string(letters[k]);
      c.name = std::to_string(g) + c.letter;
      if (g >= 10) c.profile = std::string(profiles[k % std::size(profiles)]);
      s.classes.push_back(std::move(c));
    }
  }
  for (std::size_t c = 0; c < s.classes.size(); ++c)
    for (const auto& line : curriculum(s.classes[c].grade, s.classes[c].profile))
      s.courses.push_back({c, line.subject, line.hours_per_week, none});
}

// One teacher per primary class gives the class-teacher subjects; for the rest, enough subject
// teachers that each stays near target_weekly_lessons, filled least-loaded first.
void plan_teachers(School& s, DemoRng& rng) {
  struct Package {
    std::size_t klass = 0;
    int hours = 0;
    std::vector<std::size_t> courses;
  };
  std::map<std::string, std::vector<Package>> by_spec;  // ordered: the same teachers every run
  std::vector<std::size_t> primary_teacher(s.classes.size(), none);
  for (std::size_t i = 0; i < s.courses.size(); ++i) {
    auto& course = s.courses[i];
    const int grade = s.classes[course.klass].grade;
    const auto spec = speciality(course.subject, grade);
    if (spec == "primary") {
      auto& t = primary_teacher[course.klass];
      if (t == none) t = add_teacher(s, rng, spec);
      course.teacher = t;
      s.teachers[t].load += course.hours;
      s.classes[course.klass].class_teacher = t;
      continue;
    }
    auto& packages = by_spec[std::string(spec)];
    if (packages.empty() || packages.back().klass != course.klass) packages.push_back({course.klass, 0, {}});
    packages.back().hours += course.hours;
    packages.back().courses.push_back(i);
  }
  for (auto& [spec, packages] : by_spec) {
    std::vector<std::size_t> pool;
    int total = 0;
    for (const auto& p : packages) total += p.hours;
    if (spec == "история и обществознание") {
      s.deputy = add_teacher(s, rng, spec);
      s.teachers[s.deputy].max_load = deputy_max_load;
      pool.push_back(s.deputy);
      total = std::max(0, total - deputy_max_load);
    }
    const int hire = std::max(1, (total + target_weekly_lessons - 1) / target_weekly_lessons);
    for (int k = 0; k < hire; ++k) pool.push_back(add_teacher(s, rng, spec));
    std::stable_sort(packages.begin(), packages.end(),
                     [](const Package& a, const Package& b) { return a.hours > b.hours; });
    for (const auto& p : packages) {
      std::size_t best = none;
      for (const auto t : pool) {
        const auto& cand = s.teachers[t];
        if (cand.load + p.hours > cand.max_load) continue;
        if (best == none || cand.load < s.teachers[best].load) best = t;
      }
      if (best == none) {
        best = add_teacher(s, rng, spec);
        pool.push_back(best);
      }
      s.teachers[best].load += p.hours;
      for (const auto c : p.courses) s.courses[c].teacher = best;
    }
  }
  if (s.deputy == none) s.deputy = add_teacher(s, rng, "история и обществознание");
}

// Grades 5–11: the teacher with most lessons in the class who has no class yet.
void plan_class_teachers(School& s) {
  std::vector<bool> has_class(s.teachers.size(), false);
  for (const auto& c : s.classes)
    if (c.class_teacher != none) has_class[c.class_teacher] = true;
  for (std::size_t k = 0; k < s.classes.size(); ++k) {
    auto& c = s.classes[k];
    if (c.class_teacher != none) continue;
    std::size_t best = none;
    int best_hours = -1;
    for (const auto& course : s.courses) {
      if (course.klass != k || course.teacher == s.deputy || has_class[course.teacher]) continue;
      int hours = 0;
      for (const auto& other : s.courses)
        if (other.klass == k && other.teacher == course.teacher) hours += other.hours;
      if (hours > best_hours) best = course.teacher, best_hours = hours;
    }
    if (best == none)  // every teacher of the class already has one: take the one teaching most here
      for (const auto& course : s.courses)
        if (course.klass == k && (best == none || course.hours > best_hours))
          best = course.teacher, best_hours = course.hours;
    c.class_teacher = best;
    if (best != none) has_class[best] = true;
  }
}

domain::Date birth_date(DemoRng& rng, int academic_year, int grade) {
  using namespace std::chrono;
  // A first-former of the year starting in September Y turned 7 between September Y-7 and August Y-6.
  int born = academic_year - grade - 7;
  if (rng.chance(0.03)) --born;  // started school late or repeated a year
  const sys_days from{year{born} / September / 1};
  return year_month_day{from + days{rng.between(0, 364)}};
}

std::string card_number(DemoRng& rng, std::set<std::string>& taken) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (;;) {
    std::string card;
    const auto v = rng.next();
    for (int i = 0; i < 8; ++i) card += hex[(v >> (4 * (7 - i))) & 0xF];
    if (taken.insert(card).second) return card;
  }
}

void plan_pupils(const DemoOptions& opt, School& s, DemoRng& rng) {
  const auto n_classes = s.classes.size();
  std::vector<int> size(n_classes, opt.students / static_cast<int>(n_classes));
  for (std::size_t k = 0; k < static_cast<std::size_t>(opt.students) % n_classes; ++k) ++size[k];
  for (std::size_t k = 0; k + 1 < n_classes; k += 2) {
    const int move = std::min(rng.between(0, class_size_jitter), size[k + 1] - 1);
    if (move > 0) size[k] += move, size[k + 1] -= move;
  }
  std::set<std::string> cards;
  for (std::size_t k = 0; k < n_classes; ++k)
    for (int i = 0; i < size[k]; ++i) {
      Pupil p;
      p.klass = k;
      p.birth = birth_date(rng, s.academic_year, s.classes[k].grade);
      p.card = card_number(rng, cards);
      p.ability = 2.7 + 2.2 * (rng.unit() + rng.unit()) / 2;
      s.pupils.push_back(std::move(p));
    }
}

// Families: most pupils alone at the school, some with a brother or sister in another grade.
void plan_families(School& s, DemoRng& rng) {
  std::vector<std::size_t> order(s.pupils.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  rng.shuffle(order);
  std::vector<bool> placed(s.pupils.size(), false);
  for (std::size_t at = 0; at < order.size(); ++at) {
    if (placed[order[at]]) continue;
    std::vector<std::size_t> family{order[at]};
    placed[order[at]] = true;
    if (rng.chance(sibling_share)) {
      const std::size_t want = rng.chance(0.8) ? 2 : 3;
      for (std::size_t j = at + 1; j < order.size() && j <= at + sibling_search && family.size() < want; ++j) {
        const auto cand = order[j];
        if (placed[cand]) continue;
        const int grade = s.classes[s.pupils[cand].klass].grade;
        bool other_grade = true;
        for (const auto m : family) other_grade = other_grade && s.classes[s.pupils[m].klass].grade != grade;
        if (!other_grade) continue;
        family.push_back(cand);
        placed[cand] = true;
      }
    }
    const std::string surname = random_surname(rng);
    const auto& father = random_male_name(rng);
    for (const auto m : family) {
      auto& n = s.pupils[m].name;
      n.female = rng.chance(0.5);
      n.last = n.female ? feminine_surname(surname) : surname;
      n.first = std::string(n.female ? random_girl_name(rng) : random_boy_name(rng));
      n.middle = std::string(n.female ? father.daughter : father.son);
    }
    const double r = rng.unit();
    const bool mother = r < 0.9, dad = r < 0.6 || r >= 0.9;
    auto add_guardian = [&](PersonName name, const char* relation) {
      Guardian g;
      g.name = std::move(name);
      g.relation = relation;
      g.children = family;
      s.guardians.push_back(std::move(g));
      for (const auto m : family) s.pupils[m].guardians.push_back(s.guardians.size() - 1);
    };
    if (mother) {
      auto name = adult_name(rng, rng.chance(0.9) ? surname : random_surname(rng), true);
      add_guardian(std::move(name), "mother");
    }
    if (dad) {
      auto name = adult_name(rng, surname, false);
      name.first = std::string(father.first);
      add_guardian(std::move(name), "father");
    }
  }
}

}  // namespace

void plan_school(const DemoOptions& opt, School& s) {
  DemoRng rng(opt.seed, roster_stream);
  plan_classes(opt, s);
  plan_teachers(s, rng);
  plan_class_teachers(s);
  plan_pupils(opt, s, rng);
  plan_families(s, rng);
  // The journal lists a class by surname, then first name.
  for (std::size_t i = 0; i < s.pupils.size(); ++i) s.classes[s.pupils[i].klass].pupils.push_back(i);
  for (auto& c : s.classes)
    std::stable_sort(c.pupils.begin(), c.pupils.end(), [&](std::size_t a, std::size_t b) {
      const auto& x = s.pupils[a].name;
      const auto& y = s.pupils[b].name;
      return std::tie(x.last, x.first, x.middle) < std::tie(y.last, y.first, y.middle);
    });
}

}  // namespace classbook::demo
