// document_words: dates, times, averages and absences in the documents' words.
#include "app/document_words.hpp"

#include <chrono>
#include <cstdio>

namespace classbook::app {

std::string dotted(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "." + std::string(iso.substr(5, 2)) + "." + std::string(iso.substr(0, 4));
}

std::string day_month(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "." + std::string(iso.substr(5, 2));
}

std::string local_text(const Context& ctx, TimePoint t) { return local_text(ctx.settings(), t); }

std::string local_text(const store::SchoolSettings& school, TimePoint t) {
  const auto local = t + std::chrono::minutes(school.utc_offset_minutes);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d %02lld:%02lld", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()), static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return buf;
}

std::string local_text(const Context& ctx, const std::string& utc_text) {
  TimePoint t;
  return parse_utc(utc_text, t) ? local_text(ctx, t) : utc_text;
}

std::string average_text(std::optional<double> a) {
  if (!a) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", *a);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string presence_text(std::optional<domain::Presence> p, int late_minutes) {
  if (!p) return "";
  switch (*p) {
    case domain::Presence::present: return "";
    case domain::Presence::absent_illness: return "б (болезнь)";
    case domain::Presence::absent_excused: return "уп (уважительная)";
    case domain::Presence::absent_unexcused: return "н";
    case domain::Presence::late: return "опоздание " + std::to_string(late_minutes) + " мин";
  }
  return "";
}

}  // namespace classbook::app
