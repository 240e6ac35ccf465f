// health: whether the box can answer (GET /healthz) — the database reads, the school is known, its
// schema is this build's. The administrator's page (GET /api/v1/box) shows the same checks.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"

namespace classbook::app {

struct HealthView {
  std::string school;
};

struct HealthCheck {
  std::string name;    // database | schema
  bool ok = false;
  std::string detail;  // what was found, or what is wrong
};

// Every check, each with its own verdict; a check that cannot run is a failed one with the reason.
std::vector<HealthCheck> health_checks(Context& ctx);

// Reads the school's settings afresh through a reader: unavailable when the database does not answer
// or any other check of health_checks fails.
Result<HealthView> check_health(Context& ctx);

}  // namespace classbook::app
