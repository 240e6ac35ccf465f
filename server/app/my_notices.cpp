// my_notices: reads the guardian's own notices from one reader lease.
#include "app/my_notices.hpp"

#include "store/diary.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {

Result<std::vector<NoticeView>> my_notices(Context& ctx, const domain::Actor& actor) {
  if (actor.role != domain::Role::guardian)
    return make_error(Errc::forbidden, "absence.not_allowed", "only a guardian has absence notices of their own");
  auto db = ctx.readers.acquire();
  const auto notices = store::notices_by_guardian(*db, actor.person_id);
  if (!notices) return notices.error();
  std::vector<NoticeView> out;
  for (const auto& n : *notices)
    out.push_back({n.uuid, n.student_uuid, n.student_name, n.from, n.to, n.reason, n.comment, n.created_at});
  return out;
}

}  // namespace classbook::app
