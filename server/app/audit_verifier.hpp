// audit_verifier: runs `classbookctl verify-audit`'s checks — the hash chain walked from its start, and
// the journal compared with the trail's latest entries — read-only, on a connection and a thread of
// their own, one run at a time (app/audit_verification asks it for the director's page).
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/hash_pool.hpp"
#include "classbook/common/clock.hpp"

namespace classbook::app {

// The checks read the whole trail and journal: ~1 s on the demo school, tens of seconds on a year of
// 5,000 pupils. So one run at a time (a request during a run gets that run's answer), and a result
// younger than this is answered again rather than read anew: a page reloaded does not start another.
constexpr std::chrono::seconds audit_verification_reuse{60};

struct AuditFinding {
  std::string kind;     // "chain" (an entry changed or missing) | "mismatch" (a row differs from its entry)
  long long seq = 0;    // chain: the first bad entry; mismatch: the latest entry of the row (0: none)
  std::string entity, key;  // mismatch: "mark"… and the row's key in the trail
  std::string problem;  // in English, as verify-audit prints it
  std::string row;      // mismatch: which row, for a person ("Петрова Анна (7А), 2026-11-16 period 2 Алгебра")
  std::string text;     // the whole finding in one line (verify-audit's line)
};

struct AuditVerificationView {
  bool ok = false;
  long long checked_entries = 0;  // audit entries walked
  long long rows_checked = 0;     // marks, attendance entries and term grades compared
  long long mismatch_count = 0;   // all rows that differ (findings lists the first 100)
  std::vector<AuditFinding> findings;
  std::string checked_at;  // when the run finished, UTC
  long long took_ms = 0;
};

class AuditVerifier {
 public:
  // Answers the latest result when younger than audit_verification_reuse, joins a run under way, or
  // starts one on `db_path`. `reply` runs on the verifier's thread (or the caller's, for a result kept).
  using Answer = std::function<void(Result<AuditVerificationView>)>;
  void verify(std::string db_path, const Clock& clock, Answer reply);

 private:
  std::mutex mutex_;
  bool running_ = false;
  std::vector<Answer> waiting_;
  std::optional<AuditVerificationView> last_;
  std::chrono::steady_clock::time_point last_at_;
  HashPool worker_{1, 1};  // last: destroyed first, finishing its run while the state above still lives
};

}  // namespace classbook::app
