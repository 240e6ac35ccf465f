// writes: validation, policy and the writer job of every journal change.
#include "app/writes.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <memory>

#include "app/found.hpp"
#include "app/grading.hpp"
#include "app/live_changes.hpp"
#include "app/notices_mail.hpp"
#include "app/reads.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "store/diary.hpp"
#include "store/history.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/teaching_ended.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;

namespace {

std::optional<Error> check_text(std::string_view text, std::size_t max_chars, const char* field,
                                const char* what, bool required = false) {
  std::size_t n = 0;
  if (!utf8_length(text, n))
    return make_error(Errc::invalid_input, "text.not_utf8", std::string(what) + " is not valid UTF-8 text", field);
  if (n > max_chars)
    return make_error(Errc::invalid_input, "text.too_long",
                      std::string(what) + " is too long: at most " + std::to_string(max_chars) + " characters", field);
  if (required && text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(Errc::invalid_input, "text.required", std::string(what) + " is required", field);
  return std::nullopt;
}

Error no_lesson() { return make_error(Errc::not_found, "lesson.not_found", "no such lesson; check the lesson id", "lesson_id"); }

// May the actor write into this lesson's journal now?
Status check_lesson_write(store::Db& db, const domain::Actor& actor, const JournalClock& when, const store::LessonRecord& l) {
  auto target = journal_target(db, actor, when, 0, l.class_id, l.subject_id, &l);
  if (!target) return target.error();
  if (auto d = domain::decide(actor, domain::Action::write_class_journal, *target); !d)
    return make_error(Errc::forbidden, "lesson.not_your_lesson", d.reason);
  return ok_status();
}

// The lesson and the permission to write into its journal.
Result<store::LessonRecord> writable_lesson(store::Db& db, const domain::Actor& actor, const JournalClock& when,
                                            std::string_view uuid) {
  auto lesson = lesson_for(db, uuid, no_lesson());
  if (!lesson) return lesson.error();
  if (auto s = check_lesson_write(db, actor, when, *lesson); !s) return s.error();
  return *lesson;
}

Result<store::StudentBrief> pupil_of_lesson(store::Db& db, std::string_view uuid, const store::LessonRecord& l) {
  auto brief = pupil_for(db, uuid, make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the student id", "student_id"));
  if (!brief) return brief.error();
  if (brief->class_id != l.class_id)
    return make_error(Errc::invalid_input, "lesson.pupil_not_in_class", brief->name + " is not in the class of this lesson", "student_id");
  return *brief;
}

std::string attendance_json(const std::string& lesson, const std::string& student, domain::Presence p, int late) {
  return json::serialize(json::object{{"lesson", lesson}, {"student", student},
                                      {"presence", domain::to_string(p)}, {"late_minutes", late}});
}

// Writes one attendance value with its audit and outbox rows; no-op when nothing changes.
Status write_attendance(WriteContext& w, Id actor_user, const store::LessonRecord& l, const store::StudentBrief& s,
                        domain::Presence presence, int late) {
  const auto before_read = store::find_attendance(w.db, l.id, s.id);
  if (!before_read) return before_read.error();
  const auto& before = *before_read;
  if (before && before->presence == presence && before->late_minutes == late) return ok_status();
  if (!before && presence == domain::Presence::present) return ok_status();
  if (auto st = store::put_attendance(w.db, {l.id, s.id, presence, late}, actor_user, w.now_text); !st) return st;
  const auto after = attendance_json(l.uuid, s.uuid, presence, late);
  w.audit(actor_user, "attendance", l.uuid + "/" + s.uuid, before ? "update" : "create",
          before ? attendance_json(l.uuid, s.uuid, before->presence, before->late_minutes) : "{}", after);
  w.outbox("attendance", l.uuid + "/" + s.uuid, "upsert", after);
  return ok_status();
}

Status tell_of_pupil(WriteContext& w, std::string kind, Id student_id, json::object data) {
  auto pupil = store::student_brief(w.db, student_id);
  if (!pupil) return pupil.error();
  if (*pupil) live::pupil(w, std::move(kind), **pupil, std::move(data));
  return ok_status();
}

Status tell_of_mark(WriteContext& w, Id student_id, json::object data) { return tell_of_pupil(w, "mark", student_id, std::move(data)); }

}  // namespace

std::string mark_json(const MarkView& m) {
  return json::serialize(json::object{{"id", m.id}, {"student", m.student_id}, {"lesson", m.lesson_id},
                                      {"value", m.value}, {"work_type", m.work_type}, {"weight", m.weight},
                                      {"comment", m.comment}});
}

json::object mark_news(const std::string& mark_id, const char* action, const store::LessonRecord& l) {
  return {{"mark_id", mark_id}, {"action", action}, {"lesson_id", l.uuid}, {"date", domain::format_date(l.date)}};
}

JournalClock journal_clock(const Context& ctx) {
  return {local_date(ctx, ctx.clock.now()), ctx.settings().journal_grace_days};
}

Result<domain::Target> journal_target(store::Db& db, const domain::Actor& actor, const JournalClock& when,
                                      store::Id student_id, store::Id class_id, store::Id subject_id,
                                      const store::LessonRecord* lesson) {
  domain::Target t{student_id, class_id, subject_id, lesson ? lesson->teacher_id : 0};
  if (lesson) t.lesson_date = lesson->date;
  t.today = when.today;
  t.grace_days = when.grace_days;
  if (actor.role == domain::Role::teacher) {
    auto ended = store::teaching_ended_on(db, actor.person_id, class_id, subject_id);
    if (!ended) return ended.error();
    t.assignment_ended_on = *ended;
  }
  return t;
}

bool utf8_length(std::string_view s, std::size_t& out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? c : c & (0xff >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return false;
    i += len;
    ++n;
  }
  out = n;
  return true;
}

std::optional<std::string> normalise_card(std::string_view card) {
  while (!card.empty() && std::isspace(static_cast<unsigned char>(card.front()))) card.remove_prefix(1);
  while (!card.empty() && std::isspace(static_cast<unsigned char>(card.back()))) card.remove_suffix(1);
  if (card.empty() || card.size() > max_card_chars) return std::nullopt;
  std::string out;
  for (char c : card) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

namespace {
// The mark an earlier POST with this id made, when it is the caller's own for the same pupil and
// lesson; none when the id is new. Nothing is written: the first POST wrote the audit and outbox.
Result<std::optional<MarkView>> replayed_mark(const Context& ctx, WriteContext& w, const domain::Actor& actor, const NewMark& in) {
  auto owner = store::mark_owner(w.db, in.id);
  if (!owner) return owner.error();
  if (!*owner) return std::optional<MarkView>();
  const auto taken = make_error(Errc::conflict, "mark.id_taken", "this id belongs to another mark; leave id out or make a new UUID for each new mark", "id");
  if ((*owner)->set_by != actor.user_id) return taken;
  if (!(*owner)->current_value)
    return make_error(Errc::conflict, "mark.id_deleted", "the mark saved with this id was deleted since; make a new UUID to put a mark again", "id");
  auto saved = store::find_mark(w.db, (*owner)->id);
  if (!saved) return saved.error();
  if (!*saved || (*saved)->student_uuid != in.student_id || (*saved)->lesson_uuid != in.lesson_id) return taken;
  return std::optional<MarkView>(mark_view(ctx.settings(), std::move(**saved)));
}
}  // namespace

void put_mark(Context& ctx, const domain::Actor& actor, NewMark in, Reply<SavedMark> reply) {
  if (auto msg = domain::check_mark_value(in.value, ctx.settings().scale))
    return reply(make_error(Errc::invalid_input, "mark.value_out_of_scale", *msg, "value"));
  const auto* wt = ctx.settings().work_type(in.work_type);
  if (!wt) {
    std::string known;
    for (const auto& w : ctx.settings().work_types) known += (known.empty() ? "" : ", ") + w.type.code;
    return reply(make_error(Errc::invalid_input, "mark.work_type_unknown", "unknown work type '" + in.work_type + "'; use one of: " + known, "work_type"));
  }
  if (auto e = check_text(in.comment, max_comment_chars, "comment", "the comment")) return reply(*e);
  if (!in.id.empty() && !is_uuid(in.id))
    return reply(make_error(Errc::invalid_input, "mark.id_malformed", "id must be a UUID the app made for this new mark, or left out", "id"));
  const Id work_type_id = wt->id;
  submit<SavedMark>(ctx, [&ctx, actor, in = std::move(in), work_type_id, when = journal_clock(ctx)](WriteContext& w) -> Result<SavedMark> {
    if (!in.id.empty()) {
      // Looked up before the rights: a teacher whose answer was lost gets their own mark back even
      // if the lesson closed meanwhile. Nobody else's mark is told of (the same refusal either way).
      auto replay = replayed_mark(ctx, w, actor, in);
      if (!replay) return replay.error();
      if (*replay) return SavedMark{std::move(**replay), false};
    }
    auto lesson = writable_lesson(w.db, actor, when, in.lesson_id);
    if (!lesson) return lesson.error();
    auto pupil = pupil_of_lesson(w.db, in.student_id, *lesson);
    if (!pupil) return pupil.error();
    store::MarkRecord m{0, in.id.empty() ? new_uuid() : in.id, pupil->id, lesson->id, in.value, work_type_id, in.comment,
                        actor.user_id, "", w.now_text, w.now_text};
    auto id = store::insert_mark(w.db, m);
    if (!id) return id.error();
    m.id = *id;
    if (auto s = convert_dots(w, actor.user_id, pupil->id, lesson->id, m.id, m.uuid); !s) return s.error();
    auto saved = store::find_mark(w.db, m.id);
    if (!saved) return saved.error();
    if (!*saved) return make_error(Errc::internal, "store.row_vanished", "the mark vanished after it was written");
    MarkView v = mark_view(ctx.settings(), **saved);
    const auto after = mark_json(v);
    w.audit(actor.user_id, "mark", v.id, "create", "{}", after);
    w.outbox("mark", v.id, "upsert", after);
    live::pupil(w, "mark", *pupil, mark_news(v.id, "create", *lesson));
    if (auto s = notices::mark_given(ctx, w, *lesson, *pupil, v.id, v.value, v.work_type_name); !s) return s.error();
    return SavedMark{std::move(v), true};
  }, std::move(reply));
}

namespace {
Result<std::pair<store::MarkRecord, store::LessonRecord>> writable_mark(store::Db& db, const domain::Actor& actor,
                                                                        const JournalClock& when, std::string_view uuid) {
  const auto no_mark = make_error(Errc::not_found, "mark.not_found", "no such mark; it may have been deleted", "mark_id");
  if (!is_uuid(uuid)) return no_mark;
  auto id = store::mark_by_uuid(db, uuid);
  if (!id) return id.error();
  if (!*id) return no_mark;
  auto mark_read = store::find_mark(db, **id);
  if (!mark_read) return mark_read.error();
  if (!*mark_read) return no_mark;
  const auto& mark = *mark_read;
  auto lesson_read = store::find_lesson(db, mark->lesson_id);
  if (!lesson_read) return lesson_read.error();
  if (!*lesson_read) return make_error(Errc::internal, "store.inconsistent", "the mark's lesson is missing");
  const auto& lesson = *lesson_read;
  if (auto s = check_lesson_write(db, actor, when, *lesson); !s) return s.error();
  return std::pair{*mark, *lesson};
}
}  // namespace

void edit_mark(Context& ctx, const domain::Actor& actor, MarkChange in, Reply<MarkView> reply) {
  if (auto e = check_text(in.reason, max_reason_chars, "reason", "the reason for the change", true)) return reply(*e);
  if (in.value)
    if (auto msg = domain::check_mark_value(*in.value, ctx.settings().scale))
      return reply(make_error(Errc::invalid_input, "mark.value_out_of_scale", *msg, "value"));
  std::optional<Id> work_type_id;
  if (in.work_type) {
    const auto* wt = ctx.settings().work_type(*in.work_type);
    if (!wt) return reply(make_error(Errc::invalid_input, "mark.work_type_unknown", "unknown work type '" + *in.work_type + "'", "work_type"));
    work_type_id = wt->id;
  }
  if (in.comment)
    if (auto e = check_text(*in.comment, max_comment_chars, "comment", "the comment")) return reply(*e);
  submit<MarkView>(ctx, [&ctx, actor, in = std::move(in), work_type_id, when = journal_clock(ctx)](WriteContext& w) -> Result<MarkView> {
    auto found = writable_mark(w.db, actor, when, in.mark_id);
    if (!found) return found.error();
    const auto& before = found->first;
    auto after = before;
    if (in.value) after.value = *in.value;
    if (work_type_id) after.work_type_id = *work_type_id;
    if (in.comment) after.comment = *in.comment;
    const auto before_json = mark_json(mark_view(ctx.settings(), before));
    if (auto s = store::replace_mark(w.db, before, after, actor.user_id, w.now_text, in.reason); !s) return s.error();
    auto saved = store::find_mark(w.db, before.id);
    if (!saved) return saved.error();
    if (!*saved) return make_error(Errc::internal, "store.row_vanished", "the mark vanished after it was changed");
    MarkView v = mark_view(ctx.settings(), **saved);
    const auto after_json = mark_json(v);
    w.audit(actor.user_id, "mark", v.id, "update", before_json,
            json::serialize(json::object{{"mark", json::parse(after_json)}, {"reason", in.reason}}));
    w.outbox("mark", v.id, "upsert", after_json);
    if (auto s = tell_of_mark(w, before.student_id, mark_news(v.id, "update", found->second)); !s) return s.error();
    return v;
  }, std::move(reply));
}

void remove_mark(Context& ctx, const domain::Actor& actor, std::string mark_id, std::string reason, Reply<Ok> reply) {
  if (auto e = check_text(reason, max_reason_chars, "reason", "the reason for deleting", true)) return reply(*e);
  submit<Ok>(ctx, [&ctx, actor, mark_id = std::move(mark_id), reason = std::move(reason), when = journal_clock(ctx)](WriteContext& w) -> Result<Ok> {
    auto found = writable_mark(w.db, actor, when, mark_id);
    if (!found) return found.error();
    const auto before_json = mark_json(mark_view(ctx.settings(), found->first));
    if (auto s = store::delete_mark(w.db, found->first, actor.user_id, w.now_text, reason); !s) return s.error();
    w.audit(actor.user_id, "mark", found->first.uuid, "delete", before_json,
            json::serialize(json::object{{"reason", reason}}));
    w.outbox("mark", found->first.uuid, "delete", json::serialize(json::object{{"id", found->first.uuid}}));
    if (auto s = tell_of_mark(w, found->first.student_id, mark_news(found->first.uuid, "delete", found->second)); !s)
      return s.error();
    return Ok{};
  }, std::move(reply));
}

void put_attendance(Context& ctx, const domain::Actor& actor, std::string lesson_id,
                    std::vector<AttendanceEntry> entries, Reply<Ok> reply) {
  submit<Ok>(ctx, [&ctx, actor, lesson_id = std::move(lesson_id), entries = std::move(entries), when = journal_clock(ctx)](WriteContext& w) -> Result<Ok> {
    auto lesson = writable_lesson(w.db, actor, when, lesson_id);
    if (!lesson) return lesson.error();
    for (const auto& e : entries) {
      auto pupil = pupil_of_lesson(w.db, e.student_id, *lesson);
      if (!pupil) return pupil.error();
      if (auto msg = domain::check_attendance({pupil->id, e.presence, e.late_minutes}))
        return make_error(Errc::invalid_input, "attendance.invalid", pupil->name + ": " + *msg, "late_minutes");
      // A guardian's notice already on file excuses the absence as it is recorded.
      const auto notices = store::notices_on(w.db, pupil->id, lesson->date);
      if (!notices) return notices.error();
      const auto presence = domain::apply_notices(e.presence, lesson->date, pupil->id, *notices);
      if (auto s = write_attendance(w, actor.user_id, *lesson, *pupil, presence, e.late_minutes); !s) return s.error();
      if (auto s = notices::absence_recorded(ctx, w, *lesson, *pupil, presence, !notices->empty()); !s) return s.error();
    }
    // Which pupils stays out of the news: everyone who reads the class hears of it.
    live::lesson(w, "attendance", *lesson, {});
    return Ok{};
  }, std::move(reply));
}

void update_lesson(Context& ctx, const domain::Actor& actor, std::string lesson_id, LessonChange in, Reply<Ok> reply) {
  if (in.topic)
    if (auto e = check_text(*in.topic, max_topic_chars, "topic", "the topic")) return reply(*e);
  if (in.homework) {
    if (in.homework->size() > max_homework_items)
      return reply(make_error(Errc::invalid_input, "homework.too_many", "at most " + std::to_string(max_homework_items) + " homework items per lesson", "homework"));
    for (const auto& h : *in.homework) {
      if (auto e = check_text(h.text, max_homework_chars, "homework.text", "the homework text", true)) return reply(*e);
      if (!domain::parse_date(h.due_date))
        return reply(make_error(Errc::invalid_input, "date.malformed", "due_date must be a date like 2026-12-01", "homework.due_date"));
      if (!h.id.empty() && !is_uuid(h.id))
        return reply(make_error(Errc::invalid_input, "homework.id_unknown", "homework id must be the id of an existing item, or left out", "homework.id"));
    }
  }
  submit<Ok>(ctx, [actor, lesson_id = std::move(lesson_id), in = std::move(in), when = journal_clock(ctx)](WriteContext& w) -> Result<Ok> {
    auto lesson = writable_lesson(w.db, actor, when, lesson_id);
    if (!lesson) return lesson.error();
    json::object out{{"id", lesson->uuid}};
    json::object before;  // the audit trail's view: what each changed part was
    if (in.topic) {
      if (auto s = store::set_topic(w.db, lesson->id, *in.topic); !s) return s.error();
      out["topic"] = *in.topic;
      before["topic"] = lesson->topic;
    }
    if (in.homework) {
      json::array old;
      auto earlier = store::homework_of_lessons(w.db, lesson->class_id, lesson->date, lesson->date);
      if (!earlier) return earlier.error();
      for (const auto& h : *earlier)
        if (h.lesson_id == lesson->id)
          old.push_back(json::object{{"id", h.uuid}, {"text", h.text}, {"mandatory", h.mandatory}, {"due_date", h.due_date}});
      before["homework"] = std::move(old);
      std::vector<store::HomeworkRecord> items;
      json::array hw;
      for (const auto& h : *in.homework) {
        const auto due = domain::parse_date(h.due_date);
        if (*due < lesson->date)
          return make_error(Errc::invalid_input, "homework.due_before_lesson", "homework cannot be due before its lesson (" + domain::format_date(lesson->date) + ")", "homework.due_date");
        store::HomeworkRecord r;
        r.uuid = h.id.empty() ? new_uuid() : h.id;
        r.text = h.text;
        r.mandatory = h.mandatory;
        r.due_date = h.due_date;
        items.push_back(r);
        hw.push_back(json::object{{"id", r.uuid}, {"text", r.text}, {"mandatory", r.mandatory}, {"due_date", r.due_date}});
      }
      if (auto s = store::replace_homework(w.db, lesson->id, items, w.now_text); !s) return s.error();
      out["homework"] = std::move(hw);
    }
    w.audit(actor.user_id, "lesson_content", lesson->uuid, "update", json::serialize(before), json::serialize(out));
    w.outbox("lesson", lesson->uuid, "upsert", json::serialize(out));
    live::lesson(w, "lesson", *lesson, {});
    return Ok{};
  }, std::move(reply));
}

void add_absence_notice(Context& ctx, const domain::Actor& actor, NoticeInput in, Reply<NoticeResult> reply) {
  auto from = domain::parse_date(in.from);
  auto to = domain::parse_date(in.to);
  if (!from) return reply(make_error(Errc::invalid_input, "date.malformed", "from must be a date like 2026-11-30", "from"));
  if (!to) return reply(make_error(Errc::invalid_input, "date.malformed", "to must be a date like 2026-12-02", "to"));
  auto reason = domain::parse_notice_reason(in.reason);
  if (!reason) return reply(make_error(Errc::invalid_input, "absence.reason_unknown", "reason must be one of: illness, family, competition, other", "reason"));
  if (auto e = check_text(in.comment, max_comment_chars, "comment", "the comment")) return reply(*e);
  if (actor.role == domain::Role::guardian)
    if (auto msg = domain::check_notice_reach({0, *from, *to, *reason}, local_date(ctx, ctx.clock.now()),
                                              ctx.settings().notice_days_back))
      return reply(make_error(Errc::invalid_input, "absence.too_far_back", *msg, "from"));
  submit<NoticeResult>(ctx, [actor, in, from = *from, to = *to, reason = *reason](WriteContext& w) -> Result<NoticeResult> {
    auto pupil = pupil_for(w.db, in.student_id, make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the student id", "student_id"));
    if (!pupil) return pupil.error();
    if (auto d = domain::decide(actor, domain::Action::write_student_notice, {pupil->id, pupil->class_id, 0}); !d)
      return make_error(Errc::forbidden, "absence.not_allowed", d.reason);
    domain::AbsenceNotice notice{pupil->id, from, to, reason};
    if (auto msg = domain::check_notice(notice)) return make_error(Errc::invalid_input, "absence.dates_invalid", *msg, "to");
    NoticeResult r{new_uuid(), 0};
    const auto guardian = actor.role == domain::Role::guardian ? std::optional<Id>(actor.person_id) : std::nullopt;
    if (auto s = store::insert_notice(w.db, r.id, pupil->id, in.from, in.to, reason, in.comment, guardian, w.now_text); !s)
      return s.error();
    // Absences already recorded in the range become excused now.
    std::vector<std::pair<Id, domain::Date>> to_excuse;
    const auto lessons = store::unexcused_lessons(w.db, pupil->id, in.from, in.to);
    if (!lessons) return lessons.error();
    for (Id lid : *lessons) {
      auto lesson_read = store::find_lesson(w.db, lid);
      if (!lesson_read) return lesson_read.error();
      const auto& lesson = *lesson_read;
      if (!lesson) continue;
      const auto p = domain::apply_notices(domain::Presence::absent_unexcused, lesson->date, pupil->id, {notice});
      if (auto s = write_attendance(w, actor.user_id, *lesson, *pupil, p, 0); !s) return s.error();
      ++r.excused_lessons;
    }
    w.outbox("absence_notice", r.id, "create",
             json::serialize(json::object{{"student", pupil->uuid}, {"from", in.from}, {"to", in.to},
                                          {"reason", domain::to_string(reason)}, {"comment", in.comment}}));
    live::pupil(w, "absence_notice", *pupil, {{"from", in.from}, {"to", in.to}});
    return r;
  }, std::move(reply));
}

void acknowledge_week(Context& ctx, const domain::Actor& actor, std::string student_id, std::string week,
                      Reply<AckResult> reply) {
  if (actor.role != domain::Role::guardian)
    return reply(make_error(Errc::forbidden, "diary.sign_guardian_only", "only a guardian signs a pupil's week"));
  // The hash covers exactly what the diary shows now: a later change shows as "changed since signed".
  auto diary = get_diary(ctx, actor, student_id, week);
  if (!diary) return reply(diary.error());
  if (auto d = domain::decide(actor, domain::Action::write_student_notice, {diary->student.id, diary->student.class_id, 0}); !d)
    return reply(make_error(Errc::forbidden, "diary.sign_not_allowed", d.reason));
  submit<AckResult>(ctx, [actor, sid = diary->student.id, week = diary->week, hash = diary->content_hash](WriteContext& w) -> Result<AckResult> {
    const auto uuid = new_uuid();
    if (auto s = store::put_acknowledgement(w.db, sid, week, actor.user_id, uuid, w.now_text, hash); !s) return s.error();
    const auto student_uuid = store::uuid_of(w.db, Table::students, sid);
    if (!student_uuid) return student_uuid.error();
    const auto payload = json::serialize(json::object{{"student", *student_uuid},
                                                      {"week", week}, {"content_hash", hash}, {"at", w.now_text}});
    w.audit(actor.user_id, "acknowledgement", week + "/" + std::to_string(sid), "create", "{}", payload);
    w.outbox("acknowledgement", week + "/" + std::to_string(sid), "upsert", payload);
    if (auto s = tell_of_pupil(w, "acknowledgement", sid, {{"week", week}}); !s) return s.error();
    return AckResult{week, hash, w.now_text};
  }, std::move(reply));
}

}  // namespace classbook::app
