// journal: lessons with their bell times, homework, marks and attendance — reads and writes.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

Result<std::optional<LessonRecord>> find_lesson(Db& db, Id lesson_id);
Result<std::optional<Id>> lesson_by_uuid(Db& db, std::string_view uuid);
// Lessons of a class between two dates inclusive, in date and period order.
Result<std::vector<LessonRecord>> lessons_of_class(Db& db, Id class_id, domain::Date from, domain::Date to,
                                                   std::optional<Id> subject_id = std::nullopt);
// A number that changes whenever anything shown with a class's lessons changes: its lessons or their
// homework (per class), or subjects, teachers, rooms, bells (for every class). Kept by triggers, so
// every connection's writes count. Caches of lessons compare it; nothing else may read meaning in it.
Result<std::int64_t> lesson_version(Db& db, Id class_id);
// The lessons a teacher gives between two dates (cancelled ones left out), with their class: where a
// substitute's lessons are found.
struct GivenLessonRecord {
  LessonRecord lesson;
  std::string class_uuid, class_name, subject_uuid;
};
Result<std::vector<GivenLessonRecord>> lessons_given_by(Db& db, Id teacher_id, domain::Date from, domain::Date to);
Result<std::vector<HomeworkRecord>> homework_of_lessons(Db& db, Id class_id, domain::Date from, domain::Date to);
Result<std::vector<MarkRecord>> marks_of_student(Db& db, Id student_id, Id class_id, domain::Date from, domain::Date to);
// A pupil's marks and attendance on the given lessons (ids sorted ascending), for the diary: one
// range over the pupil's own index rows instead of a probe per lesson. The marks' lesson_uuid and
// student_uuid are left empty for the caller, who already knows them.
Result<std::vector<MarkRecord>> marks_of_student_on(Db& db, Id student_id, const std::vector<Id>& lesson_ids);
Result<std::vector<AttendanceRecord>> attendance_of_student_on(Db& db, Id student_id, const std::vector<Id>& lesson_ids);
Result<std::vector<MarkRecord>> marks_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to);
Result<std::vector<AttendanceRecord>> attendance_of_student(Db& db, Id student_id, Id class_id, domain::Date from, domain::Date to);
Result<std::vector<AttendanceRecord>> attendance_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to);
Result<std::optional<MarkRecord>> find_mark(Db& db, Id mark_id);
Result<std::optional<Id>> mark_by_uuid(Db& db, std::string_view uuid);

// Writes: callers run them inside the writer's transaction.
Result<Id> insert_mark(Db& db, const MarkRecord& m);
Status replace_mark(Db& db, const MarkRecord& before, const MarkRecord& after, Id by_user,
                    const std::string& now, const std::string& reason);
Status delete_mark(Db& db, const MarkRecord& m, Id by_user, const std::string& now, const std::string& reason);
Result<std::optional<AttendanceRecord>> find_attendance(Db& db, Id lesson_id, Id student_id);
Status put_attendance(Db& db, const AttendanceRecord& a, Id by_user, const std::string& now);
Status set_topic(Db& db, Id lesson_id, const std::string& topic);
Status replace_homework(Db& db, Id lesson_id, const std::vector<HomeworkRecord>& items, const std::string& now);

}  // namespace classbook::store
