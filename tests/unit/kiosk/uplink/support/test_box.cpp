// test_box: blocking Beast over OpenSSL; stop() shuts every socket down so blocked reads return.
#include "test_box.hpp"

#include <stdexcept>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>

#include "classbook/common/pki.hpp"
#include "classbook/common/private_file.hpp"

namespace classbook::kiosk::test {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

TestPki::TestPki(const std::string& dir, const std::string& kiosk_name) {
  ca = *make_ca("Test box CA", 30);
  server = *make_server_cert(ca, "test box", {"localhost"}, {"127.0.0.1"}, 30);
  auto csr = make_key_and_csr("whatever", kiosk_key);
  kiosk_cert = *sign_client_csr(ca, *csr, kiosk_name, 30);
  files = kiosk_files(dir);
  if (auto st = write_private_file(files.key, kiosk_key); !st) throw std::runtime_error(st.error().message);
  if (auto st = write_private_file(files.certificate, kiosk_cert); !st) throw std::runtime_error(st.error().message);
  if (auto st = write_private_file(files.ca, ca.cert_pem); !st) throw std::runtime_error(st.error().message);
}

struct TestBox::Impl {
  net::io_context io;
  ssl::context tls{ssl::context::tls_server};
  tcp::acceptor acceptor{io};
};

TestBox::TestBox(const TestPki& pki, Options options) : impl_(std::make_unique<Impl>()) {
  const auto& cert = options.server_cert.cert_pem.empty() ? pki.server : options.server_cert;
  auto& tls = impl_->tls;
  const std::string chain = cert.cert_pem + pki.ca.cert_pem;  // like the box: certificate, then CA
  tls.use_certificate_chain(net::buffer(chain));
  tls.use_private_key(net::buffer(cert.key_pem), ssl::context::pem);
  tls.add_certificate_authority(net::buffer(pki.ca.cert_pem));
  tls.set_verify_mode(ssl::verify_peer | (options.require_client_cert ? ssl::verify_fail_if_no_peer_cert : 0));
  auto& acceptor = impl_->acceptor;
  const tcp::endpoint ep{net::ip::make_address("127.0.0.1"), 0};
  acceptor.open(ep.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen();
  port_ = acceptor.local_endpoint().port();
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestBox::~TestBox() { stop(); }

void TestBox::stop() {
  if (stopping_.exchange(true)) return;
  ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);
  {
    std::lock_guard lock(mutex_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

void TestBox::handle(std::function<TestAnswer(const SeenRequest&)> handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

std::vector<SeenRequest> TestBox::seen() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

bool TestBox::wait_seen(std::size_t n, std::chrono::milliseconds deadline) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, deadline, [&] { return seen_.size() >= n; });
}

bool TestBox::wait_closed(int n, std::chrono::milliseconds deadline) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, deadline, [&] { return closed_ >= n; });
}

void TestBox::accept_loop() {
  while (!stopping_) {
    beast::error_code ec;
    tcp::socket socket(impl_->io);
    impl_->acceptor.accept(socket, ec);
    if (ec || stopping_) return;
    ++connections;
    const int fd = socket.release(ec);
    std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void TestBox::serve(int fd) {
  net::io_context io;
  beast::ssl_stream<tcp::socket> stream(tcp::socket(io, tcp::v4(), fd), impl_->tls);
  beast::error_code ec;
  stream.handshake(ssl::stream_base::server, ec);
  if (!ec) {
    ++handshakes;
    std::string client;
    if (X509* peer = SSL_get1_peer_certificate(stream.native_handle())) {
      BIO* bio = BIO_new(BIO_s_mem());
      PEM_write_bio_X509(bio, peer);
      char* data = nullptr;
      const long n = BIO_get_mem_data(bio, &data);
      client = *certificate_common_name(std::string(data, static_cast<std::size_t>(n)));
      BIO_free(bio);
      X509_free(peer);
    }
    beast::flat_buffer buffer;
    while (!stopping_) {
      http::request<http::string_body> req;
      http::read(stream, buffer, req, ec);
      if (ec) break;
      SeenRequest seen{std::string(req.method_string()), std::string(req.target()), req.body(), client,
                       std::string(req[http::field::accept]), std::string(req["Classbook-Spool-Depth"]),
                       req.find("Classbook-Spool-Depth") != req.end()};
      std::function<TestAnswer(const SeenRequest&)> handler;
      {
        std::lock_guard lock(mutex_);
        seen_.push_back(seen);
        handler = handler_;
      }
      changed_.notify_all();
      for (int waited = 0; waited < delay_ms && !stopping_; waited += 10)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (drop_next > 0) {
        --drop_next;
        break;
      }
      const TestAnswer a = handler ? handler(seen) : TestAnswer{404, R"({"error":{"code":"not_found","message":"no handler"}})"};
      http::response<http::string_body> res{static_cast<http::status>(a.status), 11};
      res.set(http::field::content_type, a.content_type);
      for (const auto& [name, value] : a.headers) res.set(name, value);
      res.body() = a.body;
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      http::write(stream, res, ec);
      if (ec || !req.keep_alive() || drop_after_answer) break;
    }
  }
  {
    std::lock_guard lock(mutex_);
    std::erase(open_fds_, fd);
    ::shutdown(fd, SHUT_RDWR);
    ++closed_;
  }
  changed_.notify_all();
  // the socket closes with `stream`
}

}  // namespace classbook::kiosk::test
