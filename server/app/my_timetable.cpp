// my_timetable: the teacher's week read in one snapshot — template, changes, bells, the lessons
// made — and each day's lessons named for the API.
#include "app/my_timetable.hpp"

#include <algorithm>

#include "domain/lesson_plan.hpp"
#include "store/reader_pool.hpp"
#include "store/timetable_admin.hpp"

namespace classbook::app {
namespace {

// What one day's lessons need from the database, read once for the week.
struct WeekRead {
  domain::WeekBells bells;
  std::vector<domain::TimetableSlot> slots;
  std::vector<store::ChangeRecord> changes;  // by date, in the order made
};

Result<WeekRead> read_week(store::Db& db, Id teacher, domain::Date monday, domain::Date sunday) {
  WeekRead w;
  auto bells = store::load_week_bells(db);
  if (!bells) return bells.error();
  w.bells = std::move(*bells);
  auto slots = store::timetable_slots(db);
  if (!slots) return slots.error();
  w.slots = std::move(*slots);
  auto changes = store::changes_touching_teacher(db, teacher, monday, sunday);
  if (!changes) return changes.error();
  w.changes = std::move(*changes);
  return w;
}

// A day's lessons as the domain gives them, with the records of that day's changes they index.
struct DayLessons {
  domain::Date date;
  const domain::BellSchedule* bells = nullptr;
  bool school_day = false;
  std::vector<const store::ChangeRecord*> changes;
  std::vector<domain::TeacherLesson> lessons;
};

DayLessons lessons_of_day(const Context& ctx, const WeekRead& w, domain::Date date, Id teacher) {
  DayLessons d;
  d.date = date;
  d.bells = domain::bells_on(w.bells, domain::iso_weekday(date));
  d.school_day = domain::is_school_day(date, ctx.settings().terms);
  if (!d.school_day) return d;
  std::vector<domain::TimetableChange> changes;
  for (const auto& c : w.changes)
    if (c.change.date == date) {
      d.changes.push_back(&c);
      changes.push_back(c.change);
    }
  d.lessons = domain::teacher_lessons_on(date, d.bells, w.slots, changes, teacher);
  return d;
}

void add_ids(store::TimetableIds& ids, const domain::TeacherLesson& t) {
  ids.classes.push_back(t.lesson.class_id);
  ids.subjects.push_back(t.lesson.subject_id);
  ids.teachers.push_back(t.lesson.teacher_id);
  ids.teachers.push_back(t.usual.teacher_id);
  for (const auto& room : {t.lesson.room_id, t.usual.room_id})
    if (room) ids.rooms.push_back(*room);
}

store::Ref ref_of(const std::map<Id, store::Ref>& refs, Id id) {
  const auto it = refs.find(id);
  return it == refs.end() ? store::Ref{} : it->second;
}

std::string room_of(const store::TimetableRefs& refs, const std::optional<Id>& room) {
  if (!room) return {};
  const auto it = refs.rooms.find(*room);
  return it == refs.rooms.end() ? std::string() : it->second;
}

// The journal's lesson of a lesson the teacher gives, when it is made: a teacher is in one lesson
// at a time, so the date, class and period find it.
std::string lesson_id_of(const std::vector<store::LessonRecord>& given, const domain::TeacherLesson& t) {
  if (t.part == domain::TeacherPart::taken_over || t.lesson.cancelled) return {};
  const auto& l = t.lesson;
  const auto it = std::find_if(given.begin(), given.end(), [&](const store::LessonRecord& g) {
    return g.date == l.date && g.class_id == l.class_id && g.period == l.period;
  });
  return it == given.end() ? std::string() : it->uuid;
}

MyLessonView lesson_view(const std::vector<store::LessonRecord>& given, const DayLessons& day,
                         const domain::TeacherLesson& t, const store::TimetableRefs& refs) {
  MyLessonView v;
  v.part = t.part;
  v.period = t.lesson.period;
  if (t.moved()) v.moved_from = t.usual.period;
  if (day.bells)
    for (const auto& p : day.bells->periods)
      if (p.number == v.period) {
        v.start_minute = p.start_minute;
        v.end_minute = p.end_minute;
      }
  v.klass = ref_of(refs.classes, t.lesson.class_id);
  v.group = t.lesson.group_no;
  v.subject = ref_of(refs.subjects, t.lesson.subject_id);
  if (t.part == domain::TeacherPart::substitute) v.substitute_for = ref_of(refs.teachers, t.usual.teacher_id);
  if (t.part == domain::TeacherPart::taken_over) v.taken_by = ref_of(refs.teachers, t.lesson.teacher_id);
  v.room = room_of(refs, t.lesson.room_id);
  v.usual_room = room_of(refs, t.usual.room_id);
  v.room_changed = t.room_changed();
  v.cancelled = t.lesson.cancelled;
  v.note = t.lesson.note;
  for (const auto i : t.changes) v.changes.push_back({day.changes[i]->uuid, day.changes[i]->change.kind});
  v.lesson_id = lesson_id_of(given, t);
  return v;
}

}  // namespace

Result<MyTimetableView> my_timetable(Context& ctx, const domain::Actor& actor, std::string_view week_text) {
  if (actor.role != domain::Role::teacher)
    return make_error(Errc::forbidden, "timetable.teachers_only",
                      "Only a teacher has a timetable of their own lessons. A pupil's or guardian's week is the class's "
                      "timetable (GET /api/v1/classes/{id}/timetable with GET /api/v1/timetable-changes).");
  // No week: this week in the school's time zone, as the teacher's page opens on it.
  const auto week = week_text.empty() ? std::optional(domain::iso_week_of(local_date(ctx, ctx.clock.now())))
                                      : domain::parse_iso_week(week_text);
  if (!week) return make_error(Errc::invalid_input, "date.week_malformed", "week must look like 2026-W48 (ISO year, W, week number)", "week");
  const auto monday = domain::monday_of(*week);
  auto db = ctx.readers.acquire();
  auto read = read_week(*db, actor.person_id, monday, domain::add_days(monday, 6));
  if (!read) return read.error();

  std::vector<DayLessons> days;
  store::TimetableIds ids;
  ids.teachers.push_back(actor.person_id);
  for (int i = 0; i < 7; ++i) {
    days.push_back(lessons_of_day(ctx, *read, domain::add_days(monday, i), actor.person_id));
    for (const auto& t : days.back().lessons) add_ids(ids, t);
  }
  auto refs = store::timetable_refs(*db, ids);
  if (!refs) return refs.error();
  auto given = store::lessons_given_in(*db, actor.person_id, ids.classes, monday, domain::add_days(monday, 6));
  if (!given) return given.error();

  MyTimetableView view{*week, ref_of(refs->teachers, actor.person_id), {}};
  for (const auto& d : days) {
    MyDayView day{d.date, d.school_day, std::nullopt, {}};
    if (d.bells) day.bells = *d.bells;
    for (const auto& t : d.lessons) day.lessons.push_back(lesson_view(*given, d, t, *refs));
    view.days.push_back(std::move(day));
  }
  return view;
}

}  // namespace classbook::app
