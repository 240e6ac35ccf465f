// lookup: one prepared statement per table; table names come from the enum, never from input.
#include "store/lookup.hpp"

namespace classbook::store {
namespace {
const char* table_name(Table t) {
  switch (t) {
    case Table::students: return "students";
    case Table::classes: return "classes";
    case Table::subjects: return "subjects";
    case Table::lessons: return "lessons";
    case Table::marks: return "marks";
    case Table::teachers: return "teachers";
    case Table::guardians: return "guardians";
    case Table::users: return "users";
  }
  return "students";
}
Result<std::string> one_text(Db& db, const std::string& sql, Id id) {
  auto& q = db.prepare(sql);
  q.bind(1, id);
  auto v = q.first([](Stmt& r) { return r.text(0); });
  if (!v) return v.error();
  return v->value_or(std::string());
}
}  // namespace

Result<std::optional<Id>> id_by_uuid(Db& db, Table t, std::string_view uuid) {
  auto& q = db.prepare(std::string("SELECT id FROM ") + table_name(t) + " WHERE uuid=?");
  q.bind(1, uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::string> uuid_of(Db& db, Table t, Id id) {
  return one_text(db, std::string("SELECT uuid FROM ") + table_name(t) + " WHERE id=?", id);
}
Result<std::string> name_of_subject(Db& db, Id id) { return one_text(db, "SELECT name FROM subjects WHERE id=?", id); }
Result<std::string> name_of_class(Db& db, Id id) { return one_text(db, "SELECT name FROM classes WHERE id=?", id); }

}  // namespace classbook::store
