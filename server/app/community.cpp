// community: announcements, conversations and the events feed — who sees and who may write what.
#include "app/community.hpp"

#include "app/community_common.hpp"
#include "app/found.hpp"
#include "app/live_changes.hpp"
#include "app/notices_mail.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/messaging.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
using store::Table;
using store::WriteContext;

namespace community {

Result<store::StudentBrief> find_student(store::Db& db, std::string_view uuid) {
  return pupil_for(db, uuid, make_error(Errc::not_found, "pupil.not_found", "no such pupil; check the id (a UUID from /api/v1/me)", "student_id"));
}

Result<store::StudentBrief> readable_student(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  auto brief = find_student(db, uuid);
  if (!brief) return brief;
  if (auto d = domain::decide(actor, domain::Action::read_student, {brief->id, brief->class_id, 0}); !d)
    return make_error(Errc::forbidden, "pupil.not_visible", d.reason);
  return brief;
}

Result<domain::IsoWeek> checked_week(std::string_view week) {
  auto w = domain::parse_iso_week(week);
  if (!w) return make_error(Errc::invalid_input, "date.week_malformed", "week must look like 2026-W48 (ISO year, W, week number)", "week");
  return *w;
}

Result<store::ClassScope> scope_of(store::Db& db, const domain::Actor& actor) {
  switch (actor.role) {
    case domain::Role::secretary:
    case domain::Role::director: return store::ClassScope{true, {}};
    case domain::Role::teacher:
    case domain::Role::guardian:
    case domain::Role::student: {
      auto classes = store::linked_classes(db, actor.role, actor.person_id);
      if (!classes) return classes.error();
      return store::ClassScope{false, std::move(*classes)};
    }
    case domain::Role::admin:
    case domain::Role::kiosk:
    case domain::Role::api_client: break;
  }
  return store::ClassScope{};
}

}  // namespace community

using community::invalid;

namespace {

Error no_thread() {
  return make_error(Errc::not_found, "thread.not_found", "no such conversation; check the id from GET /api/v1/threads", "thread_id");
}

Error not_a_member() {
  return make_error(Errc::forbidden, "thread.not_a_member", "Only the people in this conversation can read it or write to it.");
}

// The thread behind `uuid` when the actor is one of its members.
Result<store::ThreadRecord> member_thread(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  if (!is_uuid(uuid)) return no_thread();
  auto thread = existing(store::thread_by_uuid(db, uuid), no_thread());
  if (!thread) return thread.error();
  auto member = store::is_thread_member(db, thread->id, actor.user_id);
  if (!member) return member.error();
  if (!*member) return not_a_member();
  return thread;
}

Result<ThreadView> full_thread(store::Db& db, const store::ThreadRecord& t) {
  auto members = store::thread_members(db, t.id);
  if (!members) return members.error();
  auto messages = store::messages_of_thread(db, t.id, max_thread_messages_shown);
  if (!messages) return messages.error();
  return ThreadView{t, std::move(*members), std::move(*messages)};
}

}  // namespace

Result<std::vector<store::AnnouncementRecord>> list_announcements(Context& ctx, const domain::Actor& actor) {
  auto db = ctx.readers.acquire();
  auto scope = community::scope_of(*db, actor);
  if (!scope) return scope.error();
  return store::announcements_for(*db, *scope, max_announcements_listed);
}

