// school_life: the office's events and clubs — each change checked whole, then one writer job that
// writes it, its audit entry (before and after) and what open pages hear.
#include "app/school_life.hpp"

#include <boost/json.hpp>

#include "app/live_changes.hpp"
#include "app/roster_shared.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/clubs.hpp"
#include "domain/day_time.hpp"
#include "domain/school_life.hpp"
#include "store/community.hpp"
#include "store/roster.hpp"
#include "store/timetable_admin.hpp"

namespace classbook::app {
namespace {

namespace json = boost::json;
using roster_detail::known;
using store::Table;
using store::WriteContext;

Status may_manage(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::manage_school_life, {}); !d)
    return make_error(Errc::forbidden, "school_life.not_allowed", d.reason);
  return ok_status();
}

Error invalid(ErrorCode code, std::string message, const char* field) {
  return make_error(Errc::invalid_input, code, std::move(message), field);
}

json::value minute_or_null(const std::optional<int>& m) { return m ? json::value(domain::format_minute(*m)) : json::value(nullptr); }
json::value text_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string event_json(const store::EventRecord& e) {
  return json::serialize(json::object{{"id", e.uuid}, {"date", e.date}, {"title", e.title}, {"body", e.body},
                                      {"start", minute_or_null(e.start_minute)}, {"end", minute_or_null(e.end_minute)},
                                      {"place", e.place}, {"class_id", e.class_uuid.empty() ? json::value(nullptr) : json::value(e.class_uuid)},
                                      {"cancelled_at", text_or_null(e.cancelled_at)}, {"cancel_reason", text_or_null(e.cancel_reason)}});
}

std::string club_json(const store::ClubRecord& c) {
  json::array sessions;
  for (const auto& s : c.sessions)
    sessions.push_back(json::object{{"weekday", s.weekday}, {"start", domain::format_minute(s.start_minute)},
                                    {"end", domain::format_minute(s.end_minute)}});
  return json::serialize(json::object{{"id", c.uuid}, {"name", c.name},
                                      {"teacher_id", c.teacher_uuid.empty() ? json::value(nullptr) : json::value(c.teacher_uuid)},
                                      {"room", c.room.empty() ? json::value(nullptr) : json::value(c.room)},
                                      {"sessions", std::move(sessions)}, {"closed_at", text_or_null(c.closed_at)},
                                      {"closed_reason", text_or_null(c.closed_reason)}});
}

// --- events ---------------------------------------------------------------------------------------

Result<std::optional<int>> clock_time(const std::optional<std::string>& text, const char* field) {
  if (!text) return std::optional<int>{};
  auto m = domain::parse_minute(*text);
  if (!m) return invalid("time.malformed", std::string(field) + " is a time of day written like 18:00", field);
  return std::optional<int>{*m};
}

// The event's own fields, checked together (the times against each other).
Status check_event(const store::EventRecord& e) {
  if (!domain::parse_date(e.date)) return invalid("date.malformed", "date is a real day written like 2026-12-07", "date");
  if (auto p = domain::check_event_title(e.title)) return invalid("event.title_invalid", *p, "title");
  if (auto p = domain::check_event_place(e.place)) return invalid("event.place_invalid", *p, "place");
  if (auto p = domain::check_event_body(e.body)) return invalid("event.body_invalid", *p, "body");
  if (auto p = domain::check_event_times(e.start_minute, e.end_minute)) return invalid("event.times_invalid", *p, "end");
  return ok_status();
}

Error no_event() {
  return make_error(Errc::not_found, "event.not_found", "no such event; GET /api/v1/events lists them with their ids", "event_id");
}

Result<store::EventRecord> event_by_id(store::Db& db, std::string_view uuid) {
  if (!is_uuid(uuid)) return no_event();
  return existing(store::find_event(db, uuid), no_event());
}

Result<store::EventRecord> event_after_write(WriteContext& w, const std::string& uuid) {
  return existing(store::find_event(w.db, uuid),
                  make_error(Errc::internal, "store.row_vanished", "the event vanished after it was written"));
}

// A class uuid, or none for the whole school.
Result<std::optional<Id>> class_of(store::Db& db, const std::optional<std::string>& uuid) {
  if (!uuid) return std::optional<Id>{};
  auto id = known(db, Table::classes, *uuid, "class_id");
  if (!id) return id.error();
  return std::optional<Id>{*id};
}

void tell_event(WriteContext& w, const store::EventRecord& e) {
  live::class_news(w, "event", e.class_id.value_or(0), {{"event_id", e.uuid}, {"date", e.date}});
}

// --- clubs ----------------------------------------------------------------------------------------

