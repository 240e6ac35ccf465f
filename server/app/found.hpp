// found: a uuid from a request turned into a row — "no such row" and "could not read" stay different answers.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "store/db.hpp"
#include "store/lookup.hpp"
#include "store/records.hpp"

namespace classbook::app {

// A read that may find nothing, as a row or `missing`; a failed read passes through.
template <class T>
Result<T> existing(Result<std::optional<T>> read, Error missing) {
  if (!read) return read.error();
  if (!*read) return missing;
  return std::move(**read);
}

// The row's id; `missing` when the text is no uuid or names no row; a failed read passes through (503).
Result<store::Id> id_for(store::Db& db, store::Table table, std::string_view uuid, Error missing);
Result<store::StudentBrief> pupil_for(store::Db& db, std::string_view uuid, Error missing);
Result<store::LessonRecord> lesson_for(store::Db& db, std::string_view uuid, Error missing);

}  // namespace classbook::app
