// test_http_client: Beast for the requests, plain Asio reads for the event stream (so the test sees
// the wire format as the browser does). Each operation runs the client's own io_context to completion.
#include "test_http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

namespace classbook::kiosk::test {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
const tcp::endpoint endpoint_of(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }
}  // namespace

Headers same_origin(std::uint16_t port) { return {{"Origin", "http://127.0.0.1:" + std::to_string(port)}}; }

HttpReply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                       const Headers& headers, const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  HttpReply reply;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == "POST") req.prepare_payload();
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  stream.expires_after(std::chrono::seconds(5));
  stream.async_connect(endpoint_of(port), [&](beast::error_code ec) {
    if (ec) return;
    http::async_write(stream, req, [&](beast::error_code ec2, std::size_t) {
      if (ec2) return;
      http::async_read(stream, buffer, res, [&](beast::error_code ec3, std::size_t) {
        if (ec3) return;
        reply.status = res.result_int();
        for (const auto& f : res) reply.headers[lower(std::string(f.name_string()))] = std::string(f.value());
        reply.body = res.body();
      });
    });
  });
  ioc.run();
  return reply;
}

struct SseClient::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
  net::steady_timer timer{ioc};
  std::string buffer;
  std::string head;
  bool connected = false;
  bool eof = false;

  enum class Read { found, timeout, closed };
  // Reads until `delim` is in the buffer, the timeout passes, or the stream ends. Plain chunks and
  // std::string::find: the event stream can carry megabytes, and this must stay quick under ASan.
  Read read_until(const std::string& delim, std::chrono::milliseconds timeout) {
    std::size_t searched = 0;
    const auto found = [&] {
      const bool hit = buffer.find(delim, searched) != std::string::npos;
      searched = buffer.size() >= delim.size() ? buffer.size() - delim.size() + 1 : 0;
      return hit;
    };
    if (found()) return Read::found;
    if (eof) return Read::closed;
    Read result = Read::timeout;
    bool done = false;
    std::function<void()> read_more = [&] {
      socket.async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
        if (ec) {
          if (ec != net::error::operation_aborted) result = Read::closed, eof = true;
          done = true;
          timer.cancel();
          return;
        }
        buffer.append(chunk.data(), n);
        if (found()) {
          result = Read::found;
          done = true;
          timer.cancel();
          return;
        }
        read_more();
      });
    };
    timer.expires_after(timeout);
    timer.async_wait([&](beast::error_code ec) {
      if (!ec && !done) socket.cancel();
    });
    read_more();
    ioc.restart();
    ioc.run();
    return result;
  }
  std::array<char, 65536> chunk{};
};

SseClient::SseClient(std::uint16_t port, const std::string& target, const Headers& headers)
    : impl_(std::make_unique<Impl>()) {
  beast::error_code ec;
  impl_->socket.connect(endpoint_of(port), ec);
  if (ec) return;
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nAccept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  net::write(impl_->socket, net::buffer(request), ec);
  if (ec) return;
  impl_->connected = true;
  if (impl_->read_until("\r\n\r\n", std::chrono::seconds(5)) == Impl::Read::found) {
    const auto end = impl_->buffer.find("\r\n\r\n") + 4;
    impl_->head = impl_->buffer.substr(0, end);
    impl_->buffer.erase(0, end);
  }
}

SseClient::~SseClient() = default;
bool SseClient::connected() const { return impl_->connected; }
const std::string& SseClient::head() const { return impl_->head; }

std::optional<SseBlock> SseClient::next_block(std::chrono::milliseconds timeout) {
  if (impl_->read_until("\n\n", timeout) != Impl::Read::found) return std::nullopt;
  const auto end = impl_->buffer.find("\n\n");
  std::string text = impl_->buffer.substr(0, end + 1);
  impl_->buffer.erase(0, end + 2);
  SseBlock block;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto nl = text.find('\n', start);
    const std::string line = text.substr(start, nl - start);
    start = nl + 1;
    if (line.starts_with(":")) {
      block.comments.push_back(line.substr(line.starts_with(": ") ? 2 : 1));
      continue;
    }
    const auto colon = line.find(':');
    const std::string field = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (value.starts_with(" ")) value.erase(0, 1);
    if (field == "id") block.id = value;
    if (field == "event") block.event = value;
    if (field == "retry") block.retry = std::stol(value);
    if (field == "data") {
      block.data += (block.has_data ? "\n" : "") + value;
      block.has_data = true;
    }
  }
  return block;
}

std::optional<SseBlock> SseClient::next_event(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto block = next_block(std::max(left, std::chrono::milliseconds(1)));
    if (!block) return std::nullopt;
    if (block->has_data) return block;
  }
  return std::nullopt;
}

bool SseClient::closed_by_server(std::chrono::milliseconds timeout) {
  // A delimiter that never comes: read (and keep) everything until the end or the timeout.
  return impl_->read_until(std::string("\0never\0", 7), timeout) == Impl::Read::closed;
}

}  // namespace classbook::kiosk::test
