// classbookctl: the box's admin CLI — create a school, fill the demo school, manage accounts,
// kiosks and OneRoster API clients, back up and restore, verify the audit chain and the database.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <string>
#include <vector>

#include "app/api_clients.hpp"
#include "app/kiosk_admin.hpp"
#include "app/login_slips.hpp"
#include "app/sign_in.hpp"
#include "auth/password.hpp"
#include "classbook/common/clock.hpp"
#include "classbook/common/crypto.hpp"
#include "classbook/common/file_lock.hpp"
#include "classbook/common/pki.hpp"
#include "classbook/common/private_file.hpp"
#include "config/daemon_config.hpp"
#include "daemon/data_dir.hpp"
#include "demo/demo_school.hpp"
#include "domain/day_time.hpp"
#include "store/api_clients.hpp"
#include "store/audit.hpp"
#include "store/audit_check.hpp"
#include "store/backup.hpp"
#include "store/kiosks.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/roster.hpp"
#include "store/schema.hpp"
#include "store/security_log.hpp"
#include "store/timetable_admin.hpp"
#include "store/writer.hpp"
#include "sync/outbox_export.hpp"
#include "sync/portal_session.hpp"
#include "sync/roster_import.hpp"

using namespace classbook;
namespace fs = std::filesystem;

namespace {

constexpr int ca_valid_days = 20 * 365;
constexpr int server_cert_valid_days = 2 * 365;
constexpr int max_lesson_making_days = 366;   // a whole academic year in one run
constexpr std::size_t conflicts_printed = 50;  // the rest are counted

struct Args {
  std::vector<std::string> words;                 // positional
  std::map<std::string, std::vector<std::string>> options;
  std::string get(const std::string& k, std::string fallback = {}) const {
    auto it = options.find(k);
    return it == options.end() || it->second.empty() ? fallback : it->second.back();
  }
  bool has(const std::string& k) const { return options.count(k) > 0; }
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string w = argv[i];
    if (w.rfind("--", 0) == 0) {
      const auto eq = w.find('=');
      if (eq != std::string::npos) {
        a.options[w.substr(2, eq - 2)].push_back(w.substr(eq + 1));
      } else if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0 && w != "--force" && w != "--dry-run") {
        a.options[w.substr(2)].push_back(argv[++i]);
      } else {
        a.options[w.substr(2)];
      }
    } else {
      a.words.push_back(w);
    }
  }
  return a;
}

int fail(const std::string& msg) {
  std::fprintf(stderr, "classbookctl: %s\n", msg.c_str());
  return 1;
}

std::string now_text() { return format_utc(SystemClock{}.now()); }

Result<std::unique_ptr<store::Db>> open_school(const DataDir& dir) {
  if (!fs::exists(dir.db()))
    return make_error(Errc::not_found, "ctl.no_database", "no school database in " + dir.root + "; create one with `classbookctl init --data " + dir.root + "`");
  auto db = store::Db::open(dir.db(), store::Db::Mode::read_write);
  if (!db) return db.error();
  if (auto s = store::migrate(**db); !s) return s.error();
  return db;
}

int usage() {
  std::puts(
      "usage: classbookctl COMMAND [--data DIR] ...\n"
      "  init [--name NAME] [--year 2026] [--terms quarters|trimesters|semesters] [--scale 5|10]\n"
      "       [--utc-offset +03:00] [--host NAME_OR_IP ...]\n"
      "                                    create the school database, the box's CA and server certificate,\n"
      "                                    and the admin account (its one-time password is printed once)\n"
      "  demo [--students 900] [--weeks 8] [--seed N] [--first-monday YYYY-MM-DD]\n"
      "                                    fill a new school with the demo school; accounts go to DIR/demo-accounts.json\n"
      "  user add --login L --role R --name \"Имя Фамилия\" [--person UUID]\n"
      "  user reset --login L              a new one-time password, to be changed at first sign-in\n"
      "  user disable --login L\n"
      "  slips --class 5А --out FILE [--for pupils|guardians|all] [--address https://journal.school.lan]\n"
      "        [--config /etc/classbook/classbookd.toml]\n"
      "                                    login slips for a class (8 to an A4 page): new one-time passwords\n"
      "                                    for its pupils and/or guardians, valid [sign_in] one_time_password_days;\n"
      "                                    the earlier ones stop working. --address: the box as people reach it\n"
      "                                    (default https://<this host>[:port from the config])"
      "  kiosk enrol NAME [--mode entrance|hall|desk] [--valid-minutes 30]\n"
      "                                    a one-time enrolment code for `classbook-kiosk enrol`, its expiry\n"
      "                                    and the box CA's fingerprint to check on the kiosk\n"
      "  kiosk list                        every kiosk: mode, state, when last seen\n"
      "  kiosk add NAME [--mode entrance|desk]\n"
      "                                    the older way: a device key (Bearer), printed once; taps only\n"
      "  kiosk revoke NAME                 refused from its next request on, also by a running classbookd\n"
      "  api-client add NAME --scope S [--scope S ...] [--address https://journal.school.lan]\n"
      "                                    register a OneRoster API client; prints its client_id and secret\n"
      "                                    (once) and the token URL. S: roster.readonly, gradebook.readonly,\n"
      "                                    gradebook.createput, gradebook.delete (or the full scope URI)\n"
      "  api-client list                   every API client: scopes, registered or revoked, last token\n"
      "  api-client revoke CLIENT_ID       its tokens stop at once, also in a running classbookd\n"
      "  backup [--to FILE]                online backup (default DIR/backups/classbook-<time>.db)\n"
      "  restore FILE                      replace the database with a backup (stop classbookd first)\n"
      "  lessons make --from YYYY-MM-DD --to YYYY-MM-DD\n"
      "                                    make the lesson rows of the school days in the range from the\n"
      "                                    timetable and its changes (safe beside a running classbookd,\n"
      "                                    whose writer follows the audit chain other processes extend)\n"
      "  sync [--config FILE]              read the roster from the city portal of [portal] and send it the\n"
      "                                    journal now, with a progress line\n"
      "                                    (refused at once while classbookd's own sync runs)\n"
      "  export-outbox --to FILE [--config FILE]\n"
      "                                    what the portal has not acknowledged, as a signed zip for a USB stick\n"
      "                                    (`classbook-portal import FILE`); the next online sync sends none of it\n"
      "  import FILE.zip [--dry-run]       the roster from a OneRoster 1.2 CSV bundle (a USB stick): checked whole,\n"
      "                                    a report by file, row and column, then applied all or nothing;\n"
      "                                    --dry-run prints what would change\n"
      "  verify-audit [--against-portal] [--config FILE]\n"
      "                                    check the audit trail's hash chain, and that every mark,\n"
      "                                    attendance entry and term grade is as its latest entry says\n"
      "  check                             database integrity check\n"
      "DIR defaults to /var/lib/classbook.");
  return 2;
}

