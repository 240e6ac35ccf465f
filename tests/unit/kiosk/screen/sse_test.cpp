// sse_test: the event-stream frames as the browser's parser reads them.
#include <catch2/catch.hpp>

#include "classbook/common/sse.hpp"

using namespace classbook::sse;

TEST_CASE("an event is id, event and data lines ended by an empty line") {
  CHECK(event(7, "state", R"({"a":1})") == "id: 7\nevent: state\ndata: {\"a\":1}\n\n");
}

TEST_CASE("multi-line data becomes one data line per line, CR never reaches the wire") {
  CHECK(event(1, "state", "a\nb\r\nc") == "id: 1\nevent: state\ndata: a\ndata: b\ndata: c\n\n");
  CHECK(event(1, "st\nate", "x\ry") == "id: 1\nevent: state\ndata: xy\n\n");
  CHECK(event(2, "state", "") == "id: 2\nevent: state\ndata: \n\n");
}

TEST_CASE("retry and comment frames") {
  CHECK(retry(std::chrono::milliseconds(2000)) == "retry: 2000\n\n");
  CHECK(comment("keep-alive") == ": keep-alive\n\n");
  CHECK(comment("a\nb") == ": ab\n\n");
}

TEST_CASE("a text id is written as given, without line breaks") {
  CHECK(event("k3a9-12", "change", "{}") == "id: k3a9-12\nevent: change\ndata: {}\n\n");
  CHECK(event(std::string_view("a\nb"), "change", "{}") == "id: ab\nevent: change\ndata: {}\n\n");
}
