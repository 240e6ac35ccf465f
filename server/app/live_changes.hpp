// live_changes: how each write tells the live stream what it changed — one shape per kind of
// object, so that every use case names its change the same way. Only public ids go into the data.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "app/store_rows.hpp"

namespace classbook::app::live {

using store::Id;

// A change to one pupil's record (a mark, a dot, a term grade, a notice, a signed week): heard by
// whoever may read the pupil. `data` gets "student_id".
void pupil(store::WriteContext& w, std::string kind, const store::StudentBrief& p, boost::json::object data);
// A change to a lesson of a class (attendance, topic, homework): heard by whoever reads the class's
// lessons. `data` gets "lesson_id" and "date".
void lesson(store::WriteContext& w, std::string kind, const store::LessonRecord& l, boost::json::object data);
// News for a class (class_id > 0) or the whole school (0), as announcements are read.
void class_news(store::WriteContext& w, std::string kind, Id class_id, boost::json::object data);
// A change only the given accounts hear of (a conversation's members).
void accounts(store::WriteContext& w, std::string kind, std::vector<Id> accounts, boost::json::object data);
// News for the office's pages only: heard by whoever may manage the roster (the secretary).
void office(store::WriteContext& w, std::string kind, boost::json::object data);

}  // namespace classbook::app::live
