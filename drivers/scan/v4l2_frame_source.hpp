// v4l2_frame_source: frames from a USB (UVC) camera through V4L2 memory-mapped streaming. The
// decisions live in v4l2_format (unit-tested); this file is only the ioctl sequence (no camera in
// CI: docs/kiosk-research.md §6 lists the steps it follows).
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "drivers/scan/frame_source.hpp"
#include "drivers/scan/v4l2_format.hpp"

namespace classbook::drivers {

// Four buffers: one being decoded, the rest filling; more only add latency.
inline constexpr int kV4l2BufferCount = 4;

struct V4l2Options {
  std::string device = "/dev/video0";
  int width = 640;  // asked for; the driver picks the nearest size it has
  int height = 480;
};

class V4l2FrameSource final : public FrameSource {
 public:
  explicit V4l2FrameSource(V4l2Options options) : options_(std::move(options)) {}
  ~V4l2FrameSource() override { stop(); }
  V4l2FrameSource(const V4l2FrameSource&) = delete;
  V4l2FrameSource& operator=(const V4l2FrameSource&) = delete;

  Status start() override;
  Result<std::optional<FrameView>> next(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string name() const override { return options_.device; }

 private:
  struct Buffer {
    void* start = nullptr;
    std::size_t length = 0;
  };
  Status configure();
  Status map_buffers();
  Status requeue_held();

  V4l2Options options_;
  int fd_ = -1;
  bool streaming_ = false;
  CaptureFormat format_;
  std::array<Buffer, kV4l2BufferCount> buffers_{};
  int mapped_ = 0;
  int held_ = -1;  // the buffer whose frame the caller is reading; queued again on the next call
};

}  // namespace classbook::drivers