int cmd_init(const DataDir& dir, const Args& a) {
  if (fs::exists(dir.db()))
    return fail("a school already exists in " + dir.root + "; back it up and remove it to start over");
  store::SchoolSettings s;
  s.name = a.get("name", "Школа №1");
  const int year = std::atoi(a.get("year", "2026").c_str());
  if (year < 2000 || year > 2100) return fail("--year must be the year the academic year starts, e.g. 2026");
  s.academic_year = year;
  auto kind = domain::parse_term_kind(a.get("terms", "quarters"));
  if (!kind) return fail("--terms must be quarters, trimesters or semesters");
  s.term_kind = *kind;
  const auto scale = a.get("scale", "5");
  if (scale != "5" && scale != "10") return fail("--scale must be 5 or 10");
  s.scale = scale == "10" ? domain::MarkScale::ten_point() : domain::MarkScale::five_point();
  s.terms = domain::default_terms(year, *kind);
  const auto offset = domain::parse_utc_offset(a.get("utc-offset", "+03:00"));
  if (!offset) return fail("--utc-offset must look like +03:00 (Moscow), +05:00 (Yekaterinburg) or -03:30");
  s.utc_offset_minutes = *offset;
  for (auto& w : domain::default_work_types()) s.work_types.push_back({0, w});

  // Folders only once every option is known to be good: a refused init leaves nothing behind.
  std::error_code ec;
  fs::create_directories(dir.root + "/tls", ec);
  fs::create_directories(dir.backups(), ec);
  if (ec) return fail("cannot create " + dir.root + ": " + ec.message());
  ::chmod(dir.backups().c_str(), 0700);  // backups hold every mark and password hash
  ::chmod(dir.root.c_str(), 0750);
  ::chmod((dir.root + "/tls").c_str(), 0700);

  // Certificates first: a school without a working HTTPS setup is not worth creating.
  // The CA may vouch only for these names (and the LAN's private names and ranges): see make_ca.
  auto names = local_host_names_and_addresses();
  if (a.has("host")) names.insert(names.end(), a.options.at("host").begin(), a.options.at("host").end());
  auto ca = make_ca(s.name + " — Classbook CA", ca_valid_days, names);
  if (!ca) return fail(ca.error().message);
  std::vector<std::string> dns, ips;
  for (const auto& n : names) (is_ip_address(n) ? ips : dns).push_back(n);
  auto server = make_server_cert(*ca, dns.empty() ? "classbook" : dns.front(), dns, ips, server_cert_valid_days);
  if (!server) return fail(server.error().message);
  for (auto [path, text] : {std::pair{dir.ca_key(), ca->key_pem}, {dir.ca_cert(), ca->cert_pem},
                            {dir.server_key(), server->key_pem}, {dir.server_cert(), server->cert_pem + ca->cert_pem}})
    if (auto st = write_private_file(path, text); !st) return fail(st.error().message);
  ::chmod(dir.ca_cert().c_str(), 0644);

  auto db = store::Db::open(dir.db(), store::Db::Mode::read_write_create);
  if (!db) return fail(db.error().message);
  if (auto st = store::configure_writer(**db); !st) return fail(st.error().message);
  if (auto st = store::migrate(**db); !st) return fail(st.error().message);
  const auto otp = auth::make_one_time_password();
  {
    store::Transaction tx(**db);
    if (auto st = store::save_settings(**db, s); !st) return fail(st.error().message);
    store::UserRecord admin;
    admin.uuid = new_uuid();
    admin.login = "admin";
    admin.password_hash = auth::hash_one_time_password(otp);
    admin.role = domain::Role::admin;
    admin.display_name = "Администратор";
    admin.must_change_password = true;
    if (auto id = store::insert_user(**db, admin, now_text()); !id) return fail(id.error().message);
    if (auto st = tx.commit(); !st) return fail(st.error().message);
  }
  std::printf("Created %s in %s\n", s.name.c_str(), dir.root.c_str());
  std::printf("  terms: %zu (%s), scale 1–%d\n", s.terms.size(), a.get("terms", "quarters").c_str(), s.scale.max);
  std::printf("  HTTPS certificate for: ");
  for (const auto& n : names) std::printf("%s ", n.c_str());
  std::printf("\n  the box's CA (install it on school computers): %s\n", dir.ca_cert().c_str());
  std::printf("  admin login: admin   one-time password: %s   (to be changed at first sign-in)\n", otp.c_str());
  return 0;
}

