// reads: assembling the diary, grades and journal from the repositories.
#include "app/reads.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "classbook/common/crypto.hpp"
#include "domain/dot.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
namespace {

Error not_found_student() {
  return make_error(Errc::not_found, "no such pupil; check the id (a UUID from /api/v1/me)", "student_id");
}

Result<store::StudentBrief> visible_student(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  if (!is_uuid(uuid)) return not_found_student();
  auto id = store::id_by_uuid(db, store::Table::students, uuid);
  if (!id) return not_found_student();
  auto brief = store::student_brief(db, *id);
  if (!brief) return not_found_student();
  auto d = domain::decide(actor, domain::Action::read_student, {brief->id, brief->class_id, 0});
  if (!d) return make_error(Errc::forbidden, d.reason);
  return *brief;
}

std::vector<domain::MarkValue> values_of(const store::SchoolSettings& s, const std::vector<MarkView>& marks) {
  std::vector<domain::MarkValue> out;
  for (const auto& m : marks) {
    const auto* w = s.work_type(m.work_type);
    out.push_back({m.value, m.weight, w ? w->type.rank : 0});
  }
  return out;
}

// The class's lessons and homework of the week: from the cache while their version holds, else
// read (in this request's read transaction, so version and rows agree) and kept.
std::shared_ptr<const ClassWeek> class_week(Context& ctx, store::Db& db, Id class_id, domain::Date monday) {
  const auto version = store::lesson_version(db, class_id);
  if (auto hit = ctx.class_weeks->find(class_id, monday, version)) return hit;
  auto week = std::make_shared<ClassWeek>();
  week->version = version;
  const auto sunday = domain::add_days(monday, 6);
  week->lessons = store::lessons_of_class(db, class_id, monday, sunday);
  week->homework = store::homework_of_lessons(db, class_id, monday, sunday);
  for (const auto& l : week->lessons) week->lesson_ids.push_back(l.id);
  std::sort(week->lesson_ids.begin(), week->lesson_ids.end());
  ctx.class_weeks->keep(class_id, monday, week);
  return week;
}

}  // namespace

std::string minutes_text(int minute) {
  const int h = (minute / 60) % 24, m = minute % 60;
  return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':', static_cast<char>('0' + m / 10),
          static_cast<char>('0' + m % 10)};
}

Result<domain::Term> parse_term(const store::SchoolSettings& s, std::string_view text) {
  int n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty())
    return make_error(Errc::invalid_input, "term must be a number such as 2", "term");
  for (const auto& t : s.terms)
    if (t.number == n) return t;
  return make_error(Errc::invalid_input,
                    "this school's year has terms 1 to " + std::to_string(s.terms.size()) + "; term " +
                        std::to_string(n) + " does not exist",
                    "term");
}

MarkView mark_view(const store::SchoolSettings& s, const store::MarkRecord& m) {
  MarkView v;
  v.id = m.uuid;
  v.student_id = m.student_uuid;
  v.lesson_id = m.lesson_uuid;
  v.value = m.value;
  if (const auto* w = s.work_type(m.work_type_id)) {
    v.work_type = w->type.code;
    v.work_type_name = w->type.name;
    v.weight = w->type.weight;
  }
  v.comment = m.comment;
  v.teacher = m.teacher;
  v.created_at = m.created_at;
  v.updated_at = m.updated_at;
  return v;
}

