// message: the request and response types handlers see — Beast's HTTP message types, no sockets.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <concepts>
#include <functional>
#include <memory>
#include <string>

namespace classbook::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
// One open event stream (text/event-stream) as its connection holds it. Thread-safe: frames may be
// sent from any thread and go out in the order sent.
class Outlet {
 public:
  virtual ~Outlet() = default;
  // Queues a frame; false once the stream has ended (the client left, fell behind, or close()).
  virtual bool send(std::shared_ptr<const std::string> frame) = 0;
  virtual void close() = 0;
  virtual bool ended() const = 0;
};
using OnStream = std::function<void(std::shared_ptr<Outlet>)>;

// A handler answers through this, now or later (after a commit); it may be called from any thread.
class Respond {
 public:
  using Answer = std::function<void(Response)>;
  using Stream = std::function<void(Response, OnStream)>;
  Respond() = default;
  template <class F>
    requires std::invocable<F&, Response> && (!std::same_as<std::decay_t<F>, Respond>)
  Respond(F answer) : answer_(std::move(answer)) {}
  Respond(Answer answer, Stream stream) : answer_(std::move(answer)), stream_(std::move(stream)) {}

  void operator()(Response res) const { answer_(std::move(res)); }
  // Sends `head` (no body, no length) and keeps the connection open as an event stream; `opened` then
  // gets its outlet. A connection that cannot stream answers 501 and `opened` never runs.
  void stream(Response head, OnStream opened) const;

 private:
  Answer answer_;
  Stream stream_;
};

// What the connection knows about its peer, for throttling, logs and kiosk identity.
struct Peer {
  std::string address;
  // SHA-256 of the DER of the client certificate the TLS handshake verified against the box's CA,
  // lower-case hex; "" when the client sent none (browsers).
  std::string client_cert_fingerprint;
};

using Handler = std::function<void(Request&&, const Peer&, Respond)>;

inline void Respond::stream(Response head, OnStream opened) const {
  if (stream_) return stream_(std::move(head), std::move(opened));
  Response res{boost::beast::http::status::not_implemented, head.version()};
  res.set(boost::beast::http::field::content_type, "application/json");
  res.body() = R"({"error":{"code":"stream.unsupported","kind":"internal","message":"this connection cannot hold an event stream"}})";
  res.prepare_payload();
  answer_(std::move(res));
}

}  // namespace classbook::http
