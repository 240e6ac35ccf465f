// community: school life beyond the journal — announcements, conversations, the events feed, the
// weekly behaviour note, clubs, support appeals and the backpack. Reads ask the policy on a reader
// connection; writes validate first and then run as one writer job each, like the journal's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_announcements_listed = 100;  // newest first; older ones are history, not news
constexpr int max_threads_listed = 200;        // most recently active first
constexpr int max_thread_messages_shown = 500; // the latest of a conversation
constexpr int max_events_listed = 500;
constexpr int max_event_range_days = 366;      // one feed request covers at most a year
constexpr int max_appeals_listed = 500;
constexpr int max_directory_rows = 20000;      // person × class link; a whole school for the office

// --- announcements ---
struct NewAnnouncement {
  std::string title;
  std::string body;
  std::optional<std::string> class_id;  // uuid; none for the whole school
};
Result<std::vector<store::AnnouncementRecord>> list_announcements(Context& ctx, const domain::Actor& actor);
void post_announcement(Context& ctx, const domain::Actor& actor, NewAnnouncement in,
                       Reply<store::AnnouncementRecord> reply);

// --- conversations ---
struct ThreadView {
  store::ThreadRecord thread;
  std::vector<store::PersonRef> members;
  std::vector<store::MessageRecord> messages;  // empty in lists
};
struct NewThread {
  std::string to_user_id;  // the recipient's user uuid
  std::string subject;
  std::string body;
};
Result<std::vector<ThreadView>> list_threads(Context& ctx, const domain::Actor& actor);
Result<ThreadView> get_thread(Context& ctx, const domain::Actor& actor, std::string_view thread_id);
void start_thread(Context& ctx, const domain::Actor& actor, NewThread in, Reply<ThreadView> reply);
void post_message(Context& ctx, const domain::Actor& actor, std::string thread_id, std::string body,
                  Reply<store::MessageRecord> reply);
// The actor, a member, has read the thread up to its latest message.
void mark_thread_read(Context& ctx, const domain::Actor& actor, std::string thread_id, Reply<Ok> reply);
// Whom the actor may start a thread with (domain::may_start_thread asked for each), by name, with the
// classes that tie them to the actor: a guardian's children's teachers with their subjects, a
// pupil's teachers, a teacher's classes' pupils and guardians and the staff; never the actor.
Result<std::vector<store::DirectoryEntry>> list_directory(Context& ctx, const domain::Actor& actor);

// --- events ---
Result<std::vector<store::EventRecord>> list_events(Context& ctx, const domain::Actor& actor, std::string_view from,
                                                    std::string_view to);

// --- the weekly behaviour note ---
struct BehaviourView {
  store::StudentBrief student;
  std::string week;  // "2026-W48"
  std::optional<store::BehaviourNoteRecord> note;
};
Result<BehaviourView> get_behaviour(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                    std::string_view week);
void put_behaviour(Context& ctx, const domain::Actor& actor, std::string student_id, std::string week,
                   std::string text, Reply<BehaviourView> reply);

// --- clubs ---
struct PupilClubsView {
  store::StudentBrief student;
  std::vector<store::ClubRecord> clubs;
};
Result<std::vector<store::ClubRecord>> list_clubs(Context& ctx);
Result<PupilClubsView> get_pupil_clubs(Context& ctx, const domain::Actor& actor, std::string_view student_id);

// --- support appeals ---
struct NewAppeal {
  std::string topic;
  std::string body;
};
struct AppealChange {
  std::string appeal_id;
  std::string status;
  std::optional<std::string> answer;
};
void file_appeal(Context& ctx, const domain::Actor& actor, NewAppeal in, Reply<store::AppealRecord> reply);
// The actor's own appeals; everyone's for those who handle appeals. `status` "" lists every status.
Result<std::vector<store::AppealRecord>> list_appeals(Context& ctx, const domain::Actor& actor,
                                                      std::string_view status);
void change_appeal(Context& ctx, const domain::Actor& actor, AppealChange in, Reply<store::AppealRecord> reply);

// --- the backpack ---
struct BackpackDayView {
  std::string date;
  int weekday = 1;
  int grams = 0;
  bool too_heavy = false;
};
struct BackpackView {
  store::StudentBrief student;
  std::string week;
  int grade = 0;
  int recommended_max_grams = 0;  // 0 when the rule knows no maximum for the grade
  std::vector<BackpackDayView> days;
};
Result<BackpackView> get_backpack(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                  std::string_view week);

}  // namespace classbook::app
