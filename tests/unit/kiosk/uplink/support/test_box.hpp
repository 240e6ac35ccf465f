// test_box: a small HTTPS server on loopback standing in for classbookd in the uplink tests — its
// own CA (common/pki), client certificates asked for or required, a handler per request, and
// switches for slowness and dropped connections. One thread per connection; fine for tests.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "classbook/common/pki.hpp"
#include "kiosk/core/kiosk_config.hpp"

namespace classbook::kiosk::test {

// A box CA, a server certificate for 127.0.0.1/localhost, and an enrolled kiosk's key and
// certificate written into `dir` as enrolment would.
struct TestPki {
  explicit TestPki(const std::string& dir, const std::string& kiosk_name = "Main entrance");
  KeyAndCert ca;
  KeyAndCert server;
  std::string kiosk_key;
  std::string kiosk_cert;
  KioskFiles files;
};

struct SeenRequest {
  std::string method;
  std::string target;
  std::string body;
  std::string client_name;  // CN of the client certificate, "" when none was shown
  std::string accept;       // the Accept header
  std::string spool_depth;  // the Classbook-Spool-Depth header
  bool has_spool_depth = false;
};

struct TestAnswer {
  int status = 200;
  std::string body = "{}";
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // more headers, as written
};

class TestBox {
 public:
  struct Options {
    bool require_client_cert = true;  // false: asked for, not required (like the real box)
    KeyAndCert server_cert;           // empty: pki.server
  };
  TestBox(const TestPki& pki, Options options);
  explicit TestBox(const TestPki& pki) : TestBox(pki, Options{}) {}
  ~TestBox();

  std::uint16_t port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  void handle(std::function<TestAnswer(const SeenRequest&)> handler);
  std::vector<SeenRequest> seen() const;
  // Wait (up to `deadline`) until `n` requests have been read / `n` connections closed by the box;
  // false when the deadline passed first. Tests wait on these events instead of sleeping.
  bool wait_seen(std::size_t n, std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;
  bool wait_closed(int n, std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;

  std::atomic<int> connections{0};   // TCP connections accepted
  std::atomic<int> handshakes{0};    // TLS handshakes that succeeded
  std::atomic<int> delay_ms{0};      // before each answer
  std::atomic<bool> drop_after_answer{false};  // close the socket after answering, without saying so
  std::atomic<int> drop_next{0};  // this many requests are read, then the socket closes unanswered

  void stop();

 private:
  void accept_loop();
  void serve(int fd);

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  // a request read or a connection closed
  int closed_ = 0;
  std::function<TestAnswer(const SeenRequest&)> handler_;
  std::vector<SeenRequest> seen_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
  std::atomic<bool> stopping_{false};
};

}  // namespace classbook::kiosk::test