int cmd_demo(const DataDir& dir, const Args& a) {
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  demo::DemoOptions opt;
  if (a.has("students")) opt.students = std::atoi(a.get("students").c_str());
  if (a.has("weeks")) opt.weeks = std::atoi(a.get("weeks").c_str());
  if (a.has("seed")) opt.seed = std::strtoull(a.get("seed").c_str(), nullptr, 10);
  if (a.has("first-monday")) {
    auto d = domain::parse_date(a.get("first-monday"));
    if (!d || domain::iso_weekday(*d) != 1) return fail("--first-monday must be a Monday, like 2026-09-07");
    opt.first_monday = *d;
  }
  if (opt.students < 10 || opt.students > 10000) return fail("--students must be between 10 and 10000");
  if (opt.weeks < 1 || opt.weeks > 40) return fail("--weeks must be between 1 and 40");
  auto last = std::chrono::steady_clock::now();
  auto accounts = demo::build_demo_school(**db, opt, [&](std::string_view stage, std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last < std::chrono::milliseconds(500)) return;
    last = now;
    std::fprintf(stderr, "\r  %-10.*s %zu / %zu   ", int(stage.size()), stage.data(), done, total);
    if (done == total) std::fputc('\n', stderr);
  });
  if (!accounts) return fail(accounts.error().message);
  if (auto st = demo::write_demo_accounts_json(*accounts, dir.demo_accounts()); !st) return fail(st.error().message);
  std::printf("Demo school ready: %zu accounts written to %s\n", accounts->size(), dir.demo_accounts().c_str());
  return 0;
}

int cmd_user(const DataDir& dir, const Args& a) {
  if (a.words.size() < 2) return usage();
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  const auto login = a.get("login");
  if (login.empty()) return fail("--login is required");
  const auto& verb = a.words[1];
  if (verb == "add") {
    store::UserRecord u;
    u.uuid = new_uuid();
    u.login = login;
    if (!domain::parse_role(a.get("role"), u.role) || u.role == domain::Role::kiosk || u.role == domain::Role::api_client)
      return fail("--role must be one of: student, guardian, teacher, secretary, director, admin");
    u.display_name = a.get("name");
    if (u.display_name.empty()) return fail("--name is required, e.g. --name \"Анна Петрова\"");
    if (a.has("person")) {
      const auto table = u.role == domain::Role::student    ? store::Table::students
                         : u.role == domain::Role::guardian ? store::Table::guardians
                                                            : store::Table::teachers;
      const char* what = u.role == domain::Role::student ? "pupil" : u.role == domain::Role::guardian ? "guardian" : "teacher";
      auto person = store::id_by_uuid(**db, table, a.get("person"));
      if (!person) return fail(person.error().message);
      if (!*person) return fail(std::string("no ") + what + " with id " + a.get("person"));
      u.person_id = **person;
    }
    const auto otp = auth::make_one_time_password();
    u.password_hash = auth::hash_one_time_password(otp);
    auto id = store::insert_user(**db, u, now_text());
    if (!id) return fail(id.error().message);
    std::printf("login: %s   one-time password: %s   (to be changed at first sign-in)\n", login.c_str(), otp.c_str());
    return 0;
  }
  auto user_read = store::find_user_by_login(**db, login);
  if (!user_read) return fail(user_read.error().message);
  const auto& user = *user_read;
  if (!user) return fail("no account with the login '" + login + "'");
  if (user->role == domain::Role::api_client)
    return fail(login + " is an API client's account: it has no password and never signs in; see `classbookctl api-client`");
  // Through a writer of its own, as classbookd would: audited and chained beside a running daemon,
  // which sees the change on its next request (store::account_version).
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return fail(writer.error().message);
  const std::string by = "classbookctl";
  if (verb == "reset") {
    const auto otp = auth::make_one_time_password();
    const auto hash = auth::hash_one_time_password(otp);
    const auto st = (*writer)->run([&](store::WriteContext& w) { return app::write_password_reset(w, *user, 0, by, hash); });
    (*writer)->stop();
    if (!st) return fail(st.error().message);
    std::printf("login: %s   one-time password: %s   (to be changed at first sign-in)\n", login.c_str(), otp.c_str());
    return 0;
  }
  if (verb == "disable") {
    const auto st = (*writer)->run([&](store::WriteContext& w) { return app::write_account_disable(w, *user, 0, by); });
    (*writer)->stop();
    if (!st) return fail(st.error().message);
    std::printf("%s is disabled and signed out everywhere, also in a running classbookd\n", login.c_str());
    return 0;
  }
  (*writer)->stop();
  return usage();
}

