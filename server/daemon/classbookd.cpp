// classbookd: the journal server — opens the school database, serves the API over HTTPS.
#include <malloc.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "app/grading.hpp"
#include "app/kiosks.hpp"
#include "app/api_clients.hpp"
#include "app/mail_desk.hpp"
#include "app/sign_in.hpp"
#include "app/sync_desk.hpp"
#include "printing/printers.hpp"
#include "app/timetable_admin.hpp"
#include "classbook/common/log.hpp"
#include "config/daemon_config.hpp"
#include "daemon/data_dir.hpp"
#include "http/api.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "mail/smtp_transport.hpp"
#include "store/audit_check.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"
#include "store/security_log.hpp"
#include "store/timetable_admin.hpp"
#include "store/writer.hpp"
#include "sync/portal_session.hpp"

using namespace classbook;

namespace {

constexpr std::size_t reader_connections = 8;
constexpr int max_malloc_arenas = 2;
constexpr auto housekeeping_interval = std::chrono::hours(1);
constexpr auto audit_check_interval = std::chrono::hours(24);  // after the one at start
constexpr std::size_t conflicts_logged = 5;  // each hour; the office sees all of them in POST /api/v1/lessons/make

void usage() {
  std::puts(
      "usage: classbookd [--config FILE] [--data DIR] [--listen ADDRESS] [--port N] [--threads N]\n"
      "                  [--metrics-from ADDRESS] [--max-per-address N] [--otp-days N] [--api-token-seconds N]\n"
      "       classbookd [--config FILE] --check-config\n"
      "       classbookd --routes\n"
      "  --config FILE    the configuration file (default /etc/classbook/classbookd.toml, used when it exists;\n"
      "                   an example: server/config/classbookd.example.toml). The flags below win over it.\n"
      "  --check-config   read the configuration, say what the box would run with, and exit (1 if it is wrong)\n"
      "  --data DIR       the box's state folder made by `classbookctl init` (default /var/lib/classbook)\n"
      "  --listen ADDRESS address to listen on (default 0.0.0.0)\n"
      "  --port N         HTTPS port (default 8443; 0 picks a free one and prints it)\n"
      "  --threads N      network threads (default 2)\n"
      "  --metrics-from ADDRESS  besides loopback, the one peer address that may read /metrics\n"
      "  --max-per-address N  connections one client address may hold (default 64)\n"
      "  --otp-days N     days a login slip's one-time password works (default 14)\n"
      "  --api-token-seconds N  a shorter life for the access tokens of OneRoster API clients (1 to 3600;\n"
      "                   default 3600): a cautious school's choice, and how the tests see a token expire\n"
      "  --routes         print the API's route table (one JSON object a line) and exit");
}

// The file's settings as the defaults the flags then override.
void apply(const config::DaemonConfig& file, DataDir& dir, http::ServerConfig& server, std::string& metrics_from,
           app::SignInOptions& sign_in) {
  const auto& s = file.server;
  if (s.data) dir.root = *s.data;
  if (s.listen) server.address = *s.listen;
  if (s.port) server.port = *s.port;
  if (s.threads) server.threads = *s.threads;
  if (s.max_per_address) server.max_connections_per_address = *s.max_per_address;
  if (s.metrics_from) metrics_from = *s.metrics_from;
  if (file.sign_in.one_time_password_days)
    sign_in.one_time_password_lifetime = std::chrono::days(*file.sign_in.one_time_password_days);
}

// The whole of a small text file (a PEM), or none when it cannot be read.
std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares the journal with its audit trail on a connection of its own (seconds on a year of a
// large school, so never on the writer), then records what differs in the security log through
// the writer. The log gets the count; the names of pupils stay in the security log.
void check_journal_against_audit(const std::string& path, store::Writer& writer) {
  auto db = store::Db::open(path, store::Db::Mode::read_only);
  if (!db) return log::error("audit", db.error().message);
  const auto started = std::chrono::steady_clock::now();
  auto v = store::verify_audit_matches_data(**db);
  if (!v) return log::error("audit", "comparing the journal with the audit trail failed: " + v.error().message);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  const auto rows = std::to_string(v->rows_checked) + " rows in " + std::to_string(ms) + " ms";
  if (v->ok()) return log::info("audit", "the journal matches the audit trail: " + rows);
  log::error("audit", std::to_string(v->mismatch_count) + " journal rows differ from the audit trail (" + rows +
                          "): see the security log or run `classbookctl verify-audit`");
  int added = 0;
  auto recorded = writer.run([&v, &added](store::WriteContext& w) -> Status {
    auto n = store::record_audit_mismatches(w.db, *v, w.now_text);
    if (!n) return n.error();
    added = *n;
    return ok_status();
  });
  if (!recorded) return log::error("audit", "could not write the audit mismatches to the security log: " + recorded.error().message);
  log::warn("audit", std::to_string(added) + " new findings in the security log (one already there is not repeated)");
}

std::atomic<int> g_signal{0};
void on_signal(int sig) { g_signal = sig; }

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  // glibc gives each thread that allocates an arena of its own (up to 8 per core) and keeps what is
  // freed in each: under load that was ~30 MiB of the server's RSS. Two arenas serve the network
  // threads; the writer and the background threads share them.
  mallopt(M_ARENA_MAX, max_malloc_arenas);
  DataDir dir{default_data_dir};
  http::ServerConfig config;
  std::string metrics_from;
  app::SignInOptions sign_in;
  std::chrono::seconds api_token_lifetime = app::api_token_lifetime;
  // The file first (its settings are the defaults), then the flags.
  std::string config_path = config::default_config_path;
  bool config_named = false, check_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config_path = argv[++i], config_named = true;
    else if (a == "--check-config") check_only = true;
  }
  auto file_config = config::read_daemon_config(config_path, config_named);
  if (!file_config) {
    std::fprintf(stderr, "classbookd: %s\n", file_config.error().message.c_str());
    return 1;
  }
  apply(*file_config, dir, config, metrics_from, sign_in);
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "classbookd: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--config") (void)next();  // read above
    else if (a == "--check-config") continue;
    else if (a == "--data") dir.root = next();
    else if (a == "--listen") config.address = next();
    else if (a == "--port") config.port = static_cast<std::uint16_t>(std::atoi(next().c_str()));
    else if (a == "--threads") config.threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--metrics-from") metrics_from = next();
    else if (a == "--routes") return std::fputs(http::Router::api().dump().c_str(), stdout), 0;
    else if (a == "--max-per-address") config.max_connections_per_address = std::max(1, std::atoi(next().c_str()));
    else if (a == "--otp-days") sign_in.one_time_password_lifetime = std::chrono::days(std::max(1, std::atoi(next().c_str())));
    else if (a == "--api-token-seconds") {
      const long seconds = std::atol(next().c_str());
      if (seconds < 1 || seconds > app::api_token_lifetime.count()) {
        std::fprintf(stderr, "classbookd: --api-token-seconds is 1 to %lld\n", static_cast<long long>(app::api_token_lifetime.count()));
        return 2;
      }
      api_token_lifetime = std::chrono::seconds(seconds);
    }
    else if (a == "--help" || a == "-h") return usage(), 0;
    else {
      std::fprintf(stderr, "classbookd: unknown option %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  if (!check_only && !file_config->file.empty())
    log::info("config", "settings read from " + file_config->file + "; printing: " +
                            (file_config->printing.queues.empty() ? std::string("no queues")
                                                                  : std::to_string(file_config->printing.queues.size()) +
                                                                        " queues, " + file_config->printing.default_queue + " the default"));
  if (check_only) {
    std::fputs(config::describe(*file_config).c_str(), stdout);
    std::printf("data folder: %s\n", dir.root.c_str());
    return 0;
  }
  config.cert_file = dir.server_cert();
  config.key_file = dir.server_key();
  config.client_ca_file = dir.ca_cert();
  // The box's CA signs the kiosks' certificates at enrolment and checks them at every handshake.
  KeyAndCert ca;
  {
    auto key = read_text(dir.ca_key());
    auto cert = read_text(dir.ca_cert());
    if (!key || !cert) {
      std::fprintf(stderr, "classbookd: cannot read the box's CA (%s, %s); run `classbookctl init` first\n",
                   dir.ca_key().c_str(), dir.ca_cert().c_str());
      return 1;
    }
    ca = {std::move(*key), std::move(*cert)};
  }

  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) {
    std::fprintf(stderr, "classbookd: %s\n", writer.error().message.c_str());
    return 1;
  }
  auto readers = store::ReaderPool::open(dir.db(), reader_connections);
  if (!readers) {
    std::fprintf(stderr, "classbookd: %s\n", readers.error().message.c_str());
    return 1;
  }
  store::SchoolSettings settings;
  {
    auto db = (*readers)->acquire();
    auto s = store::load_settings(*db);
    if (!s) {
      std::fprintf(stderr, "classbookd: %s\n", s.error().message.c_str());
      return 1;
    }
    settings = std::move(*s);
  }
  if (settings.terms.empty()) {
    std::fprintf(stderr, "classbookd: the school in %s has no terms; run `classbookctl init` first\n", dir.db().c_str());
    return 1;
  }
  app::Context ctx{**writer, **readers, clock, settings};
  app::Sessions sessions(ctx, sign_in);
  app::Kiosks kiosks(ctx, std::move(ca));
  // The school's printers from [printing]: CUPS is asked only when someone prints or looks.
  std::vector<app::PrinterChoice> printers;
  for (const auto& q : file_config->printing.queues) printers.push_back({q.name, q.destination, q.label});
  app::PrintDesk print_desk(ctx, printing::cups_printers(file_config->printing.cups_server), std::move(printers),
                            file_config->printing.default_queue);
  // The administrator's page: backups where `classbookctl backup` puts them, the figures of this folder.
  app::BoxDesk box_desk(ctx, {dir.root, dir.db(), dir.backups(), dir.server_cert()}, CLASSBOOK_VERSION, clock.now());
  // Guardians' e-mail notices through the relay of [mail], on the sender's own thread; without a
  // [mail] section they wait in the queue.
  ctx.notice_digest_minute = file_config->mail.digest_minute;
  std::unique_ptr<mail::MailTransport> mail_transport;
  app::MailDeskSettings mail_settings;
  if (const auto& m = file_config->mail; m.configured) {
    auto password = config::mail_password(m);
    if (!password) {
      std::fprintf(stderr, "classbookd: %s\n", password.error().message.c_str());
      return 1;
    }
    mail::SmtpSettings smtp;
    smtp.host = m.host;
    smtp.port = m.port;
    smtp.starttls = m.starttls;
    smtp.username = m.username;
    smtp.password = std::move(*password);
    smtp.ca_file = m.ca_file;
    mail_transport = mail::smtp_transport(std::move(smtp));
    mail_settings = {m.host + ":" + std::to_string(m.port), m.from, m.from_name.empty() ? settings.name : m.from_name};
  }
  app::MailDesk mail_desk(ctx, std::move(mail_transport), std::move(mail_settings));
  // The sync with the city portal of [portal]: nightly, at start when the box was off for a day, and
  // when the administrator asks — one at a time with `classbookctl sync` (the flock in DATA/sync).
  const auto& portal = file_config->portal;
  app::SyncDeskSettings sync_settings{portal.configured(),
                                      portal.configured() ? "" : sync::resolve_portal_settings(portal).error().message,
                                      portal.nightly_minute, sync::sync_lock_path(dir.root)};
  app::SyncDesk sync_desk(ctx, [&portal, &dir, &w = **writer, &clock](const std::atomic<bool>& stopping) -> Status {
    auto r = sync::sync_once(portal, dir.root, dir.db(), w, clock, {}, stopping);
    if (!r) return r.error();
    log::info("sync", std::to_string(r->batches) + " batches, " + std::to_string(r->items) + " items sent (" +
                          std::to_string(r->snapshot_items) + " of the first full push), " + std::to_string(r->refused) +
                          " refused; the portal holds the outbox through " + std::to_string(r->acknowledged_through));
    return ok_status();
  }, std::move(sync_settings));
  http::Api api(ctx, sessions, kiosks);
  api.set_mail_desk(&mail_desk);
  api.set_sync_desk(&sync_desk);
  api.set_metrics_from(metrics_from);
  api.set_print_desk(&print_desk);
  api.set_box_desk(&box_desk);
  api.set_api_token_lifetime(api_token_lifetime);
  api.set_kiosk_prints_per_day(file_config->kiosk.prints_per_day.value_or(app::default_kiosk_prints_per_day));
  config.body_limit_for = [](boost::beast::http::verb m, std::string_view target) {
    return http::Api::body_limit_for(m, target, http::body_limit);
  };
  auto server = http::Server::create(config, [&api](http::Request&& r, const http::Peer& p, http::Respond done) {
    api.handle(std::move(r), p, std::move(done));
  });
  if (!server) {
    std::fprintf(stderr, "classbookd: %s\n", server.error().message.c_str());
    return 1;
  }
  api.set_extra_metrics([&s = **server] {
    const auto st = s.stats();
    return "# HELP classbook_connections_open Open client connections.\n# TYPE classbook_connections_open gauge\n"
           "classbook_connections_open " + std::to_string(st.connections_open) +
           "\n# HELP classbook_tls_failures_total Failed TLS handshakes.\n# TYPE classbook_tls_failures_total counter\n"
           "classbook_tls_failures_total " + std::to_string(st.tls_failures) + "\n";
  });

  // The full integrity check reads every page, which takes seconds on a year's data: it runs
  // beside the server instead of delaying start-up, and a failure is shouted in the log. The
  // journal is then compared with its audit trail the same way.
  std::thread integrity([path = dir.db(), &w = **writer] {
    {
      auto db = store::Db::open(path, store::Db::Mode::read_only);
      if (!db) return log::error("store", db.error().message);
      if (auto s = store::check_integrity(**db); !s) return log::error("store", s.error().message);
      log::info("store", "integrity check: ok");
    }
    check_journal_against_audit(path, w);
  });

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
  // Housekeeping on the writer (at start, then hourly): dots past their date or their term expire,
  // and the lessons of the next two weeks are made from the timetable and its changes. Once a day
  // after the check at start, the journal is compared with its audit trail again.
  std::thread housekeeping([&ctx, path = dir.db(), &w = **writer] {
    auto next = std::chrono::steady_clock::now();
    auto next_audit_check = next + audit_check_interval;
    bool first_pass = true;
    while (g_signal == 0) {
      if (std::chrono::steady_clock::now() >= next_audit_check) {
        check_journal_against_audit(path, w);
        next_audit_check += audit_check_interval;
      }
      if (std::chrono::steady_clock::now() >= next) {
        app::expire_dots(ctx, [](Result<int> r) {
          if (!r) log::warn("housekeeping", "expiring dots failed: " + r.error().message);
          else if (*r > 0) log::info("housekeeping", std::to_string(*r) + " dots expired");
        });
        // The first pass is always logged: it says the start-up work is done (tests wait for it).
        app::keep_lessons_made(ctx, [first = first_pass](Result<store::MadeLessons> r) {
          if (!r) return log::warn("housekeeping", "making the lessons ahead failed: " + r.error().message);
          if (first || r->created + r->updated + r->removed + r->conflict_count > 0)
            log::info("housekeeping", "lessons of the next " + std::to_string(app::lessons_kept_ahead_days) +
                                          " days: " + store::describe(*r));
          for (std::size_t i = 0; i < r->conflicts.size() && i < conflicts_logged; ++i)
            log::warn("housekeeping", "lesson not made as planned: " + r->conflicts[i].reason);
        });
        next += housekeeping_interval;
        first_pass = false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::thread watcher([&] {
    while (g_signal == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    log::info("classbookd", "stopping on signal " + std::to_string(g_signal.load()));
    (*server)->stop();
  });

  mail_desk.start();
  sync_desk.start();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::printf("classbookd: %s ready on https://%s:%u/ (started in %lld ms)\n", settings.name.c_str(),
              config.address.c_str(), (*server)->port(), static_cast<long long>(ms));
  std::fflush(stdout);
  (*server)->run();
  g_signal = g_signal ? g_signal.load() : SIGTERM;
  sync_desk.stop();  // first: a run in progress ends at its next chance while the rest winds down
  watcher.join();
  housekeeping.join();
  integrity.join();
  mail_desk.stop();
  (*writer)->stop();
  return 0;
}
