// change: what a committed write changed, said so that live updates (app::LiveFeed) can tell whom to
// tell. A job adds its changes with store::WriteContext::changed; they leave the writer only once
// their batch is durable, in commit order, and a job that rolled back leaves none.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rows/records.hpp"

namespace classbook::rows {

// Who may hear of a change: the API's own read rules for what changed, as app/live_rules.cpp applies them.
enum class ChangeScope : std::uint8_t {
  pupils,         // whoever may read any of `students` (policy read_student, the pupils of `class_id`)
  class_journal,  // whoever may read the class's lessons in `subject_id`: its teachers, the director,
                  // and those who read a pupil of the class (the diary shows every subject)
  class_news,     // as announcements are read: `class_id`'s people, or everyone for class_id 0
  accounts,       // exactly the user accounts in `accounts` (a conversation's members)
  office,         // whoever keeps the roster (policy manage_roster): the secretary — a card at the desk reader
};

struct Change {
  std::string kind;  // the event's name on the stream: "mark", "attendance", "lesson", "message", …
  ChangeScope scope = ChangeScope::pupils;
  std::vector<Id> students;
  Id class_id = 0;
  Id subject_id = 0;
  std::vector<Id> accounts;
  // A JSON object with public ids only (UUIDs, dates): what a page needs to know whether to refresh.
  // Everyone the scope admits receives the same text, so it names nothing a reader may not see.
  std::string data;
};

}  // namespace classbook::rows
