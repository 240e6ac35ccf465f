// community_directory: whom a user may start a conversation with — the messaging rule asked for each
// candidate the store finds around the user's classes, so the list and POST /threads never disagree.
#include <algorithm>

#include "app/community.hpp"
#include "app/community_common.hpp"
#include "domain/messaging.hpp"

namespace classbook::app {

namespace {

// The classes the actor is tied to, as both the candidates' query and the rule take them: from the
// store (a guardian's children's, a pupil's own, a teacher's), and for a teacher also what the
// session's Actor holds, which is what the rule reads for teachers.
Result<std::vector<long long>> own_classes(store::Db& db, const domain::Actor& actor) {
  auto classes = store::linked_classes(db, actor.role, actor.person_id);
  if (!classes) return classes;
  if (actor.role == domain::Role::teacher) {
    classes->insert(classes->end(), actor.homeroom_classes.begin(), actor.homeroom_classes.end());
    for (const auto& t : actor.teaches) classes->push_back(t.class_id);
    std::sort(classes->begin(), classes->end());
    classes->erase(std::unique(classes->begin(), classes->end()), classes->end());
  }
  return classes;
}

}  // namespace

Result<std::vector<store::DirectoryEntry>> list_directory(Context& ctx, const domain::Actor& actor) {
  if (actor.role == domain::Role::kiosk) return std::vector<store::DirectoryEntry>{};
  auto db = ctx.readers.acquire();
  auto mine = own_classes(*db, actor);
  if (!mine) return mine.error();
  const bool office = actor.role == domain::Role::secretary || actor.role == domain::Role::director;
  auto candidates = store::directory_candidates(*db, store::ClassScope{office, *mine}, max_directory_rows);
  if (!candidates) return candidates.error();
  std::erase_if(*candidates, [&](const store::DirectoryEntry& e) {
    if (e.person.user_id == actor.user_id) return true;
    domain::Correspondent to{e.person.role, {}};
    for (const auto& l : e.links) to.class_ids.push_back(l.class_id);
    return !domain::may_start_thread(actor, to, *mine);
  });
  return candidates;
}

}  // namespace classbook::app
