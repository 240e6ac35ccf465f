// community: the rows of school life beyond the journal — announcements, message threads, events,
// behaviour notes, clubs, support appeals — as the store reads them and app hands them on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/clubs.hpp"
#include "domain/policy.hpp"
#include "rows/records.hpp"

namespace classbook::rows {

struct PersonRef {
  Id user_id = 0;
  std::string uuid;
  std::string name;
  domain::Role role = domain::Role::student;
};

// Which classes' items a reader sees besides the school-wide ones; `all_classes` sees every class.
struct ClassScope {
  bool all_classes = false;
  std::vector<long long> class_ids;  // sorted
};

struct AnnouncementRecord {
  Id id = 0;
  std::string uuid;
  std::optional<Id> class_id;
  std::string class_uuid;  // "" for the whole school
  std::string class_name;
  PersonRef author;
  std::string title;
  std::string body;
  std::string created_at;
};

struct ThreadRecord {
  Id id = 0;
  std::string uuid;
  std::string subject;
  std::string created_at;
  std::string last_message_at;
  int message_count = 0;
  int unread = 0;  // others' messages after the reader's last read one; filled in lists only
};

struct MessageRecord {
  Id id = 0;
  std::string uuid;
  PersonRef author;
  std::string body;
  std::string created_at;
};

// Why a person is in someone's directory: a class they share — the subject a teacher teaches there,
// whether they lead it, the child a guardian has in it.
struct DirectoryLink {
  Id class_id = 0;
  std::string class_uuid;
  std::string class_name;
  std::string subject;  // a teacher's subject in the class; "" otherwise
  std::string child;    // a guardian's child in the class; "" otherwise
  bool class_teacher = false;
};

// One person someone may write to, with the classes that tie them (none for the office).
struct DirectoryEntry {
  PersonRef person;
  std::vector<DirectoryLink> links;
};

struct EventRecord {
  std::string uuid;
  std::string date;
  std::string class_uuid;  // "" for the whole school
  std::string class_name;
  std::string title;
  std::string body;
  // The office's events (issue 12): times in minutes since local midnight, a place, a kept cancellation.
  std::optional<int> start_minute;
  std::optional<int> end_minute;
  std::string place;
  std::optional<std::string> cancelled_at;
  std::optional<std::string> cancel_reason;
  Id id = 0;
  std::optional<Id> class_id;
};

struct BehaviourNoteRecord {
  std::string uuid;
  std::string text;
  PersonRef author;
  std::string at;
};

struct ClubRecord {
  Id id = 0;
  std::string uuid;
  std::string name;
  std::string teacher;  // "Иванова Мария Петровна", "" when none is set
  std::string room;
  int member_count = 0;
  std::vector<domain::ClubSession> sessions;  // by weekday and start
  std::string teacher_uuid;  // "" when none is set
  std::optional<Id> teacher_id;
  std::optional<Id> room_id;
  std::optional<std::string> closed_at;  // a closed club is kept for history and no longer listed
  std::optional<std::string> closed_reason;
};

struct AppealRecord {
  Id id = 0;
  std::string uuid;
  std::string number;
  PersonRef author;
  std::string topic;
  std::string body;
  std::string status;
  std::optional<std::string> answer;
  std::string created_at;
  std::optional<std::string> answered_at;
};

}  // namespace classbook::rows
