// community: school life beyond the journal — announcements, message threads, events, behaviour
// notes, clubs, support appeals and the textbook weights of a pupil's days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clubs.hpp"
#include "domain/backpack.hpp"
#include "rows/community.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::ClassScope;

// The classes a person is linked to: a guardian's children's classes, a teacher's classes taught
// and led, a pupil's own class; none for other roles. Sorted, without repeats; as the domain's
// rules (domain::Correspondent, may_start_thread) take them.
Result<std::vector<long long>> linked_classes(Db& db, domain::Role role, Id person_id);

using rows::PersonRef;

// --- announcements ---
using rows::AnnouncementRecord;
// School-wide ones and those of the scope's classes, newest first, at most `limit`.
Result<std::vector<AnnouncementRecord>> announcements_for(Db& db, const ClassScope& scope, int limit);
Result<std::optional<AnnouncementRecord>> find_announcement(Db& db, Id id);
Result<Id> insert_announcement(Db& db, const AnnouncementRecord& a);

// --- message threads ---
using rows::ThreadRecord;
using rows::MessageRecord;
// The threads `user_id` is a member of, the most recently active first, at most `limit`, each with
// the others' messages the user has not read yet.
Result<std::vector<ThreadRecord>> threads_of_user(Db& db, Id user_id, int limit);
// Everything in the thread so far counts as read by `user_id`.
Status mark_thread_read(Db& db, Id thread_id, Id user_id);
Result<std::optional<ThreadRecord>> thread_by_uuid(Db& db, std::string_view uuid);
Result<bool> is_thread_member(Db& db, Id thread_id, Id user_id);
Result<std::vector<PersonRef>> thread_members(Db& db, Id thread_id);
// The last `limit` messages of a thread, oldest first.
Result<std::vector<MessageRecord>> messages_of_thread(Db& db, Id thread_id, int limit);
Result<std::optional<PersonRef>> person_of_user(Db& db, Id user_id);
Result<Id> insert_thread(Db& db, const std::string& uuid, const std::string& subject, const std::string& now,
                         const std::vector<Id>& member_users);
// The author has read the thread up to the new message.
Result<Id> insert_message(Db& db, Id thread_id, const std::string& uuid, Id author_user, const std::string& body,
                          const std::string& now);

// --- the directory: people one may write to ---
using rows::DirectoryEntry;
using rows::DirectoryLink;
// Enabled accounts of staff (teachers, secretary, director, administrator) with their links to the
// scope's classes, and the pupils and guardians of the scope's classes with theirs; by name, at most
// `limit` rows (person × link). Whether one may write to each is the domain's rule, not this query's.
Result<std::vector<DirectoryEntry>> directory_candidates(Db& db, const ClassScope& scope, int limit);

// --- events (store/school_life.cpp) ---
using rows::EventRecord;
// School-wide events and the scope's classes' between two dates inclusive, by date, at most `limit`;
// cancelled ones too, marked so.
Result<std::vector<EventRecord>> events_for(Db& db, const ClassScope& scope, domain::Date from, domain::Date to, int limit);
Result<std::optional<EventRecord>> find_event(Db& db, std::string_view uuid);
// Writes the event's uuid, class, date, title, body, times and place; created_by and updated_at beside.
Result<Id> insert_event(Db& db, const EventRecord& e, Id created_by, const std::string& now);
Status update_event(Db& db, const EventRecord& e, const std::string& now);
Status cancel_event(Db& db, Id event_id, const std::string& reason, const std::string& now);

// --- behaviour notes ---
using rows::BehaviourNoteRecord;
Result<std::optional<BehaviourNoteRecord>> find_behaviour_note(Db& db, Id student_id, const std::string& week);
// Keeps the note's uuid when it is rewritten.
Status put_behaviour_note(Db& db, Id student_id, const std::string& week, const BehaviourNoteRecord& note,
                          Id author_user);

// --- clubs (store/school_life.cpp) ---
using rows::ClubRecord;
// The clubs that meet (not closed), by name.
Result<std::vector<ClubRecord>> all_clubs(Db& db);
Result<std::vector<ClubRecord>> clubs_of_student(Db& db, Id student_id);
// Any club, a closed one too.
Result<std::optional<ClubRecord>> find_club(Db& db, std::string_view uuid);
Result<Id> insert_club(Db& db, const ClubRecord& c);  // uuid, name, teacher_id, room_id
Status update_club(Db& db, const ClubRecord& c);      // name, teacher_id, room_id
Status replace_club_sessions(Db& db, Id club_id, const std::vector<domain::ClubSession>& sessions);
Status close_club(Db& db, Id club_id, const std::string& reason, const std::string& now);
Result<bool> is_club_member(Db& db, Id club_id, Id student_id);
Status add_club_member(Db& db, Id club_id, Id student_id);
Status remove_club_member(Db& db, Id club_id, Id student_id);

// --- support appeals ---
using rows::AppealRecord;
// The author's own, or everyone's when `author_user` is none; optionally of one status; newest first.
Result<std::vector<AppealRecord>> appeals_for(Db& db, std::optional<Id> author_user, std::optional<std::string> status,
                                      int limit);
Result<std::optional<AppealRecord>> find_appeal(Db& db, std::string_view uuid);
// The next sequence of the year's appeal numbers ("2026-…"); callers run it inside the writer's
// transaction, which keeps two appeals from drawing the same one.
Result<long long> next_appeal_seq(Db& db, int year);
Result<Id> insert_appeal(Db& db, const AppealRecord& a);
Status set_appeal_status(Db& db, Id appeal_id, const std::string& status, const std::optional<std::string>& answer,
                         const std::optional<std::string>& answered_at);

// --- what a pupil carries ---
struct PupilPlace {
  Id class_id = 0;
  int grade = 0;
  int group_no = 0;
};
Result<std::optional<PupilPlace>> pupil_place(Db& db, Id student_id);
// The lessons of a class between two dates inclusive as the timetable rules see them.
Result<std::vector<domain::PlannedLesson>> planned_lessons(Db& db, Id class_id, domain::Date from, domain::Date to);
Result<std::vector<domain::TextbookWeight>> textbook_weights(Db& db);

}  // namespace classbook::store