void post_announcement(Context& ctx, const domain::Actor& actor, NewAnnouncement in,
                       Reply<store::AnnouncementRecord> reply) {
  if (auto e = invalid("message.subject_invalid", domain::check_message_subject(in.title), "title")) return reply(*e);
  if (auto e = invalid("message.body_invalid", domain::check_message_body(in.body), "body")) return reply(*e);
  if (in.class_id && !is_uuid(*in.class_id))
    return reply(make_error(Errc::invalid_input, "class.id_malformed", "class_id must be a class id, or left out for the whole school",
                            "class_id"));
  submit<store::AnnouncementRecord>(ctx, [actor, in = std::move(in)](WriteContext& w) -> Result<store::AnnouncementRecord> {
    std::optional<Id> class_id;
    if (in.class_id) {
      auto found = id_for(w.db, Table::classes, *in.class_id,
                          make_error(Errc::not_found, "class.not_found", "no such class; check the class id", "class_id"));
      if (!found) return found.error();
      class_id = *found;
    }
    if (auto d = domain::may_announce(actor, class_id); !d) return make_error(Errc::forbidden, "announcement.not_allowed", d.reason);
    store::AnnouncementRecord a;
    a.uuid = new_uuid();
    a.class_id = class_id;
    a.author.user_id = actor.user_id;
    a.title = in.title;
    a.body = in.body;
    a.created_at = w.now_text;
    auto id = store::insert_announcement(w.db, a);
    if (!id) return id.error();
    live::class_news(w, "announcement", class_id.value_or(0), {{"announcement_id", a.uuid}});
    return existing(store::find_announcement(w.db, *id),
                    make_error(Errc::internal, "store.row_vanished", "the announcement vanished after it was written"));
  }, std::move(reply));
}

Result<std::vector<ThreadView>> list_threads(Context& ctx, const domain::Actor& actor) {
  auto db = ctx.readers.acquire();
  auto threads = store::threads_of_user(*db, actor.user_id, max_threads_listed);
  if (!threads) return threads.error();
  std::vector<ThreadView> out;
  for (auto& t : *threads) {
    auto members = store::thread_members(*db, t.id);
    if (!members) return members.error();
    out.push_back(ThreadView{std::move(t), std::move(*members), {}});
  }
  return out;
}

Result<ThreadView> get_thread(Context& ctx, const domain::Actor& actor, std::string_view thread_id) {
  auto db = ctx.readers.acquire();
  auto thread = member_thread(*db, actor, thread_id);
  if (!thread) return thread.error();
  return full_thread(*db, *thread);
}

void start_thread(Context& ctx, const domain::Actor& actor, NewThread in, Reply<ThreadView> reply) {
  if (!is_uuid(in.to_user_id))
    return reply(make_error(Errc::invalid_input, "thread.recipient_malformed", "to_user_id must be the id of a person's account", "to_user_id"));
  if (auto e = invalid("message.subject_invalid", domain::check_message_subject(in.subject), "subject")) return reply(*e);
  if (auto e = invalid("message.body_invalid", domain::check_message_body(in.body), "body")) return reply(*e);
  submit<ThreadView>(ctx, [&ctx, actor, in = std::move(in)](WriteContext& w) -> Result<ThreadView> {
    const auto no_person = make_error(Errc::not_found, "thread.recipient_not_found", "no such person; choose the recipient again", "to_user_id");
    auto to_id = id_for(w.db, Table::users, in.to_user_id, no_person);
    if (!to_id) return to_id.error();
    auto to = existing(store::find_user(w.db, *to_id), no_person);
    if (!to) return to.error();
    if (to->disabled) return no_person;
    if (to->id == actor.user_id)
      return make_error(Errc::invalid_input, "thread.recipient_is_self", "a conversation needs someone else; choose another recipient", "to_user_id");
    // Both ends' classes come from the database, never from the request.
    auto their_classes = store::linked_classes(w.db, to->role, to->person_id.value_or(0));
    if (!their_classes) return their_classes.error();
    const domain::Correspondent correspondent{to->role, std::move(*their_classes)};
    const auto own_classes = store::linked_classes(w.db, actor.role, actor.person_id);
    if (!own_classes) return own_classes.error();
    if (auto d = domain::may_start_thread(actor, correspondent, *own_classes); !d)
      return make_error(Errc::forbidden, "thread.not_allowed", d.reason);
    const auto uuid = new_uuid();
    auto thread_id = store::insert_thread(w.db, uuid, in.subject, w.now_text, {static_cast<Id>(actor.user_id), to->id});
    if (!thread_id) return thread_id.error();
    const auto message_uuid = new_uuid();
    if (auto m = store::insert_message(w.db, *thread_id, message_uuid, actor.user_id, in.body, w.now_text); !m)
      return m.error();
    if (auto s = notices::teacher_wrote(ctx, w, actor, *thread_id, in.subject, message_uuid, in.body); !s) return s.error();
    live::accounts(w, "message", {static_cast<Id>(actor.user_id), to->id}, {{"thread_id", uuid}});
    auto saved = existing(store::thread_by_uuid(w.db, uuid),
                          make_error(Errc::internal, "store.row_vanished", "the conversation vanished after it was written"));
    if (!saved) return saved.error();
    return full_thread(w.db, *saved);
  }, std::move(reply));
}

