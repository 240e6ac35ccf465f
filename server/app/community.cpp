// community: announcements, conversations and the events feed — who sees and who may write what.
#include "app/community.hpp"

#include "app/community_common.hpp"
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
  auto id = is_uuid(uuid) ? store::id_by_uuid(db, Table::students, uuid) : std::nullopt;
  auto brief = id ? store::student_brief(db, *id) : std::nullopt;
  if (!brief) return make_error(Errc::not_found, "no such pupil; check the id (a UUID from /api/v1/me)", "student_id");
  return *brief;
}

Result<store::StudentBrief> readable_student(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  auto brief = find_student(db, uuid);
  if (!brief) return brief;
  if (auto d = domain::decide(actor, domain::Action::read_student, {brief->id, brief->class_id, 0}); !d)
    return make_error(Errc::forbidden, d.reason);
  return brief;
}

Result<domain::IsoWeek> checked_week(std::string_view week) {
  auto w = domain::parse_iso_week(week);
  if (!w) return make_error(Errc::invalid_input, "week must look like 2026-W48 (ISO year, W, week number)", "week");
  return *w;
}

store::ClassScope scope_of(store::Db& db, const domain::Actor& actor) {
  switch (actor.role) {
    case domain::Role::secretary:
    case domain::Role::director: return {true, {}};
    case domain::Role::teacher:
    case domain::Role::guardian:
    case domain::Role::student: return {false, store::linked_classes(db, actor.role, actor.person_id)};
    case domain::Role::admin:
    case domain::Role::kiosk: break;
  }
  return {};
}

}  // namespace community

using community::invalid;

namespace {

Error no_thread() {
  return make_error(Errc::not_found, "no such conversation; check the id from GET /api/v1/threads", "thread_id");
}

Error not_a_member() {
  return make_error(Errc::forbidden, "Only the people in this conversation can read it or write to it.");
}

// The thread behind `uuid` when the actor is one of its members.
Result<store::ThreadRecord> member_thread(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  auto thread = is_uuid(uuid) ? store::thread_by_uuid(db, uuid) : std::nullopt;
  if (!thread) return no_thread();
  if (!store::is_thread_member(db, thread->id, actor.user_id)) return not_a_member();
  return *thread;
}

ThreadView full_thread(store::Db& db, const store::ThreadRecord& t) {
  return ThreadView{t, store::thread_members(db, t.id), store::messages_of_thread(db, t.id, max_thread_messages_shown)};
}

}  // namespace

Result<std::vector<store::AnnouncementRecord>> list_announcements(Context& ctx, const domain::Actor& actor) {
  auto db = ctx.readers.acquire();
  return store::announcements_for(*db, community::scope_of(*db, actor), max_announcements_listed);
}

void post_announcement(Context& ctx, const domain::Actor& actor, NewAnnouncement in,
                       Reply<store::AnnouncementRecord> reply) {
  if (auto e = invalid(domain::check_message_subject(in.title), "title")) return reply(*e);
  if (auto e = invalid(domain::check_message_body(in.body), "body")) return reply(*e);
  if (in.class_id && !is_uuid(*in.class_id))
    return reply(make_error(Errc::invalid_input, "class_id must be a class id, or left out for the whole school",
                            "class_id"));
  submit<store::AnnouncementRecord>(ctx, [actor, in = std::move(in)](WriteContext& w) -> Result<store::AnnouncementRecord> {
    std::optional<Id> class_id;
    if (in.class_id) {
      class_id = store::id_by_uuid(w.db, Table::classes, *in.class_id);
      if (!class_id) return make_error(Errc::not_found, "no such class; check the class id", "class_id");
    }
    if (auto d = domain::may_announce(actor, class_id); !d) return make_error(Errc::forbidden, d.reason);
    store::AnnouncementRecord a;
    a.uuid = new_uuid();
    a.class_id = class_id;
    a.author.user_id = actor.user_id;
    a.title = in.title;
    a.body = in.body;
    a.created_at = w.now_text;
    auto id = store::insert_announcement(w.db, a);
    if (!id) return id.error();
    auto saved = store::find_announcement(w.db, *id);
    if (!saved) return make_error(Errc::internal, "the announcement vanished after it was written");
    return *saved;
  }, std::move(reply));
}

