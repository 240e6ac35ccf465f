// timetable_admin_rooms: the office lists and adds the school's rooms.
#include "app/timetable_admin_shared.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;
using namespace timetable_detail;

Result<std::vector<store::RoomRecord>> list_rooms(Context& ctx, const domain::Actor& actor) {
  if (auto e = may_read(actor)) return *e;
  auto db = ctx.readers.acquire();
  return store::all_rooms(*db);
}

void add_room(Context& ctx, const domain::Actor& actor, std::string name, Reply<store::RoomRecord> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (auto e = check_name(name, "name", "the room's name")) return reply(*e);
  submit<store::RoomRecord>(ctx, [actor, name = std::move(name)](WriteContext& w) -> Result<store::RoomRecord> {
    auto same = store::room_by_name(w.db, name);
    if (!same) return same.error();
    if (*same)
      return make_error(Errc::conflict, "room.name_taken", "there already is a room called '" + name + "'", "name");
    auto id = store::insert_room(w.db, name);
    if (!id) return id.error();
    const auto after = payload({{"name", name}});
    w.audit(actor.user_id, "room", "room/" + name, "create", "{}", after);
    w.outbox("room", "room/" + name, "upsert", after);
    return store::RoomRecord{*id, name};
  }, std::move(reply));
}

}  // namespace classbook::app
