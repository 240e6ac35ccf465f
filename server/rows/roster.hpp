// roster: the office's rows — classes, pupils, guardians and their links, staff, subjects, teaching.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rows/records.hpp"

namespace classbook::rows {

// The account behind a person, as the office sees it (never its password).
struct AccountBrief {
  Id user_id = 0;
  std::string uuid;
  std::string login;
  bool disabled = false;
  bool must_change_password = true;
};

struct ClassRecord {
  Id id = 0;
  std::string uuid;
  std::string name;  // "5А"
  int grade = 0;
  std::string letter;
  std::optional<std::string> profile;
  std::optional<Id> class_teacher_id;
  std::string class_teacher_uuid;  // "" when the class has none
  std::string class_teacher_name;  // "Иванова Мария Петровна"
  int pupil_count = 0;             // pupils in the class on the day asked for (store/enrolled_on.hpp)
};

struct PupilRecord {
  Id id = 0;
  std::string uuid;
  std::string last_name, first_name, middle_name;
  std::optional<std::string> birth_date;
  Id class_id = 0;
  std::string class_uuid, class_name;
  int group_no = 1;
  std::optional<std::string> card;
  std::optional<std::string> left_on;  // the school date the pupil left; none while at school
  std::optional<std::string> left_reason;
  std::optional<AccountBrief> account;
};

// A pupil in the office's school-wide list: the file's row and how many guardians are linked.
struct PupilListing {
  PupilRecord pupil;
  int guardians = 0;
};

struct GuardianRecord {
  Id id = 0;
  std::string uuid;
  std::string last_name, first_name, middle_name;
  std::optional<std::string> phone;  // normalised, "+79001234567"
  std::optional<std::string> email;
  std::optional<AccountBrief> account;
  int children = 0;  // pupils linked
};

struct GuardianLink {
  GuardianRecord guardian;
  std::string relation;
};

struct TeacherRecord {
  Id id = 0;
  std::string uuid;
  std::string last_name, first_name, middle_name;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<AccountBrief> account;
  std::vector<std::string> class_teacher_of;  // class names
};

struct SubjectRecord {
  Id id = 0;
  std::string uuid;
  std::string name;
  std::string short_name;
};

struct TeachingRecord {
  std::string class_uuid, class_name;
  std::string subject_uuid, subject_name;
  std::string teacher_uuid, teacher_name;
};

}  // namespace classbook::rows
