// health: whether the box can answer (GET /healthz) — the database reads, the school is known.
#pragma once

#include <string>

#include "app/context.hpp"

namespace classbook::app {

struct HealthView {
  std::string school;
};

// Reads the school's settings afresh through a reader: unavailable when the database does not answer.
Result<HealthView> check_health(Context& ctx);

}  // namespace classbook::app
