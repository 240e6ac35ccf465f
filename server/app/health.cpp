// health: real reads through the reader pool, so a locked or broken database shows as 503.
#include "app/health.hpp"

#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"

namespace classbook::app {
namespace {

// The checks over one reader; `school` gets the school's name when its settings read.
std::vector<HealthCheck> checks_on(store::Db& db, std::string& school, std::string& database_error) {
  std::vector<HealthCheck> out;
  auto settings = store::load_settings(db);
  if (settings) {
    school = settings->name;
    out.push_back({"database", true, "the school's settings read"});
  } else {
    database_error = settings.error().message;
    out.push_back({"database", false, "the database does not answer: " + database_error});
  }
  auto version = store::stored_schema_version(db);
  const int want = store::current_schema_version();
  if (!version) out.push_back({"schema", false, "the schema version cannot be read: " + version.error().message});
  else if (*version != want)
    out.push_back({"schema", false, "the database has schema version " + std::to_string(*version) + ", this build " + std::to_string(want)});
  else out.push_back({"schema", true, "version " + std::to_string(want)});
  return out;
}

}  // namespace

std::vector<HealthCheck> health_checks(Context& ctx) {
  auto db = ctx.readers.acquire();
  std::string school, database_error;
  return checks_on(*db, school, database_error);
}

Result<HealthView> check_health(Context& ctx) {
  auto db = ctx.readers.acquire();
  std::string school, database_error;
  const auto checks = checks_on(*db, school, database_error);
  if (!database_error.empty())
    return make_error(Errc::unavailable, "health.database_not_answering", "the database does not answer: " + database_error);
  for (const auto& c : checks)
    if (!c.ok) return make_error(Errc::unavailable, "health.check_failed", c.name + ": " + c.detail);
  return HealthView{school};
}

}  // namespace classbook::app
