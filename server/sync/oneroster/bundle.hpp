// bundle: a OneRoster 1.2 CSV bundle (the CSV binding: manifest.csv and one file per record type,
// zipped flat) read and validated whole — every problem reported with its file, row (header = 1)
// and column — and handed out only when there is none, so the importer applies all or nothing.
// Read: orgs, academicSessions, courses, classes, users (+ roles, which 1.2 keeps apart),
// enrollments, demographics. Other files the manifest lists are named in not_imported, unread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::oneroster {

inline constexpr std::uint64_t max_csv_file_bytes = 64ull * 1024 * 1024;  // one CSV file, unpacked
inline constexpr std::size_t max_csv_rows = 250'000;                     // data rows in one file
inline constexpr std::size_t max_csv_field_bytes = 8 * 1024;             // one field
inline constexpr std::size_t max_bundle_entries = 64;                    // files in the zip
inline constexpr std::size_t max_bundle_problems = 1000;                 // listed; more are counted

// The manifest's word for each file: not supplied, the complete set, or changes only.
enum class FileMode { absent, bulk, delta };

struct BundleProblem {
  std::string file;     // "users.csv", or "" for the bundle as a whole
  std::size_t row = 0;  // header = 1; 0 for the file as a whole
  std::string column;   // "" when no one column is at fault
  std::string message;
  friend bool operator==(const BundleProblem&, const BundleProblem&) = default;
};

struct Bundle {
  std::string source_system_name;  // manifest source.systemName, may be empty
  std::string source_system_code;
  std::map<std::string, FileMode, std::less<>> files;  // "users" → bulk, for every file.* in the manifest
  std::vector<std::string> not_imported;  // files listed bulk/delta that the box does not read ("lineItems")
  // Rows of a bulk file carry no status or dateLastModified in CSV: their base.status is active and
  // base.date_last_modified is empty. References carry an empty href (CSV has none).
  std::vector<Org> orgs;
  std::vector<AcademicSession> academic_sessions;
  std::vector<Course> courses;
  std::vector<Class> classes;
  std::vector<User> users;  // roles joined in from roles.csv
  std::vector<Enrollment> enrollments;
  std::vector<Demographics> demographics;

  FileMode mode(std::string_view file) const;  // absent when the manifest does not list it
};

struct BundleReading {
  std::optional<Bundle> bundle;         // set only when problems is empty
  std::vector<BundleProblem> problems;  // at most max_bundle_problems
  std::size_t problems_total = 0;       // all found, listed or not
};

// The pure core: file name ("users.csv") → its bytes.
BundleReading read_bundle_files(const std::map<std::string, std::string, std::less<>>& files);
// A zip (libzip): flat, at most max_bundle_entries files, each at most max_csv_file_bytes unpacked.
BundleReading read_bundle_zip(const std::string& zip_path);
// A folder holding the CSV files (for tests and for a bundle already unpacked).
BundleReading read_bundle_directory(const std::string& folder);

// read_bundle_zip as a Result: the Error (oneroster_csv.invalid_bundle, or oneroster_csv.unreadable
// when the zip cannot be opened) lists every problem, one "file:row:column: message" a line.
classbook::Result<Bundle> read_bundle(const std::string& zip_path);
std::string format_problems(const BundleReading& reading);

}  // namespace classbook::oneroster