Result<DiaryWeekView> get_diary(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                std::string_view week_text) {
  auto week = domain::parse_iso_week(week_text);
  if (!week) return make_error(Errc::invalid_input, "week must look like 2026-W48 (ISO year, W, week number)", "week");
  auto db = ctx.readers.acquire();
  auto student = visible_student(*db, actor, student_id);
  if (!student) return student.error();

  const auto monday = domain::monday_of(*week);
  const auto sunday = domain::add_days(monday, 6);
  DiaryWeekView view;
  view.week = domain::format_iso_week(*week);
  view.student = *student;
  const auto week_of_class = class_week(ctx, *db, student->class_id, monday);
  const auto& lessons = week_of_class->lessons;
  const auto& homework = week_of_class->homework;
  const auto marks = store::marks_of_student_on(*db, student->id, week_of_class->lesson_ids);
  const auto attendance = store::attendance_of_student_on(*db, student->id, week_of_class->lesson_ids);

  struct DotRow {
    Id lesson_id;
    domain::Dot dot;
    std::string uuid;
  };
  std::vector<DotRow> dots;
  {
    auto& q = db->prepare(
        "SELECT d.uuid, d.lesson_id, d.set_on, d.expires_on, d.state FROM dots d JOIN lessons l ON l.id = d.lesson_id "
        "WHERE d.student_id=? AND l.date BETWEEN ? AND ? AND d.state <> 'cancelled'");
    q.bind(1, student->id).bind(2, domain::format_date(monday)).bind(3, domain::format_date(sunday));
    while (q.step()) {
      auto set_on = domain::parse_date(q.text(2));
      auto expires = domain::parse_date(q.text(3));
      const auto state = q.text(4);
      if (!set_on || !expires) continue;
      domain::Dot d{0, *set_on, *expires,
                    state == "converted" ? domain::DotState::converted
                    : state == "expired" ? domain::DotState::expired
                                         : domain::DotState::open};
      dots.push_back({q.i64(1), d, q.text(0)});
    }
  }
  const auto today = local_date(ctx, ctx.clock.now());
  std::string canonical;  // what the week's acknowledgement signs: every visible item, in order
  for (int d = 0; d < 7; ++d) {
    const auto date = domain::add_days(monday, d);
    DiaryDayView day{domain::format_date(date), d + 1, {}};
    for (const auto& l : lessons) {
      if (l.date != date) continue;
      if (l.group_no != 0 && l.group_no != student->group_no) continue;  // the other subgroup's lesson
      DiaryLessonView lv;
      lv.id = l.uuid;
      lv.period = l.period;
      lv.starts = minutes_text(l.start_minute);
      lv.ends = minutes_text(l.end_minute);
      lv.subject = l.subject;
      lv.teacher = l.teacher;
      lv.topic = l.topic;
      lv.room = l.room;
      lv.group_no = l.group_no;
      lv.cancelled = l.cancelled;
      for (const auto& h : homework)
        if (h.lesson_id == l.id) lv.homework.push_back({h.uuid, h.text, h.mandatory, h.due_date, h.created_at, h.revised_at});
      for (const auto& m : marks)
        if (m.lesson_id == l.id) {
          lv.marks.push_back(mark_view(ctx.settings, m));
          lv.marks.back().lesson_id = l.uuid;
          lv.marks.back().student_id = student->uuid;
        }
      for (const auto& d : dots)
        if (d.lesson_id == l.id)
          lv.dots.push_back({d.uuid, domain::format_date(d.dot.expires_on), domain::to_string(domain::dot_state_on(d.dot, today))});
      for (const auto& a : attendance)
        if (a.lesson_id == l.id) {
          lv.attendance = a.presence;
          lv.late_minutes = a.late_minutes;
        }
      canonical += l.uuid + '|' + l.topic + '|';
      for (const auto& h : lv.homework) canonical += h.id + ':' + h.revised_at + ',';
      for (const auto& m : lv.marks) canonical += m.id + ':' + std::to_string(m.value) + ':' + m.updated_at + ',';
      for (const auto& d : lv.dots) canonical += d.id + ':' + d.state + ',';
      if (lv.attendance) canonical += domain::to_string(*lv.attendance);
      canonical += '\n';
      day.lessons.push_back(std::move(lv));
    }
    if (!day.lessons.empty() || d < 5) view.days.push_back(std::move(day));
  }
  view.content_hash = sha256_hex(canonical);
  auto& q = db->prepare("SELECT at FROM acknowledgements WHERE student_id=? AND week=? ORDER BY at");
  q.bind(1, student->id).bind(2, view.week);
  while (q.step()) view.acknowledged_at.push_back(q.text(0));
  return view;
}

