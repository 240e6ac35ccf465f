// me: reads the actor's own family for /me from one reader lease.
#include "app/me.hpp"

#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"

namespace classbook::app {

Result<MeView> about_me(Context& ctx, const domain::Actor& actor) {
  MeView me;
  auto db = ctx.readers.acquire();
  switch (actor.role) {
    case domain::Role::guardian: {
      auto children = store::children_of(*db, actor.person_id);
      if (!children) return children.error();
      me.children = std::move(*children);
      auto self = store::find_guardian(*db, actor.person_id);
      if (!self) return self.error();
      if (*self) {
        me.holds_contacts = true;
        me.phone = (*self)->phone;
        me.email = (*self)->email;
      }
      break;
    }
    case domain::Role::student: {
      auto student = store::student_brief(*db, actor.person_id);
      if (!student) return student.error();
      me.student = std::move(*student);
      break;
    }
    case domain::Role::teacher: {
      auto teaches = store::teaching_of(*db, actor.person_id);
      if (!teaches) return teaches.error();
      me.teaches = std::move(*teaches);
      auto self = store::uuid_of(*db, store::Table::teachers, actor.person_id);
      if (!self) return self.error();
      me.teacher_id = std::move(*self);
      auto record = store::find_teacher(*db, actor.person_id);
      if (!record) return record.error();
      if (*record) {
        me.holds_contacts = true;
        me.phone = (*record)->phone;
        me.email = (*record)->email;
      }
      for (auto cid : actor.homeroom_classes) {
        auto uuid = store::uuid_of(*db, store::Table::classes, cid);
        if (!uuid) return uuid.error();
        auto name = store::name_of_class(*db, cid);
        if (!name) return name.error();
        me.class_teacher_of.push_back({*uuid, *name});
      }
      break;
    }
    default:
      break;
  }
  return me;
}

}  // namespace classbook::app
