// health: one real read through the reader pool, so a locked or broken database shows as 503.
#include "app/health.hpp"

#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {

Result<HealthView> check_health(Context& ctx) {
  auto db = ctx.readers.acquire();
  auto settings = store::load_settings(*db);
  if (!settings) return make_error(Errc::unavailable, "health.database_not_answering", "the database does not answer: " + settings.error().message);
  return HealthView{settings->name};
}

}  // namespace classbook::app
