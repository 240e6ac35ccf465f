// https_client_test: the kiosk's one HTTPS connection against a real TLS server on loopback —
// mutual TLS, keep-alive reuse, reconnecting, time-outs and trust failures.
#include <catch2/catch.hpp>

#include <chrono>

#include "kiosk/uplink/https_client.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"
#include "temp_dir.hpp"
#include "test_box.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;
namespace net = boost::asio;

namespace {

HttpsOptions options_for(std::uint16_t port, std::chrono::milliseconds timeout = 3000ms,
                         const std::string& host = "127.0.0.1") {
  HttpsOptions o;
  o.host = host;
  o.port = port;
  o.host_header = host + ":" + std::to_string(port);
  o.request_timeout = timeout;
  return o;
}

// Sends one request and runs the loop until its answer is in.
HttpResult fetch(net::io_context& io, HttpsClient& client, HttpRequest request = {"GET", "/api/v1/kiosk/hello", "", true, false}) {
  std::optional<HttpResult> result;
  client.request(std::move(request), [&](HttpResult r) { result = std::move(r); });
  io.restart();
  while (!result && io.run_one_for(10s) > 0) {
  }
  REQUIRE(result);
  return *result;
}

TestAnswer hello_answer(const SeenRequest& r) {
  return {200, R"({"kiosk":{"name":")" + r.client_name + R"("},"school":"School 5","utc_offset":"+03:00"})"};
}

struct Fixture {
  classbook::test::TempDir dir;
  TestPki pki{dir.path()};
  net::io_context io;
  std::unique_ptr<net::ssl::context> tls = kiosk_tls_context(pki.files).value();
};

}  // namespace

TEST_CASE("a request over mutual TLS: the box sees the kiosk's certificate") {
  Fixture f;
  TestBox box(f.pki);
  box.handle(hello_answer);
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  auto r = fetch(f.io, client);
  REQUIRE(r.reached);
  CHECK(r.status == 200);
  CHECK(r.body.find("\"Main entrance\"") != std::string::npos);
  REQUIRE(box.seen().size() == 1);
  CHECK(box.seen()[0].method == "GET");
  CHECK(box.seen()[0].target == "/api/v1/kiosk/hello");
  CHECK(box.seen()[0].client_name == "Main entrance");
}

TEST_CASE("one kept-alive connection serves every request, queued ones included") {
  Fixture f;
  TestBox box(f.pki);
  box.handle([](const SeenRequest& r) { return TestAnswer{201, R"({"echo":")" + r.body + "\"}"}; });
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  for (int i = 0; i < 5; ++i) REQUIRE(fetch(f.io, client, {"POST", "/api/v1/taps", std::to_string(i), true, false}).status == 201);
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i)
    client.request({"POST", "/api/v1/taps", "q" + std::to_string(i), true, false}, [&](HttpResult r) { order.push_back(r.body); });
  f.io.restart();
  while (order.size() < 4 && f.io.run_one_for(10s) > 0) {
  }
  CHECK(order == std::vector<std::string>{R"({"echo":"q0"})", R"({"echo":"q1"})", R"({"echo":"q2"})", R"({"echo":"q3"})"});
  CHECK(box.connections == 1);
  CHECK(client.stats().connections == 1);
  CHECK(client.stats().requests == 9);
}

TEST_CASE("the box closing an idle connection costs a reconnect, not an error") {
  Fixture f;
  TestBox box(f.pki);
  box.handle(hello_answer);
  box.drop_after_answer = true;
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  for (int i = 0; i < 3; ++i) {
    auto r = fetch(f.io, client);
    CHECK(r.reached);
    REQUIRE(box.wait_closed(i + 1));  // the box has closed this connection before the next request
  }
  CHECK(box.connections == 3);
  CHECK(box.seen().size() == 3);
}

TEST_CASE("a reused connection that dies under a request: sent again once if idempotent") {
  Fixture f;
  TestBox box(f.pki);
  box.handle(hello_answer);
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  REQUIRE(fetch(f.io, client).reached);
  box.drop_next = 1;
  auto r = fetch(f.io, client);
  CHECK(r.reached);
  CHECK(box.connections == 2);
  CHECK(box.seen().size() == 3);

  SECTION("a PIN attempt is not sent twice") {
    box.drop_next = 1;
    auto pin = fetch(f.io, client, {"POST", "/api/v1/kiosk/diary", R"({"pin":"2580"})", false, true});
    CHECK_FALSE(pin.reached);
    CHECK(box.seen().size() == 4);
  }
  SECTION("nor anything twice when the fresh connection fails too") {
    box.drop_next = 2;
    auto twice = fetch(f.io, client);
    CHECK_FALSE(twice.reached);
    CHECK(box.seen().size() == 5);
  }
}

