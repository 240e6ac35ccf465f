// v4l2_format: the decisions of V4L2 capture that need no device — is this node a camera, which
// pixel format to ask for, is what the driver set usable, where a dequeued buffer's frame is, what
// an errno means for a person. Pure (no ioctl), so it is unit-tested; v4l2_frame_source calls it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "classbook/common/result.hpp"
#include "drivers/scan/frame.hpp"

namespace classbook::drivers {

constexpr std::uint32_t fourcc(char a, char b, char c, char d) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(a)) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b)) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(c)) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(d)) << 24;
}
inline constexpr std::uint32_t kPixelFormatYuyv = fourcc('Y', 'U', 'Y', 'V');  // V4L2_PIX_FMT_YUYV
inline constexpr std::uint32_t kPixelFormatGrey = fourcc('G', 'R', 'E', 'Y');  // V4L2_PIX_FMT_GREY

// Capability bits of VIDIOC_QUERYCAP (the same values as <linux/videodev2.h>; checked there).
inline constexpr std::uint32_t kCapVideoCapture = 0x00000001;
inline constexpr std::uint32_t kCapStreaming = 0x04000000;
inline constexpr std::uint32_t kCapDeviceCaps = 0x80000000;

std::string fourcc_text(std::uint32_t code);  // "YUYV", "MJPG"

struct CameraCaps {
  std::uint32_t capabilities = 0;  // of the whole physical device
  std::uint32_t device_caps = 0;   // of this node, valid when capabilities has kCapDeviceCaps
  std::string card;                // the driver's name for the camera, "HD Webcam C270"
};
// This node must capture video with streaming I/O (a UVC camera also makes a metadata-only node).
Status check_camera_caps(const CameraCaps& caps, const std::string& device);

// From VIDIOC_ENUM_FMT's list: GREY if offered (luma is all the decoder reads), else YUYV.
Result<std::uint32_t> choose_pixel_format(std::span<const std::uint32_t> offered, const std::string& device);

// What VIDIOC_S_FMT answered (the driver may change any of it).
struct PixFormat {
  std::uint32_t width = 0, height = 0, pixelformat = 0, bytesperline = 0, sizeimage = 0;
};
struct CaptureFormat {
  int width = 0, height = 0;
  int row_stride = 0;
  PixelLayout layout = PixelLayout::yuyv;
  std::size_t min_bytes = 0;  // a buffer with fewer bytes used holds no whole frame
};
Result<CaptureFormat> accept_format(const PixFormat& set, std::uint32_t asked, const std::string& device);

// The frame in a dequeued buffer, or nullopt when the driver flagged it (V4L2_BUF_FLAG_ERROR) or
// it is short — a UVC camera sends those after a USB hiccup; the next one is usually fine.
std::optional<FrameView> frame_in_buffer(const CaptureFormat& format, const std::uint8_t* data,
                                         std::size_t bytes_used, bool flagged_error);

// open()'s errno → an error a person can act on; not_found when there is no camera.
Error open_error(int err, const std::string& device);
// An ioctl's errno → an error naming the step; not_found when the camera went away (ENODEV).
Error ioctl_error(const char* request, int err, const std::string& device);

}  // namespace classbook::drivers
