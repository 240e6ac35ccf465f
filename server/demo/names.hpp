// names: Russian full names with correct gender forms, and logins transliterated from them.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "demo/demo_rng.hpp"

namespace classbook::demo {

struct PersonName {
  std::string last;
  std::string first;
  std::string middle;  // patronymic
  bool female = false;
};

// A family name in its masculine form ("Иванов", "Белый", "Шевченко").
std::string random_surname(DemoRng& rng);
// The same name as a woman bears it: Иванов → Иванова, Белый → Белая, Шевченко stays.
std::string feminine_surname(std::string_view masculine);

// A man's first name; its index gives the children's patronymic.
struct MaleName {
  std::string_view first;
  std::string_view son;       // "Сергеевич"
  std::string_view daughter;  // "Сергеевна"
};
const MaleName& random_male_name(DemoRng& rng);
std::string_view random_female_name(DemoRng& rng);
// Names common among today's pupils rather than their parents.
std::string_view random_boy_name(DemoRng& rng);
std::string_view random_girl_name(DemoRng& rng);

// An adult with a random patronymic, surname given in the masculine form.
PersonName adult_name(DemoRng& rng, const std::string& masculine_surname, bool female);

// "Анна Петрова" — how the journal shows a person.
std::string display_name(const PersonName& n);

// Russian → Latin the way people spell their names in e-mail addresses, lower-case ASCII.
std::string transliterate(std::string_view cyrillic);

// A login not yet in `taken`, made from the parts joined by dots ("anna.petrova.5a"); digits are
// appended on collision ("anna.petrova.5a2"). The login is added to `taken`.
std::string unique_login(std::string base, std::set<std::string>& taken);

}  // namespace classbook::demo
