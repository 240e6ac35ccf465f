// kiosks: identity lookups behind a version-checked cache, enrolment, and the admin's actions.
#include "app/kiosks.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "app/found.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "store/kiosks.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
namespace json = boost::json;

bool kiosk_error::is_one(std::string_view field) {
  for (const char* c : {certificate_required, revoked, code_invalid, unknown_card, no_pin, wrong_pin, pin_locked, print_limit})
    if (field == c) return true;
  return false;
}

namespace {

Error certificate_required() {
  return make_error(Errc::unauthenticated, "kiosk.certificate_required",
                    "this endpoint is for enrolled kiosks; enrol with classbook-kiosk enrol",
                    kiosk_error::certificate_required);
}
Error revoked() {
  return make_error(Errc::unauthenticated, "kiosk.revoked", "this kiosk was revoked; enrol it again", kiosk_error::revoked);
}
Error code_invalid() {
  return make_error(Errc::forbidden, "kiosk.enrolment_code_invalid", "the enrolment code is wrong, used or expired; ask the admin for a new one",
                    kiosk_error::code_invalid);
}

// A code that can still be used, as of `now`.
bool code_usable(const store::KioskRecord& k, TimePoint now) {
  TimePoint expires;
  return !k.enrolled() && k.code_expires_at && parse_utc(*k.code_expires_at, expires) && now < expires;
}

}  // namespace

Kiosks::Kiosks(Context& ctx, KeyAndCert ca) : ctx_(ctx), ca_(std::move(ca)) {
  auto fp = certificate_fingerprint_sha256(ca_.cert_pem);
  ca_fingerprint_ = fp ? *fp : std::string();
}

Error kiosk_revoked_error(bool by_key) {
  if (by_key)
    return make_error(Errc::unauthenticated, "kiosk.revoked", "this kiosk is not enrolled or was revoked; enrol it again",
                      kiosk_error::revoked);
  return revoked();
}

Result<KioskIdentity> Kiosks::identify(const std::string& cache_key, bool by_key, const std::string& lookup, KioskCheck check) {
  if (check == KioskCheck::in_write) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(cache_key); it != cache_.end()) return it->second;
  }
  auto db = ctx_.readers.acquire();
  const auto version_read = store::kiosk_version(*db);
  if (!version_read) return version_read.error();
  const auto version = *version_read;
  {
    std::lock_guard lock(mutex_);
    if (version != version_) {
      cache_.clear();
      version_ = version;
    }
    if (auto it = cache_.find(cache_key); it != cache_.end()) return it->second;
  }
  auto kiosk_read = by_key ? store::kiosk_by_device_key_hash(*db, lookup) : store::kiosk_by_fingerprint(*db, lookup);
  if (!kiosk_read) return kiosk_read.error();
  const auto& kiosk = *kiosk_read;
  // A certificate from the box's CA that no kiosk holds any more was replaced by a new enrolment.
  if (!kiosk || kiosk->revoked) return revoked();
  KioskIdentity id;
  id.kiosk = *kiosk;
  id.actor.role = domain::Role::kiosk;
  id.actor.person_id = kiosk->id;
  id.actor.hall_kiosk = kiosk->mode == domain::KioskMode::hall;
  id.credential = {kiosk->id, by_key, lookup};
  std::lock_guard lock(mutex_);
  if (version == version_) cache_[cache_key] = id;  // else a revocation came in meanwhile: do not keep it
  return id;
}

Result<KioskIdentity> Kiosks::by_certificate(const std::string& fingerprint, KioskCheck check) {
  if (fingerprint.empty()) return certificate_required();
  return identify("cert:" + fingerprint, false, fingerprint, check);
}

Result<KioskIdentity> Kiosks::by_device_key(const std::string& key, KioskCheck check) {
  if (key.empty() || key.size() > 128) return make_error(Errc::unauthenticated, "kiosk.not_enrolled", "this kiosk is not enrolled");
  const auto hash = sha256_hex(key);
  auto id = identify("key:" + hash, true, hash, check);
  if (!id && id.error().field == kiosk_error::revoked) return kiosk_revoked_error(true);
  return id;
}

