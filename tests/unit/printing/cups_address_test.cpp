// Tests of cups_address: classbookd.toml's cups_server in each of its forms, CUPS's default when it
// is left out, and a refusal that says what to write for any other shape.
#include <catch2/catch.hpp>

#include "printing/cups_address.hpp"
#include "read_ok.hpp"

using namespace classbook;
using namespace classbook::printing;

TEST_CASE("a host, a host and port, an IPv6 address and a socket path") {
  auto name = test::ok(cups_address("print.school.lan", "localhost:631"));
  CHECK(name.host == "print.school.lan");
  CHECK(name.port == 631);
  CHECK_FALSE(name.local);
  auto port = test::ok(cups_address("print.school.lan:8631", ""));
  CHECK(port.host == "print.school.lan");
  CHECK(port.port == 8631);
  auto loop = test::ok(cups_address("127.0.0.1:46631", ""));
  CHECK(loop.local);
  CHECK(loop.port == 46631);
  CHECK(test::ok(cups_address("localhost", "")).local);
  auto v6 = test::ok(cups_address("[::1]:8631", ""));
  CHECK(v6.host == "::1");
  CHECK(v6.port == 8631);
  CHECK(v6.local);
  auto bare_v6 = test::ok(cups_address("fd00::10", ""));
  CHECK(bare_v6.host == "fd00::10");
  CHECK(bare_v6.port == 631);
  CHECK_FALSE(bare_v6.local);
  auto socket = test::ok(cups_address("/run/cups/cups.sock", ""));
  CHECK(socket.host == "/run/cups/cups.sock");
  CHECK(socket.local);
}

TEST_CASE("left out, the server is CUPS's own default") {
  auto d = test::ok(cups_address("", "/run/cups/cups.sock"));
  CHECK(d.host == "/run/cups/cups.sock");
  auto remote = test::ok(cups_address("", "print.school.lan:631"));
  CHECK(remote.host == "print.school.lan");
  CHECK_FALSE(remote.local);
}

TEST_CASE("another shape is refused, saying what to fix") {
  for (const char* bad : {"host:", "host:0", "host:70000", "host:80x", "[::1", "[::1]x", "[::1]:", "a b",
                          "ipp://host/printers", ":631"}) {
    INFO(bad);
    auto r = cups_address(bad, "localhost");
    REQUIRE_FALSE(r);
    CHECK(r.error().id.view() == "printing.unreachable");
    CHECK(r.error().message.find("cups_server") != std::string::npos);
    CHECK(r.error().message.find(bad) != std::string::npos);
  }
}
