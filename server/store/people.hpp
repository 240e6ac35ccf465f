// people: school settings, users and the actor behind a user, pupils and their guardians.
#pragma once

#include <optional>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Result<SchoolSettings> load_settings(Db& db);
Status save_settings(Db& db, const SchoolSettings& s);  // settings, terms and work types

// Every read returns the rows or why it could not read them (unavailable): never an empty answer for a failure.
Result<std::optional<UserRecord>> find_user_by_login(Db& db, std::string_view login);
Result<std::optional<UserRecord>> find_user(Db& db, Id user_id);
Result<Id> insert_user(Db& db, const UserRecord& u, const std::string& now);
Status set_password(Db& db, Id user_id, const std::string& hash, bool must_change, const std::string& now);
Status disable_user(Db& db, Id user_id);

// The actor a signed-in user acts as: children for guardians, classes and subjects for teachers.
Result<domain::Actor> load_actor(Db& db, const UserRecord& u);

Result<std::optional<StudentBrief>> student_brief(Db& db, Id student_id);
Result<std::optional<Id>> student_by_uuid(Db& db, std::string_view uuid);
Result<std::vector<StudentBrief>> children_of(Db& db, Id guardian_id);
// The class's pupils on the date `on` (store/enrolled_on.hpp): those who left before it keep their
// marks and history but are not listed.
Result<std::vector<StudentBrief>> students_of_class(Db& db, Id class_id, domain::Date on);
Result<std::vector<TeachingBrief>> teaching_of(Db& db, Id teacher_id);

}  // namespace classbook::store
