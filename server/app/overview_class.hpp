// overview_class: the class a class-teacher read names, found and checked by the policy
// (read_class_overview: that class's class teacher, the director) before anything of it is read.
#pragma once

#include <string_view>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// The class's id; 404 for no such class, 403 for a class the actor may not see, 503 when unreadable.
Result<Id> overview_class(store::Db& db, const domain::Actor& actor, std::string_view class_uuid);

}  // namespace classbook::app
