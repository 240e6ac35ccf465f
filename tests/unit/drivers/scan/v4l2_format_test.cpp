// Tests for the pure half of V4L2 capture: capabilities, the pixel format choice, what the driver
// set, buffers, and the messages for open()/ioctl errors. (The ioctl sequence itself needs a camera.)
#include "drivers/scan/v4l2_format.hpp"

#include <linux/videodev2.h>

#include <catch2/catch.hpp>
#include <cerrno>

using namespace classbook;
using namespace classbook::drivers;

TEST_CASE("fourcc codes print as their four letters", "[scan][v4l2]") {
  CHECK(fourcc_text(V4L2_PIX_FMT_YUYV) == "YUYV");
  CHECK(fourcc_text(V4L2_PIX_FMT_MJPEG) == "MJPG");
  CHECK(fourcc_text(V4L2_PIX_FMT_GREY) == "GREY");
  CHECK(fourcc_text(fourcc('Y', '1', '6', ' ')) == "Y16");
  CHECK(fourcc_text(0x01020304) == "????");
}

TEST_CASE("only a streaming video-capture node is a camera", "[scan][v4l2]") {
  const std::uint32_t capture = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
  CHECK(check_camera_caps({capture, 0, "HD Webcam"}, "/dev/video0").ok());
  // With DEVICE_CAPS set, the node's own caps decide: the metadata node of a UVC camera has none.
  const CameraCaps metadata{capture | V4L2_CAP_META_CAPTURE | V4L2_CAP_DEVICE_CAPS,
                            V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING, "HD Webcam"};
  const Status meta = check_camera_caps(metadata, "/dev/video1");
  REQUIRE_FALSE(meta.ok());
  CHECK_THAT(meta.error().message, Catch::Contains("/dev/video1 (HD Webcam) does not capture video") &&
                                       Catch::Contains("other /dev/videoN"));
  CHECK(check_camera_caps({capture | V4L2_CAP_DEVICE_CAPS, capture, "HD Webcam"}, "/dev/video0").ok());

  const Status no_streaming = check_camera_caps({V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_READWRITE, 0, ""}, "/dev/video2");
  REQUIRE_FALSE(no_streaming.ok());
  CHECK_THAT(no_streaming.error().message, Catch::Contains("/dev/video2 does not support streaming"));
}

TEST_CASE("GREY is preferred, YUYV accepted, anything else refused with what was offered", "[scan][v4l2]") {
  const std::uint32_t webcam[] = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV};
  CHECK(*choose_pixel_format(webcam, "/dev/video0") == V4L2_PIX_FMT_YUYV);
  const std::uint32_t mono[] = {V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_GREY};
  CHECK(*choose_pixel_format(mono, "/dev/video0") == V4L2_PIX_FMT_GREY);

  const std::uint32_t compressed[] = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_H264};
  const auto refused = choose_pixel_format(compressed, "/dev/video0");
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message,
             Catch::Contains("the camera at /dev/video0 does not offer YUYV (it offers MJPG, H264)"));
  const auto nothing = choose_pixel_format({}, "/dev/video0");
  REQUIRE_FALSE(nothing.ok());
  CHECK_THAT(nothing.error().message, Catch::Contains("it offers nothing"));
}

TEST_CASE("what the driver set is re-read: size, stride and format", "[scan][v4l2]") {
  SECTION("the size the driver picked, its padded stride") {
    const auto f = accept_format({320, 240, V4L2_PIX_FMT_YUYV, 704, 704 * 240}, V4L2_PIX_FMT_YUYV, "/dev/video0");
    REQUIRE(f.ok());
    CHECK(f->width == 320);
    CHECK(f->height == 240);
    CHECK(f->row_stride == 704);
    CHECK(f->layout == PixelLayout::yuyv);
    CHECK(f->min_bytes == 704u * 239 + 640);
  }
  SECTION("bytesperline 0 means packed") {
    const auto f = accept_format({640, 480, V4L2_PIX_FMT_GREY, 0, 0}, V4L2_PIX_FMT_GREY, "/dev/video0");
    REQUIRE(f.ok());
    CHECK(f->row_stride == 640);
    CHECK(f->layout == PixelLayout::grey);
  }
  SECTION("the driver swapped the format") {
    const auto f = accept_format({640, 480, V4L2_PIX_FMT_MJPEG, 0, 0}, V4L2_PIX_FMT_YUYV, "/dev/video0");
    REQUIRE_FALSE(f.ok());
    CHECK_THAT(f.error().message, Catch::Contains("does not offer YUYV (the driver chose MJPG)"));
  }
  SECTION("a stride shorter than a row, or no size") {
    CHECK_FALSE(accept_format({640, 480, V4L2_PIX_FMT_YUYV, 640, 0}, V4L2_PIX_FMT_YUYV, "/dev/video0").ok());
    CHECK_FALSE(accept_format({0, 480, V4L2_PIX_FMT_YUYV, 0, 0}, V4L2_PIX_FMT_YUYV, "/dev/video0").ok());
  }
}

TEST_CASE("a dequeued buffer holds a frame only when whole and unflagged", "[scan][v4l2]") {
  const auto format = accept_format({4, 2, V4L2_PIX_FMT_YUYV, 10, 20}, V4L2_PIX_FMT_YUYV, "/dev/video0");
  REQUIRE(format.ok());
  const std::uint8_t buffer[20] = {};
  const auto frame = frame_in_buffer(*format, buffer, 20, false);
  REQUIRE(frame.has_value());
  CHECK(frame->data == buffer);
  CHECK(frame->width == 4);
  CHECK(frame->row_stride == 10);
  CHECK(frame->pixel_stride() == 2);
  CHECK(frame_in_buffer(*format, buffer, 18, false).has_value());  // the last row's padding may be cut
  CHECK_FALSE(frame_in_buffer(*format, buffer, 17, false).has_value());
  CHECK_FALSE(frame_in_buffer(*format, buffer, 20, true).has_value());
  CHECK_FALSE(frame_in_buffer(*format, nullptr, 20, false).has_value());
}

TEST_CASE("open() and ioctl errors say what to do — a missing camera is not_found", "[scan][v4l2]") {
  for (int err : {ENOENT, ENODEV, ENXIO}) {
    const Error e = open_error(err, "/dev/video0");
    CHECK(e.code == Errc::not_found);
    CHECK(e.message == "no camera at /dev/video0");
  }
  CHECK_THAT(open_error(EACCES, "/dev/video0").message, Catch::Contains("'video' group"));
  CHECK_THAT(open_error(EBUSY, "/dev/video0").message, Catch::Contains("in use by another program"));
  CHECK(open_error(EIO, "/dev/video0").code == Errc::unavailable);

  const Error gone = ioctl_error("VIDIOC_DQBUF", ENODEV, "/dev/video0");
  CHECK(gone.code == Errc::not_found);
  CHECK(gone.message == "the camera at /dev/video0 was unplugged");
  const Error io = ioctl_error("VIDIOC_DQBUF", EIO, "/dev/video0");
  CHECK(io.code == Errc::unavailable);
  CHECK_THAT(io.message, Catch::StartsWith("VIDIOC_DQBUF on /dev/video0 failed: "));
}