void Kiosks::seen(const KioskIdentity& k) {
  const auto now = ctx_.clock.now();
  {
    std::lock_guard lock(mutex_);
    auto& last = touched_[k.kiosk.id];
    if (last != TimePoint{} && now - last < kiosk_touch_interval) return;
    last = now;
  }
  ctx_.writer.submit([id = k.kiosk.id](store::WriteContext& w) { return store::touch_kiosk(w.db, id, w.now_text); },
                     [](const Status& s) {
                       if (!s) log::warn("kiosks", "noting when a kiosk was last seen failed: " + s.error().message);
                     });
}

void Kiosks::note_spool(std::int64_t kiosk_id, std::string_view depth_header) {
  if (depth_header.empty() || depth_header.size() > 9) return;  // absent (an older kiosk) or not a count
  std::int64_t depth = 0;
  for (char ch : depth_header) {
    if (ch < '0' || ch > '9') return;
    depth = depth * 10 + (ch - '0');
  }
  if (depth > max_reported_spool_depth) return;
  const auto at = format_utc(ctx_.clock.now());
  std::lock_guard lock(mutex_);
  spools_[kiosk_id] = {depth, at};
}

std::optional<Kiosks::SpoolReport> Kiosks::spool_report(std::int64_t kiosk_id) const {
  std::lock_guard lock(mutex_);
  auto it = spools_.find(kiosk_id);
  if (it == spools_.end()) return std::nullopt;
  return it->second;
}

int Kiosks::enrolment_retry_after(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto it = enrolment_failures_.find(address);
  if (it == enrolment_failures_.end()) return 0;
  const auto now = ctx_.clock.now();
  auto& times = it->second;
  while (!times.empty() && now - times.front() >= enrolment_failure_window) times.pop_front();
  if (static_cast<int>(times.size()) < max_enrolment_failures) return 0;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + enrolment_failure_window - now);
  return std::max<int>(1, static_cast<int>(wait.count()));
}

void Kiosks::enrolment_failed(const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = ctx_.clock.now();
  // Guesses from many addresses must not grow memory without end.
  if (enrolment_failures_.size() >= max_enrolment_addresses)
    std::erase_if(enrolment_failures_, [&](const auto& kv) {
      return kv.second.empty() || now - kv.second.back() >= enrolment_failure_window;
    });
  enrolment_failures_[address].push_back(now);
}

