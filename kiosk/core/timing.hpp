// timing: every time-out the kiosk's logic uses, with its default; [timing] in the config overrides them.
#pragma once

#include <chrono>

namespace classbook::kiosk {

using std::chrono::milliseconds;

struct Timing {
  // A tap's answer must come this soon to be shown green or red; later the screen says
  // "recorded, will send" (amber) so nobody waits at the door.
  milliseconds online_answer{1000};
  milliseconds banner{4000};         // welcome, goodbye, amber: then back to idle
  milliseconds alert_banner{6000};   // red unknown card and errors stay a little longer
  milliseconds hello_interval{5000}; // reachability probe while idle
  milliseconds probe_min_gap{1000};  // a new tap may ask for an early probe, not more often
  milliseconds retry_min{1000};      // first retry after the server failed a tap (5xx, 429)
  milliseconds retry_max{30000};     // back-off ceiling for those retries
  milliseconds request_timeout{5000};  // one HTTPS request, connecting included
  milliseconds hall_idle{60000};     // hall: no touch for this long → idle, PIN wiped
  milliseconds hall_notice{5000};    // hall: wrong/locked/no PIN, unknown card, errors
};

}  // namespace classbook::kiosk