// Runs one job on a writer of its own, as classbookd would: audited, chained, beside a running daemon.
template <class T, class Work>
Result<T> in_writer(const DataDir& dir, Work work) {
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return writer.error();
  Result<T> out = make_error(Errc::internal, "ctl.writer_skipped_job", "the writer did not run the job");
  const auto st = (*writer)->run([&](store::WriteContext& w) -> Status {
    out = work(w);
    return out ? ok_status() : Status(out.error());
  });
  (*writer)->stop();
  if (!st) return st.error();
  return out;
}

std::string box_ca_fingerprint(const DataDir& dir) {
  std::ifstream in(dir.ca_cert());
  const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto fp = certificate_fingerprint_sha256(pem);
  return fp ? *fp : "(cannot read " + dir.ca_cert() + ")";
}

int cmd_kiosk_list(const DataDir& dir) {
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  const auto kiosks_read = store::all_kiosks(**db);
  if (!kiosks_read) return fail(kiosks_read.error().message);
  const auto& kiosks = *kiosks_read;
  if (kiosks.empty()) std::puts("no kiosks yet; make a code with `classbookctl kiosk enrol NAME`");
  for (const auto& k : kiosks) {
    const std::string state = k.revoked                ? "revoked"
                              : k.cert_fingerprint     ? "enrolled " + k.enrolled_at.value_or("")
                              : k.has_device_key       ? "device key"
                              : k.code_expires_at      ? "code valid until " + *k.code_expires_at
                                                       : "no code";
    std::printf("%-20s %-8s %-40s last seen %s\n", k.name.c_str(), domain::to_string(k.mode), state.c_str(),
                k.last_seen_at.value_or("never").c_str());
  }
  return 0;
}

int cmd_kiosk(const DataDir& dir, const Args& a) {
  if (a.words.size() == 2 && a.words[1] == "list") return cmd_kiosk_list(dir);
  if (a.words.size() < 3) return usage();
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  const auto& name = a.words[2];
  if (a.words[1] == "enrol") {
    const auto mode = domain::parse_kiosk_mode(a.get("mode", "entrance"));
    if (!mode) return fail("--mode must be entrance, hall or desk");
    const auto default_minutes = std::chrono::duration_cast<std::chrono::minutes>(app::kiosk_code_valid).count();
    const long minutes = std::strtol(a.get("valid-minutes", std::to_string(default_minutes)).c_str(), nullptr, 10);
    const auto max_minutes = std::chrono::duration_cast<std::chrono::minutes>(app::max_kiosk_code_valid).count();
    if (minutes < 1 || minutes > max_minutes)
      return fail("--valid-minutes must be between 1 and " + std::to_string(max_minutes));
    auto issued = in_writer<app::IssuedCode>(dir, [&](store::WriteContext& w) {
      return app::issue_enrolment_code(w, 0, name, *mode, std::chrono::minutes(minutes));
    });
    if (!issued) return fail(issued.error().message);
    const auto fingerprint = box_ca_fingerprint(dir);
    std::printf("kiosk: %s (%s)\ncode: %s\nexpires: %s\nbox CA fingerprint: %s\n", issued->kiosk.name.c_str(),
                domain::to_string(issued->kiosk.mode), issued->code.c_str(), issued->expires_at.c_str(),
                fingerprint.c_str());
    std::printf("On the kiosk: classbook-kiosk enrol --server https://<this box>:8443 --code %s --ca-fingerprint %s\n",
                issued->code.c_str(), fingerprint.c_str());
    return 0;
  }
  if (a.words[1] == "add") {
    // A device key only sends taps: an entrance, or the office's desk reader (a hall kiosk needs a certificate).
    const auto mode = domain::parse_kiosk_mode(a.get("mode", "entrance"));
    if (!mode || *mode == domain::KioskMode::hall) return fail("--mode must be entrance or desk; a hall kiosk enrols with `kiosk enrol NAME --mode hall`");
    const auto key = random_token(32);
    const auto now = now_text();
    if (auto added = store::insert_kiosk_with_device_key(**db, name, sha256_hex(key), now, *mode); !added)
      return fail(added.error().code == Errc::conflict ? "a kiosk named '" + name + "' exists; revoke it or choose another name"
                                                      : added.error().message);
    std::printf("kiosk: %s   device key: %s\n", name.c_str(), key.c_str());
    return 0;
  }
  if (a.words[1] == "revoke") {
    auto kiosk_read = store::kiosk_by_name(**db, name);
    if (!kiosk_read) return fail(kiosk_read.error().message);
    const auto& kiosk = *kiosk_read;
    if (!kiosk) return fail("no kiosk named '" + name + "'");
    auto done = in_writer<Ok>(dir, [&](store::WriteContext& w) -> Result<Ok> {
      if (auto st = app::revoke_kiosk(w, 0, *kiosk); !st) return st.error();
      return Ok{};
    });
    if (!done) return fail(done.error().message);
    std::printf("kiosk %s is revoked; a running classbookd refuses it from its next request\n", name.c_str());
    return 0;
  }
  return usage();
}

