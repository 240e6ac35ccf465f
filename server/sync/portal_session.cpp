// portal_session: see the header.
#include "sync/portal_session.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "classbook/common/log.hpp"
#include "store/audit.hpp"
#include "store/sync_state.hpp"
#include "sync/backoff.hpp"
#include "sync/https_portal_transport.hpp"
#include "sync/portal_cursor.hpp"
#include "sync/portal_paths.hpp"
#include "sync/roster_pull.hpp"
#include "sync/sync_key.hpp"

namespace classbook::sync {
namespace json = boost::json;
namespace {

constexpr auto stop_poll = std::chrono::milliseconds(200);

std::string path_of(const std::string& url) {
  const auto host_start = url.find("://");
  const auto slash = url.find('/', host_start == std::string::npos ? 0 : host_start + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

Result<std::unique_ptr<HttpsPortalTransport>> transport_for(const PortalSettings& s) {
  auto options = portal_options_from_url(s.url, s.ca_file);
  if (!options) return options.error();
  options->connect_timeout = s.connect_timeout;
  options->read_timeout = s.read_timeout;
  return HttpsPortalTransport::open(*options);
}

}  // namespace

std::string sync_key_path(const std::string& data_folder) { return data_folder + "/sync/box-sync.key"; }
std::string sync_lock_path(const std::string& data_folder) { return data_folder + "/sync/sync.lock"; }

Result<PortalSettings> resolve_portal_settings(const config::PortalSection& section) {
  if (!section.configured())
    return make_error(Errc::conflict, "sync.portal_not_configured",
                      "no city portal is configured: add a [portal] section to classbookd.toml with url, ca_file, client_id "
                      "and client_secret (or client_file = the portal's client.json), then restart classbookd");
  PortalSettings s;
  s.url = section.url;
  s.ca_file = section.ca_file;
  s.school = section.school;
  s.credentials.client_id = section.client_id;
  s.credentials.client_secret = section.client_secret;
  std::string token_url = section.token_url;
  if (!section.client_file.empty()) {
    std::ifstream in(section.client_file, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    boost::system::error_code ec;
    auto v = json::parse(text.str(), ec);
    if (!in || ec || !v.is_object())
      return make_error(Errc::invalid_input, "sync.client_file_unreadable",
                        "[portal] client_file '" + section.client_file + "' cannot be read as the portal's client.json", "client_file");
    const auto& o = v.as_object();
    auto take = [&o](const char* k, std::string& out) {
      if (out.empty())
        if (auto* x = o.if_contains(k); x && x->is_string()) out = std::string(x->as_string());
    };
    take("client_id", s.credentials.client_id);
    take("client_secret", s.credentials.client_secret);
    take("token_url", token_url);
    take("base_url", s.url);
    take("org", s.school);
    take("school", s.school);  // the name classbook-portal's client.json gives it (docs/portal.md); wins over "org"
  }
  if (s.url.empty() || s.credentials.client_id.empty() || s.credentials.client_secret.empty())
    return make_error(Errc::invalid_input, "sync.portal_not_configured",
                      "[portal] lacks url, client_id or client_secret (neither the section nor client_file gives it)");
  s.school_org = s.school;
  if (s.school.empty()) s.school = s.credentials.client_id;
  const auto base = path_of(s.url) == "/" ? std::string() : path_of(s.url);
  // The transport puts the URL's path before every target; the token path is taken below it.
  s.credentials.token_path = token_url.empty() ? default_token_path : path_of(token_url).substr(base.size());
  s.credentials.scope = portal_scopes;
  s.connect_timeout = std::chrono::seconds(section.connect_timeout_seconds);
  s.read_timeout = std::chrono::seconds(section.read_timeout_seconds);
  return s;
}

Result<PushReport> sync_once(const config::PortalSection& section, const std::string& data_folder,
                             const std::string& database, store::Writer& writer,
                             const Clock& clock, const std::function<void(const PushProgress&)>& progress,
                             const std::atomic<bool>& stopping) {
  // What fails before the push starts is recorded as the push records its own failures, so the
  // administrator's page says why (a missing CA, an unreachable portal) and not only the log.
  auto failed = [&](const Error& e) -> Error {
    const auto at = format_utc(clock.now());
    (void)writer.run([&](store::WriteContext& w) -> Status {
      if (auto s = store::record_sync_attempt(w.db, at); !s) return s;
      return store::record_sync_error(w.db, at, e.message);
    });
    return e;
  };
  auto settings = resolve_portal_settings(section);
  if (!settings) return failed(settings.error());
  auto transport = transport_for(*settings);
  if (!transport) return failed(transport.error());
  auto key = SyncKey::load_or_make(sync_key_path(data_folder));
  if (!key) return failed(key.error());
  TokenSource tokens(**transport, clock, settings->credentials);
  std::mt19937_64 rng(std::random_device{}());
  Backoff backoff([&rng] { return rng(); });
  auto wait = [&stopping](std::chrono::milliseconds d) {
    log::info("sync", "waiting " + std::to_string(d.count() / 1000) + " s before trying again");
    const auto until = std::chrono::steady_clock::now() + d;
    while (!stopping && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(stop_poll);
  };
  const PushParts parts{**transport, tokens, backoff, clock, wait, [&stopping] { return stopping.load(); }};
  {  // What an imported outbox file gave the portal is not sent again (docs/sync-protocol.md § Offline by file).
    // Not fatal: the push asks the portal's cursor again before it sends anything.
    auto db = store::Db::open(database, store::Db::Mode::read_only);
    if (!db) return failed(db.error());
    if (auto c = adopt_portal_cursor(**transport, tokens, writer, **db); !c)
      log::warn("sync", "the portal's cursor could not be read before the roster: " + c.error().message);
  }
  // Roster in before the journal out (docs/sync-protocol.md): the portal's pupils are on the box, and
  // the links it is told of go out with this push. A roster that cannot be read does not hold the
  // journal back; its error is the run's once the journal is out.
  auto roster = RosterPull(parts, writer, database, settings->school_org).run();
  if (roster)
    log::info("sync", "roster: " + std::to_string(roster->objects_read) + " objects read, " + std::to_string(roster->tally.total()) +
                          " changes applied, " + std::to_string(roster->refused.size()) + " refused");
  else
    log::warn("sync", "roster: " + roster.error().message);
  if (stopping) return failed(make_error(Errc::unavailable, "sync.stopped", "the sync was stopped before the journal was sent"));
  JournalPush push(parts, writer, database, *key, settings->school);
  auto pushed = push.run(progress);
  if (!pushed || roster) return pushed;
  return failed(roster.error());
}

Result<AnchorReport> check_anchors(PortalTransport& transport, TokenSource& tokens, store::Db& db) {
  AnchorReport report;
  auto chain = store::verify_audit_chain(db);
  if (!chain) return chain.error();
  report.chain_intact = chain->first_bad_seq == 0;
  report.chain_problem = chain->problem;
  for (std::int64_t offset = 0;; offset += anchors_page) {
    auto auth = tokens.authorization();
    if (!auth) return auth.error();
    auto answer = transport.send({"GET", std::string(anchors_path) + "?limit=" + std::to_string(anchors_page) + "&offset=" + std::to_string(offset),
                                  {{"Authorization", *auth}, {"Accept", "application/json"}}, ""});
    if (!answer) return answer.error();
    if (answer->status != 200)
      return make_error(Errc::unavailable, "sync.portal_unavailable",
                        "the portal answered HTTP " + std::to_string(answer->status) + " when asked for the box's anchors");
    boost::system::error_code ec;
    auto v = json::parse(answer->body, ec);
    const auto* list = !ec && v.is_object() ? v.as_object().if_contains("anchors") : nullptr;
    if (!list || !list->is_array())
      return make_error(Errc::unavailable, "sync.portal_answer_unreadable", "the portal's list of anchors could not be read");
    for (const auto& a : list->as_array()) {
      if (!a.is_object() || !a.as_object().contains("seq") || !a.as_object().at("seq").is_number()) continue;
      const auto& o = a.as_object();
      AnchorFinding f;
      f.seq = o.at("seq").to_number<std::int64_t>();
      if (auto* h = o.if_contains("hash"); h && h->is_string()) f.portal_hash = std::string(h->as_string());
      if (auto* t = o.if_contains("at"); t && t->is_string()) f.portal_at = std::string(t->as_string());
      ++report.anchors;
      if (f.seq == 0) {
        ++report.matching;  // anchored while the trail was empty
        continue;
      }
      auto local = store::audit_entry_at(db, f.seq);
      if (!local) return local.error();
      if (!*local) {
        f.problem = "the local audit trail has no entry " + std::to_string(f.seq) + " any more: history was cut after the portal saw it";
      } else if ((*local)->hash != f.portal_hash) {
        f.local_hash = (*local)->hash;
        f.problem = "entry " + std::to_string(f.seq) + " was rewritten after " + f.portal_at + ": the portal has hash " +
                    f.portal_hash.substr(0, 16) + "…, the box now " + f.local_hash.substr(0, 16) + "…";
      }
      if (f.problem.empty()) ++report.matching;
      else report.differing.push_back(std::move(f));
    }
    if (list->as_array().size() < static_cast<std::size_t>(anchors_page)) break;
  }
  return report;
}

Result<AnchorReport> check_anchors_with_portal(const config::PortalSection& section, const Clock& clock, store::Db& db) {
  auto settings = resolve_portal_settings(section);
  if (!settings) return settings.error();
  auto transport = transport_for(*settings);
  if (!transport) return transport.error();
  TokenSource tokens(**transport, clock, settings->credentials);
  return check_anchors(**transport, tokens, db);
}

}  // namespace classbook::sync
