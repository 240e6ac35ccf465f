// import_file: libzip reads the archive; every batch goes through BatchApplier with its own key and
// signature, so an import and an online sync can never apply one batch twice.
#include "import_file.hpp"

#include <zip.h>

#include <boost/json/parse.hpp>
#include <memory>

#include "classbook/common/log.hpp"

namespace classbook::portal {
namespace json = boost::json;

namespace {

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }
};

Error bad_file(const std::string& path, const std::string& why) {
  return make_error(Errc::invalid_input, "import.bad_file", path + " is not an outbox file: " + why);
}

Result<std::string> entry(zip_t* archive, const std::string& path, const std::string& name) {
  zip_stat_t st;
  if (zip_stat(archive, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return bad_file(path, "no " + name);
  if (st.size > kMaxImportEntryBytes) return bad_file(path, name + " is too large");
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (!file) return bad_file(path, "cannot open " + name);
  std::string text(static_cast<std::size_t>(st.size), '\0');
  const auto n = zip_fread(file, text.data(), st.size);
  zip_fclose(file);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return bad_file(path, "cannot read " + name);
  return text;
}

Result<std::string> client_for_school(Db& db, const std::string& school) {
  auto q = db.prepare("SELECT client_id FROM clients WHERE org_sourced_id = ?");
  if (!q) return q.error();
  q->bind(1, school);
  auto r = q->step();
  if (!r) return r.error();
  if (!*r) return make_error(Errc::not_found, "import.unknown_school", "this portal has no client for the school " + school);
  return q->text(0);
}

}  // namespace

Result<ImportReport> import_outbox_file(Db& db, BatchApplier& applier, const std::string& path) {
  int error = 0;
  std::unique_ptr<zip_t, ZipClose> archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) return bad_file(path, "not a zip archive");
  auto manifest_text = entry(archive.get(), path, "manifest.json");
  if (!manifest_text) return manifest_text.error();
  json::object manifest;
  try {
    manifest = json::parse(*manifest_text).as_object();
  } catch (const std::exception&) {
    return bad_file(path, "manifest.json is not a JSON object");
  }
  const auto* format = manifest.if_contains("format");
  if (!format || !format->is_string() || format->as_string() != kOutboxFormat)
    return bad_file(path, "manifest.json must say \"format\": \"" + std::string(kOutboxFormat) + "\"");
  const auto* school = manifest.if_contains("school");
  const auto* batches = manifest.if_contains("batches");
  if (!school || !school->is_string() || !batches || !batches->is_array())
    return bad_file(path, "manifest.json needs \"school\" and a list \"batches\"");
  auto client = client_for_school(db, std::string(school->as_string()));
  if (!client) return client.error();

  ImportReport report;
  for (const auto& b : batches->as_array()) {
    if (!b.is_object()) return bad_file(path, "each of \"batches\" is an object");
    const auto& o = b.as_object();
    const auto* file = o.if_contains("file");
    const auto* key = o.if_contains("idempotency_key");
    const auto* signature = o.if_contains("signature");
    if (!file || !file->is_string() || !key || !key->is_string() || !signature || !signature->is_string())
      return bad_file(path, "each batch names its file, idempotency_key and signature");
    auto body = entry(archive.get(), path, std::string(file->as_string()));
    if (!body) return body.error();
    auto answer = applier.apply(BatchRequest{*client, std::string(key->as_string()), std::string(signature->as_string()),
                                             *body, "import"});
    if (!answer)
      return make_error(answer.error().code, answer.error().id,
                        std::string(file->as_string()) + ": " + answer.error().message);
    if (answer->http_status != 200)
      return make_error(Errc::conflict, "import.gap",
                        std::string(file->as_string()) + " does not follow what the portal has (" + answer->body +
                            "): export again from the box");
    if (answer->replayed) ++report.already_had;
    else ++report.batches;
    log::info("portal", "imported " + std::string(file->as_string()) + ": " + answer->body);
  }
  auto cursor = acknowledged_through(db, *client);
  if (!cursor) return cursor.error();
  report.acknowledged_through = *cursor;
  return report;
}

}  // namespace classbook::portal