// The box's address as the slips print it: given, or this host with the port classbookd listens on.
std::string box_address(const Args& a, const config::DaemonConfig& cfg) {
  if (a.has("address")) {
    std::string given = a.get("address");
    while (!given.empty() && given.back() == '/') given.pop_back();
    return given;
  }
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || !host[0]) std::snprintf(host, sizeof host, "localhost");
  const int port = cfg.server.port.value_or(8443);
  return "https://" + std::string(host) + (port == 443 ? "" : ":" + std::to_string(port));
}

int cmd_slips(const DataDir& dir, const Args& a) {
  const auto class_name = a.get("class");
  const auto out = a.get("out");
  if (class_name.empty() || out.empty()) return fail("slips needs --class NAME and --out FILE, e.g. slips --class 5А --out 5A.pdf");
  const auto who = app::parse_slips_for(a.get("for", "all"));
  if (!who) return fail("--for must be pupils, guardians or all");
  auto cfg = config::read_daemon_config(a.get("config", config::default_config_path), a.has("config"));
  if (!cfg) return fail(cfg.error().message);
  const std::chrono::milliseconds lifetime = std::chrono::days(cfg->sign_in.one_time_password_days.value_or(14));
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  auto settings = store::load_settings(**db);
  if (!settings) return fail(settings.error().message);
  auto class_id = store::class_by_name(**db, class_name);
  if (!class_id) return fail(class_id.error().message);
  if (!*class_id) return fail("no class named " + class_name + "; the classes are listed by GET /api/v1/classes or the office's screen");
  const auto now = SystemClock{}.now();
  const domain::Date today{std::chrono::floor<std::chrono::days>(now + std::chrono::minutes(settings->utc_offset_minutes))};
  auto holders = app::slip_holders(**db, **class_id, today, *who, {});
  if (!holders) return fail(holders.error().message);
  if (holders->empty()) return fail("nobody in " + class_name + " has an account to print a slip for");
  const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  auto printed = app::print_slips(*holders, app::slip_words(*settings, now, lifetime, box_address(a, *cfg)), threads);
  if (!printed) return fail(printed.error().message);
  // The file first (a full disk must not leave passwords changed and no slips), then the passwords.
  const auto part = out + ".part";
  {
    std::ofstream f(part, std::ios::binary | std::ios::trunc);
    f << printed->pdf;
    f.flush();
    if (!f) return fail("cannot write " + part + "; check the folder exists and is writable");
  }
  auto written = in_writer<Ok>(dir, [&](store::WriteContext& w) -> Result<Ok> {
    if (auto st = app::write_slips(w, *holders, printed->hashes, 0, "classbookctl"); !st) return st.error();
    return Ok{};
  });
  if (!written) {
    std::remove(part.c_str());
    return fail(written.error().message + " (no password was changed)");
  }
  if (std::rename(part.c_str(), out.c_str()) != 0) return fail("cannot rename " + part + " to " + out + " (the slips are in " + part + ")");
  std::printf("%zu login slips for %s written to %s; their passwords work until %s and the earlier ones no longer do\n",
              holders->size(), class_name.c_str(), out.c_str(),
              app::slip_words(*settings, now, lifetime, "").valid_until.c_str());
  return 0;
}

int cmd_api_client_list(const DataDir& dir) {
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  const auto clients = store::all_api_clients(**db);
  if (!clients) return fail(clients.error().message);
  if (clients->empty()) std::puts("no API clients yet; register one with `classbookctl api-client add NAME --scope roster.readonly`");
  for (const auto& c : *clients)
    std::printf("%s  %-30s %-60s %s  last token %s\n", c.client_id.c_str(), c.name.c_str(), domain::to_short_names(c.scopes).c_str(),
                c.revoked() ? ("revoked " + *c.revoked_at).c_str() : ("registered " + c.created_at).c_str(),
                c.last_used_at.value_or("never").c_str());
  return 0;
}

