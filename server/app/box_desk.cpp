// box_desk: backups through store/backup (classbookctl's code), files through store/box_files, the
// certificate through common/pki; each answer says what it could not read instead of a zero.
#include "app/box_desk.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "classbook/common/log.hpp"
#include "classbook/common/pki.hpp"
#include "store/backup.hpp"
#include "store/box_files.hpp"
#include "store/db.hpp"
#include "store/reader_pool.hpp"
#include "store/schema.hpp"
#include "store/writer.hpp"

namespace classbook::app {
namespace json = boost::json;
namespace {

constexpr std::string_view auto_backup_prefix = "classbook-auto-";

Error not_allowed(const domain::Actor& actor) {
  return make_error(Errc::forbidden, "box.admin_only", domain::decide(actor, domain::Action::operate_box, {}).reason);
}

BackupView view_of(const store::BackupFile& f) {
  return {f.name, f.bytes, f.made_at, f.name.starts_with(auto_backup_prefix) ? "auto" : "manual"};
}

std::int64_t seconds_since(TimePoint now, const std::string& utc) {
  TimePoint t;
  if (!parse_utc(utc, t)) return 0;
  return std::chrono::duration_cast<std::chrono::seconds>(now - t).count();
}

Result<CertificateView> certificate_of(const std::string& path, TimePoint now) {
  std::ifstream in(path);
  if (!in) return make_error(Errc::unavailable, "box.file_unreadable", "cannot read the server certificate " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto subject = certificate_common_name(text.str());
  if (!subject) return subject.error();
  auto not_after = certificate_not_after(text.str());
  if (!not_after) return not_after.error();
  TimePoint until;
  if (!parse_utc(*not_after, until))
    return make_error(Errc::internal, "box.certificate_date", "the certificate's expiry " + *not_after + " is not a date");
  // Whole days left, rounded down: "0" on its last day, negative once it has run out.
  const auto left = std::chrono::floor<std::chrono::days>(until - now).count();
  return CertificateView{*subject, *not_after, left};
}

}  // namespace

BoxDesk::BoxDesk(Context& ctx, BoxPlaces places, std::string version, TimePoint started)
    : ctx_(ctx), places_(std::move(places)), version_(std::move(version)), started_(started) {}

Result<BackupsView> BoxDesk::backups(const domain::Actor& actor) {
  if (!domain::decide(actor, domain::Action::operate_box, {})) return not_allowed(actor);
  auto files = store::backup_files(places_.backups);
  if (!files) return files.error();
  BackupsView out;
  for (const auto& f : *files) out.backups.push_back(view_of(f));
  if (!out.backups.empty()) {
    out.last_backup_at = out.backups.front().made_at;
    out.last_backup_age_seconds = seconds_since(ctx_.clock.now(), *out.last_backup_at);
  }
  std::lock_guard lock(mutex_);
  out.running = running_;
  out.running_since = running_since_;
  out.last_failure = last_failure_;
  out.last_failure_at = last_failure_at_;
  return out;
}

Result<BackupView> BoxDesk::start_backup(const domain::Actor& actor) {
  if (!domain::decide(actor, domain::Action::operate_box, {})) return not_allowed(actor);
  const auto now = format_utc(ctx_.clock.now());
  const auto name = store::backup_file_name(now);
  {
    std::lock_guard lock(mutex_);
    if (running_)
      return make_error(Errc::conflict, "backup.already_running",
                        "a backup is being made now (" + *running_ + "); wait for it to finish, then GET /api/v1/backups");
    running_ = name;
    running_since_ = now;
  }
  if (!backup_.submit([this, name, user = actor.user_id] { make_backup(name, user); })) {
    std::lock_guard lock(mutex_);
    running_.reset();
    running_since_.reset();
    return make_error(Errc::unavailable, "backup.busy", "the box is busy; try again in a moment");
  }
  log::info("backup", "backup " + name + " started from the web");
  return BackupView{name, 0, now, "manual"};
}

void BoxDesk::make_backup(const std::string& name, std::int64_t actor_user) {
  const auto target = places_.backups + "/" + name;
  // Its own read-only connection: the backup pages through the database while the writer goes on.
  Status st = store::make_backup_folder(places_.backups);
  if (st) {
    auto db = store::Db::open(places_.database, store::Db::Mode::read_only);
    st = db ? store::backup_database(**db, target) : Status(db.error());
  }
  if (st) {
    auto bytes = store::file_bytes(target);
    st = ctx_.writer.run([&](store::WriteContext& w) -> Status {
      w.audit(actor_user, "backup", name, "make", "{}",
              json::serialize(json::object{{"name", name}, {"bytes", bytes ? *bytes : 0}}));
      return ok_status();
    });
  }
  std::lock_guard lock(mutex_);
  running_.reset();
  running_since_.reset();
  if (st) {
    last_failure_.reset();
    last_failure_at_.reset();
    log::info("backup", "backup " + name + " written (integrity ok)");
  } else {
    last_failure_ = st.error().message;
    last_failure_at_ = format_utc(ctx_.clock.now());
    log::error("backup", "backup " + name + " failed: " + st.error().message);
  }
}

void BoxDesk::download(const domain::Actor& actor, const std::string& name, Reply<std::string> reply) {
  if (!domain::decide(actor, domain::Action::operate_box, {})) return reply(not_allowed(actor));
  const Error unknown = make_error(Errc::not_found, "backup.not_found", "no backup is called that; GET /api/v1/backups lists them", "name");
  if (!store::backup_name_shaped(name)) return reply(unknown);
  {
    std::lock_guard lock(mutex_);
    if (running_ == name)
      return reply(make_error(Errc::conflict, "backup.not_finished", "this backup is still being made; try again when GET /api/v1/backups lists it"));
  }
  auto job = [this, name, unknown, reply] {
    auto files = store::backup_files(places_.backups);
    if (!files) return reply(files.error());
    const bool listed = std::any_of(files->begin(), files->end(), [&](const store::BackupFile& f) { return f.name == name; });
    if (!listed) return reply(unknown);
    auto bytes = store::read_backup_file(places_.backups, name, max_backup_download_bytes);
    if (bytes) log::info("backup", "backup " + name + " downloaded (" + std::to_string(bytes->size()) + " bytes)");
    reply(std::move(bytes));
  };
  if (!files_.submit(std::move(job))) reply(make_error(Errc::unavailable, "backup.busy", "the box is busy; try again in a moment"));
}

Result<BoxView> BoxDesk::box(const domain::Actor& actor) {
  if (!domain::decide(actor, domain::Action::operate_box, {})) return not_allowed(actor);
  const auto now = ctx_.clock.now();
  BoxView v;
  v.version = version_;
  v.started_at = format_utc(started_);
  v.uptime_seconds = std::chrono::duration_cast<std::chrono::seconds>(now - started_).count();
  auto db_bytes = store::file_bytes(places_.database);
  if (!db_bytes) return db_bytes.error();
  v.database_bytes = *db_bytes;
  auto wal = store::file_bytes(places_.database + "-wal");
  if (!wal) return wal.error();
  v.wal_bytes = *wal;
  auto disk = store::disk_space(places_.data_folder);
  if (!disk) return disk.error();
  v.free_disk_bytes = disk->free_bytes;
  v.disk_total_bytes = disk->total_bytes;
  auto cert = certificate_of(places_.server_certificate, now);
  if (cert) v.certificate = std::move(*cert);
  else v.certificate_problem = cert.error().message;
  v.health = health_checks(ctx_);
  auto files = store::backup_files(places_.backups);
  if (!files) return files.error();
  if (!files->empty()) v.last_backup_at = files->front().made_at;
  {
    auto db = ctx_.readers.acquire();
    auto version = store::stored_schema_version(*db);
    if (!version) return version.error();
    v.schema_version = *version;
  }
  return v;
}

}  // namespace classbook::app