Result<GradesView> get_grades(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                              std::string_view term_text) {
  auto term = parse_term(ctx.settings, term_text);
  if (!term) return term.error();
  auto db = ctx.readers.acquire();
  auto student = visible_student(*db, actor, student_id);
  if (!student) return student.error();

  GradesView view;
  view.student = *student;
  view.term = term->number;
  view.from = domain::format_date(term->start);
  view.to = domain::format_date(term->end);
  const auto lessons = store::lessons_of_class(*db, student->class_id, term->start, term->end);
  const auto marks = store::marks_of_student(*db, student->id, student->class_id, term->start, term->end);
  const auto attendance = store::attendance_of_student(*db, student->id, student->class_id, term->start, term->end);
  std::map<Id, Id> subject_of_lesson;
  std::map<Id, SubjectGradesView> by_subject;
  std::map<Id, std::vector<domain::Presence>> presences;
  for (const auto& l : lessons) {
    subject_of_lesson[l.id] = l.subject_id;
    by_subject[l.subject_id].subject = l.subject;
  }
  for (const auto& m : marks) by_subject[subject_of_lesson[m.lesson_id]].marks.push_back(mark_view(ctx.settings, m));
  for (const auto& a : attendance) presences[subject_of_lesson[a.lesson_id]].push_back(a.presence);
  auto& fq = db->prepare("SELECT subject_id, grade FROM term_grades WHERE student_id=? AND term=?");
  fq.bind(1, student->id).bind(2, term->number);
  std::map<Id, int> finals;
  while (fq.step()) finals[fq.i64(0)] = fq.i32(1);
  for (auto& [subject_id, g] : by_subject) {
    const auto values = values_of(ctx.settings, g.marks);
    g.average = domain::weighted_average(values);
    g.proposed = domain::propose_term_grade(values, ctx.settings.rounding, ctx.settings.scale);
    if (auto it = finals.find(subject_id); it != finals.end()) g.final_grade = it->second;
    g.absences = domain::count_absences(presences[subject_id]);
    view.subjects.push_back(std::move(g));
  }
  return view;
}

Result<JournalView> get_journal(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                std::string_view subject_uuid, std::string_view term_text) {
  auto term = parse_term(ctx.settings, term_text);
  if (!term) return term.error();
  auto db = ctx.readers.acquire();
  auto class_id = is_uuid(class_uuid) ? store::id_by_uuid(*db, store::Table::classes, class_uuid) : std::nullopt;
  if (!class_id) return make_error(Errc::not_found, "no such class; check the class id", "class_id");
  auto subject_id = is_uuid(subject_uuid) ? store::id_by_uuid(*db, store::Table::subjects, subject_uuid) : std::nullopt;
  if (!subject_id) return make_error(Errc::invalid_input, "subject must be the id of a subject taught in this class", "subject");
  auto d = domain::decide(actor, domain::Action::read_class_journal, {0, *class_id, *subject_id});
  if (!d) return make_error(Errc::forbidden, d.reason);

  JournalView view;
  view.class_name = store::name_of_class(*db, *class_id);
  view.subject = store::name_of_subject(*db, *subject_id);
  view.term = term->number;
  const auto lessons = store::lessons_of_class(*db, *class_id, term->start, term->end, *subject_id);
  std::map<Id, std::string> lesson_uuid;
  for (const auto& l : lessons) {
    view.lessons.push_back({l.uuid, domain::format_date(l.date), l.period, l.topic});
    lesson_uuid[l.id] = l.uuid;
  }
  const auto marks = store::marks_of_class(*db, *class_id, *subject_id, term->start, term->end);
  const auto attendance = store::attendance_of_class(*db, *class_id, *subject_id, term->start, term->end);
  for (const auto& s : store::students_of_class(*db, *class_id)) {
    JournalView::Row row;
    row.student = s;
    for (const auto& m : marks)
      if (m.student_id == s.id) row.marks.push_back(mark_view(ctx.settings, m));
    for (const auto& a : attendance)
      if (a.student_id == s.id && a.presence != domain::Presence::present)
        row.absences.emplace_back(lesson_uuid[a.lesson_id], a.presence);
    const auto values = values_of(ctx.settings, row.marks);
    row.average = domain::weighted_average(values);
    row.proposed = domain::propose_term_grade(values, ctx.settings.rounding, ctx.settings.scale);
    view.rows.push_back(std::move(row));
  }
  return view;
}

}  // namespace classbook::app
