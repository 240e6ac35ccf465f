// school_life: the office's events and clubs — create, change, cancel; a club's members. The
// secretary's and the director's (domain Action::manage_school_life). Each change is one writer job
// with its audit entry; open pages hear `event` (as announcements are heard: the class's people, or
// everyone for a school-wide event) or `club` (everyone) on the live stream.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/roster.hpp"  // Edit<T>
#include "domain/policy.hpp"

namespace classbook::app {

// --- events: kept when cancelled, shown so in GET /api/v1/events with the reason ---
struct NewEvent {
  std::string title;
  std::string date;                      // "2026-12-07"
  std::optional<std::string> start, end;  // "18:00"
  std::optional<std::string> place;
  std::optional<std::string> class_id;   // uuid; none for the whole school
  std::optional<std::string> body;
};
struct EventChange {
  std::string event_id;
  std::optional<std::string> title, date;
  Edit<std::string> start, end, place, class_id, body;  // null clears (class_id null: the whole school)
};
void create_event(Context& ctx, const domain::Actor& actor, NewEvent in, Reply<store::EventRecord> reply);
void change_event(Context& ctx, const domain::Actor& actor, EventChange in, Reply<store::EventRecord> reply);
void cancel_event(Context& ctx, const domain::Actor& actor, std::string event_id, std::string reason,
                  Reply<store::EventRecord> reply);

// --- clubs: a closed club keeps its members for history and is no longer listed ---
struct ClubSessionText {
  int weekday = 0;
  std::string start, end;  // "15:00"
};
struct NewClub {
  std::string name;
  std::optional<std::string> teacher_id;  // a teacher's uuid
  std::optional<std::string> room;        // a room's name (GET /api/v1/rooms)
  std::vector<ClubSessionText> sessions;
};
struct ClubChange {
  std::string club_id;
  std::optional<std::string> name;
  Edit<std::string> teacher_id, room;
  std::optional<std::vector<ClubSessionText>> sessions;  // the whole list replaced
};
void create_club(Context& ctx, const domain::Actor& actor, NewClub in, Reply<store::ClubRecord> reply);
void change_club(Context& ctx, const domain::Actor& actor, ClubChange in, Reply<store::ClubRecord> reply);
void close_club(Context& ctx, const domain::Actor& actor, std::string club_id, std::optional<std::string> reason,
                Reply<store::ClubRecord> reply);
// Idempotent: a member added twice is one member; removing a non-member changes nothing.
void add_club_member(Context& ctx, const domain::Actor& actor, std::string club_id, std::string student_id,
                     Reply<store::ClubRecord> reply);
void remove_club_member(Context& ctx, const domain::Actor& actor, std::string club_id, std::string student_id,
                        Reply<store::ClubRecord> reply);

}  // namespace classbook::app
