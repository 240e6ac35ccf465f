// found: uuids to rows for the use cases.
#include "app/found.hpp"

#include "classbook/common/crypto.hpp"
#include "store/journal.hpp"
#include "store/people.hpp"

namespace classbook::app {

Result<store::Id> id_for(store::Db& db, store::Table table, std::string_view uuid, Error missing) {
  if (!is_uuid(uuid)) return missing;
  auto id = store::id_by_uuid(db, table, uuid);
  if (!id) return id.error();
  if (!*id) return missing;
  return **id;
}

Result<store::StudentBrief> pupil_for(store::Db& db, std::string_view uuid, Error missing) {
  auto id = id_for(db, store::Table::students, uuid, missing);
  if (!id) return id.error();
  auto brief = store::student_brief(db, *id);
  if (!brief) return brief.error();
  if (!*brief) return missing;
  return std::move(**brief);
}

Result<store::LessonRecord> lesson_for(store::Db& db, std::string_view uuid, Error missing) {
  auto id = id_for(db, store::Table::lessons, uuid, missing);
  if (!id) return id.error();
  auto lesson = store::find_lesson(db, *id);
  if (!lesson) return lesson.error();
  if (!*lesson) return missing;
  return std::move(**lesson);
}

}  // namespace classbook::app