Result<std::vector<domain::ClubSession>> club_sessions(const std::vector<ClubSessionText>& in) {
  if (in.size() > domain::max_club_sessions)
    return invalid("club.sessions_invalid", "a club meets at most " + std::to_string(domain::max_club_sessions) + " times a week",
                   "sessions");
  std::vector<domain::ClubSession> out;
  for (const auto& s : in) {
    auto start = domain::parse_minute(s.start), end = domain::parse_minute(s.end);
    if (!start || !end) return invalid("time.malformed", "a session's start and end are times written like 15:00", "sessions");
    out.push_back({s.weekday, *start, *end});
  }
  if (auto p = domain::check_club_sessions(out)) return invalid("club.sessions_invalid", *p, "sessions");
  return out;
}

Error no_club() {
  return make_error(Errc::not_found, "club.not_found", "no such club; GET /api/v1/clubs lists them with their ids", "club_id");
}

// The club behind `uuid`, still meeting.
Result<store::ClubRecord> open_club(store::Db& db, std::string_view uuid) {
  if (!is_uuid(uuid)) return no_club();
  auto club = existing(store::find_club(db, uuid), no_club());
  if (!club) return club;
  if (club->closed_at)
    return make_error(Errc::conflict, "club.closed", "the club " + club->name + " closed on " + club->closed_at->substr(0, 10) +
                                                         "; it is kept for history and no longer changes",
                      "club_id");
  return club;
}

Result<store::ClubRecord> club_after_write(WriteContext& w, const std::string& uuid) {
  return existing(store::find_club(w.db, uuid), make_error(Errc::internal, "store.row_vanished", "the club vanished after it was written"));
}

Result<std::optional<Id>> teacher_of(store::Db& db, const std::optional<std::string>& uuid) {
  if (!uuid) return std::optional<Id>{};
  auto id = known(db, Table::teachers, *uuid, "teacher_id");
  if (!id) return id.error();
  return std::optional<Id>{*id};
}

Result<std::optional<Id>> room_of(store::Db& db, const std::optional<std::string>& name) {
  if (!name) return std::optional<Id>{};
  auto id = store::room_by_name(db, *name);
  if (!id) return id.error();
  if (!*id) return make_error(Errc::not_found, "room.not_found", "no room '" + *name + "'; GET /api/v1/rooms lists the rooms", "room");
  return std::optional<Id>{**id};
}

void record_club(WriteContext& w, const domain::Actor& actor, const char* action, const std::optional<store::ClubRecord>& before,
                 const store::ClubRecord& after) {
  w.audit(actor.user_id, "club", after.uuid, action, before ? club_json(*before) : "{}", club_json(after));
  live::class_news(w, "club", 0, {{"club_id", after.uuid}});
}

// A pupil at school now, by uuid.
Result<store::PupilRecord> pupil_at_school(store::Db& db, std::string_view uuid) {
  auto id = known(db, Table::students, uuid, "student_id");
  if (!id) return id.error();
  auto pupil = existing(store::find_pupil(db, *id),
                        make_error(Errc::not_found, "pupil.not_found", "no such pupil", "student_id"));
  if (!pupil) return pupil;
  if (pupil->left_on)
    return make_error(Errc::conflict, "pupil.has_left", "the pupil left school on " + *pupil->left_on + "; a club takes pupils at school",
                      "student_id");
  return pupil;
}

}  // namespace

// --- events ---------------------------------------------------------------------------------------

void create_event(Context& ctx, const domain::Actor& actor, NewEvent in, Reply<store::EventRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  store::EventRecord e;
  e.title = in.title;
  e.date = in.date;
  e.place = in.place.value_or("");
  e.body = in.body.value_or("");
  auto start = clock_time(in.start, "start"), end = clock_time(in.end, "end");
  if (!start) return reply(start.error());
  if (!end) return reply(end.error());
  e.start_minute = *start;
  e.end_minute = *end;
  if (auto st = check_event(e); !st) return reply(st.error());
  submit<store::EventRecord>(ctx, [actor, made = e, class_uuid = in.class_id](WriteContext& w) -> Result<store::EventRecord> {
    auto class_id = class_of(w.db, class_uuid);
    if (!class_id) return class_id.error();
    store::EventRecord e = made;
    e.class_id = *class_id;
    e.uuid = new_uuid();
    if (auto id = store::insert_event(w.db, e, actor.user_id, w.now_text); !id) return id.error();
    auto saved = event_after_write(w, e.uuid);
    if (!saved) return saved;
    w.audit(actor.user_id, "event", saved->uuid, "create", "{}", event_json(*saved));
    tell_event(w, *saved);
    return saved;
  }, std::move(reply));
}

