// school_model: local school time to the UTC text every timestamp column holds.
#include "demo/school_model.hpp"

#include <chrono>

#include "classbook/common/clock.hpp"

namespace classbook::demo {

std::string utc_text(const School& s, domain::Date day, int local_minute, int second, int millis) {
  using namespace std::chrono;
  const TimePoint t = time_point_cast<milliseconds>(sys_days{day}) + minutes{local_minute - s.utc_offset_minutes} +
                      seconds{second} + milliseconds{millis};
  return format_utc(t);
}

}  // namespace classbook::demo
