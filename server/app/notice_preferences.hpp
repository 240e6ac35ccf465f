// notice_preferences: a guardian's own choice of e-mail notices (GET/PUT /api/v1/me/notices/preferences)
// — per kind off, immediate or in the daily digest, the mark threshold on the school's scale, and the
// address they go to — with the last notices queued for them, so a guardian can see what went.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/notice_mail.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int recent_notices_shown = 20;

struct NoticeMailView {
  std::string id;        // the queue row's uuid (the Message-ID's left part)
  std::string kind;      // absence, low_mark, teacher_message
  std::string delivery;  // immediate, digest
  std::string state;     // queued, sent, failed
  std::string subject;
  std::string created_at;
  std::optional<std::string> sent_at;
  std::optional<std::string> digest_day;
  std::string last_error;  // "" when none
};

struct NoticePreferencesView {
  std::optional<std::string> email;
  domain::NoticePreferences preferences;
  domain::MarkScale scale;
  int digest_minute = domain::default_digest_minute;
  std::optional<std::string> updated_at;
  std::vector<NoticeMailView> recent;
};

// What the PUT may change; a field left out keeps its value. An empty email clears the address.
struct NoticePreferencesChange {
  std::optional<std::string> email;
  std::optional<std::string> absence, low_mark, teacher_message;  // off | immediate | digest
  std::optional<int> mark_below;
};

Result<NoticePreferencesView> my_notice_preferences(Context& ctx, const domain::Actor& actor);
void put_my_notice_preferences(Context& ctx, const domain::Actor& actor, NoticePreferencesChange change,
                               Reply<NoticePreferencesView> reply);

}  // namespace classbook::app