void Kiosks::enrol(const std::string& address, const std::string& typed_code, const std::string& csr,
                   Reply<Enrolled> reply) {
  if (int wait = enrolment_retry_after(address); wait > 0)
    return reply(make_error(Errc::throttled, "kiosk.enrolment_throttled", "too many wrong enrolment codes; try again in " + std::to_string(wait) + " s",
                            std::to_string(wait)));
  if (csr.empty() || csr.size() > max_csr_bytes)
    return reply(make_error(Errc::invalid_input, "kiosk.csr_malformed", "csr must be the kiosk's certificate request as PEM text", "csr"));
  const auto code = domain::normalise_enrolment_code(typed_code);
  std::optional<store::KioskRecord> kiosk;
  if (code) {
    auto db = ctx_.readers.acquire();
    auto found = store::kiosk_by_code_hash(*db, sha256_hex(*code));
    if (!found) return reply(found.error());
    kiosk = std::move(*found);
  }
  if (!kiosk || !code_usable(*kiosk, ctx_.clock.now())) {
    enrolment_failed(address);
    log::info("kiosks", "a wrong, used or expired enrolment code from " + address);
    return reply(code_invalid());
  }
  // Signing before the writer job keeps the writer free; the job checks the code again.
  auto cert = sign_client_csr(ca_, csr, kiosk->name, kiosk_cert_valid_days);
  if (!cert) return reply(make_error(Errc::invalid_input, "kiosk.csr_rejected", cert.error().message, "csr"));
  auto fingerprint = certificate_fingerprint_sha256(*cert);
  if (!fingerprint) return reply(fingerprint.error());
  submit<Enrolled>(ctx_, [this, code_hash = sha256_hex(*code), id = kiosk->id, cert = *cert,
                          fp = *fingerprint](store::WriteContext& w) -> Result<Enrolled> {
    auto k_read = store::kiosk_by_code_hash(w.db, code_hash);
    if (!k_read) return k_read.error();
    const auto& k = *k_read;
    if (!k || k->id != id || !code_usable(*k, w.now)) return code_invalid();  // used meanwhile
    if (auto s = store::set_kiosk_certificate(w.db, k->id, fp, w.now_text); !s) return s.error();
    w.audit(0, "kiosk", k->uuid, "enrol", "{}",
            json::serialize(json::object{{"name", k->name}, {"mode", domain::to_string(k->mode)}, {"cert_fingerprint", fp}}));
    auto saved = existing(store::kiosk_by_uuid(w.db, k->uuid), make_error(Errc::internal, "store.row_vanished", "the kiosk vanished after its enrolment"));
    if (!saved) return saved.error();
    return Enrolled{*saved, cert, ca_.cert_pem};
  }, [this, address, reply = std::move(reply)](Result<Enrolled> r) {
    if (!r && r.error().field == kiosk_error::code_invalid) enrolment_failed(address);
    if (r) log::info("kiosks", "kiosk '" + r->kiosk.name + "' enrolled from " + address);
    reply(std::move(r));
  });
}

void Kiosks::make_code(const domain::Actor& actor, const std::string& name, domain::KioskMode mode,
                       Reply<IssuedCode> reply) {
  if (auto d = domain::decide(actor, domain::Action::manage_kiosks, {}); !d)
    return reply(make_error(Errc::forbidden, "kiosk.admin_only", d.reason));
  if (auto problem = check_kiosk_name(name)) return reply(make_error(Errc::invalid_input, "kiosk.name_invalid", *problem, "name"));
  submit<IssuedCode>(ctx_, [actor, name, mode](store::WriteContext& w) {
    return issue_enrolment_code(w, actor.user_id, name, mode, std::chrono::duration_cast<std::chrono::minutes>(kiosk_code_valid));
  }, std::move(reply));
}

Result<std::vector<store::KioskRecord>> Kiosks::list(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::read_kiosks, {}); !d) return make_error(Errc::forbidden, "kiosk.admin_only", d.reason);
  auto db = ctx_.readers.acquire();
  return store::all_kiosks(*db);
}

void Kiosks::revoke(const domain::Actor& actor, const std::string& kiosk_id, Reply<Ok> reply) {
  if (auto d = domain::decide(actor, domain::Action::manage_kiosks, {}); !d)
    return reply(make_error(Errc::forbidden, "kiosk.admin_only", d.reason));
  if (!is_uuid(kiosk_id)) return reply(make_error(Errc::not_found, "kiosk.not_found", "no such kiosk; check the id from GET /api/v1/kiosks"));
  submit<Ok>(ctx_, [actor, kiosk_id](store::WriteContext& w) -> Result<Ok> {
    auto k = existing(store::kiosk_by_uuid(w.db, kiosk_id), make_error(Errc::not_found, "kiosk.not_found", "no such kiosk; check the id from GET /api/v1/kiosks"));
    if (!k) return k.error();
    if (auto s = revoke_kiosk(w, actor.user_id, *k); !s) return s.error();
    return Ok{};
  }, [name = kiosk_id, reply = std::move(reply)](Result<Ok> r) {
    if (r) log::info("kiosks", "kiosk " + name + " revoked");
    reply(std::move(r));
  });
}

}  // namespace classbook::app
