// school_model: local school time to the UTC text and time-ordered uuids the rows carry.
#include "demo/school_model.hpp"

#include <chrono>

#include "classbook/common/clock.hpp"

namespace classbook::demo {

namespace {
TimePoint local_time(const School& s, domain::Date day, int local_minute, int second, int millis) {
  using namespace std::chrono;
  return time_point_cast<milliseconds>(sys_days{day}) + minutes{local_minute - s.utc_offset_minutes} +
         seconds{second} + milliseconds{millis};
}
}  // namespace

std::int64_t unix_millis(const School& s, domain::Date day, int local_minute, int second, int millis) {
  return local_time(s, day, local_minute, second, millis).time_since_epoch().count();
}

std::string utc_text(const School& s, domain::Date day, int local_minute, int second, int millis) {
  return format_utc(local_time(s, day, local_minute, second, millis));
}

std::string uuid_at(School& s, domain::Date day, int local_minute, int second, int millis) {
  return s.uuids.uuid_v7(unix_millis(s, day, local_minute, second, millis));
}

}  // namespace classbook::demo
