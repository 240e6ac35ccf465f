// roster: the office's tables — classes, pupils, guardians and their links, staff, teaching, accounts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rows/roster.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

constexpr int max_login_tries = 1000;  // ivanova.a, ivanova.a2, … ivanova.a1000: then something is wrong

using rows::AccountBrief;

// --- classes ---
using rows::ClassRecord;
// `today` counts the pupils: those who left before it are not counted.
Result<std::vector<ClassRecord>> all_classes(Db& db, domain::Date today);  // by grade and letter
Result<std::optional<ClassRecord>> find_class(Db& db, Id class_id, domain::Date today);
Result<std::optional<Id>> class_by_name(Db& db, std::string_view name);
// Every class's id by its name: one read for a file that names hundreds of pupils' classes.
Result<std::map<std::string, Id, std::less<>>> class_ids_by_name(Db& db);
Result<Id> insert_class(Db& db, const ClassRecord& c);
Status update_class(Db& db, const ClassRecord& c);  // name, grade, letter, profile, class teacher

// --- pupils ---
using rows::PupilRecord;
// The class's pupils on `today` (store/enrolled_on.hpp), by last, first and middle name; with
// `with_left`, also those who left before it.
Result<std::vector<PupilRecord>> pupils_of_class(Db& db, Id class_id, domain::Date today, bool with_left);
Result<std::optional<PupilRecord>> find_pupil(Db& db, Id student_id);
Result<std::optional<PupilRecord>> pupil_with_card(Db& db, std::string_view card);
// A pupil at school in the class with these names and birth date: the same child entered twice.
Result<std::optional<PupilRecord>> same_pupil(Db& db, const PupilRecord& p);
// The pupils at school now (not left) born on `birth_date` (YYYY-MM-DD), by id: the few an
// application's pupil, given by name and birth date, may be (app compares the names, case aside).
Result<std::vector<PupilRecord>> pupils_born_on(Db& db, std::string_view birth_date);
// The school's pupils on `today` (with `with_left`, also those who left before it), with their
// guardians counted, by class (grade, letter) and then name; only `class_id`'s when it is given.
// At most `limit` rows: the caller asks one more than it shows to know the list was cut.
using rows::PupilListing;
Result<std::vector<PupilListing>> school_pupils(Db& db, domain::Date today, bool with_left, std::optional<Id> class_id,
                                                int limit);
Result<Id> insert_pupil(Db& db, const PupilRecord& p);
Status update_pupil(Db& db, const PupilRecord& p);  // everything but the uuid

// --- guardians and their links to pupils ---
using rows::GuardianRecord;
using rows::GuardianLink;
Result<std::vector<GuardianLink>> guardians_of_pupil(Db& db, Id student_id);
// Guardians whose "last first middle" holds `text`, or whose phone is `phone`; at most `limit`.
Result<std::vector<GuardianRecord>> search_guardians(Db& db, std::string_view text, std::string_view phone, int limit);
Result<std::optional<GuardianRecord>> find_guardian(Db& db, Id guardian_id);
// The guardian with these names and this phone: the same parent, met again with a younger child.
Result<std::optional<Id>> guardian_matching(Db& db, std::string_view last_name, std::string_view first_name,
                                    std::string_view phone);
Result<Id> insert_guardian(Db& db, const GuardianRecord& g);
Status update_guardian(Db& db, const GuardianRecord& g);  // names and contacts
Result<std::optional<std::string>> link_relation(Db& db, Id student_id, Id guardian_id);
Status insert_link(Db& db, Id student_id, Id guardian_id, std::string_view relation);
Status delete_link(Db& db, Id student_id, Id guardian_id);

// --- staff ---
using rows::TeacherRecord;
Result<std::vector<TeacherRecord>> all_teachers(Db& db);  // by name
Result<std::optional<TeacherRecord>> find_teacher(Db& db, Id teacher_id);
Result<Id> insert_teacher(Db& db, const TeacherRecord& t);
Status update_teacher(Db& db, const TeacherRecord& t);  // names and contacts

// --- subjects and who teaches them where ---
using rows::SubjectRecord;
using rows::TeachingRecord;
Result<std::vector<SubjectRecord>> all_subjects(Db& db);  // by name
Result<Id> insert_subject(Db& db, const SubjectRecord& s);  // uuid, name (unique), short name
Result<std::vector<TeachingRecord>> teaching_of_class(Db& db, Id class_id);  // by subject, then teacher
Result<std::vector<TeachingRecord>> all_teaching(Db& db);  // by class (grade, letter), subject, teacher
Result<std::optional<TeachingRecord>> find_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id);
Status insert_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id);
Status delete_teaching(Db& db, Id class_id, Id subject_id, Id teacher_id);

// --- accounts of roster people ---
Result<std::optional<AccountBrief>> account_of(Db& db, domain::Role role, Id person_id);
// The first of base, base2, base3, … that no account has; conflict past max_login_tries.
Result<std::string> free_login(Db& db, const std::string& base);
// Deletes the user's stored sessions and gives their ids, for the session cache to drop them too.
Result<std::vector<Id>> end_sessions(Db& db, Id user_id);
// The account can no longer sign in, and its stored sessions end (their ids are given).
Result<std::vector<Id>> disable_account(Db& db, Id user_id);
Status rename_account(Db& db, Id user_id, std::string_view display_name);

}  // namespace classbook::store