TEST_CASE("a slow box: no answer within the time-out, then the next request works") {
  Fixture f;
  TestBox box(f.pki);
  box.handle(hello_answer);
  HttpsClient client(f.io, *f.tls, options_for(box.port(), 300ms));
  REQUIRE(fetch(f.io, client).reached);
  box.delay_ms = 1500;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = fetch(f.io, client);
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK_FALSE(r.reached);
  CHECK(r.error == "no answer within 300 ms");
  CHECK(took >= 280ms);
  CHECK(took < 1000ms);
  box.delay_ms = 0;
  auto again = fetch(f.io, client);
  CHECK(again.reached);
  CHECK(box.connections == 2);
}

TEST_CASE("without its certificate the kiosk is turned away at the handshake") {
  Fixture f;
  TestBox box(f.pki);
  auto bare = enrol_tls_context(f.pki.ca.cert_pem);
  REQUIRE(bare);
  HttpsClient client(f.io, **bare, options_for(box.port()));
  auto r = fetch(f.io, client);
  CHECK_FALSE(r.reached);
  CHECK(box.seen().empty());
}

TEST_CASE("a box whose certificate another CA signed is not trusted") {
  Fixture f;
  classbook::test::TempDir other_dir;
  TestPki other(other_dir.path());
  TestBox box(other);
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  auto r = fetch(f.io, client);
  CHECK_FALSE(r.reached);
  CHECK(r.error.find("not signed by the CA this kiosk trusts") != std::string::npos);
  CHECK(box.handshakes == 0);
}

TEST_CASE("a certificate for another host name is not accepted") {
  Fixture f;
  TestBox::Options o;
  // A name the box CA may vouch for (a LAN name), but not the one the kiosk asked for.
  o.server_cert = *make_server_cert(f.pki.ca, "elsewhere", {"elsewhere.lan"}, {}, 30);
  TestBox box(f.pki, o);
  HttpsClient client(f.io, *f.tls, options_for(box.port()));
  auto r = fetch(f.io, client);
  CHECK_FALSE(r.reached);
  CHECK(r.error.find("names another host") != std::string::npos);
  HttpsClient by_name(f.io, *f.tls, options_for(box.port(), 3000ms, "localhost"));
  CHECK_FALSE(fetch(f.io, by_name).reached);
}

TEST_CASE("nothing listening: unreachable at once, and reconnecting backs off") {
  Fixture f;
  std::uint16_t port = 0;
  {
    TestBox gone(f.pki);
    port = gone.port();
  }
  HttpsClient client(f.io, *f.tls, options_for(port));
  const auto t0 = std::chrono::steady_clock::now();
  auto r = fetch(f.io, client);
  CHECK_FALSE(r.reached);
  CHECK(r.error.find("connecting to 127.0.0.1:" + std::to_string(port)) != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  const auto t1 = std::chrono::steady_clock::now();
  auto again = fetch(f.io, client);
  CHECK_FALSE(again.reached);
  CHECK(std::chrono::steady_clock::now() - t1 >= uplink_backoff_min - 20ms);
  CHECK(client.stats().connections == 2);
}

TEST_CASE("a client destroyed with a request in flight calls nothing back") {
  Fixture f;
  TestBox box(f.pki);
  box.handle(hello_answer);
  box.delay_ms = 1000;  // the answer is due long after the client is gone
  bool called = false;
  {
    HttpsClient client(f.io, *f.tls, options_for(box.port()));
    client.request({"GET", "/api/v1/kiosk/hello", "", true, false}, [&](HttpResult) { called = true; });
    // Pump the loop until the box holds the request (long before its answer is due).
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (box.seen().empty() && std::chrono::steady_clock::now() < give_up) {
      f.io.restart();
      f.io.run_for(5ms);
    }
    REQUIRE(box.seen().size() == 1);
  }
  // A sentinel: a second client's request, answered after the same delay. By the time its answer
  // is in, every handler the first client's destruction left queued has run, and the first
  // request's answer (had its connection lived) would have come too.
  HttpsClient sentinel(f.io, *f.tls, options_for(box.port()));
  const auto answer = fetch(f.io, sentinel);
  CHECK(answer.reached);
  CHECK(box.seen().size() == 2);
  CHECK_FALSE(called);
}

TEST_CASE("the kiosk's TLS files: missing means 'not enrolled', with what to do") {
  classbook::test::TempDir dir;
  auto tls = kiosk_tls_context(kiosk_files(dir.path()));
  REQUIRE_FALSE(tls);
  CHECK(tls.error().message.find("this kiosk is not enrolled") != std::string::npos);
  CHECK(tls.error().message.find("classbook-kiosk enrol") != std::string::npos);
}
