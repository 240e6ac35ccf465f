// kiosk_admin: enrolment codes and revocation as writer jobs — the same steps whether the admin
// uses the web (POST/DELETE /api/v1/kiosks) or `classbookctl kiosk enrol|revoke` beside the daemon.
#pragma once

#include <chrono>
#include <string>

#include "app/store_rows.hpp"
#include "classbook/common/result.hpp"
#include "domain/kiosk_enrolment.hpp"

namespace classbook::app {

constexpr auto kiosk_code_valid = std::chrono::minutes(30);    // how long an enrolment code works
constexpr auto max_kiosk_code_valid = std::chrono::hours(24);  // the most an admin may ask for
constexpr std::size_t max_kiosk_name_bytes = 64;               // it becomes the certificate's CN

// None when `name` will do for a kiosk (and its certificate), else what to change.
std::optional<std::string> check_kiosk_name(std::string_view name);
// A fresh code from the OS's random source, in the canonical (ungrouped) form.
std::string make_enrolment_code();

struct IssuedCode {
  store::KioskRecord kiosk;
  std::string code;        // grouped for reading out: "7KQ2-9XHM-3PLA"
  std::string expires_at;  // UTC
};
// Inside a writer job: stores the code's hash for `name` (new, waiting or revoked) and audits it.
Result<IssuedCode> issue_enrolment_code(store::WriteContext& w, std::int64_t actor_user, const std::string& name,
                                        domain::KioskMode mode, std::chrono::minutes valid);
// Inside a writer job: the kiosk is revoked from its next request on, and it is audited.
Status revoke_kiosk(store::WriteContext& w, std::int64_t actor_user, const store::KioskRecord& kiosk);

}  // namespace classbook::app