void post_message(Context& ctx, const domain::Actor& actor, std::string thread_id, std::string body,
                  Reply<store::MessageRecord> reply) {
  if (auto e = invalid("message.body_invalid", domain::check_message_body(body), "body")) return reply(*e);
  submit<store::MessageRecord>(ctx, [&ctx, actor, thread_id = std::move(thread_id), body = std::move(body)](
                                        WriteContext& w) -> Result<store::MessageRecord> {
    // Members may always answer: the rule for starting a thread is not asked again.
    auto thread = member_thread(w.db, actor, thread_id);
    if (!thread) return thread.error();
    store::MessageRecord m;
    m.uuid = new_uuid();
    auto id = store::insert_message(w.db, thread->id, m.uuid, actor.user_id, body, w.now_text);
    if (!id) return id.error();
    if (auto s = notices::teacher_wrote(ctx, w, actor, thread->id, thread->subject, m.uuid, body); !s) return s.error();
    auto author = existing(store::person_of_user(w.db, actor.user_id),
                           make_error(Errc::internal, "store.inconsistent", "the author of the message has no account"));
    if (!author) return author.error();
    auto members = store::thread_members(w.db, thread->id);
    if (!members) return members.error();
    std::vector<Id> accounts;
    for (const auto& p : *members) accounts.push_back(p.user_id);
    live::accounts(w, "message", std::move(accounts), {{"thread_id", thread->uuid}, {"message_id", m.uuid}});
    m.id = *id;
    m.author = *author;
    m.body = body;
    m.created_at = w.now_text;
    return m;
  }, std::move(reply));
}

void mark_thread_read(Context& ctx, const domain::Actor& actor, std::string thread_id, Reply<Ok> reply) {
  submit<Ok>(ctx, [actor, thread_id = std::move(thread_id)](WriteContext& w) -> Result<Ok> {
    auto thread = member_thread(w.db, actor, thread_id);
    if (!thread) return thread.error();
    if (auto s = store::mark_thread_read(w.db, thread->id, actor.user_id); !s) return s.error();
    return Ok{};
  }, std::move(reply));
}

Result<std::vector<store::EventRecord>> list_events(Context& ctx, const domain::Actor& actor, std::string_view from_text,
                                                    std::string_view to_text) {
  auto from = domain::parse_date(from_text);
  if (!from) return make_error(Errc::invalid_input, "date.malformed", "from must be a date like 2026-11-23", "from");
  auto to = domain::parse_date(to_text);
  if (!to) return make_error(Errc::invalid_input, "date.malformed", "to must be a date like 2026-11-29", "to");
  if (*to < *from) return make_error(Errc::invalid_input, "date.range_reversed", "to must not be before from", "to");
  if (domain::add_days(*from, max_event_range_days) <= *to)
    return make_error(Errc::invalid_input, "date.range_too_long",
                      "ask for at most " + std::to_string(max_event_range_days) + " days of events at a time", "to");
  auto db = ctx.readers.acquire();
  auto scope = community::scope_of(*db, actor);
  if (!scope) return scope.error();
  return store::events_for(*db, *scope, *from, *to, max_events_listed);
}

}  // namespace classbook::app
