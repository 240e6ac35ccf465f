// kiosks: the kiosks table — identities by certificate fingerprint or device key, enrolment codes,
// revocation, the identity version other processes move, and when each kiosk was last seen.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/kiosk_enrolment.hpp"
#include "rows/kiosks.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

using rows::KioskRecord;

Result<std::optional<KioskRecord>> kiosk_by_fingerprint(Db& db, std::string_view fingerprint);
Result<std::optional<KioskRecord>> kiosk_by_device_key_hash(Db& db, std::string_view key_hash);
// Whether kiosk `kiosk_id` still holds this credential (its device key's hash, or its certificate's
// fingerprint) and is not revoked: a tap confirms its kiosk inside its own transaction.
Result<bool> kiosk_credential_current(Db& db, Id kiosk_id, bool by_key, std::string_view lookup);
Result<std::optional<KioskRecord>> kiosk_by_uuid(Db& db, std::string_view uuid);
Result<std::optional<KioskRecord>> kiosk_by_name(Db& db, std::string_view name);
Result<std::optional<KioskRecord>> kiosk_by_code_hash(Db& db, std::string_view code_hash);
Result<std::vector<KioskRecord>> all_kiosks(Db& db);
Result<std::string> kiosk_name(Db& db, Id kiosk_id);  // "" when there is none

// Moves whenever a kiosk's identity changes (revoked, enrolled, renamed, removed), from any process.
Result<std::int64_t> kiosk_version(Db& db);

// A new enrolment code for `name`: a new row, or the waiting or revoked row of that name made
// ready again (its old certificate and key forgotten). Fails with conflict when the name is enrolled.
Result<KioskRecord> put_enrolment_code(Db& db, const std::string& name, domain::KioskMode mode,
                                       const std::string& code_hash, const std::string& expires_at,
                                       const std::string& now);
// A kiosk enrolled the older way (`classbookctl kiosk add`): it signs its requests with a device
// key whose SHA-256 is `key_hash`. Fails with conflict when the name is taken.
Result<KioskRecord> insert_kiosk_with_device_key(Db& db, const std::string& name, const std::string& key_hash,
                                                 const std::string& now,
                                                 domain::KioskMode mode = domain::KioskMode::entrance);
// The code is used: the kiosk holds this certificate from now on.
Status set_kiosk_certificate(Db& db, Id kiosk_id, const std::string& fingerprint, const std::string& now);
Status revoke_kiosk(Db& db, Id kiosk_id, const std::string& now);
Status touch_kiosk(Db& db, Id kiosk_id, const std::string& now);

}  // namespace classbook::store
