// https_portal_transport: Beast's client, each asynchronous step run to completion on a private
// io_context with the stream's own time-out, so a stalled portal is an error value after a known time.
#include "sync/https_portal_transport.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <fstream>
#include <optional>
#include <sstream>

namespace classbook::sync {
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

namespace {

Error unreachable(const HttpsPortalOptions& o, const std::string& what, const error_code& ec) {
  return make_error(Errc::unavailable, "sync.portal_unreachable",
                    "the portal at " + o.host + ":" + o.port + " could not be reached (" + what + ": " + ec.message() +
                        "); the box tries again later");
}

}  // namespace

struct HttpsPortalTransport::Impl {
  HttpsPortalOptions options;
  net::io_context ioc;
  ssl::context tls{ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  int connections = 0;

  // Runs the one asynchronous step just started until it completes (or its time-out fires).
  void run() {
    ioc.restart();
    ioc.run();
  }

  Status connect() {
    stream.reset();
    buffer.clear();
    tcp::resolver resolver(ioc);
    error_code ec;
    auto found = resolver.resolve(options.host, options.port, ec);
    if (ec) return unreachable(options, "name lookup", ec);
    stream.emplace(ioc, tls);
    if (!SSL_set_tlsext_host_name(stream->native_handle(), options.host.c_str()))
      return unreachable(options, "server name", error_code(static_cast<int>(::ERR_get_error()), net::error::get_ssl_category()));
    stream->set_verify_callback(ssl::host_name_verification(options.host));
    auto& tcp_layer = beast::get_lowest_layer(*stream);
    tcp_layer.expires_after(options.connect_timeout);
    tcp_layer.async_connect(found, [&](error_code e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) return unreachable(options, "connect", ec);
    tcp_layer.expires_after(options.connect_timeout);
    stream->async_handshake(ssl::stream_base::client, [&](error_code e) { ec = e; });
    run();
    if (ec) {
      stream.reset();
      return make_error(Errc::unavailable, "sync.portal_tls_failed",
                        "the TLS handshake with the portal at " + options.host + ":" + options.port + " failed (" + ec.message() +
                            "); its certificate must chain to [portal] ca_file (" + options.ca_file +
                            ") and name the host of [portal] url");
    }
    ++connections;
    return ok_status();
  }

  // One exchange on the open connection; `reused` says whether it had carried one before.
  Result<PortalResponse> exchange(const PortalRequest& r) {
    http::request<http::string_body> req{http::string_to_verb(r.method), options.base_path + r.target, 11};
    req.set(http::field::host, options.host);
    req.set(http::field::user_agent, "classbook-sync");
    req.keep_alive(true);
    for (const auto& [k, v] : r.headers) req.set(k, v);
    req.body() = r.body;
    req.prepare_payload();
    auto& tcp_layer = beast::get_lowest_layer(*stream);
    error_code ec;
    tcp_layer.expires_after(options.read_timeout);
    http::async_write(*stream, req, [&](error_code e, std::size_t) { ec = e; });
    run();
    if (ec) return unreachable(options, "sending", ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(portal_answer_limit);
    tcp_layer.expires_after(options.read_timeout);
    http::async_read(*stream, buffer, parser, [&](error_code e, std::size_t) { ec = e; });
    run();
    if (ec) return unreachable(options, "reading the answer", ec);
    auto res = parser.release();
    PortalResponse out{static_cast<int>(res.result_int()), {}, std::move(res.body())};
    for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    if (!res.keep_alive()) stream.reset();
    return out;
  }
};

Result<HttpsPortalOptions> portal_options_from_url(const std::string& url, const std::string& ca_file) {
  const auto bad = make_error(Errc::invalid_input, "sync.portal_url_invalid",
                              "[portal] url must be https://host[:port][/path], not '" + url + "'", "url");
  if (!url.starts_with("https://")) return bad;
  HttpsPortalOptions o;
  o.ca_file = ca_file;
  std::string rest = url.substr(8);
  const auto slash = rest.find('/');
  if (slash != std::string::npos) {
    o.base_path = rest.substr(slash);
    rest.resize(slash);
    while (o.base_path.ends_with("/")) o.base_path.pop_back();
  }
  if (rest.starts_with("[")) {  // an IPv6 literal
    const auto close = rest.find(']');
    if (close == std::string::npos) return bad;
    o.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != ':') return bad;
      o.port = rest.substr(close + 2);
    }
  } else if (const auto colon = rest.find(':'); colon != std::string::npos) {
    o.host = rest.substr(0, colon);
    o.port = rest.substr(colon + 1);
  } else {
    o.host = rest;
  }
  if (o.host.empty() || o.port.empty() || o.port.find_first_not_of("0123456789") != std::string::npos) return bad;
  return o;
}

HttpsPortalTransport::HttpsPortalTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpsPortalTransport::~HttpsPortalTransport() = default;
int HttpsPortalTransport::connections_made() const { return impl_->connections; }

Result<std::unique_ptr<HttpsPortalTransport>> HttpsPortalTransport::open(HttpsPortalOptions options) {
  auto impl = std::make_unique<Impl>();
  std::ifstream in(options.ca_file, std::ios::binary);
  std::ostringstream pem;
  if (in) pem << in.rdbuf();
  error_code ec;
  if (!in || pem.str().find("-----BEGIN CERTIFICATE-----") == std::string::npos)
    return make_error(Errc::invalid_input, "sync.portal_ca_missing",
                      "[portal] ca_file '" + options.ca_file + "' cannot be read or holds no PEM certificate; "
                      "give the CA certificate the portal's operator handed out (the reference portal writes DIR/tls/ca.crt)", "ca_file");
  impl->tls.add_certificate_authority(net::buffer(pem.str()), ec);
  if (ec)
    return make_error(Errc::invalid_input, "sync.portal_ca_missing",
                      "[portal] ca_file '" + options.ca_file + "' holds no usable CA certificate (" + ec.message() + ")", "ca_file");
  impl->tls.set_verify_mode(ssl::verify_peer);
  impl->tls.set_options(ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  impl->options = std::move(options);
  return std::unique_ptr<HttpsPortalTransport>(new HttpsPortalTransport(std::move(impl)));
}

Result<PortalResponse> HttpsPortalTransport::send(const PortalRequest& request) {
  const bool reused = impl_->stream.has_value();
  if (!reused)
    if (auto s = impl_->connect(); !s) return s.error();
  auto answer = impl_->exchange(request);
  // A kept-alive connection the portal closed meanwhile fails at once: one fresh try. (A POST sent
  // twice is safe: batches carry an Idempotency-Key.)
  if (!answer && reused) {
    if (auto s = impl_->connect(); !s) return s.error();
    answer = impl_->exchange(request);
  }
  if (!answer) impl_->stream.reset();
  return answer;
}

}  // namespace classbook::sync
