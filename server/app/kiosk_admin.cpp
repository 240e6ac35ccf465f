// kiosk_admin: codes, their hashes and the audit entries of enrolment and revocation.
#include "app/kiosk_admin.hpp"

#include <boost/json.hpp>

#include "app/writes.hpp"  // utf8_length
#include "classbook/common/crypto.hpp"
#include "store/kiosks.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace json = boost::json;

std::optional<std::string> check_kiosk_name(std::string_view name) {
  if (name.find_first_not_of(' ') == std::string_view::npos) return "Give the kiosk a name, like entrance-1 or hall-2.";
  if (name.size() > max_kiosk_name_bytes)
    return "A kiosk name is at most " + std::to_string(max_kiosk_name_bytes) + " bytes; shorten it.";
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
      return "A kiosk name is one line of text without slashes, like entrance-1.";
  }
  std::size_t chars = 0;
  if (!utf8_length(name, chars)) return "The kiosk name is not valid text; type it again.";
  return std::nullopt;
}

std::string make_enrolment_code() {
  for (;;)  // 32 bytes give 12 usable symbols but for odds of about 1 in 10^10
    if (auto code = domain::enrolment_code_from_bytes(random_bytes(32))) return *code;
}

Result<IssuedCode> issue_enrolment_code(store::WriteContext& w, std::int64_t actor_user, const std::string& name,
                                        domain::KioskMode mode, std::chrono::minutes valid) {
  if (auto problem = check_kiosk_name(name)) return make_error(Errc::invalid_input, "kiosk.name_invalid", *problem, "name");
  if (valid <= std::chrono::minutes(0) || valid > max_kiosk_code_valid)
    return make_error(Errc::invalid_input, "kiosk.code_validity_out_of_range", "an enrolment code is valid for 1 minute to 24 hours", "valid_minutes");
  const auto code = make_enrolment_code();
  const auto expires = format_utc(w.now + valid);
  auto kiosk = store::put_enrolment_code(w.db, name, mode, sha256_hex(code), expires, w.now_text);
  if (!kiosk) return kiosk.error();
  // The code itself stays out of the trail: whoever reads the audit must not be able to enrol.
  w.audit(actor_user, "kiosk", kiosk->uuid, "enrolment_code", "{}",
          json::serialize(json::object{{"name", name}, {"mode", domain::to_string(mode)}, {"expires_at", expires}}));
  return IssuedCode{*kiosk, domain::group_enrolment_code(code), expires};
}

Status revoke_kiosk(store::WriteContext& w, std::int64_t actor_user, const store::KioskRecord& kiosk) {
  if (auto s = store::revoke_kiosk(w.db, kiosk.id, w.now_text); !s) return s;
  w.audit(actor_user, "kiosk", kiosk.uuid, "revoke",
          json::serialize(json::object{{"name", kiosk.name}, {"revoked", kiosk.revoked}}),
          json::serialize(json::object{{"name", kiosk.name}, {"revoked", true}}));
  return ok_status();
}

}  // namespace classbook::app
