// community_common: what the community use cases share — the pupil a reader may see, the week of a
// request, the classes a reader follows, domain complaints as errors. Internal to app/community*.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "domain/calendar.hpp"
#include "domain/policy.hpp"
#include "store/community.hpp"
#include "store/db.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app::community {

// A domain check's complaint as a 400 on `field`; none when the text is fine.
inline std::optional<Error> invalid(ErrorCode id, const std::optional<std::string>& problem, const char* field) {
  if (!problem) return std::nullopt;
  return make_error(Errc::invalid_input, id, *problem, field);
}

// The pupil behind `uuid` when the actor may read the pupil (domain read_student), else why not.
Result<store::StudentBrief> readable_student(store::Db& db, const domain::Actor& actor, std::string_view uuid);
// The pupil behind `uuid`, or not_found.
Result<store::StudentBrief> find_student(store::Db& db, std::string_view uuid);
// "2026-W48" read, or a 400 on `week`.
Result<domain::IsoWeek> checked_week(std::string_view week);

// Whose class items (announcements, events) the actor sees besides the school-wide ones: the office
// and the director every class; teachers, guardians and pupils their linked classes; others none.
Result<store::ClassScope> scope_of(store::Db& db, const domain::Actor& actor);

}  // namespace classbook::app::community
