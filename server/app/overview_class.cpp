// overview_class: uuid → class, then the policy.
#include "app/overview_class.hpp"

#include "app/found.hpp"

namespace classbook::app {

Result<Id> overview_class(store::Db& db, const domain::Actor& actor, std::string_view class_uuid) {
  auto id = id_for(db, store::Table::classes, class_uuid,
                   make_error(Errc::not_found, "class.not_found", "no such class; check the class id", "class_id"));
  if (!id) return id.error();
  if (auto d = domain::decide(actor, domain::Action::read_class_overview, {0, *id, 0}); !d)
    return make_error(Errc::forbidden, "class.overview_not_allowed", d.reason);
  return *id;
}

}  // namespace classbook::app
