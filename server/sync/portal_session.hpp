// portal_session: one sync as classbookd's runner and `classbookctl sync` both run it — the [portal]
// settings (and the portal's client.json) turned into the HTTPS transport, the token source, the
// back-off and the box's sync key, then the journal push; and the audit anchors checked against the
// local chain (`classbookctl verify-audit --against-portal`).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "classbook/common/clock.hpp"
#include "config/daemon_config.hpp"
#include "store/db.hpp"
#include "store/writer.hpp"
#include "sync/journal_push.hpp"
#include "sync/portal_transport.hpp"
#include "sync/token_source.hpp"

namespace classbook::sync {

constexpr std::int64_t anchors_page = 500;  // anchors asked for at a time

// Where the box keeps its sync key inside the data folder.
std::string sync_key_path(const std::string& data_folder);
// The one-sync-at-a-time lock (an flock) that classbookd's runner and classbookctl sync/export-outbox take.
std::string sync_lock_path(const std::string& data_folder);

// What the settings resolve to once client.json is read.
struct PortalSettings {
  std::string url, ca_file, school;
  std::string school_org;  // the school as configured; "" when the client id stands in for it (school)
  ClientCredentials credentials;
  std::chrono::seconds connect_timeout{10}, read_timeout{60};
};
// Fails with sync.portal_not_configured (saying what to add) when [portal] is missing.
Result<PortalSettings> resolve_portal_settings(const config::PortalSection& section);

// One sync with the real portal. `stopping` ends the waits early (classbookd stopping).
Result<PushReport> sync_once(const config::PortalSection& section, const std::string& data_folder,
                             const std::string& database, store::Writer& writer,
                             const Clock& clock, const std::function<void(const PushProgress&)>& progress,
                             const std::atomic<bool>& stopping);

struct AnchorFinding {
  std::int64_t seq = 0;
  std::string portal_hash, portal_at;
  std::string local_hash;  // "" when the local trail has no entry with that seq
  std::string problem;     // "" when it matches
};
struct AnchorReport {
  std::int64_t anchors = 0, matching = 0;
  bool chain_intact = true;    // the local chain from the genesis to the head verifies
  std::string chain_problem;
  std::vector<AnchorFinding> differing;
  bool ok() const { return chain_intact && differing.empty(); }
};
// Reads every anchor from the portal and compares each with the local audit entry of that seq.
Result<AnchorReport> check_anchors(PortalTransport& transport, TokenSource& tokens, store::Db& db);
Result<AnchorReport> check_anchors_with_portal(const config::PortalSection& section, const Clock& clock, store::Db& db);

}  // namespace classbook::sync
