// vocabulary: the OneRoster 1.2 enumerations, each with its standard spelling and, where the standard
// allows it, an extension value "ext:…" kept as sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace classbook::oneroster {

// Every record's lifecycle mark (OneRoster 1.1 dropped 'inactive').
enum class Status { active, tobedeleted };
enum class OrgType { department, district, local, national, school, state, extension };
enum class SessionType { gradingPeriod, semester, schoolYear, term, extension };
enum class ClassType { homeroom, scheduled, extension };
// A user's role in an org (RoleDType.role).
enum class RoleName {
  aide, counselor, districtAdministrator, guardian, parent, principal, proctor, relative,
  siteAdministrator, student, systemAdministrator, teacher, extension
};
enum class RoleType { primary, secondary };
// A user's role in one class (EnrollmentDType.role): the standard has no guardian here.
enum class EnrollmentRole { administrator, proctor, student, teacher, extension };
enum class Sex { male, female, unspecified, other, extension };
// ResultDType.scoreStatus; "exempt" is how the standard spells an excused result.
enum class ScoreStatus { exempt, fully_graded, not_submitted, partially_graded, submitted, extension };
// What a GUIDRef points at (its "type").
enum class RefType { academicSession, category, class_, course, lineItem, org, resource, result, scoreScale, user };

// The standard spelling of each named value ("fully graded", "class"); "" for `extension`, whose
// text lives in Extensible<E>::extension.
std::string_view to_string(Status v);
std::string_view to_string(OrgType v);
std::string_view to_string(SessionType v);
std::string_view to_string(ClassType v);
std::string_view to_string(RoleName v);
std::string_view to_string(RoleType v);
std::string_view to_string(EnrollmentRole v);
std::string_view to_string(Sex v);
std::string_view to_string(ScoreStatus v);
std::string_view to_string(RefType v);

// parse_vocabulary<E>("teacher") → the named value; nullopt for anything else, "ext:…" included
// (extensions go through Extensible<E>::parse).
template <class E>
std::optional<E> parse_vocabulary(std::string_view text);

// For messages: "OneRoster role", and "aide, counselor, …, teacher, or an extension 'ext:…'".
template <class E>
std::string_view vocabulary_name();
template <class E>
std::string vocabulary_choices();

// The standard's extension pattern: "ext:" then one or more of [a-zA-Z0-9.-_].
bool is_extension_value(std::string_view text);

// A value of an extensible vocabulary: a named one, or an extension kept exactly as sent.
template <class E>
struct Extensible {
  E value{};
  std::string extension;  // "ext:…" when value == E::extension, else empty

  Extensible() = default;
  Extensible(E v) : value(v) {}  // NOLINT: implicit by design, `Extensible<Sex> s = Sex::male`
  static Extensible ext(std::string text) {
    Extensible e;
    e.value = E::extension;
    e.extension = std::move(text);
    return e;
  }
  std::string text() const { return value == E::extension ? extension : std::string(to_string(value)); }
  // nullopt when `text` is neither a named value nor a well-formed extension.
  static std::optional<Extensible> parse(std::string_view text) {
    if (auto v = parse_vocabulary<E>(text)) return Extensible(*v);
    if (is_extension_value(text)) return ext(std::string(text));
    return std::nullopt;
  }
  friend bool operator==(const Extensible&, const Extensible&) = default;
};

}  // namespace classbook::oneroster
