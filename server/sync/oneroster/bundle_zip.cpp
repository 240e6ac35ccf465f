// bundle_zip: the bundle's bytes off disk — a zip through libzip (the only file that sees it) or a
// folder — each file bounded before it is read, so a zip bomb costs at most max_csv_file_bytes.
#include "sync/oneroster/bundle.hpp"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace classbook::oneroster {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

BundleReading refused(std::string file, std::string message) {
  BundleReading out;
  out.problems.push_back({std::move(file), 0, "", std::move(message)});
  out.problems_total = 1;
  return out;
}

}  // namespace

BundleReading read_bundle_zip(const std::string& zip_path) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(zip_path.c_str(), ZIP_RDONLY, &error));
  if (!zip) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return refused("", "cannot open " + zip_path + " as a zip (" + why + ")");
  }
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > max_bundle_entries)
    return refused("", "the zip holds " + std::to_string(count) + " entries; a bundle has at most " +
                           std::to_string(max_bundle_entries));
  std::map<std::string, std::string, std::less<>> files;
  BundleReading problems;
  auto problem = [&](std::string file, std::string message) {
    problems.problems.push_back({std::move(file), 0, "", std::move(message)});
    ++problems.problems_total;
  };
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
      problem("", "entry " + std::to_string(i) + " of the zip cannot be read");
      continue;
    }
    const std::string name = st.name;
    if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) {
      problem(name, "in a folder; the CSV files go at the top of the zip, no folders");
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      problem(name, "encrypted; the bundle must not be password-protected");
      continue;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max_csv_file_bytes) {
      problem(name, "unpacks to " + std::to_string(st.size) + " bytes, more than " + std::to_string(max_csv_file_bytes));
      continue;
    }
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) {
      problem(name, std::string("cannot be unpacked (") + zip_strerror(zip.get()) + ")");
      continue;
    }
    // Read at most one byte past the limit: the size in the directory is the sender's word only.
    std::string bytes;
    char buffer[64 * 1024];
    bool failed = false;
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        failed = true;
        break;
      }
      if (n == 0) break;
      bytes.append(buffer, static_cast<std::size_t>(n));
      if (bytes.size() > max_csv_file_bytes) break;
    }
    if (failed) problem(name, std::string("cannot be unpacked (") + zip_file_strerror(file.get()) + ")");
    else if (bytes.size() > max_csv_file_bytes)
      problem(name, "unpacks to more than " + std::to_string(max_csv_file_bytes) + " bytes");
    else
      files.emplace(name, std::move(bytes));
  }
  if (problems.problems_total) return problems;
  return read_bundle_files(files);
}

BundleReading read_bundle_directory(const std::string& folder) {
  std::error_code ec;
  std::map<std::string, std::string, std::less<>> files;
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    if (++entries > max_bundle_entries)
      return refused("", folder + " holds more than " + std::to_string(max_bundle_entries) + " files");
    const auto size = entry.file_size(ec);
    const auto name = entry.path().filename().string();
    if (ec || size > max_csv_file_bytes)
      return refused(name, "larger than " + std::to_string(max_csv_file_bytes) + " bytes or unreadable");
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return refused(name, "cannot be read");
    files.emplace(name, std::move(bytes));
  }
  if (ec) return refused("", "cannot list " + folder + " (" + ec.message() + ")");
  return read_bundle_files(files);
}

classbook::Result<Bundle> read_bundle(const std::string& zip_path) {
  auto reading = read_bundle_zip(zip_path);
  if (reading.bundle) return std::move(*reading.bundle);
  const bool unopened = reading.problems.size() == 1 && reading.problems.front().file.empty() &&
                        reading.problems.front().message.starts_with("cannot open");
  if (unopened) return make_error(Errc::invalid_input, "oneroster_csv.unreadable", reading.problems.front().message);
  return make_error(Errc::invalid_input, "oneroster_csv.invalid_bundle",
                    "the OneRoster bundle was not imported; nothing changed. Problems:\n" + format_problems(reading));
}

}  // namespace classbook::oneroster
