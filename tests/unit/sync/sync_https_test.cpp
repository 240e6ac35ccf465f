// The real HTTPS transport against a small TLS server in this test, its certificates made by
// common/pki: it talks to a portal whose certificate chains to ca_file and names the host, keeps
// the connection alive, and refuses a wrong CA and a wrong host name — as error values.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "classbook/common/pki.hpp"
#include "sync/https_portal_transport.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::sync;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// Answers every request with its own body and target, keeping the connection until the client goes.
class TlsServer {
 public:
  explicit TlsServer(const KeyAndCert& leaf) {
    tls_.use_certificate_chain(net::buffer(leaf.cert_pem));
    tls_.use_private_key(net::buffer(leaf.key_pem), ssl::context::pem);
    thread_ = std::thread([this] { serve(); });
  }
  ~TlsServer() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket wake(ioc_);
    wake.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::string port() const { return std::to_string(acceptor_.local_endpoint().port()); }
  int accepted() const { return accepted_; }

 private:
  void serve() {
    for (;;) {
      tcp::socket s(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(s, ec);
      if (ec || stop_) return;
      ++accepted_;
      beast::ssl_stream<tcp::socket> stream(std::move(s), tls_);
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) continue;
      beast::flat_buffer buffer;
      for (;;) {
        http::request<http::string_body> req;
        http::read(stream, buffer, req, ec);
        if (ec) break;
        http::response<http::string_body> res{http::status::created, 11};
        res.set("X-Target", std::string(req.target()));
        res.set("Retry-After", "7");
        res.body() = req.body();
        res.keep_alive(true);
        res.prepare_payload();
        http::write(stream, res, ec);
        if (ec) break;
      }
    }
  }
  net::io_context ioc_;
  ssl::context tls_{ssl::context::tls_server};
  tcp::acceptor acceptor_{ioc_, {net::ip::make_address("127.0.0.1"), 0}};
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

std::string write_file(const test::TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.file(name)) << text;
  return dir.file(name);
}

KeyAndCert ca(const char* name) {
  auto c = make_ca(name, 30);
  REQUIRE(c);
  return *c;
}

KeyAndCert leaf(const KeyAndCert& ca, std::vector<std::string> dns, std::vector<std::string> ips) {
  auto c = make_server_cert(ca, "portal", dns, ips, 30);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("sync https: a portal whose certificate chains to ca_file and names the host is spoken to, on one connection") {
  test::TempDir dir;
  const auto portal_ca = ca("City portal CA");
  TlsServer server(leaf(portal_ca, {"localhost"}, {"127.0.0.1"}));
  auto options = portal_options_from_url("https://127.0.0.1:" + server.port() + "/city/", write_file(dir, "ca.crt", portal_ca.cert_pem));
  REQUIRE(options);
  CHECK(options->base_path == "/city");
  auto transport = HttpsPortalTransport::open(*options);
  REQUIRE(transport);
  for (int i = 0; i < 3; ++i) {
    auto r = (*transport)->send({"POST", "/ims/x", {{"Content-Type", "application/json"}}, "{\"n\":" + std::to_string(i) + "}"});
    REQUIRE(r);
    CHECK(r->status == 201);
    CHECK(r->body == "{\"n\":" + std::to_string(i) + "}");
    CHECK(r->header("x-target") == std::optional<std::string>("/city/ims/x"));
    CHECK(r->header("Retry-After") == std::optional<std::string>("7"));
  }
  CHECK((*transport)->connections_made() == 1);
  CHECK(server.accepted() == 1);
  transport->reset();  // the test server serves one connection at a time
  // By name too: localhost is in the certificate.
  auto by_name = portal_options_from_url("https://localhost:" + server.port(), dir.file("ca.crt"));
  REQUIRE(by_name);
  auto t2 = HttpsPortalTransport::open(*by_name);
  REQUIRE(t2);
  auto r = (*t2)->send({"GET", "/ims/y", {}, ""});
  REQUIRE(r);
  CHECK(r->status == 201);
}

TEST_CASE("sync https: a certificate from another CA is refused, as an error value") {
  test::TempDir dir;
  const auto portal_ca = ca("City portal CA");
  const auto other_ca = ca("Somebody else");
  TlsServer server(leaf(other_ca, {"localhost"}, {"127.0.0.1"}));
  auto options = portal_options_from_url("https://127.0.0.1:" + server.port(), write_file(dir, "ca.crt", portal_ca.cert_pem));
  REQUIRE(options);
  auto transport = HttpsPortalTransport::open(*options);
  REQUIRE(transport);
  auto r = (*transport)->send({"GET", "/ims/x", {}, ""});
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("sync.portal_tls_failed"));
  CHECK(r.error().message.find("ca_file") != std::string::npos);
}

TEST_CASE("sync https: a certificate for another host name is refused") {
  test::TempDir dir;
  const auto portal_ca = ca("City portal CA");
  TlsServer server(leaf(portal_ca, {"portal.local"}, {}));
  auto options = portal_options_from_url("https://127.0.0.1:" + server.port(), write_file(dir, "ca.crt", portal_ca.cert_pem));
  REQUIRE(options);
  auto transport = HttpsPortalTransport::open(*options);
  REQUIRE(transport);
  auto r = (*transport)->send({"GET", "/ims/x", {}, ""});
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("sync.portal_tls_failed"));
}

TEST_CASE("sync https: no CA file, no sync — a closed port is an error value") {
  test::TempDir dir;
  auto bad = HttpsPortalTransport::open({"127.0.0.1", "1", "", dir.file("missing.crt")});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().id == ErrorCode("sync.portal_ca_missing"));
  const auto portal_ca = ca("City portal CA");
  HttpsPortalOptions o{"127.0.0.1", "1", "", write_file(dir, "ca.crt", portal_ca.cert_pem)};
  auto transport = HttpsPortalTransport::open(o);
  REQUIRE(transport);
  auto r = (*transport)->send({"GET", "/", {}, ""});
  REQUIRE_FALSE(r);
  CHECK(r.error().id == ErrorCode("sync.portal_unreachable"));
  CHECK_FALSE(portal_options_from_url("http://portal.city", "x"));
  CHECK_FALSE(portal_options_from_url("https://", "x"));
  auto v6 = portal_options_from_url("https://[::1]:8443/p", "x");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == "8443");
}
