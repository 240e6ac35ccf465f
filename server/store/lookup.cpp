// lookup: one prepared statement per table; table names come from the enum, never from input.
#include "store/lookup.hpp"

#include <array>

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
  // Every request that names a pupil, class or mark comes here: the statement's text is built once.
  constexpr std::size_t tables = static_cast<std::size_t>(Table::users) + 1;  // users is the last
  static const auto sql = [] {
    std::array<std::string, tables> texts;
    for (std::size_t i = 0; i < tables; ++i)
      texts[i] = std::string("SELECT id FROM ") + table_name(static_cast<Table>(i)) + " WHERE uuid=?";
    return texts;
  }();
  auto& q = db.prepare(sql.at(static_cast<std::size_t>(t)));
  q.bind(1, uuid);
  return q.first([](Stmt& r) { return r.i64(0); });
}

Result<std::string> uuid_of(Db& db, Table t, Id id) {
  return one_text(db, std::string("SELECT uuid FROM ") + table_name(t) + " WHERE id=?", id);
}
Result<std::string> name_of_subject(Db& db, Id id) { return one_text(db, "SELECT name FROM subjects WHERE id=?", id); }
Result<std::string> name_of_class(Db& db, Id id) { return one_text(db, "SELECT name FROM classes WHERE id=?", id); }

}  // namespace classbook::store
