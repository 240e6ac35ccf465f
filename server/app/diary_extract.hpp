// diary_extract: the printed extract of a pupil's diary for a period (issue 11), for whoever may read
// that pupil's diary. The weeks are read as the diary reads them (the same rights, the same data),
// put in the school's words, laid out by docs/, and registered with a verification code and a hash
// of what they showed, so that /verify/{code} can later say the school issued it and whether the
// journal has changed for the period since.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_extract_days = 366;  // a school year, whichever year it is
constexpr long long max_listed_changes = 50;  // what /verify lists of the changes since a document was made

struct IssuedPdf {
  std::string bytes;
  std::string file_name;  // for Content-Disposition: plain ASCII
  std::string code;       // the verification code printed on it
};

// `from`/`to`: dates (YYYY-MM-DD), inclusive, at most max_extract_days apart. `box_origin`: how the
// reader reached the box ("https://journal.school.lan"), for the address in the QR code.
// What /verify/{code} says of a document the box issued: whose, which period, when, and whether the
// journal shows anything different for that period now (what changed is not told: the verifier is
// anyone holding the paper).
struct Verification {
  std::string code;
  std::string school, pupil, class_name, period, made_at;
  bool changed_since = false;
  // When changed_since: what was changed and when, never the new values — a mark, an absence or a
  // lesson's topic or homework, created, updated or deleted; oldest first, at most
  // max_listed_changes.
  struct Change {
    std::string at;      // local time, as made_at
    std::string entity;  // "mark", "attendance", "lesson_content"
    std::string action;  // "create", "update", "delete"
    std::string lesson_date, subject;
  };
  std::vector<Change> changes;
};

// None when the code is not one the box issued (a code typed with or without dashes, any case).
// Throttled (429, Retry-After) past Context::verifications' limit for the asking address.
Result<std::optional<Verification>> verify_document(Context& ctx, std::string_view code, const std::string& address);

// `at_kiosk`: the hall kiosk that prints it for the pupil (the actor), for its daily limit.
void issue_diary_extract(Context& ctx, const domain::Actor& actor, std::string_view student_id, std::string_view from,
                         std::string_view to, std::string box_origin, Reply<IssuedPdf> reply,
                         std::optional<Id> at_kiosk = std::nullopt);

}  // namespace classbook::app
