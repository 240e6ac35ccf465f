// timetable_admin_making: making the lesson rows from the timetable, one writer job per day.
#include "app/timetable_admin_shared.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;
using namespace timetable_detail;

namespace {
// The days still to make and the counts so far; each day is one writer job, the next queued when
// the previous has committed, so a term's lessons never hold the writer for long.
struct Making {
  Context& ctx;
  Id actor_user = 0;
  std::vector<domain::Date> days;
  std::size_t next = 0;
  store::MadeLessons total;
  Reply<store::MadeLessons> reply;
};

void make_next(const std::shared_ptr<Making>& m) {
  if (m->next == m->days.size()) return m->reply(std::move(m->total));
  const auto day = m->days[m->next++];
  submit<store::MadeLessons>(
      m->ctx, [day, actor = m->actor_user](WriteContext& w) { return store::make_lessons_on(w, day, actor); },
      [m](Result<store::MadeLessons> r) {
        if (!r) return m->reply(r.error());
        m->total.add(std::move(*r), max_conflicts_listed);
        make_next(m);
      });
}

void make_days(Context& ctx, Id actor_user, std::vector<domain::Date> days, Reply<store::MadeLessons> reply) {
  make_next(std::make_shared<Making>(Making{ctx, actor_user, std::move(days), 0, {}, std::move(reply)}));
}
}  // namespace

void make_lessons(Context& ctx, const domain::Actor& actor, std::string_view from_text, std::string_view to_text,
                  Reply<store::MadeLessons> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  auto from = checked_date(from_text, "from");
  if (!from) return reply(from.error());
  auto to = checked_date(to_text, "to");
  if (!to) return reply(to.error());
  if (*to < *from) return reply(bad("date.range_reversed", "to must not be before from", "to"));
  if (days_from(*from, *to) >= max_lesson_making_days)
    return reply(bad("date.range_too_long", "make at most " + std::to_string(max_lesson_making_days) +
                         " days of lessons at a time; split the range, or use `classbookctl lessons make`",
                     "to"));
  make_days(ctx, actor.user_id, domain::school_days_between(*from, *to, ctx.settings().terms), std::move(reply));
}

void keep_lessons_made(Context& ctx, Reply<store::MadeLessons> reply) {
  const auto today = local_date(ctx, ctx.clock.now());
  const auto last = domain::add_days(today, lessons_kept_ahead_days - 1);
  make_days(ctx, 0, domain::school_days_between(today, last, ctx.settings().terms), std::move(reply));
}

}  // namespace classbook::app
