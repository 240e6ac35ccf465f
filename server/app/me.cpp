// me: reads the actor's own family for /me from one reader lease.
#include "app/me.hpp"

#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {

Result<MeView> about_me(Context& ctx, const domain::Actor& actor) {
  MeView me;
  auto db = ctx.readers.acquire();
  switch (actor.role) {
    case domain::Role::guardian:
      me.children = store::children_of(*db, actor.person_id);
      break;
    case domain::Role::student:
      me.student = store::student_brief(*db, actor.person_id);
      break;
    case domain::Role::teacher:
      me.teaches = store::teaching_of(*db, actor.person_id);
      for (auto cid : actor.homeroom_classes)
        me.class_teacher_of.push_back({store::uuid_of(*db, store::Table::classes, cid), store::name_of_class(*db, cid)});
      break;
    default:
      break;
  }
  return me;
}

}  // namespace classbook::app
