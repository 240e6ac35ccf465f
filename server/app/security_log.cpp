// security_log: the policy, then the school days asked for.
#include "app/security_log.hpp"

#include "app/school_days.hpp"
#include "store/reader_pool.hpp"
#include "store/security_log.hpp"

namespace classbook::app {

Result<std::vector<store::SecurityEventRecord>> list_security_events(Context& ctx, const domain::Actor& actor,
                                                                     std::string_view from_text, std::string_view to_text) {
  if (auto d = domain::decide(actor, domain::Action::read_security_log, {}); !d) return make_error(Errc::forbidden, "security_log.not_allowed", d.reason);
  const auto days = parse_school_days(from_text, to_text, local_date(ctx, ctx.clock.now()), max_security_range_days);
  if (!days) return days.error();
  const auto bounds = utc_bounds(ctx, *days);
  auto db = ctx.readers.acquire();
  return store::security_events_between(*db, bounds.first, bounds.last, max_security_events_listed);
}

}  // namespace classbook::app
