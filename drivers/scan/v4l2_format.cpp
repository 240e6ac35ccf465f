// v4l2_format: checks and choices for V4L2 capture, and their messages.
#include "drivers/scan/v4l2_format.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "drivers/scan/code_decoder.hpp"

namespace classbook::drivers {

std::string fourcc_text(std::uint32_t code) {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>((code >> (8 * i)) & 0xFF);
    text += (c >= 0x20 && c < 0x7F) ? c : '?';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

Status check_camera_caps(const CameraCaps& caps, const std::string& device) {
  const std::uint32_t node = (caps.capabilities & kCapDeviceCaps) ? caps.device_caps : caps.capabilities;
  const std::string what = device + (caps.card.empty() ? "" : " (" + caps.card + ")");
  if (!(node & kCapVideoCapture)) {
    return make_error(Errc::unavailable, "camera.not_a_capture_device", what + " does not capture video; a USB camera also creates a "
                                                "metadata node: point the kiosk at the other /dev/videoN");
  }
  if (!(node & kCapStreaming)) {
    return make_error(Errc::unavailable, "camera.not_a_capture_device", what + " does not support streaming capture; use a UVC camera");
  }
  return ok_status();
}

Result<std::uint32_t> choose_pixel_format(std::span<const std::uint32_t> offered, const std::string& device) {
  for (std::uint32_t wanted : {kPixelFormatGrey, kPixelFormatYuyv}) {
    if (std::find(offered.begin(), offered.end(), wanted) != offered.end()) return wanted;
  }
  std::string list;
  for (std::uint32_t f : offered) list += (list.empty() ? "" : ", ") + fourcc_text(f);
  return make_error(Errc::unavailable, "camera.format_unsupported", "the camera at " + device + " does not offer YUYV (it offers " +
                                           (list.empty() ? "nothing" : list) +
                                           "); use a camera that does, most UVC webcams do");
}

Result<CaptureFormat> accept_format(const PixFormat& set, std::uint32_t asked, const std::string& device) {
  if (set.pixelformat != asked) {
    return make_error(Errc::unavailable, "camera.format_unsupported", "the camera at " + device + " does not offer " + fourcc_text(asked) +
                                             " (the driver chose " + fourcc_text(set.pixelformat) + ")");
  }
  const auto max_side = static_cast<std::uint32_t>(kMaxFrameSide);
  if (set.width == 0 || set.height == 0 || set.width > max_side || set.height > max_side) {
    return make_error(Errc::unavailable, "camera.format_unsupported", "the camera at " + device + " set a frame size of " +
                                             std::to_string(set.width) + "x" + std::to_string(set.height));
  }
  CaptureFormat format;
  format.width = static_cast<int>(set.width);
  format.height = static_cast<int>(set.height);
  format.layout = asked == kPixelFormatGrey ? PixelLayout::grey : PixelLayout::yuyv;
  const int row_bytes = format.width * (format.layout == PixelLayout::yuyv ? 2 : 1);
  // Some drivers leave bytesperline 0 for packed formats.
  format.row_stride = set.bytesperline == 0 ? row_bytes : static_cast<int>(set.bytesperline);
  if (format.row_stride < row_bytes || set.bytesperline > 4 * max_side) {
    return make_error(Errc::unavailable, "camera.format_unsupported", "the camera at " + device + " reports " + std::to_string(set.bytesperline) +
                                             " bytes per line for " + std::to_string(set.width) + " pixels");
  }
  format.min_bytes = static_cast<std::size_t>(format.row_stride) * (format.height - 1) + row_bytes;
  return format;
}

std::optional<FrameView> frame_in_buffer(const CaptureFormat& format, const std::uint8_t* data,
                                         std::size_t bytes_used, bool flagged_error) {
  if (flagged_error || data == nullptr || bytes_used < format.min_bytes) return std::nullopt;
  return FrameView{data, format.width, format.height, format.row_stride, format.layout};
}

Error open_error(int err, const std::string& device) {
  switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return make_error(Errc::not_found, "camera.not_found", "no camera at " + device);
    case EACCES:
    case EPERM:
      return make_error(Errc::unavailable, "camera.no_permission", "no permission to open " + device +
                                               ": add the kiosk's user to the 'video' group");
    case EBUSY:
      return make_error(Errc::unavailable, "camera.busy", "the camera at " + device + " is in use by another program");
    default:
      return make_error(Errc::unavailable, "camera.cannot_open", "cannot open " + device + ": " + std::strerror(err));
  }
}

Error ioctl_error(const char* request, int err, const std::string& device) {
  if (err == ENODEV) return make_error(Errc::not_found, "camera.unplugged", "the camera at " + device + " was unplugged");
  return make_error(Errc::unavailable, "camera.request_failed", std::string(request) + " on " + device + " failed: " + std::strerror(err));
}

}  // namespace classbook::drivers
