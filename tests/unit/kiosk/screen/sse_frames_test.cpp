// sse_frames_test: the event-stream frames as the browser's parser reads them.
#include <catch2/catch.hpp>

#include "kiosk/screen/sse_frames.hpp"

using namespace classbook::kiosk::screen;

TEST_CASE("an event is id, event and data lines ended by an empty line") {
  CHECK(sse_event(7, "state", R"({"a":1})") == "id: 7\nevent: state\ndata: {\"a\":1}\n\n");
}

TEST_CASE("multi-line data becomes one data line per line, CR never reaches the wire") {
  CHECK(sse_event(1, "state", "a\nb\r\nc") == "id: 1\nevent: state\ndata: a\ndata: b\ndata: c\n\n");
  CHECK(sse_event(1, "st\nate", "x\ry") == "id: 1\nevent: state\ndata: xy\n\n");
  CHECK(sse_event(2, "state", "") == "id: 2\nevent: state\ndata: \n\n");
}

TEST_CASE("retry and comment frames") {
  CHECK(sse_retry(std::chrono::milliseconds(2000)) == "retry: 2000\n\n");
  CHECK(sse_comment("keep-alive") == ": keep-alive\n\n");
  CHECK(sse_comment("a\nb") == ": ab\n\n");
}