// OneRoster API clients (docs/api-clients.md): registered and revoked through a writer of their own,
// audited as the console's, beside a running classbookd — which refuses a revoked client's tokens
// from its next request on (it reads each token's row).
int cmd_api_client(const DataDir& dir, const Args& a) {
  if (a.words.size() == 2 && a.words[1] == "list") return cmd_api_client_list(dir);
  if (a.words.size() != 3) return usage();
  if (a.words[1] == "add") {
    const auto names_given = a.options.find("scope");
    auto scopes = app::scopes_from_names(names_given == a.options.end() ? std::vector<std::string>{} : names_given->second);
    if (!scopes) return fail(scopes.error().message + " (--scope S, once for each)");
    auto cfg = config::read_daemon_config(a.get("config", config::default_config_path), a.has("config"));
    if (!cfg) return fail(cfg.error().message);
    if (auto db = open_school(dir); !db) return fail(db.error().message);
    auto made = in_writer<app::RegisteredApiClient>(dir, [&](store::WriteContext& w) {
      return app::write_api_client_registration(w, 0, a.words[2], *scopes);
    });
    if (!made) return fail(made.error().message);
    std::printf("API client: %s\nscopes: %s\nclient_id: %s\nclient_secret: %s\ntoken URL: %s/oauth/token\n",
                made->client.name.c_str(), domain::to_scope_text(made->client.scopes).c_str(), made->client.client_id.c_str(),
                made->secret.c_str(), box_address(a, *cfg).c_str());
    std::puts("The secret is shown this once and the box keeps only its hash; give it to the client's operator now.");
    return 0;
  }
  if (a.words[1] == "revoke") {
    if (auto db = open_school(dir); !db) return fail(db.error().message);
    auto revoked = in_writer<rows::ApiClientRecord>(dir, [&](store::WriteContext& w) {
      return app::write_api_client_revocation(w, 0, a.words[2]);
    });
    if (!revoked) return fail(revoked.error().message);
    std::printf("API client %s (%s) is revoked; its tokens stopped working, also in a running classbookd\n",
                revoked->client_id.c_str(), revoked->name.c_str());
    return 0;
  }
  return usage();
}

int cmd_backup(const DataDir& dir, const Args& a) {
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  std::string target = a.get("to");
  if (target.empty()) {
    if (auto st = store::make_backup_folder(dir.backups()); !st) return fail(st.error().message);
    target = dir.backups() + "/" + store::backup_file_name(now_text());
  }
  auto st = store::backup_database(**db, target, [](int remaining, int total) {
    std::fprintf(stderr, "\r  backup %d / %d pages   ", total - remaining, total);
  });
  std::fputc('\n', stderr);
  if (!st) return fail(st.error().message);
  std::printf("backup written to %s (integrity ok)\n", target.c_str());
  return 0;
}

int cmd_restore(const DataDir& dir, const Args& a) {
  if (a.words.size() < 2) return fail("name the backup file: classbookctl restore FILE");
  if (auto st = store::restore_database(a.words[1], dir.db()); !st) return fail(st.error().message);
  std::printf("restored %s into %s; the previous database is kept as %s.before-restore\n", a.words[1].c_str(),
              dir.db().c_str(), dir.db().c_str());
  return 0;
}

// One writer job per school day, as classbookd makes them, with the box (user 0) in the audit trail.
int cmd_lessons(const DataDir& dir, const Args& a) {
  if (a.words.size() < 2 || a.words[1] != "make") return usage();
  const auto from = domain::parse_date(a.get("from"));
  if (!from) return fail("--from must be a date like 2026-09-01");
  const auto to = domain::parse_date(a.get("to"));
  if (!to) return fail("--to must be a date like 2026-12-29");
  if (*to < *from) return fail("--to must not be before --from");
  if (domain::add_days(*from, max_lesson_making_days) <= *to)
    return fail("make at most " + std::to_string(max_lesson_making_days) + " days of lessons at a time");
  std::vector<domain::Term> terms;
  {
    auto db = open_school(dir);
    if (!db) return fail(db.error().message);
    auto settings = store::load_settings(**db);
    if (!settings) return fail(settings.error().message);
    terms = settings->terms;
  }
  const auto days = domain::school_days_between(*from, *to, terms);
  if (days.empty()) return fail("no school days between " + a.get("from") + " and " + a.get("to") +
                                " (holidays, or outside the terms of the school's year)");
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return fail(writer.error().message);
  store::MadeLessons total;
  for (std::size_t i = 0; i < days.size(); ++i) {
    Result<store::MadeLessons> made = make_error(Errc::internal, "ctl.writer_skipped_job", "the writer did not run the day");
    const auto st = (*writer)->run([&](store::WriteContext& w) -> Status {
      made = store::make_lessons_on(w, days[i], 0);
      return made ? ok_status() : Status(made.error());
    });
    if (!st) return fail(domain::format_date(days[i]) + ": " + st.error().message);
    total.add(std::move(*made), conflicts_printed);
    std::fprintf(stderr, "\r  lessons %s  %zu / %zu days   ", domain::format_date(days[i]).c_str(), i + 1, days.size());
  }
  std::fputc('\n', stderr);
  (*writer)->stop();
  std::printf("lessons %s..%s: %s\n", a.get("from").c_str(), a.get("to").c_str(), store::describe(total).c_str());
  for (const auto& c : total.conflicts) std::printf("  conflict: %s\n", c.reason.c_str());
  if (total.conflict_count > static_cast<int>(total.conflicts.size()))
    std::printf("  … and %d more conflicts\n", total.conflict_count - static_cast<int>(total.conflicts.size()));
  return 0;
}

// The chain shows entries changed after they were written; the comparison shows rows changed
// beside the trail (a hand-run UPDATE). Findings go to the security log as well as the screen.
// "12,345"
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Result<config::DaemonConfig> ctl_config(const Args& a) {
  return config::read_daemon_config(a.get("config", config::default_config_path), a.has("config"));
}

