// notice_preferences: see the header.
#include "app/notice_preferences.hpp"

#include <boost/json.hpp>

#include "app/submit.hpp"
#include "domain/roster_contacts.hpp"
#include "domain/roster_names.hpp"
#include "mail/message.hpp"
#include "store/notice_mail.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace {

namespace json = boost::json;

Error guardians_only() {
  return make_error(Errc::forbidden, "notices.guardians_only",
                    "e-mail notices are a guardian's: only a guardian's account has notice preferences");
}

Error no_guardian() {
  return make_error(Errc::not_found, "notices.no_guardian", "this account is not linked to a guardian; ask the school office");
}

Result<NoticePreferencesView> view_of(Context& ctx, store::Db& db, Id guardian_id) {
  auto s = store::guardian_notice_settings(db, guardian_id);
  if (!s) return s.error();
  if (!*s) return no_guardian();
  NoticePreferencesView v;
  if (!(*s)->email.empty()) v.email = (*s)->email;
  v.preferences = (*s)->preferences;
  v.scale = ctx.settings().scale;
  v.digest_minute = ctx.notice_digest_minute;
  v.updated_at = (*s)->updated_at;
  auto rows = store::mail_of_guardian(db, guardian_id, recent_notices_shown);
  if (!rows) return rows.error();
  for (auto& r : *rows)
    v.recent.push_back({r.uuid, r.kind, r.delivery, r.state, r.subject, r.created_at, r.sent_at, r.digest_day, r.last_error});
  return v;
}

std::string preferences_json(const std::string& email, const domain::NoticePreferences& p) {
  return json::serialize(json::object{{"email", email},
                                      {"absence", domain::to_string(p.absence)},
                                      {"low_mark", domain::to_string(p.low_mark)},
                                      {"teacher_message", domain::to_string(p.teacher_message)},
                                      {"mark_below", p.mark_below}});
}

std::optional<Error> apply(const std::optional<std::string>& text, const char* field, domain::Delivery& out) {
  if (!text) return std::nullopt;
  auto d = domain::parse_delivery(*text);
  if (!d)
    return make_error(Errc::invalid_input, "notices.delivery_unknown",
                      std::string(field) + " is off, immediate or digest, not '" + *text + "'", field);
  out = *d;
  return std::nullopt;
}

}  // namespace

Result<NoticePreferencesView> my_notice_preferences(Context& ctx, const domain::Actor& actor) {
  if (actor.role != domain::Role::guardian) return guardians_only();
  auto db = ctx.readers.acquire();
  return view_of(ctx, *db, actor.person_id);
}

void put_my_notice_preferences(Context& ctx, const domain::Actor& actor, NoticePreferencesChange change,
                               Reply<NoticePreferencesView> reply) {
  if (actor.role != domain::Role::guardian) return reply(guardians_only());
  if (change.email && !domain::tidy(*change.email).empty()) {
    // Written as the office writes a guardian's address (roster_contacts), and one the relay takes
    // without SMTPUTF8.
    const auto e = domain::normalize_email(*change.email);
    if (!e || !mail::is_plausible_address(*e))
      return reply(make_error(Errc::invalid_input, "notices.email_invalid",
                              "the e-mail address should look like name@example.ru (Latin letters, one @, a domain with a dot)",
                              "email"));
    change.email = *e;
  } else if (change.email) {
    change.email = std::string();
  }
  const auto scale = ctx.settings().scale;
  if (change.mark_below)
    if (auto msg = domain::check_mark_below(*change.mark_below, scale))
      return reply(make_error(Errc::invalid_input, "notices.mark_below_out_of_scale", *msg, "mark_below"));
  submit<NoticePreferencesView>(ctx, [&ctx, actor, change = std::move(change)](store::WriteContext& w) -> Result<NoticePreferencesView> {
    auto current = store::guardian_notice_settings(w.db, actor.person_id);
    if (!current) return current.error();
    if (!*current) return no_guardian();
    auto p = (*current)->preferences;
    if (auto e = apply(change.absence, "absence", p.absence)) return *e;
    if (auto e = apply(change.low_mark, "low_mark", p.low_mark)) return *e;
    if (auto e = apply(change.teacher_message, "teacher_message", p.teacher_message)) return *e;
    if (change.mark_below) p.mark_below = *change.mark_below;
    const auto email = change.email.value_or((*current)->email);
    const bool wants_any = p.absence != domain::Delivery::off || p.low_mark != domain::Delivery::off ||
                           p.teacher_message != domain::Delivery::off;
    if (wants_any && !mail::is_plausible_address(email))
      return make_error(Errc::invalid_input, "notices.email_required",
                        "give an e-mail address for the notices, or turn every kind off", "email");
    if (change.email && email != (*current)->email)
      if (auto s = store::set_guardian_email(w.db, actor.person_id, email); !s) return s.error();
    if (auto s = store::put_notice_preferences(w.db, actor.person_id, p, w.now_text); !s) return s.error();
    // The address is a contact the office and the portal see too: the change is audited.
    w.audit(actor.user_id, "notice_preferences", (*current)->guardian_uuid, (*current)->updated_at ? "update" : "create",
            preferences_json((*current)->email, (*current)->preferences), preferences_json(email, p));
    return view_of(ctx, w.db, actor.person_id);
  }, std::move(reply));
}

}  // namespace classbook::app
