// model: the OneRoster 1.2 records the box exchanges (rostering and gradebook), as plain values
// named as the standard names them. Dates and date-times are kept as their standard text (checked
// on the way in: dates.hpp); `metadata` is kept exactly as sent.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/array.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sync/oneroster/vocabulary.hpp"

namespace classbook::oneroster {

// A reference to another record: {"href", "sourcedId", "type"}, all three required by the standard.
struct GuidRef {
  std::string href;
  std::string sourced_id;
  RefType type = RefType::org;
  friend bool operator==(const GuidRef&, const GuidRef&) = default;
};

// What every record carries.
struct Base {
  std::string sourced_id;
  Status status = Status::active;
  std::string date_last_modified;  // DateTime, UTC; empty only for rows of a bulk CSV file (bundle.hpp)
  std::optional<boost::json::object> metadata;
  friend bool operator==(const Base&, const Base&) = default;
};

struct Org {
  Base base;
  std::string name;
  Extensible<OrgType> type;
  std::string identifier;  // required by the standard, may be empty
  std::optional<GuidRef> parent;
  std::vector<GuidRef> children;
  friend bool operator==(const Org&, const Org&) = default;
};

// A school year, a term, a semester or a grading period; parent/children link terms to their
// grading periods and the year to its terms.
struct AcademicSession {
  Base base;
  std::string title;
  std::string start_date;  // Date, inclusive
  std::string end_date;    // Date, exclusive
  Extensible<SessionType> type;
  std::optional<GuidRef> parent;
  std::vector<GuidRef> children;
  std::string school_year;  // "YYYY", the year the school year ends
  friend bool operator==(const AcademicSession&, const AcademicSession&) = default;
};

struct Course {
  Base base;
  std::string title;
  std::optional<GuidRef> school_year;
  std::string course_code;
  std::vector<std::string> grades;
  std::vector<std::string> subjects;
  std::optional<GuidRef> org;
  std::vector<std::string> subject_codes;
  std::vector<GuidRef> resources;
  friend bool operator==(const Course&, const Course&) = default;
};

// A class: for the box, one class × subject (a homeroom class is the class itself).
struct Class {
  Base base;
  std::string title;
  std::optional<std::string> class_code;
  std::optional<Extensible<ClassType>> class_type;
  std::optional<std::string> location;
  std::vector<std::string> grades;
  std::vector<std::string> subjects;
  GuidRef course;
  GuidRef school;
  std::vector<GuidRef> terms;  // at least one
  std::vector<std::string> subject_codes;
  std::vector<std::string> periods;
  std::vector<GuidRef> resources;
  friend bool operator==(const Class&, const Class&) = default;
};

struct UserId {
  std::string type;
  std::string identifier;
  friend bool operator==(const UserId&, const UserId&) = default;
};

// One role of a user in one org.
struct Role {
  RoleType role_type = RoleType::primary;
  Extensible<RoleName> role;
  GuidRef org;
  std::optional<std::string> user_profile;
  std::optional<std::string> begin_date;  // Date, inclusive
  std::optional<std::string> end_date;    // Date, exclusive
  friend bool operator==(const Role&, const Role&) = default;
};

// A person: pupil, guardian, teacher or staff, told apart by roles. Guardians link to their
// children (and children to guardians) through agents.
struct User {
  Base base;
  std::optional<std::string> user_master_identifier;
  std::optional<std::string> username;
  std::vector<UserId> user_ids;
  bool enabled_user = true;
  std::string given_name;
  std::string family_name;
  std::optional<std::string> middle_name;
  std::optional<std::string> preferred_first_name;
  std::optional<std::string> preferred_middle_name;
  std::optional<std::string> preferred_last_name;
  std::optional<std::string> pronouns;
  std::vector<Role> roles;  // at least one
  std::optional<boost::json::array> user_profiles;  // kept as sent: the box does not use them
  std::optional<GuidRef> primary_org;
  std::optional<std::string> identifier;
  std::optional<std::string> email;
  std::optional<std::string> sms;
  std::optional<std::string> phone;
  std::vector<GuidRef> agents;
  std::vector<std::string> grades;
  std::optional<std::string> password;
  std::vector<GuidRef> resources;
  friend bool operator==(const User&, const User&) = default;
};

struct Enrollment {
  Base base;
  GuidRef user;
  GuidRef class_;
  GuidRef school;
  Extensible<EnrollmentRole> role;
  std::optional<bool> primary;
  std::optional<std::string> begin_date;  // Date, inclusive
  std::optional<std::string> end_date;    // Date, exclusive
  friend bool operator==(const Enrollment&, const Enrollment&) = default;
};

// Privileged data, same sourcedId as its user.
struct Demographics {
  Base base;
  std::optional<std::string> birth_date;
  std::optional<Extensible<Sex>> sex;
  std::optional<bool> american_indian_or_alaska_native;
  std::optional<bool> asian;
  std::optional<bool> black_or_african_american;
  std::optional<bool> native_hawaiian_or_other_pacific_islander;
  std::optional<bool> white;
  std::optional<bool> demographic_race_two_or_more_races;
  std::optional<bool> hispanic_or_latino_ethnicity;
  std::optional<std::string> country_of_birth_code;
  std::optional<std::string> state_of_birth_abbreviation;
  std::optional<std::string> city_of_birth;
  std::optional<std::string> public_school_residence_status;
  friend bool operator==(const Demographics&, const Demographics&) = default;
};

// A gradebook category — for the box, a work type with its weight.
struct Category {
  Base base;
  std::string title;
  std::optional<double> weight;
  friend bool operator==(const Category&, const Category&) = default;
};

struct ScoreScaleValue {
  std::string item_value_lhs;
  std::string item_value_rhs;
  friend bool operator==(const ScoreScaleValue&, const ScoreScaleValue&) = default;
};

struct ScoreScale {
  Base base;
  std::string title;
  std::string type;
  std::optional<GuidRef> course;
  GuidRef class_;
  std::vector<ScoreScaleValue> score_scale_value;  // at least one
  friend bool operator==(const ScoreScale&, const ScoreScale&) = default;
};

// A line item: a lesson's or an assessment's column in the gradebook.
struct LineItem {
  Base base;
  std::string title;
  std::optional<std::string> description;
  std::string assign_date;  // DateTime
  std::string due_date;     // DateTime
  GuidRef class_;
  GuidRef school;
  GuidRef category;
  std::optional<GuidRef> grading_period;
  std::optional<GuidRef> academic_session;
  std::optional<GuidRef> score_scale;
  std::optional<double> result_value_min;
  std::optional<double> result_value_max;
  std::optional<boost::json::array> learning_objective_set;  // kept as sent
  friend bool operator==(const LineItem&, const LineItem&) = default;
};

// OneRoster's Result: one pupil's score on one line item. An excused pupil is scoreStatus "exempt".
// Named ResultRecord so that it does not hide classbook::Result<T> inside this namespace.
struct ResultRecord {
  Base base;
  GuidRef line_item;
  GuidRef student;
  std::optional<GuidRef> class_;
  std::optional<GuidRef> score_scale;
  Extensible<ScoreStatus> score_status;
  std::optional<double> score;  // on the line item's scale; above resultValueMax is extra credit
  std::optional<std::string> text_score;
  std::string score_date;  // Date
  std::optional<std::string> comment;
  std::optional<boost::json::array> learning_objective_set;  // kept as sent
  std::optional<bool> in_progress;
  std::optional<bool> incomplete;
  std::optional<bool> late;
  std::optional<bool> missing;
  friend bool operator==(const ResultRecord&, const ResultRecord&) = default;
};

}  // namespace classbook::oneroster