// One sync at a time: classbookd's runner holds the same lock while it syncs. Not waiting for it is
// the point — the admin is told at once, and can run the command again when it is done.
Result<FileLock> sync_lock(const DataDir& dir) {
  auto held = FileLock::try_take(sync::sync_lock_path(dir.root));
  if (!held) return held.error();
  if (!*held)
    return make_error(Errc::conflict, "sync.running",
                      "a sync with the city portal is running already (classbookd's, or another classbookctl); "
                      "wait for it to end — the admin's City portal page shows it — and try again");
  return std::move(**held);
}

int cmd_sync(const DataDir& dir, const Args& a) {
  auto cfg = ctl_config(a);
  if (!cfg) return fail(cfg.error().message);
  if (!cfg->portal.configured()) return fail(sync::resolve_portal_settings(cfg->portal).error().message);
  {
    auto db = open_school(dir);
    if (!db) return fail(db.error().message);
  }
  auto lock = sync_lock(dir);
  if (!lock) return fail(lock.error().message);
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return fail(writer.error().message);
  std::atomic<bool> stopping{false};
  const bool tty = ::isatty(STDOUT_FILENO);
  auto report = sync::sync_once(cfg->portal, dir.root, dir.db(), **writer, clock, [tty](const sync::PushProgress& p) {
    std::printf("%ssync: %s / %s items sent (batch %lld%s), portal acknowledged through %lld%s", tty ? "\r" : "",
                grouped(p.items_sent).c_str(), grouped(p.items_total).c_str(), static_cast<long long>(p.batch),
                p.snapshot ? ", first full push" : "", static_cast<long long>(p.acknowledged_through), tty ? "" : "\n");
    std::fflush(stdout);
  }, stopping);
  (*writer)->stop();
  if (tty) std::printf("\n");
  if (!report) return fail("sync failed: " + report.error().message);
  std::printf("sync done: %lld batches, %lld items (%lld of the first full push), %lld refused; the portal holds everything through outbox seq %lld\n",
              static_cast<long long>(report->batches), static_cast<long long>(report->items),
              static_cast<long long>(report->snapshot_items), static_cast<long long>(report->refused),
              static_cast<long long>(report->acknowledged_through));
  return 0;
}

int cmd_export_outbox(const DataDir& dir, const Args& a) {
  const auto to = a.get("to");
  if (to.empty()) return fail("export-outbox needs --to FILE (the zip to write, e.g. on a USB stick)");
  auto cfg = ctl_config(a);
  if (!cfg) return fail(cfg.error().message);
  auto settings = sync::resolve_portal_settings(cfg->portal);  // the school's org at the portal, for the file
  if (!settings) return fail(settings.error().message);
  {
    auto db = open_school(dir);
    if (!db) return fail(db.error().message);
  }
  auto lock = sync_lock(dir);
  if (!lock) return fail(lock.error().message);
  auto key = sync::SyncKey::load_or_make(sync::sync_key_path(dir.root));
  if (!key) return fail(key.error().message);
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return fail(writer.error().message);
  auto r = sync::export_outbox(dir.db(), **writer, clock, *key, settings->school, to);
  (*writer)->stop();
  if (!r) return fail("export failed: " + r.error().message);
  if (r->batches == 0) std::printf("nothing waits for the portal; %s holds no batches\n", to.c_str());
  else
    std::printf("wrote %s: %lld batches, %lld items (outbox %lld..%lld)%s; import it with `classbook-portal --data DIR import FILE`\n",
                to.c_str(), static_cast<long long>(r->batches), static_cast<long long>(r->items), static_cast<long long>(r->first_seq),
                static_cast<long long>(r->last_seq),
                r->unmappable ? (", " + std::to_string(r->unmappable) + " rows left out that no item can be made of").c_str() : "");
  return 0;
}

int cmd_import(const DataDir& dir, const Args& a) {
  if (a.words.size() != 2) return usage();
  {
    auto db = open_school(dir);
    if (!db) return fail(db.error().message);
  }
  auto lock = sync_lock(dir);  // a sync's roster pull and an import never write the roster at once
  if (!lock) return fail(lock.error().message);
  SystemClock clock;
  auto writer = store::Writer::start(dir.db(), clock);
  if (!writer) return fail(writer.error().message);
  const bool dry_run = a.has("dry-run");
  auto r = sync::import_roster_bundle(a.words[1], dir.db(), **writer, dry_run);
  (*writer)->stop();
  if (!r) return fail("import failed: " + r.error().message);
  for (const auto& f : r->not_imported) std::printf("not imported: %s.csv (the box reads the roster only)\n", f.c_str());
  if (!r->problems.empty()) {
    std::fprintf(stderr, "classbookctl: %s is refused, nothing was written — %zu problem(s):\n", a.words[1].c_str(), r->problems_total);
    for (const auto& p : r->problems)
      std::fprintf(stderr, "  %s:%zu:%s: %s\n", p.file.c_str(), p.row, p.column.c_str(), p.message.c_str());
    if (r->problems_total > r->problems.size()) std::fprintf(stderr, "  … and %zu more\n", r->problems_total - r->problems.size());
    return 1;
  }
  for (const auto& line : sync::describe(r->plan)) std::printf("%s%s\n", dry_run ? "would " : "", line.c_str());
  for (const auto& note : r->plan.notes) std::printf("note: %s\n", note.c_str());
  if (dry_run) {
    std::printf("dry run: %zu changes would be made; nothing was written\n", r->plan.changes());
    return 0;
  }
  std::printf("imported: %zu created, %zu updated, %zu linked, %zu left, %zu guardian links changed, %zu teaching rows changed\n",
              r->tally->created, r->tally->updated, r->tally->linked, r->tally->left, r->tally->guardian_links, r->tally->teaching);
  return 0;
}

