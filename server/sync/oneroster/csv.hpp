// csv: RFC 4180 text read strictly, as the OneRoster CSV binding asks — commas only, quoted fields
// with doubled quotes and line breaks, CRLF or LF, UTF-8 (a byte-order mark is skipped). The first
// problem stops the file, with the record number (header = 1) and the column where known.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::oneroster {

struct CsvLimits {
  std::size_t max_rows = 0;          // data rows after the header
  std::size_t max_field_bytes = 0;
};

struct CsvProblem {
  std::size_t row = 0;    // record number, header = 1
  std::size_t column = 0; // field number from 1; 0 for the whole row
  std::string message;
};

struct CsvTable {
  std::vector<std::string> header;  // also set with a problem past the header
  std::vector<std::vector<std::string>> rows;  // each as wide as the header
  std::optional<CsvProblem> problem;           // set: the table is not to be used
};

CsvTable read_csv(std::string_view text, const CsvLimits& limits);

// Whole text valid UTF-8 (no overlongs, no surrogates)?
bool is_utf8(std::string_view text);

}  // namespace classbook::oneroster
