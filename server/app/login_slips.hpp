// login_slips: the secretary's desk — new one-time passwords for a class's pupils, their guardians
// or both, printed eight to an A4 page (docs/login_slips). Each slip's password replaces the
// account's earlier one, ends its sessions and is audited like any reset (write_password_reset);
// the slips are rendered before anything is written, and written all together or not at all, so a
// failed request leaves every old password working and a good one hands over every new one.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "app/store_rows.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

enum class SlipsFor { pupils, guardians, all };
std::optional<SlipsFor> parse_slips_for(std::string_view text);  // "pupils", "guardians", "all"

constexpr std::size_t max_slip_students_listed = 200;  // a class is ~30; a list longer is a mistake

struct SlipsRequest {
  std::string class_id;               // uuid
  std::string for_whom;               // "pupils" | "guardians" | "all"
  std::vector<std::string> students;  // uuids of pupils of that class; empty: the whole class
};

struct SlipsOptions {
  std::chrono::milliseconds one_time_password_lifetime = std::chrono::days(14);  // printed as "valid until"
};

// The secretary for any class, the class teacher for their own. Pupils who left and disabled accounts
// get no slip; a pupil or guardian without an account gets one opened. `box_origin`
// ("https://journal.school.lan"): the address printed on the slips and in their QR codes, which open
// the sign-in page with the login filled in. `actor_name`: who issued them, for the audit and the
// message each account holder receives.
void issue_login_slips(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const SlipsRequest& in,
                       std::string box_origin, SlipsOptions options, Reply<IssuedPdf> reply);

// One account's slip (POST /api/v1/users/{login}/login-slip): who may is the policy's
// reset_credentials, as for a password reset (the office: pupils' and guardians' accounts; a class
// teacher: their class's; the administrator: staff accounts). The same three steps as a class's slips
// below — print, then one writer job through write_password_reset — so the old password works until
// the slip is made and never after. A disabled account gets no slip (enable it first).
void issue_account_slip(Context& ctx, const domain::Actor& actor, const std::string& actor_name, const std::string& login,
                        std::string box_origin, SlipsOptions options, Reply<IssuedPdf> reply);

// The steps of issue_login_slips, for classbookctl's `slips` on a new box's first day (it has a database
// and a writer of its own, no Context).
// 1. Who gets a slip: the class's pupils (those in `only`, when given) and/or their guardians, each
//    account once (a guardian of twins gets one slip), in register order. Pupils who left, disabled
//    accounts and people without an account get none.
struct SlipHolder {
  store::UserRecord account;
  std::string name;  // "Иванова Мария Сергеевна"
  std::string role;  // "ученица 7А" / "родитель: Иванова Мария, 7А"
};
// Who would get a slip for this request, with the same checks and refusals as issue_login_slips —
// and nothing made or written (no password changes): the page's preview before printing.
struct SlipPreview {
  std::string class_id, class_name;
  std::vector<SlipHolder> holders;
};
Result<SlipPreview> preview_login_slips(Context& ctx, const domain::Actor& actor, const SlipsRequest& in);

Result<std::vector<SlipHolder>> slip_holders(store::Db& db, Id class_id, domain::Date today, SlipsFor who,
                                             const std::vector<Id>& only);
// 2. New one-time passwords and the slips' PDF; nothing is written yet.
struct SlipWords {
  std::string school, made_at, box_origin;
  std::string valid_until;  // "21.12.2026"
};
struct PrintedSlips {
  std::string pdf;
  std::vector<std::string> hashes;  // one per holder, in order
};
Result<PrintedSlips> print_slips(const std::vector<SlipHolder>& holders, const SlipWords& words, int threads);
// 3. Inside one writer job: every holder's new password stored, sessions ended, reset audited and told.
Status write_slips(store::WriteContext& w, const std::vector<SlipHolder>& holders, const std::vector<std::string>& hashes,
                   Id actor_user, const std::string& by);
// 2 and 3 as a request: off the network thread (the hashes on `threads`, then the drawing), then one
// writer job; the answer is the PDF named `file`. A full hashing pool answers busy and writes nothing.
void issue_slips(Context& ctx, std::shared_ptr<const std::vector<SlipHolder>> holders, SlipWords words, std::string by,
                 Id actor_user, std::string file, int threads, Reply<IssuedPdf> reply);
// The words every slip of one printing shares: the school, when, the address, "valid until".
SlipWords slip_words(const store::SchoolSettings& school, TimePoint now, std::chrono::milliseconds lifetime,
                     std::string box_origin);

}  // namespace classbook::app
