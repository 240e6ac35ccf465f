// roster_lists: the office's school-wide lists (issue 12) — every pupil, found by name or card, and who
// teaches what in every class. Reads only; the director reads them too.
#include "app/roster.hpp"

#include "app/roster_shared.hpp"
#include "app/writes.hpp"
#include "domain/name_search.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"

namespace classbook::app {
using namespace roster_detail;

Result<SchoolPupils> list_school_pupils(Context& ctx, const domain::Actor& actor, const PupilSearch& in) {
  if (auto s = may_read_school(actor); !s) return s.error();
  std::optional<std::string> query;
  std::optional<std::string> card;
  if (!in.query.empty()) {
    query = domain::folded_query(in.query);
    if (!query)
      return invalid("pupil.query_invalid",
                     "q is part of a pupil's name or a card number, at most " + std::to_string(domain::max_name_query_chars) +
                         " characters; leave it out to list everyone",
                     "q");
    card = normalise_card(in.query);
  }
  auto db = ctx.readers.acquire();
  std::optional<Id> class_id;
  if (!in.class_id.empty()) {
    auto id = known(*db, Table::classes, in.class_id, "class_id");
    if (!id) return id.error();
    class_id = *id;
  }
  const auto today = local_date(ctx, ctx.clock.now());
  // The whole school is a few thousand rows: read them all once and match the names here, where case
  // and ё fold the same way for every alphabet (SQLite's lower() knows only ASCII).
  auto all = store::school_pupils(*db, today, in.with_left, class_id, query ? max_school_pupils_scanned : max_school_pupils_listed + 1);
  if (!all) return all.error();
  SchoolPupils out;
  out.office = is_office(actor);
  out.truncated = query && static_cast<int>(all->size()) == max_school_pupils_scanned;
  for (auto& row : *all) {
    const auto& p = row.pupil;
    if (query) {
      const bool by_card = card && p.card && *p.card == *card && out.office;
      const auto full = domain::folded_name(p.last_name + " " + p.first_name + " " + p.middle_name);
      if (!by_card && !domain::name_holds(full, *query)) continue;
    }
    if (static_cast<int>(out.pupils.size()) == max_school_pupils_listed) {
      out.truncated = true;
      break;
    }
    out.pupils.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<store::TeachingRecord>> list_school_teaching(Context& ctx, const domain::Actor& actor) {
  if (auto s = may_read_school(actor); !s) return s.error();
  auto db = ctx.readers.acquire();
  return store::all_teaching(*db);
}

}  // namespace classbook::app
