// kiosks: a kiosk as the kiosks table holds it.
#pragma once

#include <optional>
#include <string>

#include "domain/kiosk_enrolment.hpp"
#include "rows/records.hpp"

namespace classbook::rows {

struct KioskRecord {
  Id id = 0;
  std::string uuid;
  std::string name;
  domain::KioskMode mode = domain::KioskMode::entrance;
  std::optional<std::string> cert_fingerprint;
  bool has_device_key = false;  // enrolled the older way, `classbookctl kiosk add`
  bool revoked = false;
  std::optional<std::string> enrolled_at;
  std::optional<std::string> last_seen_at;
  std::optional<std::string> code_expires_at;  // while a code waits to be used
  std::string created_at;
  // Holds a certificate or a device key and is not revoked: what "enrolled" means.
  bool enrolled() const { return !revoked && (cert_fingerprint || has_device_key); }
};

}  // namespace classbook::rows
