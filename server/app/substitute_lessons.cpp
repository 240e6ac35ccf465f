// substitute_lessons: a substitute's lessons, found by who gave them, and each lesson's own sheet.
#include "app/substitute_lessons.hpp"

#include <algorithm>

#include "classbook/common/crypto.hpp"
#include "app/reads.hpp"
#include "app/writes.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

bool teaches(const domain::Actor& a, Id class_id, Id subject_id) {
  return std::any_of(a.teaches.begin(), a.teaches.end(),
                     [&](const domain::Teaching& t) { return t.class_id == class_id && t.subject_id == subject_id; });
}

// The term a lesson falls in; a lesson outside every term (a holiday make-up) stands alone.
domain::Term term_of(const store::SchoolSettings& s, domain::Date day) {
  for (const auto& t : s.terms)
    if (!(day < t.start) && !(t.end < day)) return t;
  return domain::Term{0, day, day};
}

}  // namespace

Result<std::vector<SubstituteLessonView>> substitute_lessons(Context& ctx, const domain::Actor& actor,
                                                             std::string_view term_text) {
  auto term = parse_term(ctx.settings(), term_text);
  if (!term) return term.error();
  if (actor.role != domain::Role::teacher)
    return make_error(Errc::forbidden, "substitute.teachers_only", "Only teachers take lessons as a substitute.");
  auto db = ctx.readers.acquire();
  auto given = store::lessons_given_by(*db, actor.person_id, term->start, term->end);
  if (!given) return given.error();
  const auto when = journal_clock(ctx);
  std::vector<SubstituteLessonView> out;
  for (auto& g : *given) {
    const auto& l = g.lesson;
    if (teaches(actor, l.class_id, l.subject_id)) continue;  // the teacher's own journal has it
    auto target = journal_target(*db, actor, when, 0, l.class_id, l.subject_id, &l);
    if (!target) return target.error();
    out.push_back({l.uuid, domain::format_date(l.date), l.period, g.class_uuid, g.class_name, g.subject_uuid,
                   l.subject, l.topic, static_cast<bool>(domain::decide(actor, domain::Action::write_class_journal, *target))});
  }
  return out;
}

Result<JournalView> lesson_journal(Context& ctx, const domain::Actor& actor, std::string_view lesson_uuid) {
  const auto no_lesson = make_error(Errc::not_found, "lesson.not_found", "no such lesson; check the lesson id", "lesson_id");
  if (!is_uuid(lesson_uuid)) return no_lesson;
  auto db = ctx.readers.acquire();
  auto id = store::lesson_by_uuid(*db, lesson_uuid);
  if (!id) return id.error();
  if (!*id) return no_lesson;
  auto found = store::find_lesson(*db, **id);
  if (!found) return found.error();
  if (!*found) return no_lesson;
  const auto& l = **found;
  // Whoever reads the class's journal reads the lesson; the teacher who gave it, while they may
  // still write in it (the policy's grace period after the lesson).
  if (!domain::decide(actor, domain::Action::read_class_journal, {0, l.class_id, l.subject_id})) {
    auto target = journal_target(*db, actor, journal_clock(ctx), 0, l.class_id, l.subject_id, &l);
    if (!target) return target.error();
    if (auto d = domain::decide(actor, domain::Action::write_class_journal, *target); !d)
      return make_error(Errc::forbidden, "lesson.not_your_lesson", d.reason);
  }
  auto subject_uuid = store::uuid_of(*db, store::Table::subjects, l.subject_id);
  if (!subject_uuid) return subject_uuid.error();
  return assemble_journal(ctx, *db, l.class_id, l.subject_id, *subject_uuid, term_of(ctx.settings(), l.date), l.id);
}

}  // namespace classbook::app