void change_event(Context& ctx, const domain::Actor& actor, EventChange in, Reply<store::EventRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  // Times are read here; the whole event is checked in the job, against what it holds now.
  std::optional<std::optional<int>> start, end;
  for (auto [edit, dest, field] : {std::tuple{&in.start, &start, "start"}, {&in.end, &end, "end"}}) {
    if (!*edit) continue;
    auto m = clock_time(**edit, field);
    if (!m) return reply(m.error());
    *dest = *m;
  }
  submit<store::EventRecord>(ctx, [actor, in, start, end](WriteContext& w) -> Result<store::EventRecord> {
    auto before = event_by_id(w.db, in.event_id);
    if (!before) return before;
    if (before->cancelled_at)
      return make_error(Errc::conflict, "event.cancelled", "the event was cancelled on " + before->cancelled_at->substr(0, 10) +
                                                               "; a cancelled event is kept as it was",
                        "event_id");
    store::EventRecord e = *before;
    if (in.title) e.title = *in.title;
    if (in.date) e.date = *in.date;
    if (start) e.start_minute = *start;
    if (end) e.end_minute = *end;
    if (in.place) e.place = in.place->value_or("");
    if (in.body) e.body = in.body->value_or("");
    if (in.class_id) {
      auto class_id = class_of(w.db, *in.class_id);
      if (!class_id) return class_id.error();
      e.class_id = *class_id;
    }
    if (auto st = check_event(e); !st) return st.error();
    if (auto st = store::update_event(w.db, e, w.now_text); !st) return st.error();
    auto saved = event_after_write(w, e.uuid);
    if (!saved) return saved;
    if (event_json(*before) != event_json(*saved)) {
      w.audit(actor.user_id, "event", saved->uuid, "update", event_json(*before), event_json(*saved));
      tell_event(w, *saved);
      // Moved to another class: the former class's pages hear it went.
      if (before->class_id != saved->class_id) tell_event(w, *before);
    }
    return saved;
  }, std::move(reply));
}

void cancel_event(Context& ctx, const domain::Actor& actor, std::string event_id, std::string reason,
                  Reply<store::EventRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto p = domain::check_cancel_reason(reason)) return reply(invalid("event.reason_invalid", *p, "reason"));
  submit<store::EventRecord>(ctx, [actor, event_id, reason](WriteContext& w) -> Result<store::EventRecord> {
    auto before = event_by_id(w.db, event_id);
    if (!before) return before;
    if (before->cancelled_at)
      return make_error(Errc::conflict, "event.cancelled", "the event was already cancelled on " + before->cancelled_at->substr(0, 10),
                        "event_id");
    if (auto st = store::cancel_event(w.db, before->id, reason, w.now_text); !st) return st.error();
    auto saved = event_after_write(w, before->uuid);
    if (!saved) return saved;
    w.audit(actor.user_id, "event", saved->uuid, "cancel", event_json(*before), event_json(*saved));
    tell_event(w, *saved);
    return saved;
  }, std::move(reply));
}

// --- clubs ----------------------------------------------------------------------------------------

void create_club(Context& ctx, const domain::Actor& actor, NewClub in, Reply<store::ClubRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (auto p = domain::check_club_name(in.name)) return reply(invalid("club.name_invalid", *p, "name"));
  auto sessions = club_sessions(in.sessions);
  if (!sessions) return reply(sessions.error());
  submit<store::ClubRecord>(ctx, [actor, in, sessions = std::move(*sessions)](WriteContext& w) -> Result<store::ClubRecord> {
    store::ClubRecord c;
    c.uuid = new_uuid();
    c.name = in.name;
    auto teacher = teacher_of(w.db, in.teacher_id);
    if (!teacher) return teacher.error();
    c.teacher_id = *teacher;
    auto room = room_of(w.db, in.room);
    if (!room) return room.error();
    c.room_id = *room;
    auto id = store::insert_club(w.db, c);
    if (!id) return id.error();
    if (auto st = store::replace_club_sessions(w.db, *id, sessions); !st) return st.error();
    auto saved = club_after_write(w, c.uuid);
    if (saved) record_club(w, actor, "create", std::nullopt, *saved);
    return saved;
  }, std::move(reply));
}

