// store_rows: what app's public headers name of the store, without a store header. The rows are
// rows/'s (below app and store) under the names the store's own headers give them (store::StudentBrief
// and so on, the same types), and the store's handles are declared only: app's callers (http) pass
// them along by reference and never include a store header or see SQLite (tests/layers).
#pragma once

#include "rows/access_applications.hpp"
#include "rows/cards.hpp"
#include "rows/change.hpp"
#include "rows/community.hpp"
#include "rows/kiosks.hpp"
#include "rows/records.hpp"
#include "rows/roster.hpp"
#include "rows/security_log.hpp"
#include "rows/timetable_admin.hpp"

namespace classbook::store {

class Db;
class ReaderPool;
class WriteContext;
class Writer;

using rows::Id;
// rows/access_applications.hpp
using rows::AccessApplicationRecord;
// rows/records.hpp
using rows::AttendanceRecord;
using rows::HomeworkRecord;
using rows::LessonRecord;
using rows::MarkRecord;
using rows::SchoolSettings;
using rows::SessionRecord;
using rows::StudentBrief;
using rows::TeachingBrief;
using rows::UserRecord;
// rows/cards.hpp
using rows::BlockedCard;
using rows::CardHand;
using rows::CardRecord;
// rows/change.hpp
using rows::Change;
using rows::ChangeScope;
// rows/community.hpp
using rows::AnnouncementRecord;
using rows::ClassScope;
using rows::AppealRecord;
using rows::BehaviourNoteRecord;
using rows::ClubRecord;
using rows::EventRecord;
using rows::MessageRecord;
using rows::PersonRef;
using rows::ThreadRecord;
using rows::DirectoryEntry;  // messages (issue 10)
using rows::DirectoryLink;
// rows/kiosks.hpp
using rows::KioskRecord;
// rows/roster.hpp
using rows::AccountBrief;
using rows::ClassRecord;
using rows::GuardianLink;
using rows::GuardianRecord;
using rows::PupilListing;
using rows::PupilRecord;
using rows::SubjectRecord;
using rows::PupilHomeworkRecord;
using rows::ClassMarkRow;
using rows::TeacherRecord;
using rows::TeachingRecord;
// rows/security_log.hpp
using rows::SecurityEventRecord;
// rows/timetable_admin.hpp
using rows::ChangeRecord;
using rows::MadeConflict;
using rows::MadeLessons;
using rows::Ref;
using rows::RoomRecord;
using rows::SlotRecord;
using rows::TeachingRef;

}  // namespace classbook::store
