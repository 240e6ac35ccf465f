// kiosks: kiosks as devices with identities — who is asking (by client certificate or the older
// device key), enrolment with a one-time code, and the admin's list, codes and revocations.
// Identities are cached; the cache is dropped whenever the database's kiosk_version moves, which
// any process's revocation does (a trigger), so a revoked kiosk is refused on its next request.
// A tap skips that version read (KioskCheck::in_write): its own transaction confirms the kiosk's
// credential instead, which is as immediate and costs the tap no read transaction of its own.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/kiosk_admin.hpp"
#include "classbook/common/pki.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int kiosk_cert_valid_days = 2 * 365;
constexpr int max_enrolment_failures = 10;                    // per address within the window
constexpr auto enrolment_failure_window = std::chrono::minutes(1);
constexpr std::size_t max_enrolment_addresses = 10000;        // tracked before stale ones are dropped
constexpr std::size_t max_csr_bytes = 16 * 1024;
constexpr auto kiosk_touch_interval = std::chrono::minutes(1);  // how stale last_seen_at may be
constexpr std::int64_t max_reported_spool_depth = 100'000'000;  // far beyond any spool's limit: a larger number is garbage
constexpr const char* spool_depth_header = "Classbook-Spool-Depth";

// The error codes of the kiosk protocol (docs/kiosk-protocol.md). They travel in Error::field; the
// kiosk routes answer with them as the error's code.
namespace kiosk_error {
constexpr const char* certificate_required = "kiosk_certificate_required";
constexpr const char* revoked = "kiosk_revoked";
constexpr const char* code_invalid = "enrolment_code_invalid";
constexpr const char* unknown_card = "unknown_card";
constexpr const char* no_pin = "no_pin";
constexpr const char* wrong_pin = "wrong_pin";
constexpr const char* pin_locked = "pin_locked";
constexpr const char* print_limit = "print_limit";
bool is_one(std::string_view field);
}  // namespace kiosk_error

// What a kiosk proved who it is with: a write can confirm it in its own transaction.
struct KioskCredential {
  Id kiosk_id = 0;
  bool by_key = false;  // the older device key; else a client certificate
  std::string lookup;   // the device key's SHA-256, or the certificate's fingerprint
};

struct KioskIdentity {
  domain::Actor actor;  // role kiosk, person_id = the kiosk's id, hall_kiosk by its mode
  store::KioskRecord kiosk;
  KioskCredential credential;
};

// How an identity is checked. `now` reads the kiosk version first, so a revocation by any process
// shows on the very request; `in_write` takes a cached identity as it is, for a route whose write
// confirms the credential inside its own transaction (store::kiosk_credential_current) and refuses
// a revoked kiosk there — a tap saves a read transaction of its own.
enum class KioskCheck { now, in_write };

// The error a kiosk gets once revoked (or its credential replaced by a new enrolment).
Error kiosk_revoked_error(bool by_key);

struct Enrolled {
  store::KioskRecord kiosk;
  std::string certificate;  // PEM
  std::string ca;           // PEM
};

class Kiosks {
 public:
  // `ca` is the box's CA (tls/ca.key and tls/ca.crt): it signs the kiosks' certificates.
  Kiosks(Context& ctx, KeyAndCert ca);

  // The kiosk behind a client certificate's SHA-256 fingerprint ("" when the connection had none).
  Result<KioskIdentity> by_certificate(const std::string& fingerprint, KioskCheck check = KioskCheck::now);
  // The kiosk behind an `Authorization: Bearer` device key.
  Result<KioskIdentity> by_device_key(const std::string& key, KioskCheck check = KioskCheck::now);
  // Notes that the kiosk spoke; last_seen_at is written at most once per kiosk_touch_interval.
  void seen(const KioskIdentity& k);

  // POST /api/v1/kiosks/enrol: no session; failures are counted per address.
  void enrol(const std::string& address, const std::string& code, const std::string& csr, Reply<Enrolled> reply);

  void make_code(const domain::Actor& actor, const std::string& name, domain::KioskMode mode, Reply<IssuedCode> reply);
  Result<std::vector<store::KioskRecord>> list(const domain::Actor& actor);
  void revoke(const domain::Actor& actor, const std::string& kiosk_id, Reply<Ok> reply);

  const std::string& ca_fingerprint() const { return ca_fingerprint_; }

  // What a kiosk last said of its spool (the Classbook-Spool-Depth header of its hello and taps):
  // kept in memory only — after a restart it is unknown until the kiosk next speaks, seconds later.
  // A value that is not a count (digits, at most max_reported_spool_depth) is ignored.
  void note_spool(std::int64_t kiosk_id, std::string_view depth_header);
  struct SpoolReport {
    std::int64_t depth = 0;  // taps waiting in the kiosk's spool to be sent
    std::string at;          // when the kiosk said so, UTC
  };
  std::optional<SpoolReport> spool_report(std::int64_t kiosk_id) const;

 private:
  Result<KioskIdentity> identify(const std::string& cache_key, bool by_key, const std::string& lookup, KioskCheck check);
  int enrolment_retry_after(const std::string& address);
  void enrolment_failed(const std::string& address);

  Context& ctx_;
  KeyAndCert ca_;
  std::string ca_fingerprint_;
  mutable std::mutex mutex_;
  std::int64_t version_ = -1;                      // kiosk_version the cache belongs to
  std::map<std::string, KioskIdentity> cache_;     // by "cert:" + fingerprint or "key:" + key hash
  std::map<std::int64_t, TimePoint> touched_;      // kiosk id → when last_seen_at was last written
  std::map<std::int64_t, SpoolReport> spools_;     // kiosk id → its latest spool depth
  std::map<std::string, std::deque<TimePoint>> enrolment_failures_;  // by address
};

}  // namespace classbook::app
