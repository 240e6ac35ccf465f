// class_anomalies: the policy, the class's pupils' anomalies from the log, and their words.
#include "app/class_anomalies.hpp"

#include "app/overview_class.hpp"
#include "app/reads.hpp"
#include "app/school_days.hpp"
#include "domain/card_anomaly.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"
#include "store/security_log.hpp"

namespace classbook::app {

Result<ClassAnomaliesView> class_card_anomalies(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                                std::string_view from_text, std::string_view to_text) {
  const auto days = parse_school_days(from_text, to_text, local_date(ctx, ctx.clock.now()), max_class_anomaly_range_days);
  if (!days) return days.error();
  auto db = ctx.readers.acquire();
  const auto class_id = overview_class(*db, actor, class_uuid);
  if (!class_id) return class_id.error();
  auto class_name = store::name_of_class(*db, *class_id);
  if (!class_name) return class_name.error();
  const auto bounds = utc_bounds(ctx, *days);
  // One more than shown, to know whether the list was cut.
  const auto events = store::pupil_anomalies_of_class(*db, *class_id, bounds.first, bounds.last, max_class_anomalies_listed + 1);
  if (!events) return events.error();

  ClassAnomaliesView view{std::move(*class_name), domain::format_date(days->from), domain::format_date(days->to), {}, false};
  for (const auto& e : *events) {
    if (view.anomalies.size() == static_cast<std::size_t>(max_class_anomalies_listed)) {
      view.truncated = true;
      break;
    }
    const auto kind = domain::parse_anomaly(e.kind);
    TimePoint at;
    // The store lists only known kinds with a pupil; a row it could not have written is skipped, not shown half.
    if (!kind || !e.student_uuid || !parse_utc(e.at, at)) continue;
    const auto time = minutes_text(local_minute(ctx, at));
    view.anomalies.push_back({e.uuid, e.at, domain::format_date(local_date(ctx, at)), time, e.kind, *e.student_uuid,
                              e.student_name, e.kiosk,
                              domain::anomaly_message(*kind, e.student_name, e.class_name, e.kiosk, time)});
  }
  return view;
}

}  // namespace classbook::app
