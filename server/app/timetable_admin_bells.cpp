// timetable_admin_bells: the office reads and sets the bells (named variants and which one rings on each weekday).
#include "app/timetable_admin_shared.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;
using namespace timetable_detail;

Result<domain::WeekBells> get_bells(Context& ctx, const domain::Actor& actor) {
  if (auto e = may_read(actor)) return *e;
  auto db = ctx.readers.acquire();
  return store::load_week_bells(*db);
}

void put_bell_variant(Context& ctx, const domain::Actor& actor, std::string name, std::vector<BellPeriodInput> periods,
                      Reply<domain::WeekBells> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (auto e = check_name(name, "variant", "the name of the bells")) return reply(*e);
  if (periods.size() > max_bell_periods)
    return reply(bad("bells.too_many_lessons", "a day has at most " + std::to_string(max_bell_periods) + " lessons", "periods"));
  domain::BellSchedule schedule{name, {}};
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    const std::string at = "periods[" + std::to_string(i) + "].";
    if (p.number < 1 || p.number > static_cast<std::int64_t>(max_bell_periods))
      return reply(bad("bells.lesson_number_invalid", at + "number must be the lesson's number, 1 to " + std::to_string(max_bell_periods), at + "number"));
    const auto starts = domain::parse_minute(p.starts);
    if (!starts) return reply(bad("time.malformed", at + "starts must be a time like 08:30 (HH:MM, 00:00 to 23:59)", at + "starts"));
    const auto ends = domain::parse_minute(p.ends);
    if (!ends) return reply(bad("time.malformed", at + "ends must be a time like 09:15 (HH:MM, 00:00 to 23:59)", at + "ends"));
    const auto meal = domain::break_name_of_code(p.break_after.value_or(""));
    if (!meal) return reply(bad("bells.break_unknown", at + "break_after must be breakfast, lunch or null", at + "break_after"));
    schedule.periods.push_back({static_cast<int>(p.number), *starts, *ends, *meal});
  }
  if (auto problem = domain::check_bell_schedule(schedule)) return reply(bad("bells.schedule_invalid", *problem, "periods"));
  submit<domain::WeekBells>(ctx, [actor, schedule = std::move(schedule)](WriteContext& w) -> Result<domain::WeekBells> {
    auto week = store::load_week_bells(w.db);
    if (!week) return week.error();
    for (const auto& [weekday, variant] : week->by_weekday)
      if (variant == schedule.variant)
        if (auto e = strands_lessons(w.db, weekday, &schedule)) return *e;
    const bool existed = std::any_of(week->variants.begin(), week->variants.end(),
                                     [&](const auto& v) { return v.variant == schedule.variant; });
    const auto key = "variant/" + schedule.variant;
    const auto before = existed ? store::bell_variant_json(w.db, schedule.variant) : Result<std::string>(std::string("{}"));
    if (!before) return before.error();
    if (auto s = store::put_bell_variant(w.db, schedule); !s) return s.error();
    const auto after = store::bell_variant_json(w.db, schedule.variant);
    if (!after) return after.error();
    w.audit(actor.user_id, "bell_schedule", key, existed ? "update" : "create", *before, *after);
    w.outbox("bell_schedule", key, "upsert", *after);
    return store::load_week_bells(w.db);
  }, std::move(reply));
}

void put_weekday_bells(Context& ctx, const domain::Actor& actor, std::int64_t weekday_in,
                       std::optional<std::string> variant, Reply<domain::WeekBells> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (weekday_in < 1 || weekday_in > 7) return reply(bad("date.weekday_invalid", "weekday must be 1 (Monday) to 7 (Sunday)", "weekday"));
  if (variant)
    if (auto e = check_name(*variant, "variant", "the name of the bells")) return reply(*e);
  const int weekday = static_cast<int>(weekday_in);
  submit<domain::WeekBells>(ctx, [actor, weekday, variant = std::move(variant)](WriteContext& w) -> Result<domain::WeekBells> {
    auto week = store::load_week_bells(w.db);
    if (!week) return week.error();
    const domain::BellSchedule* bells = nullptr;
    if (variant) {
      const auto it = std::find_if(week->variants.begin(), week->variants.end(),
                                   [&](const auto& v) { return v.variant == *variant; });
      if (it == week->variants.end())
        return make_error(Errc::not_found, "bells.variant_not_found",
                          "no bells called \"" + *variant +
                              "\"; GET /api/v1/bells lists them and PUT /api/v1/bells/variants/{name} makes one",
                          "variant");
      bells = &*it;
    }
    if (auto e = strands_lessons(w.db, weekday, bells)) return *e;
    const auto key = "weekday/" + std::to_string(weekday);
    const auto before = store::weekday_bells_json(w.db, weekday);
    if (!before) return before.error();
    if (auto s = store::set_weekday_bells(w.db, weekday, variant); !s) return s.error();
    const auto after = store::weekday_bells_json(w.db, weekday);
    if (!after) return after.error();
    w.audit(actor.user_id, "bell_schedule", key, "update", *before, *after);
    w.outbox("bell_schedule", key, "upsert", *after);
    return store::load_week_bells(w.db);
  }, std::move(reply));
}

}  // namespace classbook::app
