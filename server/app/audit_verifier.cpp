// audit_verifier: the two checks of store/audit and store/audit_check, run as verify-audit runs
// them, with their findings as values for the API.
#include "app/audit_verifier.hpp"

#include "store/audit.hpp"
#include "store/audit_check.hpp"

namespace classbook::app {
namespace {

Result<AuditVerificationView> run_checks(const std::string& path, const Clock& clock) {
  const auto started = std::chrono::steady_clock::now();
  auto db = store::Db::open(path, store::Db::Mode::read_only);
  if (!db) return db.error();
  AuditVerificationView v;
  auto chain = store::verify_audit_chain(**db);
  if (!chain) return chain.error();
  v.checked_entries = chain->entries;
  if (chain->first_bad_seq)
    v.findings.push_back({"chain", chain->first_bad_seq, "", "", chain->problem, "", "the audit trail is broken: " + chain->problem});
  auto data = store::verify_audit_matches_data(**db);
  if (!data) return data.error();
  v.rows_checked = data->rows_checked;
  v.mismatch_count = data->mismatch_count;
  for (const auto& m : data->mismatches)
    v.findings.push_back({"mismatch", m.audit_seq, m.entity, m.key, m.problem, m.row, store::describe(m)});
  v.ok = chain->first_bad_seq == 0 && data->ok();
  v.checked_at = format_utc(clock.now());
  v.took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return v;
}

}  // namespace

void AuditVerifier::verify(std::string db_path, const Clock& clock, Answer reply) {
  {
    std::unique_lock lock(mutex_);
    if (last_ && std::chrono::steady_clock::now() - last_at_ < audit_verification_reuse) {
      auto kept = *last_;
      lock.unlock();
      return reply(std::move(kept));
    }
    waiting_.push_back(std::move(reply));
    if (running_) return;
    running_ = true;
  }
  const bool queued = worker_.submit([this, path = std::move(db_path), &clock] {
    auto r = run_checks(path, clock);
    std::vector<Answer> replies;
    {
      std::lock_guard lock(mutex_);
      if (r) {
        last_ = *r;
        last_at_ = std::chrono::steady_clock::now();
      }
      replies.swap(waiting_);
      running_ = false;
    }
    for (auto& each : replies) each(r);
  });
  if (!queued) {  // cannot happen with one run at a time; answered rather than left hanging
    std::vector<Answer> replies;
    {
      std::lock_guard lock(mutex_);
      replies.swap(waiting_);
      running_ = false;
    }
    for (auto& each : replies) each(make_error(Errc::unavailable, "audit.verification_busy", "the audit trail is being checked; try again in a minute"));
  }
}

}  // namespace classbook::app
