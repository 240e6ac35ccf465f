// class_documents: the class's lessons, pupils, attendance and marks put in the paper's words and
// drawn by docs/attendance_report and docs/class_journal.
#include "app/class_documents.hpp"

#include <map>
#include <set>

#include "app/document_words.hpp"
#include "app/reads.hpp"
#include "app/report_card.hpp"
#include "app/school_days.hpp"
#include "docs/attendance_report.hpp"
#include "docs/class_journal.hpp"
#include "domain/calendar.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"
#include "store/roster.hpp"

namespace classbook::app {
namespace {

// The paper journal's letters: "н" unexcused, "уп" excused, "б" ill, "оп10" late ten minutes.
std::string letter(domain::Presence p, int late_minutes) {
  switch (p) {
    case domain::Presence::absent_unexcused: return "н";
    case domain::Presence::absent_excused: return "уп";
    case domain::Presence::absent_illness: return "б";
    case domain::Presence::late: return "оп" + std::to_string(late_minutes);
    case domain::Presence::present: return "";
  }
  return "";
}

// The class by its id, and whether the actor may print its records (of `subject_id`, for a journal).
Result<Id> printable_class(store::Db& db, const domain::Actor& actor, std::string_view class_uuid, Id subject_id) {
  auto found = store::id_by_uuid(db, store::Table::classes, class_uuid);
  if (!found) return found.error();
  if (!*found) return make_error(Errc::not_found, "class.not_found", "no such class; GET /api/v1/classes lists the classes", "class_id");
  domain::Target t;
  t.class_id = **found;
  t.subject_id = subject_id;
  if (auto d = domain::decide(actor, domain::Action::print_class_records, t); !d)
    return make_error(Errc::forbidden, "class_documents.not_allowed", d.reason, "class_id");
  return **found;
}

}  // namespace

Result<IssuedPdf> attendance_report(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                    std::string_view from_text, std::string_view to_text) {
  if (from_text.empty() || to_text.empty())
    return make_error(Errc::invalid_input, "date.malformed",
                      "a report needs its period: from and to, such as from=2026-12-01&to=2026-12-07",
                      from_text.empty() ? "from" : "to");
  auto days = parse_school_days(from_text, to_text, local_date(ctx, ctx.clock.now()), max_attendance_report_days);
  if (!days) return days.error();
  auto db = ctx.readers.acquire();
  auto class_id = printable_class(*db, actor, class_uuid, 0);
  if (!class_id) return class_id.error();
  auto klass = store::find_class(*db, *class_id, days->to);
  if (!klass) return klass.error();
  if (!*klass) return make_error(Errc::not_found, "class.not_found", "no such class; GET /api/v1/classes lists the classes", "class_id");
  auto lessons = store::lessons_of_class(*db, *class_id, days->from, days->to);
  if (!lessons) return lessons.error();
  auto pupils = store::pupils_of_class(*db, *class_id, days->to, true);
  if (!pupils) return pupils.error();

  docs::AttendanceReport r;
  r.school = ctx.settings().name;
  r.class_name = (*klass)->name;
  r.class_teacher = (*klass)->class_teacher_name;
  r.period = dotted(domain::format_date(days->from)) + " — " + dotted(domain::format_date(days->to));
  r.made_at = local_text(ctx, ctx.clock.now());
  std::map<Id, const store::LessonRecord*> lesson_of;
  std::set<domain::Date> school_days;
  for (const auto& l : *lessons) {
    if (l.cancelled) continue;
    lesson_of[l.id] = &l;
    school_days.insert(l.date);
    ++r.lessons;
  }
  r.school_days = static_cast<int>(school_days.size());
  const auto from_iso = domain::format_date(days->from);
  for (const auto& p : *pupils) {
    if (p.left_on && *p.left_on < from_iso) continue;  // gone before the period began
    auto attendance = store::attendance_of_student(*db, p.id, *class_id, days->from, days->to);
    if (!attendance) return attendance.error();
    docs::AttendanceRow row;
    row.pupil = p.last_name + " " + p.first_name;
    // Per day: the lessons the pupil had (the class's and the pupil's group's) and those missed.
    std::map<domain::Date, int> had;
    for (const auto& [id, l] : lesson_of)
      if (l->group_no == 0 || l->group_no == p.group_no) ++had[l->date];
    std::map<domain::Date, std::map<std::string, int>> missed;  // day → letter → lessons
    std::map<domain::Date, int> missed_on;
    for (const auto& a : *attendance) {
      auto l = lesson_of.find(a.lesson_id);
      if (l == lesson_of.end()) continue;
      if (a.presence == domain::Presence::late) {
        ++row.late_count;
        row.late_minutes += a.late_minutes;
      } else if (domain::is_absence(a.presence)) {
        ++row.lessons_missed;
        if (domain::is_excused(a.presence)) ++row.lessons_excused;
        ++missed[l->second->date][letter(a.presence, 0)];
        ++missed_on[l->second->date];
      }
    }
    for (const auto& [day, n] : missed_on)
      if (n >= had[day] && had[day] > 0) ++row.days_absent;
    for (const auto& [day, letters] : missed) {
      if (!row.dates.empty()) row.dates += ", ";
      row.dates += day_month(domain::format_date(day));
      for (const auto& [l, n] : letters) row.dates += " " + l + "(" + std::to_string(n) + ")";
    }
    r.rows.push_back(std::move(row));
  }
  auto pdf = docs::attendance_report_pdf(r);
  if (!pdf) return pdf.error();
  return IssuedPdf{std::move(*pdf),
                   "attendance-" + domain::format_date(days->from) + "-" + domain::format_date(days->to) + ".pdf", ""};
}

Result<IssuedPdf> class_journal(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                std::string_view subject_uuid, std::string_view term_text) {
  if (term_text.empty())
    return make_error(Errc::invalid_input, "term.malformed", "say which term: term=1, 2, … (GET /api/v1/school lists the terms)",
                      "term");
  auto term = parse_term(ctx.settings(), term_text);
  if (!term) return term.error();
  auto db = ctx.readers.acquire();
  auto subject = store::id_by_uuid(*db, store::Table::subjects, subject_uuid);
  if (!subject) return subject.error();
  if (!*subject)
    return make_error(Errc::invalid_input, "subject.not_taught_in_class",
                      "subject must be the id of a subject taught in this class (GET /api/v1/classes/{id}/teaching)", "subject");
  auto class_id = printable_class(*db, actor, class_uuid, **subject);
  if (!class_id) return class_id.error();
  auto view = assemble_journal(ctx, *db, *class_id, **subject, subject_uuid, *term, std::nullopt);
  if (!view) return view.error();

  docs::ClassJournal j;
  j.school = ctx.settings().name;
  j.class_name = view->class_name;
  j.subject = view->subject;
  j.term = term_name(ctx.settings(), term->number) + " (" + dotted(domain::format_date(term->start)) + " — " +
           dotted(domain::format_date(term->end)) + ")";
  j.made_at = local_text(ctx, ctx.clock.now());
  std::map<std::string, int> lessons_given;
  std::map<std::string, std::size_t> column_of;
  for (const auto& l : view->lessons) {
    column_of[l.lesson_id] = j.lessons.size();
    std::string homework;
    for (const auto& h : l.homework) homework += (homework.empty() ? "" : "; ") + h.text;
    j.lessons.push_back({day_month(l.date), l.topic, homework});
    ++lessons_given[l.teacher];
  }
  for (const auto& [name, n] : lessons_given)
    if (j.teacher.empty() || n > lessons_given[j.teacher]) j.teacher = name;
  for (const auto& row : view->rows) {
    docs::JournalPupilRow out;
    out.pupil = row.student.full_name;
    out.cells.assign(j.lessons.size(), "");
    for (const auto& m : row.marks)
      if (auto c = column_of.find(m.lesson_id); c != column_of.end())
        out.cells[c->second] += (out.cells[c->second].empty() ? "" : "/") + std::to_string(m.value);
    for (const auto& a : row.absences)
      if (auto c = column_of.find(a.lesson_id); c != column_of.end())
        out.cells[c->second] += (out.cells[c->second].empty() ? "" : " ") + letter(a.presence, a.late_minutes);
    for (const auto& d : row.dots)
      if (auto c = column_of.find(d.lesson_id); c != column_of.end() && d.dot.state == "open")
        out.cells[c->second] += (out.cells[c->second].empty() ? "" : " ") + std::string("•");
    out.average = average_text(row.average);
    out.term_grade = row.final_grade ? std::to_string(*row.final_grade) : "";
    j.pupils.push_back(std::move(out));
  }
  auto pdf = docs::class_journal_pdf(j);
  if (!pdf) return pdf.error();
  return IssuedPdf{std::move(*pdf), "journal-term-" + std::to_string(term->number) + ".pdf", ""};
}

}  // namespace classbook::app
