// desk_reader: the desk reader's card, passed to the office's open pages.
#include "app/desk_reader.hpp"

#include <boost/json.hpp>

#include "app/live_changes.hpp"
#include "store/cards.hpp"
#include "store/people.hpp"
#include "store/taps.hpp"

namespace classbook::app {
namespace json = boost::json;

Result<TapResult> pass_to_desk(store::WriteContext& w, const TapInput& in) {
  auto holder = store::student_by_card(w.db, in.card);
  if (!holder) return holder.error();
  std::optional<store::Id> student_id = *holder;
  bool blocked = false;
  if (!student_id) {
    auto b = store::blocked_card(w.db, in.card);
    if (!b) return b.error();
    if (*b) {
      blocked = true;
      student_id = (*b)->student_id;
    }
  }
  json::value student = nullptr;
  if (student_id) {
    auto brief = store::student_brief(w.db, *student_id);
    if (!brief) return brief.error();
    if (const auto& p = *brief) student = json::object{{"id", p->uuid}, {"name", p->name}, {"class", p->class_name}};
  }
  live::office(w, "desk_card",
               {{"kiosk", json::object{{"id", in.desk->uuid}, {"name", in.desk->name}}},
                {"card", in.card},
                {"student", std::move(student)},
                {"blocked", blocked},
                {"at", in.at}});
  TapResult r;
  r.result = "desk";
  r.at = in.at;
  return r;
}

}  // namespace classbook::app
