// frame_source: where camera frames come from — a V4L2 camera (v4l2_frame_source), or image files
// for tests and the simulated kiosk (file_frame_source). The camera scanner pulls from one.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "classbook/common/result.hpp"
#include "drivers/scan/frame.hpp"

namespace classbook::drivers {

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // Opens the device and starts streaming. Errc::not_found means there is nothing there (no camera
  // plugged in, no such file): the scanner shows that as "absent". Other errors mean it is there
  // but unusable, with a message saying what to do.
  virtual Status start() = 0;
  // Waits up to `timeout` for the next frame; nullopt when none came in time. The view stays valid
  // until the next call to next() or stop(). An error means the stream broke: stop() and start()
  // again to recover.
  virtual Result<std::optional<FrameView>> next(std::chrono::milliseconds timeout) = 0;
  // Stops streaming and releases the device. Safe to call when not started; start() may follow.
  virtual void stop() = 0;
  // For status messages: "/dev/video0", "3 image files".
  virtual std::string name() const = 0;
};

}  // namespace classbook::drivers
