// records: the plain rows the repositories hand to the use cases. They live in rows/ (below app and
// store, so app's callers read them without including a store header); store's code names them here.
#pragma once

#include "rows/records.hpp"

namespace classbook::store {

using rows::Id;
using rows::SchoolSettings;
using rows::UserRecord;
using rows::SessionRecord;
using rows::StudentBrief;
using rows::TeachingBrief;
using rows::LessonRecord;
using rows::HomeworkRecord;
using rows::PupilHomeworkRecord;
using rows::ClassMarkRow;
using rows::MarkRecord;
using rows::AttendanceRecord;

}  // namespace classbook::store
