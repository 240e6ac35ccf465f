// The V4L2 adapter where no camera is needed: a missing device is "no camera", a device that is no
// camera fails at QUERYCAP with the step named, and next() before start() is refused. Streaming
// itself needs a real camera (not in CI; docs/kiosk-research.md §6).
#include "drivers/scan/v4l2_frame_source.hpp"

#include <catch2/catch.hpp>

#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

TEST_CASE("a V4L2 source with no camera behind it says so, and says which step failed", "[scan][v4l2]") {
  classbook::test::TempDir dir;
  V4l2FrameSource missing(V4l2Options{dir.file("video9"), 640, 480});
  CHECK(missing.name() == dir.file("video9"));
  const Status absent = missing.start();
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().code == Errc::not_found);
  CHECK(absent.error().message == "no camera at " + dir.file("video9"));
  CHECK_FALSE(missing.next(10ms).ok());
  missing.stop();  // after a failed start: harmless

  V4l2FrameSource not_a_camera(V4l2Options{"/dev/null", 640, 480});
  const Status refused = not_a_camera.start();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == Errc::unavailable);
  CHECK_THAT(refused.error().message, Catch::StartsWith("VIDIOC_QUERYCAP on /dev/null failed"));
}
