// message: the request and response types handlers see — Beast's HTTP message types, no sockets.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <string>

namespace classbook::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
// A handler answers through this, now or later (after a commit); it may be called from any thread.
using Respond = std::function<void(Response)>;

// What the connection knows about its peer, for throttling, logs and kiosk identity.
struct Peer {
  std::string address;
  // SHA-256 of the DER of the client certificate the TLS handshake verified against the box's CA,
  // lower-case hex; "" when the client sent none (browsers).
  std::string client_cert_fingerprint;
};

using Handler = std::function<void(Request&&, const Peer&, Respond)>;

}  // namespace classbook::http
