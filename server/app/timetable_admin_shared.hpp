// timetable_admin_shared: the helpers the timetable_admin_*.cpp files share (checks, lookups, messages); internal to app.
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/found.hpp"
#include "app/submit.hpp"
#include "app/timetable_admin.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/day_time.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"
#include "store/timetable_admin.hpp"
#include "store/writer.hpp"

namespace classbook::app::timetable_detail {

constexpr std::int64_t max_group_no = 9;  // a class splits into a few groups, never more

Error bad(ErrorCode id, std::string message, std::string field);
std::optional<Error> may_manage(const domain::Actor& actor);
// The timetable is the school's public information: everyone signed in reads it, devices do not.
std::optional<Error> may_read(const domain::Actor& actor);
std::optional<Error> check_name(std::string_view text, const std::string& field, const std::string& what);
Result<domain::Date> checked_date(std::string_view text, const std::string& field);
int days_from(domain::Date from, domain::Date to);
Error no_class();
Result<Id> class_by_uuid(store::Db& db, std::string_view uuid);
Result<Id> room_named(store::Db& db, const std::string& name, const std::string& field);
// "the bells of Mondays" for messages
std::string bells_of(int weekday);
// Stranded slots of a weekday as a 409: the bells can change only when the timetable fits them
// (or the failed read, as it is).
std::optional<Error> strands_lessons(store::Db& db, int weekday, const domain::BellSchedule* bells);
std::string payload(const boost::json::object& o);

}  // namespace classbook::app::timetable_detail
