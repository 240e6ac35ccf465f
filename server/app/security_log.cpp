// security_log: policy, the date range and its UTC bounds.
#include "app/security_log.hpp"

#include "store/reader_pool.hpp"
#include "store/security_log.hpp"

namespace classbook::app {

Result<std::vector<store::SecurityEventRecord>> list_security_events(Context& ctx, const domain::Actor& actor,
                                                                     std::string_view from_text, std::string_view to_text) {
  if (auto d = domain::decide(actor, domain::Action::read_security_log, {}); !d) return make_error(Errc::forbidden, "security_log.not_allowed", d.reason);
  const auto today = local_date(ctx, ctx.clock.now());
  auto from = from_text.empty() ? std::optional(today) : domain::parse_date(from_text);
  if (!from) return make_error(Errc::invalid_input, "date.malformed", "from must be a date like 2026-11-23", "from");
  auto to = to_text.empty() ? std::optional(today) : domain::parse_date(to_text);
  if (!to) return make_error(Errc::invalid_input, "date.malformed", "to must be a date like 2026-11-29", "to");
  if (*to < *from) return make_error(Errc::invalid_input, "date.range_reversed", "to must not be before from", "to");
  if (domain::add_days(*from, max_security_range_days) <= *to)
    return make_error(Errc::invalid_input, "date.range_too_long", "ask for at most " + std::to_string(max_security_range_days) + " days at a time", "to");
  // The school's days, from local midnight to local midnight, as UTC instants.
  const auto offset = std::chrono::minutes(ctx.settings.utc_offset_minutes);
  const TimePoint start = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::sys_days(*from) - offset);
  const TimePoint end = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::sys_days(domain::add_days(*to, 1)) - offset - std::chrono::milliseconds(1));
  auto db = ctx.readers.acquire();
  return store::security_events_between(*db, format_utc(start), format_utc(end), max_security_events_listed);
}

}  // namespace classbook::app