int cmd_verify_against_portal(const DataDir& dir, const Args& a) {
  auto cfg = ctl_config(a);
  if (!cfg) return fail(cfg.error().message);
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  SystemClock clock;
  auto r = sync::check_anchors_with_portal(cfg->portal, clock, **db);
  if (!r) return fail(r.error().message);
  if (!r->chain_intact) std::printf("the local audit chain is BROKEN: %s\n", r->chain_problem.c_str());
  else std::printf("the local audit chain is intact\n");
  std::printf("the portal holds %lld anchors of this box; %lld match the local audit trail\n",
              static_cast<long long>(r->anchors), static_cast<long long>(r->matching));
  for (const auto& f : r->differing) std::printf("  DIFFERS: %s\n", f.problem.c_str());
  if (r->ok()) std::printf("local history was not rewritten after it was anchored at the portal\n");
  else std::printf("LOCAL HISTORY DIFFERS FROM WHAT THE PORTAL WAS GIVEN: the entries above were changed after the portal saw them\n");
  return r->ok() ? 0 : 1;
}

int cmd_verify_audit(const DataDir& dir, const Args& a) {
  if (a.has("against-portal")) return cmd_verify_against_portal(dir, a);
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  auto v = store::verify_audit_chain(**db);
  if (!v) return fail(v.error().message);
  const bool chain_ok = v->first_bad_seq == 0;
  if (chain_ok) std::printf("audit trail ok: %lld entries, chain intact\n", static_cast<long long>(v->entries));
  else std::fprintf(stderr, "classbookctl: the audit trail is broken: %s\n", v->problem.c_str());

  const auto started = std::chrono::steady_clock::now();
  auto data = store::verify_audit_matches_data(**db);
  if (!data) return fail(data.error().message);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (data->ok()) {
    std::printf("journal ok: %lld marks, attendance entries and term grades match the audit trail (%.1f s)\n",
                static_cast<long long>(data->rows_checked), seconds);
    return chain_ok ? 0 : 1;
  }
  std::printf("journal CHANGED BESIDE THE AUDIT TRAIL: %lld of %lld rows differ (%.1f s)\n",
              static_cast<long long>(data->mismatch_count), static_cast<long long>(data->rows_checked), seconds);
  for (const auto& m : data->mismatches) std::printf("  %s\n", store::describe(m).c_str());
  if (data->mismatch_count > static_cast<std::int64_t>(data->mismatches.size()))
    std::printf("  … and %lld more\n", static_cast<long long>(data->mismatch_count) - static_cast<long long>(data->mismatches.size()));
  store::Transaction tx(**db);
  if (!tx.begun()) return fail("could not write the security log: " + tx.begun().error().message);
  auto added = store::record_audit_mismatches(**db, *data, now_text());
  if (!added) return fail("could not write the security log: " + added.error().message);
  if (auto st = tx.commit(); !st) return fail("could not write the security log: " + st.error().message);
  std::printf("%d new events in the security log\n", *added);
  return 1;
}

int cmd_check(const DataDir& dir) {
  auto db = open_school(dir);
  if (!db) return fail(db.error().message);
  if (auto st = store::check_integrity(**db); !st) return fail(st.error().message);
  std::puts("integrity check: ok");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.words.empty() || a.has("help")) return usage();
  const DataDir dir{a.get("data", default_data_dir)};
  const auto& cmd = a.words[0];
  if (cmd == "init") return cmd_init(dir, a);
  if (cmd == "demo") return cmd_demo(dir, a);
  if (cmd == "user") return cmd_user(dir, a);
  if (cmd == "kiosk") return cmd_kiosk(dir, a);
  if (cmd == "api-client") return cmd_api_client(dir, a);
  if (cmd == "slips") return cmd_slips(dir, a);
  if (cmd == "backup") return cmd_backup(dir, a);
  if (cmd == "restore") return cmd_restore(dir, a);
  if (cmd == "lessons") return cmd_lessons(dir, a);
  if (cmd == "verify-audit") return cmd_verify_audit(dir, a);
  if (cmd == "sync") return cmd_sync(dir, a);
  if (cmd == "import") return cmd_import(dir, a);
  if (cmd == "export-outbox") return cmd_export_outbox(dir, a);
  if (cmd == "check") return cmd_check(dir);
  return usage();
}
