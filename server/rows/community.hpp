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
};

struct MessageRecord {
  Id id = 0;
  std::string uuid;
  PersonRef author;
  std::string body;
  std::string created_at;
};

struct EventRecord {
  std::string uuid;
  std::string date;
  std::string class_uuid;  // "" for the whole school
  std::string class_name;
  std::string title;
  std::string body;
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
