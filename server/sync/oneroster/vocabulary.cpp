// vocabulary: one table per enumeration — its standard spellings in enumerator order.
#include "sync/oneroster/vocabulary.hpp"

#include <array>
#include <cstddef>

namespace classbook::oneroster {
namespace {

template <class E>
struct Table;

#define CLASSBOOK_VOCABULARY(E, NAME, EXTENSIBLE, ...)                  \
  template <>                                                           \
  struct Table<E> {                                                     \
    static constexpr std::string_view name = NAME;                      \
    static constexpr bool extensible = EXTENSIBLE;                      \
    static constexpr std::array<std::string_view, std::size(std::initializer_list<std::string_view>{__VA_ARGS__})> \
        spellings{__VA_ARGS__};                                         \
  };

CLASSBOOK_VOCABULARY(Status, "OneRoster status", false, "active", "tobedeleted")
CLASSBOOK_VOCABULARY(OrgType, "OneRoster org type", true, "department", "district", "local", "national", "school",
                     "state")
CLASSBOOK_VOCABULARY(SessionType, "OneRoster academic session type", true, "gradingPeriod", "semester", "schoolYear",
                     "term")
CLASSBOOK_VOCABULARY(ClassType, "OneRoster class type", true, "homeroom", "scheduled")
CLASSBOOK_VOCABULARY(RoleName, "OneRoster role", true, "aide", "counselor", "districtAdministrator", "guardian",
                     "parent", "principal", "proctor", "relative", "siteAdministrator", "student",
                     "systemAdministrator", "teacher")
CLASSBOOK_VOCABULARY(RoleType, "OneRoster role type", false, "primary", "secondary")
CLASSBOOK_VOCABULARY(EnrollmentRole, "OneRoster enrollment role", true, "administrator", "proctor", "student",
                     "teacher")
CLASSBOOK_VOCABULARY(Sex, "OneRoster sex", true, "male", "female", "unspecified", "other")
CLASSBOOK_VOCABULARY(ScoreStatus, "OneRoster score status", true, "exempt", "fully graded", "not submitted",
                     "partially graded", "submitted")
CLASSBOOK_VOCABULARY(RefType, "OneRoster reference type", false, "academicSession", "category", "class", "course",
                     "lineItem", "org", "resource", "result", "scoreScale", "user")
#undef CLASSBOOK_VOCABULARY

template <class E>
std::string_view spelling(E v) {
  const auto i = static_cast<std::size_t>(v);
  return i < Table<E>::spellings.size() ? Table<E>::spellings[i] : std::string_view{};
}

}  // namespace

std::string_view to_string(Status v) { return spelling(v); }
std::string_view to_string(OrgType v) { return spelling(v); }
std::string_view to_string(SessionType v) { return spelling(v); }
std::string_view to_string(ClassType v) { return spelling(v); }
std::string_view to_string(RoleName v) { return spelling(v); }
std::string_view to_string(RoleType v) { return spelling(v); }
std::string_view to_string(EnrollmentRole v) { return spelling(v); }
std::string_view to_string(Sex v) { return spelling(v); }
std::string_view to_string(ScoreStatus v) { return spelling(v); }
std::string_view to_string(RefType v) { return spelling(v); }

template <class E>
std::optional<E> parse_vocabulary(std::string_view text) {
  const auto& all = Table<E>::spellings;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

template <class E>
std::string_view vocabulary_name() {
  return Table<E>::name;
}

template <class E>
std::string vocabulary_choices() {
  std::string out;
  const auto& all = Table<E>::spellings;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i) out += (i + 1 == all.size() && !Table<E>::extensible) ? " or " : ", ";
    out += all[i];
  }
  if (Table<E>::extensible) out += ", or an extension 'ext:…'";
  return out;
}

bool is_extension_value(std::string_view text) {
  if (!text.starts_with("ext:") || text.size() == 4) return false;
  for (char c : text.substr(4)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

#define CLASSBOOK_INSTANTIATE(E)                                      \
  template std::optional<E> parse_vocabulary<E>(std::string_view);    \
  template std::string_view vocabulary_name<E>();                     \
  template std::string vocabulary_choices<E>();
CLASSBOOK_INSTANTIATE(Status)
CLASSBOOK_INSTANTIATE(OrgType)
CLASSBOOK_INSTANTIATE(SessionType)
CLASSBOOK_INSTANTIATE(ClassType)
CLASSBOOK_INSTANTIATE(RoleName)
CLASSBOOK_INSTANTIATE(RoleType)
CLASSBOOK_INSTANTIATE(EnrollmentRole)
CLASSBOOK_INSTANTIATE(Sex)
CLASSBOOK_INSTANTIATE(ScoreStatus)
CLASSBOOK_INSTANTIATE(RefType)
#undef CLASSBOOK_INSTANTIATE

}  // namespace classbook::oneroster