Result<std::vector<ThreadView>> list_threads(Context& ctx, const domain::Actor& actor) {
  auto db = ctx.readers.acquire();
  std::vector<ThreadView> out;
  for (auto& t : store::threads_of_user(*db, actor.user_id, max_threads_listed)) {
    auto members = store::thread_members(*db, t.id);
    out.push_back(ThreadView{std::move(t), std::move(members), {}});
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
    return reply(make_error(Errc::invalid_input, "to_user_id must be the id of a person's account", "to_user_id"));
  if (auto e = invalid(domain::check_message_subject(in.subject), "subject")) return reply(*e);
  if (auto e = invalid(domain::check_message_body(in.body), "body")) return reply(*e);
  submit<ThreadView>(ctx, [actor, in = std::move(in)](WriteContext& w) -> Result<ThreadView> {
    auto to_id = store::id_by_uuid(w.db, Table::users, in.to_user_id);
    auto to = to_id ? store::find_user(w.db, *to_id) : std::nullopt;
    if (!to || to->disabled)
      return make_error(Errc::not_found, "no such person; choose the recipient again", "to_user_id");
    if (to->id == actor.user_id)
      return make_error(Errc::invalid_input, "a conversation needs someone else; choose another recipient", "to_user_id");
    // Both ends' classes come from the database, never from the request.
    const domain::Correspondent correspondent{to->role, store::linked_classes(w.db, to->role, to->person_id.value_or(0))};
    const auto own_classes = store::linked_classes(w.db, actor.role, actor.person_id);
    if (auto d = domain::may_start_thread(actor, correspondent, own_classes); !d)
      return make_error(Errc::forbidden, d.reason);
    const auto uuid = new_uuid();
    auto thread_id = store::insert_thread(w.db, uuid, in.subject, w.now_text, {static_cast<Id>(actor.user_id), to->id});
    if (!thread_id) return thread_id.error();
    if (auto m = store::insert_message(w.db, *thread_id, new_uuid(), actor.user_id, in.body, w.now_text); !m)
      return m.error();
    auto saved = store::thread_by_uuid(w.db, uuid);
    if (!saved) return make_error(Errc::internal, "the conversation vanished after it was written");
    return full_thread(w.db, *saved);
  }, std::move(reply));
}

void post_message(Context& ctx, const domain::Actor& actor, std::string thread_id, std::string body,
                  Reply<store::MessageRecord> reply) {
  if (auto e = invalid(domain::check_message_body(body), "body")) return reply(*e);
  submit<store::MessageRecord>(ctx, [actor, thread_id = std::move(thread_id), body = std::move(body)](
                                        WriteContext& w) -> Result<store::MessageRecord> {
    // Members may always answer: the rule for starting a thread is not asked again.
    auto thread = member_thread(w.db, actor, thread_id);
    if (!thread) return thread.error();
    store::MessageRecord m;
    m.uuid = new_uuid();
    auto id = store::insert_message(w.db, thread->id, m.uuid, actor.user_id, body, w.now_text);
    if (!id) return id.error();
    auto author = store::person_of_user(w.db, actor.user_id);
    if (!author) return make_error(Errc::internal, "the author of the message has no account");
    m.id = *id;
    m.author = *author;
    m.body = body;
    m.created_at = w.now_text;
    return m;
  }, std::move(reply));
}

Result<std::vector<store::EventRecord>> list_events(Context& ctx, const domain::Actor& actor, std::string_view from_text,
                                                    std::string_view to_text) {
  auto from = domain::parse_date(from_text);
  if (!from) return make_error(Errc::invalid_input, "from must be a date like 2026-11-23", "from");
  auto to = domain::parse_date(to_text);
  if (!to) return make_error(Errc::invalid_input, "to must be a date like 2026-11-29", "to");
  if (*to < *from) return make_error(Errc::invalid_input, "to must not be before from", "to");
  if (domain::add_days(*from, max_event_range_days) <= *to)
    return make_error(Errc::invalid_input,
                      "ask for at most " + std::to_string(max_event_range_days) + " days of events at a time", "to");
  auto db = ctx.readers.acquire();
  return store::events_for(*db, community::scope_of(*db, actor), *from, *to, max_events_listed);
}

}  // namespace classbook::app
