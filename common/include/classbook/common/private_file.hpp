// private_file: the one place that writes secrets (keys, backups) to disk — mode 0600, atomically.
#pragma once

#include <string>

#include "classbook/common/result.hpp"

namespace classbook {

// Replaces `path` atomically with `text`, mode 0600: temp file in the same directory, fsync, rename,
// fsync of the directory. Either the old or the whole new content survives a power cut.
Status write_private_file(const std::string& path, const std::string& text);

}  // namespace classbook
