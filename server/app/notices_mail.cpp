// notices_mail: see the header. What each guardian gets is the domain's rule (domain/notice_mail);
// here the rows are read and the notice is queued in the same transaction as the change.
#include "app/notices_mail.hpp"

#include <functional>

#include "classbook/common/crypto.hpp"
#include "domain/notice_mail.hpp"
#include "mail/message.hpp"
#include "store/community.hpp"
#include "store/notice_mail.hpp"

namespace classbook::app::notices {
namespace {

using domain::Delivery;

// Queues one notice for each guardian who wants this kind, as they want it.
Status queue_for(const Context& ctx, store::WriteContext& w, const std::vector<store::GuardianNoticeSettings>& guardians,
                 domain::NoticeKind kind, const std::string& about, const domain::NoticeText& text,
                 const std::function<Delivery(const domain::NoticePreferences&)>& wants) {
  const auto local = local_date(ctx, w.now);
  const auto minute = local_minute(ctx, w.now);
  for (const auto& g : guardians) {
    const auto delivery = wants(g.preferences);
    // No address, or one the office typed wrong: nothing to send to (the preferences page says so).
    if (delivery == Delivery::off || !mail::is_plausible_address(g.email)) continue;
    store::QueuedNotice n;
    n.uuid = new_uuid();
    n.guardian_id = g.guardian_id;
    n.kind = kind;
    n.about = about;
    n.delivery = delivery;
    if (delivery == Delivery::digest)
      n.digest_day = domain::format_date(domain::digest_day_for(local, minute, ctx.notice_digest_minute));
    n.to_address = g.email;
    n.subject = text.subject;
    n.body = text.body;
    n.created_at = w.now_text;
    auto added = store::enqueue_notice(w.db, n);
    if (!added) return added.error();
  }
  return ok_status();
}

}  // namespace

Status absence_recorded(const Context& ctx, store::WriteContext& w, const store::LessonRecord& lesson,
                        const store::StudentBrief& pupil, domain::Presence presence, bool covered_by_notice) {
  if (!domain::is_absence(presence) || covered_by_notice) return ok_status();
  const auto date = domain::format_date(lesson.date);
  auto first = store::first_period_of_day(w.db, lesson.class_id, pupil.group_no, date);
  if (!first) return first.error();
  if (!*first || !domain::is_first_lesson_absence(true, lesson.period, **first)) return ok_status();
  auto guardians = store::notice_settings_of_pupil(w.db, pupil.id);
  if (!guardians) return guardians.error();
  const auto& s = ctx.settings();
  const auto text = domain::absence_text(pupil.name, pupil.class_name, lesson.date, lesson.period, lesson.subject, s.name);
  return queue_for(ctx, w, *guardians, domain::NoticeKind::absence, "absence/" + pupil.uuid + "/" + date, text,
                   [](const domain::NoticePreferences& p) { return p.absence; });
}

Status mark_given(const Context& ctx, store::WriteContext& w, const store::LessonRecord& lesson,
                  const store::StudentBrief& pupil, const std::string& mark_uuid, int value, const std::string& work_type_name) {
  auto guardians = store::notice_settings_of_pupil(w.db, pupil.id);
  if (!guardians) return guardians.error();
  const auto text = domain::low_mark_text(pupil.name, value, lesson.subject, work_type_name, lesson.date, lesson.teacher,
                                          ctx.settings().name);
  return queue_for(ctx, w, *guardians, domain::NoticeKind::low_mark, "mark/" + mark_uuid, text,
                   [value](const domain::NoticePreferences& p) { return domain::delivery_for_mark(p, value); });
}

Status teacher_wrote(const Context& ctx, store::WriteContext& w, const domain::Actor& author, Id thread_id,
                     const std::string& topic, const std::string& message_uuid, const std::string& body) {
  if (author.role != domain::Role::teacher) return ok_status();
  auto guardians = store::notice_settings_of_thread(w.db, thread_id, author.user_id);
  if (!guardians) return guardians.error();
  if (guardians->empty()) return ok_status();
  auto person = store::person_of_user(w.db, author.user_id);
  if (!person) return person.error();
  const auto text = domain::teacher_message_text(*person ? (*person)->name : std::string("Учитель"), topic, body,
                                                 ctx.settings().name);
  return queue_for(ctx, w, *guardians, domain::NoticeKind::teacher_message, "message/" + message_uuid, text,
                   [](const domain::NoticePreferences& p) { return p.teacher_message; });
}

}  // namespace classbook::app::notices