void change_club(Context& ctx, const domain::Actor& actor, ClubChange in, Reply<store::ClubRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (in.name)
    if (auto p = domain::check_club_name(*in.name)) return reply(invalid("club.name_invalid", *p, "name"));
  std::optional<std::vector<domain::ClubSession>> sessions;
  if (in.sessions) {
    auto s = club_sessions(*in.sessions);
    if (!s) return reply(s.error());
    sessions = std::move(*s);
  }
  submit<store::ClubRecord>(ctx, [actor, in, sessions](WriteContext& w) -> Result<store::ClubRecord> {
    auto before = open_club(w.db, in.club_id);
    if (!before) return before;
    store::ClubRecord c = *before;
    if (in.name) c.name = *in.name;
    if (in.teacher_id) {
      auto teacher = teacher_of(w.db, *in.teacher_id);
      if (!teacher) return teacher.error();
      c.teacher_id = *teacher;
    }
    if (in.room) {
      auto room = room_of(w.db, *in.room);
      if (!room) return room.error();
      c.room_id = *room;
    }
    if (auto st = store::update_club(w.db, c); !st) return st.error();
    if (sessions)
      if (auto st = store::replace_club_sessions(w.db, c.id, *sessions); !st) return st.error();
    auto saved = club_after_write(w, c.uuid);
    if (saved && club_json(*before) != club_json(*saved)) record_club(w, actor, "update", *before, *saved);
    return saved;
  }, std::move(reply));
}

void close_club(Context& ctx, const domain::Actor& actor, std::string club_id, std::optional<std::string> reason,
                Reply<store::ClubRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  if (reason)
    if (auto p = domain::check_cancel_reason(*reason)) return reply(invalid("club.reason_invalid", *p, "reason"));
  submit<store::ClubRecord>(ctx, [actor, club_id, reason](WriteContext& w) -> Result<store::ClubRecord> {
    auto before = open_club(w.db, club_id);
    if (!before) return before;
    if (auto st = store::close_club(w.db, before->id, reason.value_or(""), w.now_text); !st) return st.error();
    auto saved = club_after_write(w, before->uuid);
    if (saved) record_club(w, actor, "close", *before, *saved);
    return saved;
  }, std::move(reply));
}

void add_club_member(Context& ctx, const domain::Actor& actor, std::string club_id, std::string student_id,
                     Reply<store::ClubRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<store::ClubRecord>(ctx, [actor, club_id, student_id](WriteContext& w) -> Result<store::ClubRecord> {
    auto club = open_club(w.db, club_id);
    if (!club) return club;
    auto pupil = pupil_at_school(w.db, student_id);
    if (!pupil) return pupil.error();
    auto member = store::is_club_member(w.db, club->id, pupil->id);
    if (!member) return member.error();
    if (!*member) {
      if (auto st = store::add_club_member(w.db, club->id, pupil->id); !st) return st.error();
      const auto entry = json::serialize(json::object{{"club_id", club->uuid}, {"student_id", pupil->uuid}});
      w.audit(actor.user_id, "club_member", club->uuid + "/" + pupil->uuid, "add", "{}", entry);
      store::StudentBrief brief;
      brief.id = pupil->id;
      brief.uuid = pupil->uuid;
      brief.class_id = pupil->class_id;
      live::pupil(w, "club", brief, {{"club_id", club->uuid}});
    }
    return club_after_write(w, club->uuid);
  }, std::move(reply));
}

void remove_club_member(Context& ctx, const domain::Actor& actor, std::string club_id, std::string student_id,
                        Reply<store::ClubRecord> reply) {
  if (auto s = may_manage(actor); !s) return reply(s.error());
  submit<store::ClubRecord>(ctx, [actor, club_id, student_id](WriteContext& w) -> Result<store::ClubRecord> {
    auto club = open_club(w.db, club_id);
    if (!club) return club;
    auto pupil_id = known(w.db, Table::students, student_id, "student_id");
    if (!pupil_id) return pupil_id.error();
    auto member = store::is_club_member(w.db, club->id, *pupil_id);
    if (!member) return member.error();
    if (*member) {
      if (auto st = store::remove_club_member(w.db, club->id, *pupil_id); !st) return st.error();
      auto pupil = existing(store::find_pupil(w.db, *pupil_id), make_error(Errc::not_found, "pupil.not_found", "no such pupil", "student_id"));
      if (!pupil) return pupil.error();
      const auto entry = json::serialize(json::object{{"club_id", club->uuid}, {"student_id", pupil->uuid}});
      w.audit(actor.user_id, "club_member", club->uuid + "/" + pupil->uuid, "remove", entry, "{}");
      store::StudentBrief brief;
      brief.id = pupil->id;
      brief.uuid = pupil->uuid;
      brief.class_id = pupil->class_id;
      live::pupil(w, "club", brief, {{"club_id", club->uuid}});
    }
    return club_after_write(w, club->uuid);
  }, std::move(reply));
}

}  // namespace classbook::app
