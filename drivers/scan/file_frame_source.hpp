// file_frame_source: PNG files played as a camera, for tests and the simulated kiosk. After the last
// file the camera "sees" an empty desk (a blank frame) unless it loops.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "drivers/scan/frame_source.hpp"

namespace classbook::drivers {

// A 30 fps camera's pace.
inline constexpr std::chrono::milliseconds kFileFrameInterval{33};

struct FileFrameOptions {
  std::chrono::milliseconds interval = kFileFrameInterval;  // between frames; 0 = as fast as asked
  bool loop = false;                                        // start again after the last file
};

class FileFrameSource final : public FrameSource {
 public:
  explicit FileFrameSource(std::vector<std::string> paths, FileFrameOptions options = {});

  // Loads every file (not_found for a missing one, invalid_input for one that is no PNG) and
  // starts again from the first.
  Status start() override;
  Result<std::optional<FrameView>> next(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string name() const override;

 private:
  std::vector<std::string> paths_;
  FileFrameOptions options_;
  std::vector<GreyImage> images_;
  GreyImage blank_;
  std::size_t position_ = 0;
  bool started_ = false;
  std::chrono::steady_clock::time_point due_;
};

}  // namespace classbook::drivers
