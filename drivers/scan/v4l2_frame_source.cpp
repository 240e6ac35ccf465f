// v4l2_frame_source: open, QUERYCAP, ENUM_FMT, S_FMT, REQBUFS/mmap, STREAMON; poll + DQBUF/QBUF.
#include "drivers/scan/v4l2_frame_source.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace classbook::drivers {

static_assert(kPixelFormatYuyv == V4L2_PIX_FMT_YUYV && kPixelFormatGrey == V4L2_PIX_FMT_GREY);
static_assert(kCapVideoCapture == V4L2_CAP_VIDEO_CAPTURE && kCapStreaming == V4L2_CAP_STREAMING &&
              kCapDeviceCaps == V4L2_CAP_DEVICE_CAPS);

namespace {

// ioctl, retried when a signal interrupted it.
int xioctl(int fd, unsigned long request, void* arg) {
  int r;
  do {
    r = ::ioctl(fd, request, arg);
  } while (r == -1 && errno == EINTR);
  return r;
}

}  // namespace

Status V4l2FrameSource::start() {
  stop();
  fd_ = ::open(options_.device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd_ < 0) return open_error(errno, options_.device);
  Status s = configure();
  if (s) s = map_buffers();
  if (s) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd_, VIDIOC_STREAMON, &type) == 0) {
      streaming_ = true;
    } else {
      s = ioctl_error("VIDIOC_STREAMON", errno, options_.device);
    }
  }
  if (!s) stop();
  return s;
}

Status V4l2FrameSource::configure() {
  const std::string& dev = options_.device;
  v4l2_capability cap{};
  if (xioctl(fd_, VIDIOC_QUERYCAP, &cap) != 0) return ioctl_error("VIDIOC_QUERYCAP", errno, dev);
  const CameraCaps caps{cap.capabilities, cap.device_caps, reinterpret_cast<const char*>(cap.card)};
  if (Status s = check_camera_caps(caps, dev); !s) return s;

  std::vector<std::uint32_t> offered;
  for (v4l2_fmtdesc desc{.index = 0, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE}; xioctl(fd_, VIDIOC_ENUM_FMT, &desc) == 0;
       ++desc.index) {
    offered.push_back(desc.pixelformat);
  }
  const Result<std::uint32_t> chosen = choose_pixel_format(offered, dev);
  if (!chosen) return chosen.error();

  v4l2_format fmt{};
  fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  fmt.fmt.pix.width = static_cast<std::uint32_t>(options_.width);
  fmt.fmt.pix.height = static_cast<std::uint32_t>(options_.height);
  fmt.fmt.pix.pixelformat = *chosen;
  fmt.fmt.pix.field = V4L2_FIELD_NONE;
  if (xioctl(fd_, VIDIOC_S_FMT, &fmt) != 0) return ioctl_error("VIDIOC_S_FMT", errno, dev);
  // The driver writes back what it will really deliver: size, stride and format may all differ.
  const PixFormat set{fmt.fmt.pix.width, fmt.fmt.pix.height, fmt.fmt.pix.pixelformat, fmt.fmt.pix.bytesperline,
                      fmt.fmt.pix.sizeimage};
  Result<CaptureFormat> accepted = accept_format(set, *chosen, dev);
  if (!accepted) return accepted.error();
  format_ = *accepted;
  return ok_status();
}

Status V4l2FrameSource::map_buffers() {
  v4l2_requestbuffers req{};
  req.count = kV4l2BufferCount;
  req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  req.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd_, VIDIOC_REQBUFS, &req) != 0) return ioctl_error("VIDIOC_REQBUFS", errno, options_.device);
  if (req.count < 2) {
    return make_error(Errc::unavailable, "camera.too_few_buffers", "the camera at " + options_.device + " granted only " +
                                             std::to_string(req.count) + " capture buffer(s)");
  }
  const int count = std::min<int>(static_cast<int>(req.count), kV4l2BufferCount);
  for (int i = 0; i < count; ++i) {
    v4l2_buffer buf{};
    buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buf.memory = V4L2_MEMORY_MMAP;
    buf.index = static_cast<std::uint32_t>(i);
    if (xioctl(fd_, VIDIOC_QUERYBUF, &buf) != 0) return ioctl_error("VIDIOC_QUERYBUF", errno, options_.device);
    void* start = ::mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, buf.m.offset);
    if (start == MAP_FAILED) return ioctl_error("mmap", errno, options_.device);
    buffers_[static_cast<std::size_t>(i)] = Buffer{start, buf.length};
    mapped_ = i + 1;
    if (xioctl(fd_, VIDIOC_QBUF, &buf) != 0) return ioctl_error("VIDIOC_QBUF", errno, options_.device);
  }
  return ok_status();
}

Status V4l2FrameSource::requeue_held() {
  if (held_ < 0) return ok_status();
  v4l2_buffer buf{};
  buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buf.memory = V4L2_MEMORY_MMAP;
  buf.index = static_cast<std::uint32_t>(held_);
  held_ = -1;
  if (xioctl(fd_, VIDIOC_QBUF, &buf) != 0) return ioctl_error("VIDIOC_QBUF", errno, options_.device);
  return ok_status();
}

Result<std::optional<FrameView>> V4l2FrameSource::next(std::chrono::milliseconds timeout) {
  if (!streaming_) return make_error(Errc::internal, "camera.not_started", "the camera at " + options_.device + " is not started");
  if (Status s = requeue_held(); !s) return s.error();

  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready < 0) {
    if (errno == EINTR) return std::optional<FrameView>{};
    return ioctl_error("poll", errno, options_.device);
  }
  if (ready == 0) return std::optional<FrameView>{};

  // On POLLERR (the camera went away, or its queue broke) DQBUF says which, by its errno.
  v4l2_buffer buf{};
  buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buf.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd_, VIDIOC_DQBUF, &buf) != 0) {
    const int err = errno;
    if (err == EAGAIN && !(p.revents & (POLLERR | POLLHUP | POLLNVAL))) return std::optional<FrameView>{};
    return ioctl_error("VIDIOC_DQBUF", err == EAGAIN ? EIO : err, options_.device);
  }
  if (buf.index >= static_cast<std::uint32_t>(mapped_)) {
    return make_error(Errc::unavailable, "camera.request_failed", "the camera at " + options_.device + " returned an unknown buffer");
  }
  held_ = static_cast<int>(buf.index);
  const Buffer& b = buffers_[buf.index];
  const std::size_t used = std::min<std::size_t>(buf.bytesused, b.length);
  return frame_in_buffer(format_, static_cast<const std::uint8_t*>(b.start), used,
                         (buf.flags & V4L2_BUF_FLAG_ERROR) != 0);
}

void V4l2FrameSource::stop() {
  if (fd_ < 0) return;
  if (streaming_) {
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    xioctl(fd_, VIDIOC_STREAMOFF, &type);  // best effort: the camera may already be gone
    streaming_ = false;
  }
  for (int i = 0; i < mapped_; ++i) {
    const Buffer& b = buffers_[static_cast<std::size_t>(i)];
    ::munmap(b.start, b.length);
  }
  mapped_ = 0;
  held_ = -1;
  ::close(fd_);
  fd_ = -1;
}

}  // namespace classbook::drivers
