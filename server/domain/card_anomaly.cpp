// card_anomaly: detection rules and the words the class teacher reads.
#include "card_anomaly.hpp"

#include <algorithm>

namespace classbook::domain {

const char* to_string(TapDirection d) {
  switch (d) {
    case TapDirection::in: return "in";
    case TapDirection::out: return "out";
    case TapDirection::toggle: return "toggle";
  }
  return "toggle";
}

std::optional<TapDirection> parse_tap_direction(std::string_view text) {
  for (auto d : {TapDirection::in, TapDirection::out, TapDirection::toggle})
    if (text == to_string(d)) return d;
  return std::nullopt;
}

const char* to_string(Anomaly a) {
  switch (a) {
    case Anomaly::two_entrances: return "two_entrances";
    case Anomaly::already_inside: return "already_inside";
    case Anomaly::unknown_cards: return "unknown_cards";
  }
  return "unknown";
}

std::optional<Anomaly> parse_anomaly(std::string_view text) {
  for (auto a : {Anomaly::two_entrances, Anomaly::already_inside, Anomaly::unknown_cards})
    if (text == to_string(a)) return a;
  return std::nullopt;
}

bool goes_in(TapDirection requested, bool inside) {
  switch (requested) {
    case TapDirection::in: return true;
    case TapDirection::out: return false;
    case TapDirection::toggle: return !inside;
  }
  return !inside;
}

bool inside_today(bool inside, std::optional<Instant> last_at, Instant at, int utc_offset_minutes) {
  if (!inside || !last_at) return false;
  const auto offset = std::chrono::minutes(utc_offset_minutes);
  return std::chrono::floor<std::chrono::days>(*last_at + offset) == std::chrono::floor<std::chrono::days>(at + offset);
}

std::vector<Anomaly> detect_anomalies(const TapFacts& f) {
  std::vector<Anomaly> out;
  if (f.known_pupil) {
    // Kiosk 0 is no known kiosk (presence rows from before kiosks were recorded): nothing to compare.
    if (f.previous && f.previous->kiosk_id > 0 && f.previous->kiosk_id != f.kiosk_id) {
      const auto gap = f.previous->at > f.at ? f.previous->at - f.at : f.at - f.previous->at;
      if (gap <= two_entrances_window) out.push_back(Anomaly::two_entrances);
    }
    if (f.requested == TapDirection::in && f.inside_today) out.push_back(Anomaly::already_inside);
    return out;
  }
  if (unknown_run_after(f) == unknown_cards_alarm) out.push_back(Anomaly::unknown_cards);
  return out;
}

int unknown_run_after(const TapFacts& f) {
  // Past the alarm the exact length no longer matters; capping it keeps the counter bounded.
  return f.known_pupil ? 0 : std::min(f.unknown_run_before, unknown_cards_alarm) + 1;
}

std::string anomaly_message(Anomaly a, std::string_view pupil, std::string_view class_name, std::string_view kiosk,
                            std::string_view local_time) {
  const std::string who = std::string(pupil) + " (" + std::string(class_name) + ")";
  const std::string where = "киоск «" + std::string(kiosk) + "», " + std::string(local_time);
  switch (a) {
    case Anomaly::two_entrances:
      return "Карту ученика " + who + " приложили на двух разных входах меньше чем за минуту (" + where +
             "). Возможно, картой пользуется кто-то другой: проверьте, у кого она.";
    case Anomaly::already_inside:
      return "Ученик " + who + " прошёл на вход, хотя уже был в здании (" + where +
             "). Возможно, карту передали другому или выход не отметили.";
    case Anomaly::unknown_cards:
      return "На входе подряд приложили несколько незнакомых карт (" + where + ").";
  }
  return {};
}

}  // namespace classbook::domain
