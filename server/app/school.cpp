// school: the school's settings as the server holds them, with the subjects from one reader lease.
#include "app/school.hpp"

#include "store/reader_pool.hpp"
#include "store/roster.hpp"

namespace classbook::app {

Result<SchoolView> about_school(Context& ctx) {
  const auto& s = ctx.settings();
  SchoolView v{s.name, s.academic_year, s.terms, s.scale, {}, {}, s.thresholds()};
  for (const auto& w : s.work_types) v.work_types.push_back(w.type);
  auto db = ctx.readers.acquire();
  auto subjects = store::all_subjects(*db);
  if (!subjects) return subjects.error();
  v.subjects = std::move(*subjects);
  return v;
}

}  // namespace classbook::app
