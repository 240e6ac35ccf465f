// roster_school: what roster in reads of the school itself — its org checked, its terms compared.
#include "sync/roster_plan.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "sync/roster_plan_index.hpp"

namespace classbook::sync {

classbook::Status check_school_org(const oneroster::Org* org, const std::string& school) {
  if (!org)
    return make_error(Errc::not_found, "sync.school_unknown",
                      "the portal has no org '" + school + "', the school this box syncs for ([portal] school or client.json's "
                      "\"school\"); the roster was not applied — ask the portal's operator for the school's sourcedId");
  if (org->type.value != oneroster::OrgType::school || org->base.status != oneroster::Status::active)
    return make_error(Errc::conflict, "sync.school_not_a_school",
                      "the portal's org '" + school + "' (" + org->name + ") is " +
                          (org->base.status != oneroster::Status::active ? std::string("tobedeleted") : "a " + org->type.text()) +
                          ", not an active school; the roster was not applied — check [portal] school");
  return ok_status();
}

std::vector<std::string> term_notes(const std::vector<oneroster::AcademicSession>& sessions,
                                    const std::vector<store::RosterTermRow>& box_terms) {
  std::vector<std::string> notes;
  if (box_terms.empty()) return notes;  // a box without terms yet has nothing to compare
  auto day_after = [](const std::string& date) {
    auto d = domain::parse_date(date);
    return d ? domain::format_date(domain::add_days(*d, 1)) : std::string();
  };
  for (const auto* s : plan_index::latest(sessions)) {
    if (s->base.status != oneroster::Status::active || s->type.value != oneroster::SessionType::term) continue;
    const bool known = std::any_of(box_terms.begin(), box_terms.end(), [&](const store::RosterTermRow& t) {
      return t.start_date == s->start_date && day_after(t.end_date) == s->end_date;
    });
    if (!known)
      notes.push_back("academicSessions " + s->base.sourced_id + " '" + s->title + "' (" + s->start_date + " to " + s->end_date +
                      ", end exclusive) is none of the box's terms; the box keeps its own terms, which the office sets");
  }
  return notes;
}

}  // namespace classbook::sync
