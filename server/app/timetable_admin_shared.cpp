// timetable_admin_shared: the checks, lookups and messages the timetable_admin_*.cpp files share.
#include "app/timetable_admin_shared.hpp"

namespace classbook::app::timetable_detail {
namespace json = boost::json;
using store::Table;

Error bad(ErrorCode id, std::string message, std::string field) { return make_error(Errc::invalid_input, id, std::move(message), std::move(field)); }

std::optional<Error> may_manage(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::manage_timetable, {}); !d) return make_error(Errc::forbidden, "timetable.office_only", d.reason);
  return std::nullopt;
}

// The timetable is the school's public information: everyone signed in reads it, devices do not.
std::optional<Error> may_read(const domain::Actor& actor) {
  if (actor.role == domain::Role::kiosk)
    return make_error(Errc::forbidden, "timetable.kiosk_cannot_read", "Kiosks record taps; they do not read the timetable.");
  return std::nullopt;
}

std::optional<Error> check_name(std::string_view text, const std::string& field, const std::string& what) {
  const auto n = domain::utf8_length(text);
  if (!n) return bad("text.not_utf8", what + " is not valid UTF-8 text", field);
  if (domain::is_blank(text)) return bad("text.required", what + " is required", field);
  if (*n > max_name_chars)
    return bad("text.too_long", what + " is too long: at most " + std::to_string(max_name_chars) + " characters", field);
  return std::nullopt;
}

Result<domain::Date> checked_date(std::string_view text, const std::string& field) {
  if (auto d = domain::parse_date(text)) return *d;
  return bad("date.malformed", field + " must be a real date like 2026-12-01", field);
}

int days_from(domain::Date from, domain::Date to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

Error no_class() {
  return make_error(Errc::not_found, "class.not_found", "no such class; check the class id (a UUID)", "class_id");
}

Result<Id> class_by_uuid(store::Db& db, std::string_view uuid) {
  return id_for(db, Table::classes, uuid, no_class());
}

Result<Id> room_named(store::Db& db, const std::string& name, const std::string& field) {
  return existing(store::room_by_name(db, name),
                  make_error(Errc::not_found, "room.not_found",
                             "no room called '" + name + "'; GET /api/v1/rooms lists the rooms and POST /api/v1/rooms adds one",
                             field));
}

// "the bells of Mondays" for messages
std::string bells_of(int weekday) { return "the bells of " + domain::weekday_name(weekday) + "s"; }

// Stranded slots of a weekday as a 409: the bells can change only when the timetable fits them
// (or the failed read, as it is).
std::optional<Error> strands_lessons(store::Db& db, int weekday, const domain::BellSchedule* bells) {
  const auto slots = store::timetable_slots(db, weekday);
  if (!slots) return slots.error();
  const auto stranded = domain::slots_without_bell(*slots, weekday, bells);
  if (stranded.empty()) return std::nullopt;
  store::DbNamer names(db);
  std::string list;
  for (const auto& s : stranded)
    list += (list.empty() ? "" : ", ") + names.class_name(s.class_id) + " lesson " + std::to_string(s.period);
  if (names.error()) return *names.error();
  return make_error(Errc::conflict, "timetable.lessons_without_bells",
                    "The timetable has lessons on " + domain::weekday_name(weekday) + "s that " +
                        (bells ? "the bells \"" + bells->variant + "\" do not ring" : std::string("would have no bells")) +
                        ": " + list + ". Move them first (PUT /api/v1/classes/{id}/timetable).");
}

std::string payload(const json::object& o) { return json::serialize(o); }

}  // namespace classbook::app::timetable_detail
