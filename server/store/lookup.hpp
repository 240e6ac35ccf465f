// lookup: exported uuids ↔ internal ids for the tables the API names.
#pragma once

#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

enum class Table { students, classes, subjects, lessons, marks, teachers, guardians, users };
Result<std::optional<Id>> id_by_uuid(Db& db, Table t, std::string_view uuid);
Result<std::string> uuid_of(Db& db, Table t, Id id);  // "" when there is none
Result<std::string> name_of_subject(Db& db, Id subject_id);
Result<std::string> name_of_class(Db& db, Id class_id);

}  // namespace classbook::store
