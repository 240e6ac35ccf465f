// grading: term grades and dots as writer jobs with their audit and outbox rows.
#include "app/grading.hpp"

#include <boost/json.hpp>

#include "app/found.hpp"
#include "app/live_changes.hpp"
#include "app/reads.hpp"
#include "app/writes.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/dot.hpp"
#include "store/diary.hpp"
#include "store/dots.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;

namespace {
constexpr store::Id system_actor = 0;  // the server's own housekeeping in the audit trail
}  // namespace

void set_term_grade(Context& ctx, const domain::Actor& actor, TermGradeInput in, Reply<TermGradeResult> reply) {
  if (auto msg = domain::check_mark_value(in.grade, ctx.settings().scale)) return reply(make_error(Errc::invalid_input, "term_grade.out_of_scale", *msg, "grade"));
  auto term = parse_term(ctx.settings(), std::to_string(in.term));
  if (!term) return reply(term.error());
  submit<TermGradeResult>(ctx, [&ctx, actor, in, term = *term, when = journal_clock(ctx)](WriteContext& w) -> Result<TermGradeResult> {
    auto pupil = pupil_for(w.db, in.student_id, make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the student id", "student_id"));
    if (!pupil) return pupil.error();
    auto subject = id_for(w.db, Table::subjects, in.subject_id,
                          make_error(Errc::not_found, "subject.not_found", "no such subject; check the subject id", "subject_id"));
    if (!subject) return subject.error();
    auto target = journal_target(w.db, actor, when, pupil->id, pupil->class_id, *subject, nullptr);
    if (!target) return target.error();
    if (auto d = domain::decide(actor, domain::Action::write_class_journal, *target); !d)
      return make_error(Errc::forbidden, "journal.not_your_class", d.reason);
    // The proposal at the moment of confirming is kept beside the grade: an override stays visible.
    std::vector<domain::MarkValue> values;
    const auto marks = store::marks_of_class(w.db, pupil->class_id, *subject, term.start, term.end);
    if (!marks) return marks.error();
    for (const auto& m : *marks)
      if (m.student_id == pupil->id)
        if (const auto* wt = ctx.settings().work_type(m.work_type_id)) values.push_back({m.value, wt->type.weight, wt->type.rank});
    auto proposal = domain::propose_term_grade(values, ctx.settings().rounding, ctx.settings().scale);
    TermGradeResult r{in.grade, proposal ? std::optional<int>(proposal->grade) : std::nullopt, proposal && proposal->grade != in.grade};
    const auto old = store::find_term_grade(w.db, pupil->id, *subject, term.number);
    if (!old) return old.error();
    std::string uuid = new_uuid(), before = "{}";
    if (*old) {
      uuid = (*old)->uuid;
      before = json::serialize(json::object{{"grade", (*old)->grade}});
    }
    if (auto s = store::put_term_grade(w.db, pupil->id, *subject, term.number, uuid, in.grade, r.proposed, actor.user_id,
                                       w.now_text);
        !s)
      return s.error();
    const auto after = json::serialize(json::object{{"student", pupil->uuid}, {"subject", in.subject_id}, {"term", term.number},
                                                    {"grade", in.grade}, {"proposed", r.proposed ? json::value(*r.proposed) : nullptr}});
    w.audit(actor.user_id, "term_grade", uuid, before == "{}" ? "create" : "update", before, after);
    w.outbox("term_grade", uuid, "upsert", after);
    live::pupil(w, "term_grade", *pupil, {{"subject_id", in.subject_id}, {"term", term.number}});
    return r;
  }, std::move(reply));
}

void put_dot(Context& ctx, const domain::Actor& actor, DotInput in, Reply<DotResult> reply) {
  auto expires = domain::parse_date(in.expires_on);
  if (!expires) return reply(make_error(Errc::invalid_input, "date.malformed", "expires_on must be a date like 2026-12-04", "expires_on"));
  submit<DotResult>(ctx, [actor, in, expires = *expires, when = journal_clock(ctx)](WriteContext& w) -> Result<DotResult> {
    auto lesson = lesson_for(w.db, in.lesson_id, make_error(Errc::not_found, "lesson.not_found", "no such lesson; check the lesson id", "lesson_id"));
    if (!lesson) return lesson.error();
    auto target = journal_target(w.db, actor, when, 0, lesson->class_id, lesson->subject_id, &*lesson);
    if (!target) return target.error();
    if (auto d = domain::decide(actor, domain::Action::write_class_journal, *target); !d)
      return make_error(Errc::forbidden, "lesson.not_your_lesson", d.reason);
    const auto not_in_class = make_error(Errc::invalid_input, "lesson.pupil_not_in_class", "the pupil is not in the class of this lesson", "student_id");
    auto pupil = pupil_for(w.db, in.student_id, not_in_class);
    if (!pupil) return pupil.error();
    if (pupil->class_id != lesson->class_id) return not_in_class;
    if (auto msg = domain::check_dot_expiry(lesson->date, expires)) return make_error(Errc::invalid_input, "dot.expiry_invalid", *msg, "expires_on");
    DotResult r{new_uuid(), domain::format_date(expires), "open"};
    if (auto s = store::insert_dot(w.db, r.id, pupil->id, lesson->id, lesson->date, r.expires_on, actor.user_id); !s)
      return s.error();
    w.audit(actor.user_id, "dot", r.id, "create", "{}",
            json::serialize(json::object{{"id", r.id}, {"student", pupil->uuid}, {"lesson", lesson->uuid},
                                         {"expires_on", r.expires_on}, {"state", r.state}}));
    live::pupil(w, "dot", *pupil, {{"dot_id", r.id}, {"lesson_id", lesson->uuid}, {"date", domain::format_date(lesson->date)}});
    return r;
  }, std::move(reply));
}

void cancel_dot(Context& ctx, const domain::Actor& actor, std::string dot_id, Reply<Ok> reply) {
  submit<Ok>(ctx, [actor, dot_id, when = journal_clock(ctx)](WriteContext& w) -> Result<Ok> {
    const auto found = store::find_dot(w.db, dot_id);
    if (!found) return found.error();
    if (!*found) return make_error(Errc::not_found, "dot.not_found", "no such dot", "dot_id");
    const auto& dot = **found;
    auto lesson_read = store::find_lesson(w.db, dot.lesson_id);
    if (!lesson_read) return lesson_read.error();
    if (!*lesson_read) return make_error(Errc::internal, "store.inconsistent", "the dot's lesson is missing");
    const auto& lesson = **lesson_read;
    auto target = journal_target(w.db, actor, when, 0, lesson.class_id, lesson.subject_id, &lesson);
    if (!target) return target.error();
    if (auto d = domain::decide(actor, domain::Action::write_class_journal, *target); !d)
      return make_error(Errc::forbidden, "lesson.not_your_lesson", d.reason);
    if (dot.state != "open")
      return make_error(Errc::conflict, "dot.not_open", "this dot is already " + dot.state + "; only an open dot can be cancelled");
    auto closed = store::close_open_dot(w.db, dot.id, "cancelled");
    if (!closed) return closed.error();
    if (*closed) w.audit(actor.user_id, "dot", **closed, "cancel", R"({"state":"open"})", R"({"state":"cancelled"})");
    auto pupil = store::student_brief(w.db, dot.student_id);
    if (!pupil) return pupil.error();
    if (*pupil) live::pupil(w, "dot", **pupil, {{"dot_id", dot_id}, {"lesson_id", lesson.uuid}, {"date", domain::format_date(lesson.date)}});
    return Ok{};
  }, std::move(reply));
}

Status convert_dots(WriteContext& w, store::Id actor_user, store::Id student_id, store::Id lesson_id, store::Id mark_id,
                    const std::string& mark_uuid) {
  auto converted = store::convert_open_dots(w.db, student_id, lesson_id, mark_id);
  if (!converted) return converted.error();
  for (const auto& uuid : *converted)
    w.audit(actor_user, "dot", uuid, "convert", R"({"state":"open"})",
            json::serialize(json::object{{"state", "converted"}, {"mark", mark_uuid}}));
  return ok_status();
}

void expire_dots(Context& ctx, Reply<int> reply) {
  const auto today = local_date(ctx, ctx.clock.now());
  const auto terms = ctx.settings().terms;
  submit<int>(ctx, [today, terms](WriteContext& w) -> Result<int> {
    auto open = store::open_dots(w.db);
    if (!open) return open.error();
    auto& dots = *open;
    std::vector<long long> changed;
    for (auto& d : dots)
      if (domain::dot_state_on(d, today) == domain::DotState::expired) {
        d.state = domain::DotState::expired;
        changed.push_back(d.id);
      }
    for (const auto& t : terms)
      if (t.end < today)
        for (auto id : domain::resolve_open_dots_at_term_end(dots, t.end)) changed.push_back(id);
    int expired = 0;
    for (auto id : changed) {
      auto closed = store::close_open_dot(w.db, id, "expired");
      if (!closed) return closed.error();
      if (!*closed) continue;  // listed twice (past its date and its term) or no longer open
      w.audit(system_actor, "dot", **closed, "expire", R"({"state":"open"})", R"({"state":"expired"})");
      ++expired;
    }
    return expired;
  }, std::move(reply));
}

}  // namespace classbook::app
