// class_anomalies: the entrance's card anomalies about a class's pupils (two entrances within a
// minute, an entry while already inside), as the class teacher reads them — a narrow read of the
// security log, which itself stays the office's and the director's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_class_anomalies_listed = 500;  // a class's month of alarms is a few dozen
constexpr int max_class_anomaly_range_days = 62;

struct ClassAnomalyView {
  std::string id, at;          // the event's uuid; the tap's UTC instant
  std::string date, time;      // the school's local date and "08:12"
  std::string kind;            // domain::Anomaly: two_entrances | already_inside
  std::string student_id, student;
  std::string kiosk;           // the kiosk that read the card
  std::string message;         // what happened and what it may mean, in the school's language
};
struct ClassAnomaliesView {
  std::string class_name, from, to;
  std::vector<ClassAnomalyView> anomalies;  // oldest first
  bool truncated = false;                   // more than max_class_anomalies_listed: ask for fewer days
};

// The anomalies of the school days from..to (each defaults to today) about the class's pupils;
// for the class's class teacher and the director (read_class_overview).
Result<ClassAnomaliesView> class_card_anomalies(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                                std::string_view from, std::string_view to);

}  // namespace classbook::app
