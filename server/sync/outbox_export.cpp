// outbox_export: see the header. The rows, the chain head and the cursor are read in one read
// transaction, so the file is one moment of the outbox; the zip is built in memory by libzip's
// buffer sources and written through write_private_file's temp + fsync + rename.
#include "sync/outbox_export.hpp"

#include <zip.h>

#include <boost/json.hpp>
#include <memory>
#include <vector>

#include "classbook/common/crypto.hpp"
#include "classbook/common/private_file.hpp"
#include "store/sync_state.hpp"
#include "sync/outbox_batch.hpp"
#include "sync/portal_cursor.hpp"

namespace classbook::sync {
namespace json = boost::json;
namespace {

struct File {
  std::string name, text;
};

Error zip_failed(const std::string& what) {
  return make_error(Errc::internal, "sync.export_failed", "the outbox file could not be built: " + what);
}

// The archive's bytes: libzip writes into a buffer source that it is then asked for.
Result<std::string> zip_bytes(const std::vector<File>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!out) return zip_failed(zip_error_strerror(&error));
  zip_source_keep(out);  // read back after zip_close
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(out, zip_source_free);
  zip_t* archive = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  if (!archive) return zip_failed(zip_error_strerror(&error));
  for (const auto& f : files) {
    zip_source_t* src = zip_source_buffer(archive, f.text.data(), f.text.size(), 0);
    if (!src || zip_file_add(archive, f.name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src) zip_source_free(src);
      const std::string why = zip_strerror(archive);
      zip_discard(archive);
      return zip_failed(f.name + ": " + why);
    }
  }
  if (zip_close(archive) != 0) {
    const std::string why = zip_strerror(archive);
    zip_discard(archive);
    return zip_failed(why);
  }
  zip_stat_t st;
  if (zip_source_stat(out, &st) != 0 || zip_source_open(out) != 0) return zip_failed("cannot read the archive back");
  std::string bytes(static_cast<std::size_t>(st.size), '\0');
  const auto n = zip_source_read(out, bytes.data(), st.size);
  zip_source_close(out);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return zip_failed("cannot read the archive back");
  return bytes;
}

}  // namespace

Result<OutboxExport> export_outbox(const std::string& database, store::Writer& writer, const Clock& clock,
                                   const SyncKey& key, const std::string& school, const std::string& to_file) {
  auto identity = sync_identity(writer);
  if (!identity) return identity.error();
  const std::string box = *identity;
  auto db = store::Db::open(database, store::Db::Mode::read_only);
  if (!db) return db.error();
  store::Transaction tx(**db);
  if (!tx.begun()) return tx.begun().error();
  auto pending = first_push_pending(**db);
  if (!pending) return pending.error();
  if (*pending)
    return make_error(Errc::conflict, "sync.first_push_online",
                      "this box has never synced with the city portal: its first full push (the whole journal) goes online "
                      "with `classbookctl sync`; an outbox file carries only what follows it");
  auto state = store::read_sync_state(**db);
  if (!state) return state.error();
  auto head = store::audit_head(**db);
  if (!head) return head.error();

  OutboxExport report;
  std::vector<File> files;
  json::array listed;
  const auto now = format_utc(clock.now());
  Batch batch;
  for (std::int64_t next = state->acknowledged_through + 1;;) {
    auto rows = store::outbox_after(**db, next - 1, batch_max_items);
    if (!rows) return rows.error();
    if (rows->empty()) break;
    batch.clear();
    std::vector<store::SyncRefusal> unmappable;
    fill_batch(*rows, now, batch, unmappable);
    // The key goes with the first batch: a portal that has not pinned it yet pins it from the file.
    const BatchMeta meta{box, school, *head, files.empty() ? std::optional<std::string>(key.public_pem()) : std::nullopt, false, 0, false};
    File f{"batch-" + std::to_string(batch.first_seq()) + "-" + std::to_string(batch.last_seq()) + ".json", batch.body(meta)};
    auto signature = key.signature_header(f.text);
    if (!signature) return signature.error();
    listed.push_back(json::object{{"file", f.name}, {"idempotency_key", batch.idempotency_key(box)}, {"signature", *signature}});
    if (report.first_seq == 0) report.first_seq = batch.first_seq();
    report.last_seq = batch.last_seq();
    report.batches++;
    report.items += static_cast<std::int64_t>(batch.count());
    report.unmappable += static_cast<std::int64_t>(unmappable.size());
    files.push_back(std::move(f));
    next = batch.last_seq() + 1;
  }
  json::object manifest{{"format", outbox_file_format}, {"box", box}, {"school", school}, {"exported_at", now},
                        {"acknowledged_before", state->acknowledged_through}, {"batches", std::move(listed)}};
  files.insert(files.begin(), File{"manifest.json", json::serialize(manifest)});
  auto bytes = zip_bytes(files);
  if (!bytes) return bytes.error();
  if (auto s = write_private_file(to_file, *bytes); !s) return s.error();
  return report;
}

}  // namespace classbook::sync
