// reads: assembling the diary, grades and journal from the repositories.
#include "app/reads.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "classbook/common/crypto.hpp"
#include "domain/dot.hpp"
#include "store/client_gradebook.hpp"
#include "store/diary.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

Error not_found_student() {
  return make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the id (a UUID from /api/v1/me)", "student_id");
}

Result<store::StudentBrief> visible_student(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  if (!is_uuid(uuid)) return not_found_student();
  auto id = store::id_by_uuid(db, store::Table::students, uuid);
  if (!id) return id.error();
  if (!*id) return not_found_student();
  auto brief = store::student_brief(db, **id);
  if (!brief) return brief.error();
  if (!*brief) return not_found_student();
  const auto& b = **brief;
  auto d = domain::decide(actor, domain::Action::read_student, {b.id, b.class_id, 0});
  if (!d) return make_error(Errc::forbidden, "pupil.not_visible", d.reason);
  return b;
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
Result<std::shared_ptr<const ClassWeek>> class_week(Context& ctx, store::Db& db, Id class_id, domain::Date monday) {
  const auto version = store::lesson_version(db, class_id);
  if (!version) return version.error();
  if (auto hit = ctx.class_weeks->find(class_id, monday, *version)) return hit;
  auto week = std::make_shared<ClassWeek>();
  week->version = *version;
  const auto sunday = domain::add_days(monday, 6);
  auto lessons = store::lessons_of_class(db, class_id, monday, sunday);
  if (!lessons) return lessons.error();
  auto homework = store::homework_of_lessons(db, class_id, monday, sunday);
  if (!homework) return homework.error();
  week->lessons = std::move(*lessons);
  week->homework = std::move(*homework);
  for (const auto& l : week->lessons) week->lesson_ids.push_back(l.id);
  std::sort(week->lesson_ids.begin(), week->lesson_ids.end());
  week->canonical.reserve(week->lessons.size());
  for (const auto& l : week->lessons) {
    std::string part = l.uuid + '|' + l.topic + '|';
    for (const auto& h : week->homework)
      if (h.lesson_id == l.id) part.append(h.uuid).append(1, ':').append(h.revised_at).append(1, ',');
    week->canonical.push_back(std::move(part));
  }
  ctx.class_weeks->keep(class_id, monday, week);
  return std::shared_ptr<const ClassWeek>(std::move(week));
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
    return make_error(Errc::invalid_input, "term.malformed", "term must be a number such as 2", "term");
  for (const auto& t : s.terms)
    if (t.number == n) return t;
  return make_error(Errc::invalid_input, "term.not_in_year",
                    "this school's year has terms 1 to " + std::to_string(s.terms.size()) + "; term " +
                        std::to_string(n) + " does not exist",
                    "term");
}

MarkView mark_view(const store::SchoolSettings& s, store::MarkRecord&& m) {
  MarkView v;
  v.id = std::move(m.uuid);
  v.student_id = std::move(m.student_uuid);
  v.lesson_id = std::move(m.lesson_uuid);
  v.value = m.value;
  if (const auto* w = s.work_type(m.work_type_id)) {
    v.work_type = w->type.code;
    v.work_type_name = w->type.name;
    v.weight = w->type.weight;
  }
  v.comment = std::move(m.comment);
  v.teacher = std::move(m.teacher);
  v.created_at = std::move(m.created_at);
  v.updated_at = std::move(m.updated_at);
  return v;
}

MarkView mark_view(const store::SchoolSettings& s, const store::MarkRecord& m) { return mark_view(s, store::MarkRecord(m)); }

Result<DiaryWeekView> get_diary(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                std::string_view week_text) {
  auto week = domain::parse_iso_week(week_text);
  if (!week) return make_error(Errc::invalid_input, "date.week_malformed", "week must look like 2026-W48 (ISO year, W, week number)", "week");
  auto db = ctx.readers.acquire();
  auto student = visible_student(*db, actor, student_id);
  if (!student) return student.error();

  const auto monday = domain::monday_of(*week);
  const auto sunday = domain::add_days(monday, 6);
  DiaryWeekView view;
  view.week = domain::format_iso_week(*week);
  view.student = *student;
  const auto week_read = class_week(ctx, *db, student->class_id, monday);
  if (!week_read) return week_read.error();
  const auto& week_of_class = *week_read;
  const auto& lessons = week_of_class->lessons;
  auto marks = store::marks_of_student_on(*db, student->id, week_of_class->lesson_ids);
  if (!marks) return marks.error();
  const auto attendance = store::attendance_of_student_on(*db, student->id, week_of_class->lesson_ids);
  if (!attendance) return attendance.error();
  const auto dots = store::dots_of_student(*db, student->id, monday, sunday);
  if (!dots) return dots.error();
  const auto today = local_date(ctx, ctx.clock.now());
  view.class_week = week_of_class;
  std::string canonical;  // what the week's acknowledgement signs: every visible item, in order
  canonical.reserve(4096);
  for (int d = 0; d < 7; ++d) {
    const auto date = domain::add_days(monday, d);
    DiaryDayView day{domain::format_date(date), d + 1, {}};
    for (std::size_t i = 0; i < lessons.size(); ++i) {
      const auto& l = lessons[i];
      if (l.date != date) continue;
      if (l.group_no != 0 && l.group_no != student->group_no) continue;  // the other subgroup's lesson
      DiaryLessonView lv;
      lv.lesson = i;
      canonical += week_of_class->canonical[i];
      for (auto& m : *marks)
        if (m.lesson_id == l.id) {
          canonical.append(m.uuid).append(1, ':').append(std::to_string(m.value)).append(1, ':').append(m.updated_at).append(1, ',');
          m.lesson_uuid = l.uuid;
          m.student_uuid = student->uuid;
          lv.marks.push_back(mark_view(ctx.settings(), std::move(m)));  // each mark belongs to one lesson
        }
      for (const auto& dot : *dots)
        if (dot.lesson_id == l.id) {
          lv.dots.push_back({dot.uuid, domain::format_date(dot.dot.expires_on), domain::to_string(domain::dot_state_on(dot.dot, today))});
          canonical.append(lv.dots.back().id).append(1, ':').append(lv.dots.back().state).append(1, ',');
        }
      for (const auto& a : *attendance)
        if (a.lesson_id == l.id) {
          lv.attendance = a.presence;
          lv.late_minutes = a.late_minutes;
        }
      if (lv.attendance) canonical += domain::to_string(*lv.attendance);
      canonical += '\n';
      day.lessons.push_back(std::move(lv));
    }
    if (!day.lessons.empty() || d < 5) view.days.push_back(std::move(day));
  }
  view.content_hash = sha256_hex(canonical);
  auto acknowledged = store::acknowledgements_of(*db, student->id, view.week);
  if (!acknowledged) return acknowledged.error();
  view.acknowledged_at = std::move(*acknowledged);
  return view;
}

Result<GradesView> get_grades(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                              std::string_view term_text) {
  auto term = parse_term(ctx.settings(), term_text);
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
  if (!lessons) return lessons.error();
  const auto marks = store::marks_of_student(*db, student->id, student->class_id, term->start, term->end);
  if (!marks) return marks.error();
  const auto attendance = store::attendance_of_student(*db, student->id, student->class_id, term->start, term->end);
  if (!attendance) return attendance.error();
  const auto finals = store::term_grades_of(*db, student->id, term->number);
  if (!finals) return finals.error();
  std::map<Id, Id> subject_of_lesson;
  std::map<Id, domain::Date> date_of_lesson;
  std::map<Id, SubjectGradesView> by_subject;
  std::map<Id, std::vector<domain::Presence>> presences;
  std::map<Id, std::map<std::string, int>> lessons_given;  // subject → teacher → lessons
  for (const auto& l : *lessons) {
    subject_of_lesson[l.id] = l.subject_id;
    date_of_lesson[l.id] = l.date;
    by_subject[l.subject_id].subject = l.subject;
    ++lessons_given[l.subject_id][l.teacher];
  }
  for (const auto& m : *marks) {
    auto& g = by_subject[subject_of_lesson[m.lesson_id]];
    g.marks.push_back(mark_view(ctx.settings(), m));
    g.mark_dates.push_back(date_of_lesson[m.lesson_id]);
  }
  for (auto& [subject_id, teachers] : lessons_given)
    by_subject[subject_id].teacher =
        std::max_element(teachers.begin(), teachers.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  for (const auto& a : *attendance) presences[subject_of_lesson[a.lesson_id]].push_back(a.presence);
  for (auto& [subject_id, g] : by_subject) {
    const auto values = values_of(ctx.settings(), g.marks);
    g.average = domain::weighted_average(values);
    g.proposed = domain::propose_term_grade(values, ctx.settings().rounding, ctx.settings().scale);
    if (auto it = finals->find(subject_id); it != finals->end()) g.final_grade = it->second;
    g.absences = domain::count_absences(presences[subject_id]);
    view.subjects.push_back(std::move(g));
  }
  return view;
}

Result<JournalView> get_journal(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                std::string_view subject_uuid, std::string_view term_text) {
  auto term = parse_term(ctx.settings(), term_text);
  if (!term) return term.error();
  auto db = ctx.readers.acquire();
  auto class_found = is_uuid(class_uuid) ? store::id_by_uuid(*db, store::Table::classes, class_uuid)
                                         : Result<std::optional<Id>>(std::nullopt);
  if (!class_found) return class_found.error();
  if (!*class_found) return make_error(Errc::not_found, "class.not_found", "no such class; check the class id", "class_id");
  const Id class_id = **class_found;
  auto subject_found = is_uuid(subject_uuid) ? store::id_by_uuid(*db, store::Table::subjects, subject_uuid)
                                             : Result<std::optional<Id>>(std::nullopt);
  if (!subject_found) return subject_found.error();
  if (!*subject_found)
    return make_error(Errc::invalid_input, "subject.not_taught_in_class", "subject must be the id of a subject taught in this class", "subject");
  const Id subject_id = **subject_found;
  auto d = domain::decide(actor, domain::Action::read_class_journal, {0, class_id, subject_id});
  if (!d) return make_error(Errc::forbidden, "journal.not_your_class", d.reason);

  return assemble_journal(ctx, *db, class_id, subject_id, subject_uuid, *term, std::nullopt);
}

Result<JournalView> assemble_journal(Context& ctx, store::Db& db, Id class_id, Id subject_id, std::string_view subject_uuid,
                                     const domain::Term& term, std::optional<Id> only_lesson) {
  JournalView view;
  auto class_name = store::name_of_class(db, class_id);
  if (!class_name) return class_name.error();
  auto subject_name = store::name_of_subject(db, subject_id);
  if (!subject_name) return subject_name.error();
  view.class_name = std::move(*class_name);
  view.subject = std::move(*subject_name);
  view.term = term.number;
  view.subject_id = std::string(subject_uuid);
  const auto lessons = store::lessons_of_class(db, class_id, term.start, term.end, subject_id);
  if (!lessons) return lessons.error();
  std::map<Id, std::string> lesson_uuid;
  std::map<Id, std::size_t> column_of;
  for (const auto& l : *lessons) {
    if (only_lesson && l.id != *only_lesson) continue;
    column_of[l.id] = view.lessons.size();
    view.lessons.push_back({l.uuid, domain::format_date(l.date), l.period, l.topic, l.teacher, {}});
    lesson_uuid[l.id] = l.uuid;
  }
  const auto homework = store::homework_of_lessons(db, class_id, term.start, term.end);
  if (!homework) return homework.error();
  for (const auto& h : *homework)
    if (auto at = column_of.find(h.lesson_id); at != column_of.end()) view.lessons[at->second].homework.push_back(h);
  const auto dots = store::dots_of_class(db, class_id, subject_id, term.start, term.end);
  if (!dots) return dots.error();
  const auto finals = store::term_grades_of_class(db, class_id, subject_id, term.number);
  if (!finals) return finals.error();
  const auto today = local_date(ctx, ctx.clock.now());
  const auto marks = store::marks_of_class(db, class_id, subject_id, term.start, term.end);
  if (!marks) return marks.error();
  const auto attendance = store::attendance_of_class(db, class_id, subject_id, term.start, term.end);
  if (!attendance) return attendance.error();
  // What OneRoster clients' results made here: the source beside each such mark, and excusals.
  const auto client_scores = store::client_scores_of_class(db, class_id, subject_id, term.start, term.end);
  if (!client_scores) return client_scores.error();
  std::map<Id, const store::ClientScore*> source_of_mark;
  for (const auto& c : *client_scores)
    if (c.mark_id) source_of_mark[*c.mark_id] = &c;
  // The class as it is today, or as it ended the term: a pupil who left drops out of the journal;
  // their marks stay in their own diary and history.
  const auto pupils = store::students_of_class(db, class_id, std::min(today, term.end));
  if (!pupils) return pupils.error();
  for (const auto& s : *pupils) {
    JournalView::Row row;
    row.student = s;
    for (const auto& m : *marks) {
      if (m.student_id != s.id || !lesson_uuid.count(m.lesson_id)) continue;
      auto v = mark_view(ctx.settings(), m);
      if (auto src = source_of_mark.find(m.id); src != source_of_mark.end())
        v.source = MarkSource{src->second->client_name, src->second->title, src->second->score, src->second->result_max,
                              src->second->overridden};
      row.marks.push_back(std::move(v));
    }
    for (const auto& c : *client_scores)
      if (c.exempt && c.student_id == s.id && lesson_uuid.count(c.lesson_id))
        row.excused.push_back({lesson_uuid[c.lesson_id], c.client_name, c.title});
    for (const auto& a : *attendance)
      if (a.student_id == s.id && a.presence != domain::Presence::present && lesson_uuid.count(a.lesson_id))
        row.absences.push_back({lesson_uuid[a.lesson_id], a.presence, a.late_minutes});
    for (const auto& d : *dots)
      if (d.student_id == s.id && lesson_uuid.count(d.dot.lesson_id))
        row.dots.push_back({lesson_uuid[d.dot.lesson_id],
                            {d.dot.uuid, domain::format_date(d.dot.dot.expires_on), domain::to_string(domain::dot_state_on(d.dot.dot, today))}});
    // One lesson's journal (a substitute's) shows nothing of the term beyond that lesson.
    if (!only_lesson) {
      if (auto f = finals->find(s.id); f != finals->end()) row.final_grade = f->second;
      const auto values = values_of(ctx.settings(), row.marks);
      row.average = domain::weighted_average(values);
      row.proposed = domain::propose_term_grade(values, ctx.settings().rounding, ctx.settings().scale);
    }
    view.rows.push_back(std::move(row));
  }
  return view;
}

}  // namespace classbook::app
